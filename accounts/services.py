"""Writes for two-factor sign-in: enrol an authenticator app (TOTP), confirm it with
a first code, and issue single-use recovery codes. django-otp stores the devices
and throttles wrong codes."""

from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from events.models import User

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
