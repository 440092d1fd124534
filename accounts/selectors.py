"""Reads about people's accounts: who must use two-factor sign-in, their devices."""

from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from events.enums import TeamRole
from events.models import EventTeamMember, User


def two_factor_required_for(*, user: User) -> bool:
    """Staff of the admin and every event's organisers."""
    if user.is_staff or user.is_superuser:
        return True
    return EventTeamMember.objects.filter(user=user, role=TeamRole.ORGANISER).exists()


def two_factor_enabled(*, user: User) -> bool:
    """A confirmed authenticator: then every sign-in asks for a code."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def totp_device_pending(*, user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).first()


def recovery_codes_left(*, user: User) -> int:
    device = StaticDevice.objects.filter(user=user, name="recovery").first()
    return device.token_set.count() if device else 0
