import pytest

from registration.models import Registration
from registration.selectors import delegation_member_list
from tests.factories.accounts import UserFactory
from tests.factories.events import (
    EventFactory,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_delegation_members_are_organisations_of_delegation_registrations():
    event = EventFactory(kind="delegation")
    member = UserFactory()
    Registration.objects.create(event=event, user=member, category="delegation")
    Registration.objects.create(event=event, user=UserFactory(), category="attendee")
    assert list(delegation_member_list(event=event)) == [member.organisation]
