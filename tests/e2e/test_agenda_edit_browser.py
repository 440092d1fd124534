"""An organiser edits a session's Korean title in the Wagtail admin; a visitor sees it.

Drives Debian's Chromium through Playwright's sync API (never a downloaded browser).
"""

import pytest

from cms.demo.pages import build_site
from cms.models import AgendaPage, EventPage
from events import services
from events.enums import TeamRole
from tests.browser import BROWSER_TEST, PASSWORD, chromium
from tests.cms.conftest import Conference, add_sessions, publish_child, translate
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory, RoomFactory, TrackFactory

pytestmark = BROWSER_TEST


@pytest.fixture
def browser_page(agenda_session, organiser):
    with chromium() as browser:
        page = browser.new_page()
        page.set_default_timeout(10_000)
        yield page


@pytest.fixture
def agenda_session(transactional_db, django_db_serialized_rollback):
    home = build_site()
    event = EventFactory(slug="kic-e2e")
    rooms = [RoomFactory(event=event), RoomFactory(event=event)]
    conference = Conference(event, rooms, TrackFactory(event=event))
    landing = publish_child(home, EventPage(title="KIC", slug="kic", event=event))
    agenda = publish_child(
        landing, AgendaPage(title="Agenda", slug="agenda", event=event)
    )
    translate(landing, title="국제임상")
    translate(agenda, title="프로그램")
    return add_sessions(conference, 1)[0]


@pytest.fixture
def organiser(transactional_db, django_db_serialized_rollback, agenda_session):
    user = UserFactory(email="olivia@example.org")
    services.team_member_add(
        event=agenda_session.event, user=user, role=TeamRole.ORGANISER
    )
    return user


def test_organiser_changes_korean_title_and_visitor_sees_it(
    live_server, browser_page, agenda_session, organiser
):
    page = browser_page
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", organiser.email)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/admin/")

    page.goto(
        f"{live_server.url}/admin/snippets/events/session/edit/{agenda_session.pk}/"
    )
    page.fill("#id_title_ko", "임상시험 혁신 세션")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(f"{live_server.url}/admin/snippets/events/session/")

    visitor = page.context.browser.new_page()  # a fresh, anonymous context
    visitor.goto(f"{live_server.url}/ko/kic/agenda/")
    assert visitor.locator("h3.title").first.inner_text() == "임상시험 혁신 세션"
