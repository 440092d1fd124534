"""`Authorization: Bearer cvt_…` for the API and for the attendee export.

Each endpoint that takes a token names the scope it needs. A token without that
scope, or made for another event, is refused with 403; an unknown, expired or
revoked key with 401. Other bearer keys (a scanner's `cvs_…`) are left to the
next authenticator.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from config.problems import problem
from events.enums import ApiScope
from events.models import ApiToken
from events.tokens import KEY_PREFIX, api_token_authenticate


def token_refusal(*, token: ApiToken, scope: str, slug: str | None) -> str:
    """Why this token may not be used here, or "" when it may."""
    if scope not in token.scopes:
        return _("This token lacks the “%(scope)s” scope.") % {"scope": scope}
    if token.event_id is not None and (slug is None or token.event.slug != slug):
        return _("This token is for another event.")
    return ""


def _slug(request: HttpRequest) -> str | None:
    match = getattr(request, "resolver_match", None)
    return match.kwargs.get("slug") if match else None


class ApiTokenAuth(HttpBearer):
    """An integrator's token with `scope`; the request then acts as its owner."""

    def __init__(self, scope: ApiScope) -> None:
        super().__init__()
        self.scope = scope

    def authenticate(self, request: HttpRequest, token: str):
        if not token.startswith(KEY_PREFIX):
            return None
        # config/api_bearer.py has looked the key up already on API requests.
        api_token = getattr(request, "bearer_token", None)
        if not isinstance(api_token, ApiToken):
            api_token = api_token_authenticate(key=token)
        if api_token is None:
            raise AuthenticationError()
        refusal = token_refusal(token=api_token, scope=self.scope, slug=_slug(request))
        if refusal:
            raise PermissionDenied(refusal)
        request.user = api_token.owner
        request.api_token = api_token
        return api_token.owner


class OptionalApiToken(ApiTokenAuth):
    """Public endpoints: anyone may read; a token (checked as above) reads as its
    owner, so an organiser's integration also sees the owner's draft events."""

    def __call__(self, request: HttpRequest):
        if not request.headers.get(self.header):
            return request.user
        return super().__call__(request) or request.user


def token_or_login_required(scope: ApiScope):
    """For plain Django views (the attendee export): a token with `scope`, or a
    signed-in person as `login_required` would have it."""

    def decorator(view):
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            header = request.headers.get("Authorization", "")
            if not header.lower().startswith("bearer "):
                return login_required(view)(request, *args, **kwargs)
            token = api_token_authenticate(key=header[7:].strip())
            if token is None:
                return problem(401, "Unauthorised", _("Send a valid token."))
            refusal = token_refusal(token=token, scope=scope, slug=kwargs.get("slug"))
            if refusal:
                return problem(403, "Forbidden", refusal)
            request.user = token.owner
            request.api_token = token
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
