import pytest

from badges import services
from badges.permissions import Scanner
from events.enums import TeamRole
from events.models import EventTeamMember
from tests.factories.accounts import UserFactory
from tests.factories.badges import RegistrationFactory
from tests.factories.events import EventFactory


@pytest.fixture
def event(db):
    return EventFactory(slug="kic-test", name_en="KIC Test")


@pytest.fixture
def other_event(db):
    return EventFactory(slug="other-test")


def _member(event, role, email):
    user = UserFactory(email=email)
    EventTeamMember.objects.create(event=event, user=user, role=role)
    return user


@pytest.fixture
def staff(event):
    return _member(event, TeamRole.CHECKIN, "door@example.org")


@pytest.fixture
def organiser(event):
    return _member(event, TeamRole.ORGANISER, "olivia@example.org")


@pytest.fixture
def scanner(staff):
    return Scanner(user=staff)


@pytest.fixture
def attendee(event):
    return RegistrationFactory(
        event=event,
        user__first_name="Minji",
        user__last_name="Kim",
        user__name_ko="김민지",
        user__email="minji@example.org",
        organisation_name="Seoul CRO",
        ticket_type__name_en="Early bird",
    )


@pytest.fixture
def token(attendee):
    badge = services.badge_current(registration=attendee)
    return services.badge_token(badge=badge)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Print runs save their PDFs: into a throw-away folder, not the project's."""
    settings.MEDIA_ROOT = tmp_path / "media"
