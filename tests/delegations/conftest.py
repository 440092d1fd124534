"""A delegation programme and its organiser, for the delegation tests (a test
module overrides either where it needs another)."""

import pytest

from events.enums import TeamRole
from events.models import EventTeamMember
from tests.factories.accounts import UserFactory
from tests.factories.delegations import ProgrammeFactory


@pytest.fixture
def programme():
    return ProgrammeFactory()


@pytest.fixture
def organiser(programme):
    user = UserFactory(email="organiser@example.org")
    EventTeamMember.objects.create(
        event=programme.event, user=user, role=TeamRole.ORGANISER
    )
    return user
