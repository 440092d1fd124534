import pytest

from events.enums import OrganisationKind, TeamRole
from events.models import EventTeamMember
from tests.factories.accounts import UserFactory
from tests.factories.matchmaking import ParticipantFactory, partnering_event


@pytest.fixture
def partnering(db):
    return partnering_event(slots=4, tables=2)


@pytest.fixture
def event(partnering):
    return partnering.event


@pytest.fixture
def investor(event):
    return ParticipantFactory(event=event, kind=OrganisationKind.INVESTOR)


@pytest.fixture
def biotech(event):
    return ParticipantFactory(event=event, kind=OrganisationKind.BIOTECH)


@pytest.fixture
def organiser(event):
    user = UserFactory(email="olivia@example.org")
    EventTeamMember.objects.create(event=event, user=user, role=TeamRole.ORGANISER)
    return user


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs the block's on-commit callbacks (task enqueues) at its
    end, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
