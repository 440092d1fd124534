"""An organiser of one event: the team role is the only grant (cms.access puts
them in the Organisers group, which opens the Wagtail admin)."""

from accounts.models import User
from events import services
from events.enums import TeamRole
from events.models import Event
from tests.factories.accounts import UserFactory


def admin_organiser(event: Event, *, email: str) -> User:
    user = UserFactory(email=email)
    services.team_member_add(event=event, user=user, role=TeamRole.ORGANISER)
    return user
