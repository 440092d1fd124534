"""A bearer key that nobody issued is refused on every API operation.

Each router names its own authenticators, and a chain passes a key it does not
know on to the next one (an integrator's `cvt_…` token, a door scanner's `cvs_…`
key, the session cookie), so a made-up key used to fall through to the session or
to anonymous reading. Checked once here, before any operation's own
authentication: an `Authorization: Bearer` value that is neither a live API token
nor a live scanner key is 401 problem+json. Without the header nothing changes;
a known key still goes through the operation's own checks (scope, event).
"""

from functools import wraps

from django.http import HttpRequest
from django.utils.translation import gettext as _

from badges.permissions import scanner_token_authenticate
from config.problems import problem
from events.tokens import KEY_PREFIX, api_token_authenticate


def bearer_key(request: HttpRequest) -> str | None:
    """The key of an `Authorization: Bearer …` header ("" when empty), or None
    when there is no such header."""
    scheme, _, key = request.headers.get("Authorization", "").partition(" ")
    return key.strip() if scheme.lower() == "bearer" else None


def bearer_key_owner(key: str):
    """The live API token or scanner token with this key, or None."""
    if key.startswith(KEY_PREFIX):
        return api_token_authenticate(key=key)
    return scanner_token_authenticate(key=key) if key else None


def refuse_unknown_bearer(run):
    """For `api.add_decorator(…, mode="view")`: wraps each operation before its
    authenticators run."""

    @wraps(run)
    def checked(request: HttpRequest, *args, **kwargs):
        key = bearer_key(request)
        if key is None:
            return run(request, *args, **kwargs)
        # Kept on the request: the operation's authenticators take it from there
        # rather than looking the key up a second time.
        request.bearer_token = bearer_key_owner(key)
        if request.bearer_token is None:
            response = problem(401, "Unauthorised", _("Send a valid token."))
            response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
            return response
        return run(request, *args, **kwargs)

    return checked
