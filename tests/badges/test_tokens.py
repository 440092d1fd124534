import pytest

from badges.tokens import ForgedToken, TokenClaims, token_make, token_read

pytestmark = pytest.mark.unit


def test_token_round_trip_gives_registration_and_version():
    token = token_make(registration_id=4217, version=3)
    assert token_read(token) == TokenClaims(registration_id=4217, version=3)


def test_token_is_short_and_qr_alphanumeric():
    token = token_make(registration_id=99999, version=12)
    assert len(token) <= 34
    assert set(token) <= set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")


def test_token_read_accepts_lower_case_and_spaces_typed_by_staff():
    token = token_make(registration_id=7, version=1)
    assert token_read(f"  {token.lower()} ") == TokenClaims(7, 1)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda t: t.replace(t.split("-")[0], "ZZ", 1),  # another registration
        lambda t: "-".join([t.split("-")[0], "9", t.split("-")[2]]),  # another version
        lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),  # signature changed
        lambda t: t.rsplit("-", 1)[0],  # no signature
        lambda t: "not a badge",
        lambda t: "",
    ],
)
def test_forged_or_tampered_tokens_are_rejected(tamper):
    token = token_make(registration_id=42, version=1)
    with pytest.raises(ForgedToken):
        token_read(tamper(token))


def test_token_signed_with_another_key_is_rejected(settings):
    token = token_make(registration_id=42, version=1)
    settings.SECRET_KEY = "another-secret-key-entirely"
    with pytest.raises(ForgedToken):
        token_read(token)


def test_token_from_before_a_key_rotation_is_accepted_with_the_fallback(settings):
    old = settings.SECRET_KEY
    token = token_make(registration_id=42, version=1)
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = (
        "the-new-key-after-rotation",
        [old],
    )
    assert token_read(token) == TokenClaims(42, 1)
