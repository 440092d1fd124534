"""Compact signed QR tokens: `<registration>-<version>-<signature>`.

Registration id and badge version in base 36, then 15 bytes (120 bits) of an
HMAC-SHA256 in base 32. Every character is in QR's alphanumeric set, so the code
stays small (version 2 or 3 at level M). Nothing secret is inside; forging needs
the HMAC key (SECRET_KEY, with SECRET_KEY_FALLBACKS accepted after a rotation).
Revocation is not in the token: the check-in service rejects versions that a
reprint replaced and registrations that are cancelled.

The same token is printed under the QR for staff to type when a code will not
scan (`token_display`: the signature in groups of four). Reading forgives what
typing does: spaces, lower case, and the digits 0, 1 and 8 for the letters O, I
and B (base 32 has no 0, 1, 8 or 9), so the whole signature is still checked.
"""

import base64
from dataclasses import dataclass

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "convene.badges.qr"
GROUP = 4
TYPOS = str.maketrans("018", "OIB")
SIGNATURE_BYTES = 15
DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class ForgedToken(ValueError):
    """Malformed, or the signature does not match."""


@dataclass(frozen=True)
class TokenClaims:
    registration_id: int
    version: int


def _b36(number: int) -> str:
    out = ""
    while True:
        number, digit = divmod(number, 36)
        out = DIGITS[digit] + out
        if not number:
            return out


def _signature(payload: str, secret: str) -> str:
    digest = salted_hmac(SALT, payload, secret=secret, algorithm="sha256").digest()
    return base64.b32encode(digest[:SIGNATURE_BYTES]).decode()


def token_make(*, registration_id: int, version: int) -> str:
    payload = f"{_b36(registration_id)}-{_b36(version)}"
    return f"{payload}-{_signature(payload, settings.SECRET_KEY)}"


def token_display(token: str) -> str:
    """The token as printed under the QR: `7K-1-ABCD EFGH … UVWX`."""
    payload, _dash, signature = token.rpartition("-")
    groups = [signature[i : i + GROUP] for i in range(0, len(signature), GROUP)]
    return f"{payload}-{' '.join(groups)}"


def _typed(token: str) -> list[str]:
    """A scanned or typed token in its canonical parts."""
    parts = "".join(token.split()).upper().split("-")
    if len(parts) == 3:
        parts[2] = parts[2].translate(TYPOS)
    return parts


def token_read(token: str) -> TokenClaims:
    """The claims of a genuine token, scanned or typed; `ForgedToken` else."""
    parts = _typed(token)
    if len(parts) != 3 or not all(parts) or len(parts[0]) > 12 or len(parts[1]) > 6:
        raise ForgedToken(token)
    payload = f"{parts[0]}-{parts[1]}"
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    if not any(
        constant_time_compare(parts[2], _signature(payload, s)) for s in secrets
    ):
        raise ForgedToken(token)
    try:
        return TokenClaims(int(parts[0], 36), int(parts[1], 36))
    except ValueError:
        raise ForgedToken(token) from None
