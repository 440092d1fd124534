import pytest

from events.enums import TeamRole
from events.models import EventTeamMember
from tests.factories import EventFactory, TicketTypeFactory, UserFactory


@pytest.fixture
def event(db):
    return EventFactory(currency="KRW")


@pytest.fixture
def ticket(event):
    return TicketTypeFactory(event=event, name_en="Regular", capacity=3)


@pytest.fixture
def buyer(db):
    return UserFactory(email="buyer@example.org")


@pytest.fixture
def organiser(event):
    user = UserFactory(email="organiser@example.org")
    EventTeamMember.objects.create(event=event, user=user, role=TeamRole.ORGANISER)
    return user
