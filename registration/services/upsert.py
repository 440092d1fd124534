"""A registration without an order, for demo data and tests: no seats are checked
and nothing is paid."""

from accounts.models import User
from config.services import model_update
from events.models import Event
from registration.enums import RegistrationCategory, RegistrationStatus
from registration.models import Registration


def registration_upsert(
    *,
    event: Event,
    user: User,
    category: str = RegistrationCategory.ATTENDEE,
    status: str = RegistrationStatus.CONFIRMED,
) -> Registration:
    registration = Registration.objects.filter(event=event, user=user).first()
    registration = registration or Registration(event=event, user=user)
    return model_update(registration, category=category, status=status)
