"""An `Authorization: Bearer` key that no authenticator knows is 401 problem+json on
every API operation, public ones and signed-in sessions included; without the
header, and with a live key, everything answers as before."""

import pytest
from django.urls import reverse

from badges import services as badge_services
from badges.models import CheckIn
from events import tokens as api_tokens
from events.enums import ApiScope, TeamRole
from events.models import EventTeamMember
from registration.models import Order
from tests.factories.accounts import UserFactory
from tests.factories.badges import RegistrationFactory, ScannerTokenFactory
from tests.factories.events import EventFactory
from tests.factories.registration import TicketTypeFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

UNKNOWN = [
    "Bearer garbage",
    "bearer garbage",
    "Bearer cvt_made-up-integrator-key",
    "Bearer cvs_made-up-scanner-key",
    "Bearer ",
]
REFUSED = {
    "type": "about:blank",
    "title": "Unauthorised",
    "status": 401,
    "detail": "Send a valid token.",
}


@pytest.fixture
def event():
    event = EventFactory(slug="kic-bearer")
    TicketTypeFactory(event=event)
    return event


@pytest.fixture
def staff(event):
    user = UserFactory(email="door@example.org")
    EventTeamMember.objects.create(event=event, user=user, role=TeamRole.CHECKIN)
    return user


@pytest.fixture
def badge_token(event):
    registration = RegistrationFactory(event=event, user__first_name="Minji")
    badge = badge_services.badge_current(registration=registration)
    return badge_services.badge_token(badge=badge)


def _scan(client, event, badge_token, nonce, **headers):
    return client.post(
        reverse("api:checkin_scan", kwargs={"slug": event.slug}),
        {"nonce": nonce, "token": badge_token},
        content_type="application/json",
        headers=headers,
    )


def _order(client, event, **headers):
    ticket = event.ticket_types.order_by("pk").first()
    body = {"attendees": [{"ticket_type_id": ticket.pk, "email": "kim@example.org"}]}
    url = reverse("api:order_create", kwargs={"slug": event.slug})
    return client.post(url, body, content_type="application/json", headers=headers)


@pytest.mark.parametrize("authorization", UNKNOWN)
def test_public_reads_refuse_an_unknown_bearer(client, event, authorization):
    for url in (
        "/api/events/",
        f"/api/events/{event.slug}",
        f"/api/registration/events/{event.slug}/tickets",
    ):
        response = client.get(url, headers={"authorization": authorization})
        assert (response.status_code, response["Content-Type"]) == (
            401,
            "application/problem+json",
        ), url
        assert response.json() == REFUSED
        assert response["WWW-Authenticate"] == 'Bearer error="invalid_token"'


def test_public_reads_without_the_header_still_answer(client, event):
    listed = client.get("/api/events/").json()
    tickets = client.get(f"/api/registration/events/{event.slug}/tickets")
    assert [e["slug"] for e in listed["items"]] == [event.slug]
    assert [t["id"] for t in tickets.json()["items"]] == [event.ticket_types.get().pk]


@pytest.mark.parametrize("authorization", UNKNOWN)
def test_a_signed_in_session_with_an_unknown_bearer_is_refused(
    client, event, staff, badge_token, authorization
):
    """The session would have let these through: the bad key wins."""
    client.force_login(staff)
    scan = _scan(client, event, badge_token, "bearer-0001", authorization=authorization)
    order = _order(client, event, authorization=authorization)
    agenda = client.get("/api/me/agenda", headers={"authorization": authorization})
    assert [r.json() for r in (scan, order, agenda)] == [REFUSED] * 3
    assert (CheckIn.objects.count(), Order.objects.count()) == (0, 0)


def test_without_the_header_the_session_still_works(client, event, staff, badge_token):
    client.force_login(staff)
    scan = _scan(client, event, badge_token, "bearer-0002")
    order = _order(client, event)
    assert (scan.json()["result"], order.status_code) == ("ok", 201)
    assert client.get("/api/me/agenda").json() == {"items": [], "count": 0}


def test_live_keys_still_pass(client, event, staff, badge_token):
    organiser = UserFactory()
    EventTeamMember.objects.create(event=event, user=organiser, role=TeamRole.ORGANISER)
    _token, key = api_tokens.api_token_create(
        owner=organiser, name="CRM", scopes=[ApiScope.READ_EVENTS]
    )
    device = ScannerTokenFactory(event=event)
    listed = client.get("/api/events/", headers={"authorization": f"Bearer {key}"})
    scan = _scan(
        client, event, badge_token, "bearer-0003", authorization=f"Bearer {device.key}"
    )
    assert [e["slug"] for e in listed.json()["items"]] == [event.slug]
    assert scan.json()["result"] == "ok"


def test_a_basic_header_is_left_to_the_operations(client, event):
    """Only bearer keys are ours to judge (a proxy may add Basic credentials)."""
    response = client.get("/api/events/", headers={"authorization": "Basic dTpw"})
    assert response.status_code == 200
