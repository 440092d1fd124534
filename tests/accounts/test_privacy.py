"""A person's own data: the export holds all of it and nobody else's; deletion
anonymises the account, keeps orders for the accounts without personal details,
and is refused while an unpaid order or a coming meeting needs settling."""

import datetime as dt
import json

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from accounts.models import User
from badges.models import CheckIn
from calendars.models import SessionBookmark
from events.enums import TeamRole
from events.models import EventTeamMember
from matchmaking.enums import MeetingStatus
from matchmaking.models import Meeting
from registration.enums import OrderStatus
from registration.models import Order
from tests.factories.accounts import UserFactory
from tests.factories.badges import OrderFactory, RegistrationFactory
from tests.factories.events import EventFactory, SessionFactory
from tests.factories.matchmaking import (
    ForumFactory,
    MeetingRequestFactory,
    ParticipantFactory,
    accepted_meeting,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def person(db):
    """Minji: a paid order with billing details, a registration with answers, a
    partnering profile that sent a request, a check-in and a bookmark."""
    user = UserFactory(email="minji@example.org", first_name="Minji", last_name="Kim")
    event = EventFactory(slug="kic-privacy")
    order = OrderFactory(
        event=event, buyer=user, billing_name="Minji Kim", billing_address="Seoul 1"
    )
    reg = RegistrationFactory(
        event=event, user=user, order=order, dietary_needs="vegan", job_role="CSO"
    )
    CheckIn.objects.create(event=event, registration=reg, kind="entrance", nonce="n1")
    SessionBookmark.objects.create(user=user, session=SessionFactory(event=event))
    forum = ForumFactory(slug="forum-privacy")
    me = ParticipantFactory(
        event=forum,
        registration=RegistrationFactory(event=forum, user=user),
        pitch_en="Our antibody",
    )
    MeetingRequestFactory(sender=me, message="Let us talk about licensing")
    return user


def test_the_export_holds_everything_about_the_person(client, person):
    client.force_login(person)
    response = client.get("/en/me/data/export.json")
    data = json.loads(response.content)
    assert response["Content-Disposition"].startswith(
        'attachment; filename="convene-personal-data-'
    )
    assert data["format"] == "convene-personal-data/1"
    assert data["account"]["email"] == "minji@example.org"
    assert "password" not in data["account"]
    assert {r["event"] for r in data["registrations"]} == {
        "kic-privacy",
        "forum-privacy",
    }
    assert "vegan" in [r["dietary_needs"] for r in data["registrations"]]
    assert [o["billing_name"] for o in data["orders"]] == ["Minji Kim"]
    assert data["partnering_profiles"][0]["pitch_en"] == "Our antibody"
    assert data["meeting_requests"][0]["message"] == "Let us talk about licensing"
    assert [c["kind"] for c in data["check_ins"]] == ["entrance"]


def test_the_export_holds_nobody_elses_data(client, person):
    other = UserFactory(email="other@example.org")
    OrderFactory(buyer=other, billing_name="Someone Else")
    client.force_login(person)
    text = client.get("/en/me/data/export.json").content.decode()
    assert ("Someone Else" in text, "other@example.org" in text) == (False, False)


def test_the_export_needs_a_sign_in(client):
    assert client.get("/en/me/data/export.json").status_code == 302


def test_deletion_anonymises_and_keeps_the_order_for_the_accounts(client, person):
    order = Order.objects.get(buyer=person)
    LogEntry.objects.filter(actor=None).update(actor=person, actor_email=person.email)
    client.force_login(person)
    response = client.post("/en/me/data/delete/", {"confirm": "Minji@example.org"})
    assert (response.status_code, response["Location"]) == (302, "/")
    gone = User.objects.get(pk=person.pk)
    assert (
        gone.email,
        gone.first_name,
        gone.is_active,
        gone.has_usable_password(),
    ) == (
        f"deleted-{person.pk}@deleted.invalid",
        "",
        False,
        False,
    )
    order.refresh_from_db()
    assert (order.billing_name, order.billing_address, order.total, order.code) == (
        "",
        "",
        OrderFactory._meta.declarations["total"],
        order.code,
    )
    assert set(gone.registrations.values_list("dietary_needs", flat=True)) == {""}
    participant = gone.registrations.get(event__slug="forum-privacy").participant
    assert (participant.is_active, participant.pitch_en) == (False, "")
    assert participant.sent.get().message == ""
    assert SessionBookmark.objects.filter(user=gone).count() == 0
    assert not LogEntry.objects.filter(actor_email="minji@example.org").exists()
    assert "_auth_user_id" not in client.session
    assert CheckIn.objects.filter(registration__user=gone).count() == 1  # counted


def test_deletion_needs_the_address_typed(client, person):
    client.force_login(person)
    response = client.post("/en/me/data/delete/", {"confirm": "someone@example.org"})
    assert response.status_code == 400
    assert "That is not the address of this account" in response.text
    assert User.objects.get(pk=person.pk).is_active


def test_an_unpaid_order_blocks_deletion(client, person):
    unpaid = OrderFactory(
        buyer=person,
        status=OrderStatus.PENDING,
        expires_at=timezone.now() + dt.timedelta(days=1),
    )
    client.force_login(person)
    page = client.get("/en/me/data/")
    assert f"Order {unpaid.code} is not paid yet: pay or cancel it first." in page.text
    response = client.post("/en/me/data/delete/", {"confirm": person.email})
    assert response.status_code == 409
    assert User.objects.get(pk=person.pk).email == person.email


def test_a_coming_meeting_blocks_deletion_until_cancelled(client, person):
    me = person.registrations.get(event__slug="forum-privacy").participant
    meeting = accepted_meeting(ParticipantFactory(event=me.event, kind="investor"), me)
    client.force_login(person)
    blocked = client.post("/en/me/data/delete/", {"confirm": person.email})
    assert "partnering meetings still to come" in blocked.text
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.CANCELLED)
    done = client.post("/en/me/data/delete/", {"confirm": person.email})
    assert done.status_code == 302


def test_an_organiser_cannot_delete_their_account(client, person):
    EventTeamMember.objects.create(
        event=EventFactory(), user=person, role=TeamRole.ORGANISER
    )
    client.force_login(person)
    response = client.post("/en/me/data/delete/", {"confirm": person.email})
    assert response.status_code == 409
    assert "ask another organiser to take your role first" in response.text


def test_api_export_and_delete(client, person):
    assert client.get("/api/account/data").status_code == 401
    client.force_login(person)
    data = client.get("/api/account/data").json()
    assert data["account"]["email"] == person.email
    wrong = client.post(
        "/api/account/delete", {"confirm": "x@y.z"}, content_type="application/json"
    )
    assert (wrong.status_code, wrong["Content-Type"]) == (
        400,
        "application/problem+json",
    )
    done = client.post(
        "/api/account/delete",
        {"confirm": person.email},
        content_type="application/json",
    )
    assert done.status_code == 204
    assert User.objects.get(pk=person.pk).is_active is False


def test_api_delete_blocked_lists_the_reasons(client, person):
    OrderFactory(buyer=person, status=OrderStatus.PENDING)
    client.force_login(person)
    response = client.post(
        "/api/account/delete",
        {"confirm": person.email},
        content_type="application/json",
    )
    body = response.json()
    assert (response.status_code, body["title"], len(body["reasons"])) == (
        409,
        "Deletion blocked",
        1,
    )
