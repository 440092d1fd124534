"""An attendee puts a session on their agenda from its page, subscribes to their
calendar, and the calendar app's view of the link shows the session; replacing
the link stops the old one at once. An exhibitor subscribes to their company's
schedule, which holds the sessions their colleagues speak at, and turns it off.

Drives Debian's Chromium through Playwright's sync API (never a downloaded browser).
"""

import urllib.error
import urllib.parse
import urllib.request

import pytest

from cms.demo.pages import build_site
from cms.models import AgendaPage, EventPage
from tests.browser import BROWSER_TEST, chromium, signed_in
from tests.cms.conftest import Conference, add_sessions, publish_child
from tests.factories.accounts import UserFactory
from tests.factories.events import (
    EventFactory,
    OrganisationFactory,
    RoomFactory,
    TrackFactory,
)

pytestmark = BROWSER_TEST


@pytest.fixture
def session(transactional_db, django_db_serialized_rollback):
    home = build_site()
    event = EventFactory(slug="kic-cal", timezone="Asia/Seoul")
    conference = Conference(
        event, [RoomFactory(event=event)], TrackFactory(event=event)
    )
    landing = publish_child(home, EventPage(title="KIC", slug="kic", event=event))
    publish_child(landing, AgendaPage(title="Agenda", slug="agenda", event=event))
    return add_sessions(conference, 1)[0]


@pytest.fixture
def attendee(transactional_db, django_db_serialized_rollback):
    return UserFactory(email="hana@example.org")


def _get(base: str, link: str) -> tuple[int, str]:
    """What a calendar app gets from the link (its path, on the test server)."""
    url = base + urllib.parse.urlsplit(link).path
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


def test_attendee_bookmarks_a_session_and_subscribes_to_it(
    live_server, session, attendee
):
    with chromium() as browser:
        page = signed_in(browser, live_server.url, attendee.email)
        page.goto(f"{live_server.url}/en/kic/agenda/session/{session.pk}/")
        page.get_by_role("button", name="Add to my agenda").click()
        page.goto(f"{live_server.url}/en/me/calendar/")
        assert session.title_en in page.locator(".my-agenda").inner_text()

        box = page.get_by_role("region", name="My agenda")
        box.get_by_role("button", name="Create a subscription link").click()
        box = page.get_by_role("region", name="My agenda")
        first = box.locator("input[readonly]").input_value()
        status, body = _get(live_server.url, first)
        assert status == 200
        assert "BEGIN:VCALENDAR" in body
        assert session.title_en in body

        box.get_by_role("button", name="Replace the link").click()
        page.get_by_text("Replace the subscription link?").wait_for()
        assert _get(live_server.url, first)[0] == 200  # asking changed nothing
        page.locator("section.confirm").get_by_role(
            "button", name="Replace the link"
        ).click()
        page.wait_for_url(f"{live_server.url}/en/me/calendar/")
        box = page.get_by_role("region", name="My agenda")
        second = box.locator("input[readonly]").input_value()
        assert second != first
        assert _get(live_server.url, second)[0] == 200
        assert _get(live_server.url, first)[0] == 404


def test_an_exhibitor_subscribes_to_their_companys_schedule(live_server, session):
    company = OrganisationFactory(name_en="Seoul Biologics")
    colleague = session.session_speakers.get().speaker.user
    colleague.organisation = company
    colleague.save()
    exhibitor = UserFactory(email="booth@example.org", organisation=company)
    with chromium() as browser:
        page = signed_in(browser, live_server.url, exhibitor.email)
        page.goto(f"{live_server.url}/en/me/calendar/")
        box = page.get_by_role("region", name="Seoul Biologics's schedule")
        box.get_by_role("button", name="Create a subscription link").click()
        box = page.get_by_role("region", name="Seoul Biologics's schedule")
        link = box.locator("input[readonly]").input_value()
        status, body = _get(live_server.url, link)
        assert status == 200
        assert session.title_en in body  # a colleague speaks at it

        box.get_by_role("button", name="Turn the link off").click()
        page.locator("section.confirm").get_by_role(
            "button", name="Turn the link off"
        ).click()
        page.wait_for_url(f"{live_server.url}/en/me/calendar/")
        assert _get(live_server.url, link)[0] == 404
