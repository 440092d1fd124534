"""Writes for two-factor sign-in: enrol an authenticator app (TOTP), confirm it with
a first code, and issue single-use recovery codes. django-otp stores the devices
and throttles wrong codes."""

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.db import transaction
from django.utils.encoding import force_bytes, force_str
from django.utils.http import (
    base36_to_int,
    urlsafe_base64_decode,
    urlsafe_base64_encode,
)
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from config import ratelimit
from config.services import model_update

RECOVERY_CODES = 10


class TwoFactorError(Exception):
    """A wrong or spent code: shown to the person, never a 500."""


def totp_device_start(*, user: User) -> TOTPDevice:
    """An unconfirmed authenticator for `user` (the same one until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice(user=user, name=_("Authenticator app"), confirmed=False)
        device.full_clean()
        device.save()
    return device


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, token: str) -> list[str]:
    """Confirm the authenticator with its first code; replace any older one, and
    return fresh recovery codes (shown once)."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if device.confirmed:
        raise TwoFactorError(_("This authenticator is already set up."))
    if not device.verify_token(token.strip().replace(" ", "")):
        raise TwoFactorError(_("That code is wrong or has expired. Try the next one."))
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return recovery_codes_issue(user=device.user)


@transaction.atomic
def recovery_codes_issue(*, user: User) -> list[str]:
    """Ten new single-use codes; the old ones stop working."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name="recovery")
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def two_factor_check(*, user: User, token: str):
    """The device that accepts `token`: the authenticator (throttled by django-otp
    after wrong codes) or a recovery code, which is then spent."""
    code = token.strip().replace(" ", "").replace("-", "")
    totp = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if totp is not None and code.isdigit() and totp.verify_token(code):
        return totp
    recovery = StaticDevice.objects.filter(user=user, name="recovery").first()
    if (
        recovery is not None
        and not code.isdigit()
        and recovery.verify_token(code.lower())
    ):
        return recovery
    raise TwoFactorError(_("That code is wrong or has expired."))


def user_upsert(*, email: str, password: str | None = None, **fields: Any) -> User:
    """Create or update a person; a password is set only when given."""
    email = email.strip().lower()
    user = User.objects.filter(email=email).first() or User(email=email)
    if password is not None:
        user.set_password(password)
    elif user.pk is None:
        user.set_unusable_password()
    return model_update(user, **fields)


def user_language_remember(*, user: User, language: str) -> None:
    """The first language someone signs in with becomes their e-mails' language
    (they change it in their personal area)."""
    if not user.language and language in dict(settings.LANGUAGES):
        User.objects.filter(pk=user.pk).update(language=language)
        user.language = language


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
        user = user_upsert(email=email)
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
