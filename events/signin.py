"""Passwordless sign-in: a link by e-mail, single use, valid for a short time.

The token is Django's password-reset token under another salt: it hashes the
user's id, password hash, e-mail and last login, so signing in (which moves
`last_login`) spends it, and a token older than `LINK_VALID` is refused.
"""

import datetime as dt

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.encoding import force_bytes, force_str
from django.utils.http import (
    base36_to_int,
    urlsafe_base64_decode,
    urlsafe_base64_encode,
)

from config import ratelimit
from events import services
from events.models import User

LINK_VALID = dt.timedelta(minutes=30)
# At most this many links per address per hour, so the form cannot flood an inbox.
LINK_SCOPE = "signin-link-to"
LINKS_PER_HOUR = 5


class _SignInTokens(PasswordResetTokenGenerator):
    key_salt = "convene.events.signin.SignInTokens"

    def check_token(self, user, token) -> bool:
        if not super().check_token(user, token):
            return False
        try:
            issued = base36_to_int(token.split("-")[0])
        except ValueError:
            return False
        age = self._num_seconds(self._now()) - issued
        return 0 <= age <= LINK_VALID.total_seconds()


tokens = _SignInTokens()


def throttle_key(email: str) -> str:
    return ratelimit.counter_key(scope=LINK_SCOPE, who=email.strip().lower())


def signin_link_allowed(*, email: str) -> bool:
    """Count a request for a link to `email`; False past the hourly limit (kept
    even when the per-address rate limits are switched off)."""
    return ratelimit.hit(
        scope=LINK_SCOPE, who=email.strip().lower(), limit=LINKS_PER_HOUR, period=3600
    )


def signin_link_issue(*, email: str) -> tuple[User, str, str]:
    """The person with this e-mail (created without a password if new) and the
    uid and token of a fresh sign-in link."""
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = services.user_upsert(email=email)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return user, uid, tokens.make_token(user)


def signin_link_user(*, uid: str, token: str) -> User | None:
    """The user a link signs in, or None when it is wrong, used or expired."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uid)))
    except (ValueError, TypeError, OverflowError):
        return None
    user = User.objects.filter(pk=pk, is_active=True).first()
    if user is None or not tokens.check_token(user, token):
        return None
    return user
