"""Check-in staff find a person by name on the scanner page and check them in,
then the same person's badge code says "already checked in".

Drives Debian's Chromium through Playwright's sync API (never a downloaded browser).
"""

import pytest

from badges import services
from events.enums import TeamRole
from events.models import EventTeamMember
from tests.browser import BROWSER_TEST, chromium, signed_in
from tests.factories.accounts import UserFactory
from tests.factories.badges import RegistrationFactory
from tests.factories.events import EventFactory

pytestmark = BROWSER_TEST


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
def browser(door):
    with chromium() as browser:  # the data is written first (tests/browser.py)
        yield browser


def test_staff_checks_in_by_search_then_the_badge_is_already_used(
    live_server, browser, door
):
    event, staff, token = door
    page = signed_in(browser, live_server.url, staff.email)
    page.goto(f"{live_server.url}/en/checkin/{event.slug}/")

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
