"""The organiser's back office in the Wagtail admin: a hub per event with every
tool, reached from the "My events" menu, and today's numbers on the home page,
for the events the user organises only and in a bounded number of queries."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.test import RequestFactory
from django.utils import timezone

from badges.enums import CheckInKind
from badges.models import CheckIn
from delegations.enums import ApplicationStatus
from events.enums import TeamRole
from events.services import team_member_add
from events.wagtail_desk import home_panels
from registration.enums import OrderStatus
from tests.factories.admin import admin_organiser
from tests.factories.badges import OrderFactory, RegistrationFactory
from tests.factories.delegations import ApplicationFactory, ProgrammeFactory
from tests.factories.events import EventFactory
from tests.factories.matchmaking import (
    MeetingRequestFactory,
    ParticipantFactory,
    PartneringSetupFactory,
    accepted_meeting,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def alpha(db):
    return EventFactory(slug="alpha", name_en="Alpha Summit", currency="KRW")


@pytest.fixture
def beta(db):
    return EventFactory(slug="beta", name_en="Beta Forum", currency="EUR")


@pytest.fixture
def olivia(alpha):
    return admin_organiser(alpha, email="olivia@example.org")


@pytest.fixture
def client_a(client, olivia):
    client.force_login(olivia)
    return client


def _hub_links(html: str) -> list[str]:
    section = html.split('class="event-hub"', 1)[1]
    return [u.replace("&amp;", "&") for u in re.findall(r'href="([^"]+)"', section)]


def _figures(html: str) -> dict[str, str]:
    pairs = re.findall(r"<dt>(.*?)</dt><dd>(?:<a [^>]*>)?(.*?)(?:</a>)?</dd>", html)
    return dict(pairs)


def test_the_menu_lists_my_events_each_leading_to_its_hub(client_a, alpha, beta):
    html = client_a.get("/admin/").content.decode()
    assert "My events" in html
    assert "/admin/events/alpha/" in html
    assert "/admin/events/beta/" not in html


def test_another_events_hub_is_not_found(client_a, beta):
    assert client_a.get("/admin/events/beta/").status_code == 404


def test_every_tool_of_the_hub_answers_for_its_organiser(client_a, alpha, olivia):
    ProgrammeFactory(event=alpha)
    PartneringSetupFactory(event=alpha)
    response = client_a.get("/admin/events/alpha/")
    assert response.status_code == 200
    links = _hub_links(response.content.decode())
    for expected in (
        "/en/organiser/alpha/registrations/",
        "/en/organiser/alpha/attendees.xlsx",
        "/en/partnering/alpha/organiser/schedule/",
        "/en/delegation/organise/alpha/itinerary/",
        "/en/checkin/alpha/dashboard/",
        "/en/organiser/alpha/audit/",
    ):
        assert expected in links
    for url in links:
        assert client_a.get(url).status_code == 200, url


def test_the_hubs_lists_are_filtered_to_the_event(client_a, alpha, beta):
    links = _hub_links(client_a.get("/admin/events/alpha/").content.decode())
    assert f"/admin/snippets/events/session/?event={alpha.pk}" in links
    assert f"/admin/snippets/registration/tickettype/?event={alpha.pk}" in links
    assert not any(f"={beta.pk}" in url for url in links)


def _numbers(event, *, today: dt.datetime) -> None:
    """Two seats bought (one paid today), a check-in today and one yesterday, an
    application waiting, a meeting scheduled and a request pending."""
    yesterday = today - dt.timedelta(days=1)
    paid_today = OrderFactory(event=event, paid_at=today, total=Decimal("150000"))
    paid_before = OrderFactory(event=event, paid_at=yesterday, total=Decimal("90000"))
    first = RegistrationFactory(event=event, order=paid_today)
    second = RegistrationFactory(event=event, order=paid_before)
    OrderFactory(event=event, status=OrderStatus.PENDING, total=Decimal("70000"))
    for registration, at, nonce in ((first, today, "a"), (second, yesterday, "b")):
        CheckIn.objects.create(
            event=event,
            registration=registration,
            kind=CheckInKind.ENTRANCE,
            nonce=f"{event.slug}-{nonce}",
            checked_in_at=at,
        )
    programme = ProgrammeFactory(event=event)
    ApplicationFactory(programme=programme, status=ApplicationStatus.SUBMITTED)
    ApplicationFactory(programme=programme, status=ApplicationStatus.ACCEPTED)
    PartneringSetupFactory(event=event)
    investor = ParticipantFactory(event=event, kind="investor")
    accepted_meeting(investor, ParticipantFactory(event=event))
    MeetingRequestFactory(sender=investor, recipient=ParticipantFactory(event=event))


def test_the_home_panel_shows_todays_numbers_of_my_event(client_a, alpha, beta):
    now = timezone.now()
    _numbers(alpha, today=now)
    _numbers(beta, today=now)
    html = client_a.get("/admin/").content.decode()
    panel = html.split('id="alpha-today', 1)[1]
    figures = _figures(panel)
    assert figures["Tickets sold"] == "5"  # two bought, three partnering people
    assert figures["Sold today"] == "1"
    assert figures["Revenue"] == "KRW 240,000"
    assert figures["Checked in today / in all"] == "1 / 2"
    assert figures["Applications waiting for a decision"] == "1"
    assert figures["Meetings scheduled"] == "1"
    assert figures["Requests waiting for an answer"] == "1"
    assert "Beta Forum" not in html


def test_today_is_the_events_local_day(client_a, alpha):
    """00:30 in Seoul is still yesterday in UTC: it counts as today at the event."""
    seoul = timezone.localtime(timezone.now(), alpha.tz)
    start = seoul.replace(hour=0, minute=0, second=1)
    order = OrderFactory(event=alpha, paid_at=start)
    RegistrationFactory(event=alpha, order=order)
    figures = _figures(client_a.get("/admin/events/alpha/").content.decode())
    assert figures["Sold today"] == "1"


@pytest.mark.parametrize("events", [1, 3])
def test_the_home_panels_read_a_bounded_number_of_queries(
    olivia, alpha, events, django_assert_max_num_queries
):
    now = timezone.now()
    _numbers(alpha, today=now)
    for n in range(events - 1):
        event = EventFactory(slug=f"more-{n}")
        _numbers(event, today=now)
        team_member_add(event=event, user=olivia, role=TeamRole.ORGANISER)
    request = RequestFactory().get("/admin/")
    request.user = olivia
    with django_assert_max_num_queries(12):
        panels = home_panels(request)
        assert len(panels) == events
