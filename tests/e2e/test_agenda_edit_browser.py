"""An organiser edits a session's Korean title in the Wagtail admin; a visitor sees it.

Drives Debian's Chromium through Playwright's sync API (never a downloaded browser).
"""

import os
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from cms.demo import build_site
from cms.models import AgendaPage, EventPage
from events.demo.accounts import organisers_group
from tests.cms.conftest import Conference, add_sessions, publish_child, translate
from tests.factories import EventFactory, RoomFactory, TrackFactory, UserFactory

pytestmark = [
    pytest.mark.serial,
    pytest.mark.e2e,
    pytest.mark.skipif(
        not Path("/usr/bin/chromium").exists(),
        reason="Debian's Chromium (/usr/bin/chromium) is not installed",
    ),
]

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PASSWORD = "pw-for-tests"


@pytest.fixture
def browser_page(agenda_session, organiser):
    # Playwright's sync API runs an event loop in this thread (in a greenlet with its
    # own context, where Django would open a second, never-closed connection): so
    # the data is written before it starts, and nothing touches the database while
    # it runs. Left set: the database teardown that follows runs in this thread.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        page = browser.new_page()
        page.set_default_timeout(10_000)
        yield page
        browser.close()


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
def organiser(transactional_db, django_db_serialized_rollback):
    organisers_group()
    user = UserFactory(email="olivia@example.org", is_staff=True)
    user.groups.add(Group.objects.get(name="Organisers"))
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
