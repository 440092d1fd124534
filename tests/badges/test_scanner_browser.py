"""Check-in staff find a person by name on the scanner page and check them in,
then the same person's badge code says "already checked in".

Drives Debian's Chromium through Playwright's sync API (never a downloaded browser).
"""

import os
from pathlib import Path

import pytest
from django.db import connection

from badges import services
from events.enums import TeamRole
from events.models import EventTeamMember
from tests.factories import EventFactory, UserFactory
from tests.factories.badges import RegistrationFactory

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


@pytest.fixture(scope="module", autouse=True)
def _drop_browser_connections(django_db_setup, django_db_blocker):
    """Playwright's greenlet opens Django connections that nothing closes; on
    PostgreSQL they would keep the test database from being dropped."""
    yield
    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture
def door(transactional_db, django_db_serialized_rollback):
    event = EventFactory(slug="kic-door", name_en="KIC Door")
    staff = UserFactory(email="sora@example.org")
    EventTeamMember.objects.create(event=event, user=staff, role=TeamRole.CHECKIN)
    attendee = RegistrationFactory(
        event=event,
        user__first_name="Minji",
        user__last_name="Kim",
        user__name_ko="김민지",
        organisation_name="Seoul CRO",
        ticket_type__name_en="Early bird",
    )
    token = services.badge_token(badge=services.badge_current(registration=attendee))
    return event, staff, token


@pytest.fixture
def browser_page(door):
    # Data first, then the browser: nothing touches the database while it runs.
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


def test_staff_checks_in_by_search_then_the_badge_is_already_used(
    live_server, browser_page, door
):
    event, staff, token = door
    page = browser_page
    page.goto(f"{live_server.url}/en/checkin/{event.slug}/")
    page.fill("input[name=username]", staff.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main").get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/en/checkin/{event.slug}/")

    page.fill("#search", "김민지")
    page.locator("#search-form").get_by_role("button", name="Search").click()
    person = page.locator("#search-results li").first
    assert "Minji Kim · 김민지" in person.inner_text()
    person.get_by_role("button", name="Check in").click()
    result = page.locator("#result.ok")
    result.wait_for()
    assert page.locator("#result-message").inner_text() == "Checked in"
    assert "Seoul CRO · Early bird" in page.locator("#result-person").inner_text()

    page.fill("#token", token)
    page.locator("#token-form").get_by_role("button", name="Check").click()
    page.locator("#result.already").wait_for()
    assert page.locator("#result-message").inner_text() == "Already checked in"
    assert page.locator("#result-detail").inner_text().endswith("Entrance")
