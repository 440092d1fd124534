"""The badge loop end to end: an organiser prints the event's badges in the Wagtail
admin and downloads the sheet; the QR code read off the printed PDF is what check-in
staff scan at the door, and the person is checked in.

Drives Debian's Chromium through Playwright's sync API (never a downloaded browser).
"""

from pathlib import Path

import pytest

from badges.models import CheckIn
from events.enums import TeamRole
from events.models import EventTeamMember
from tests.badges.pdfs import qr_texts
from tests.browser import BROWSER_TEST, PASSWORD, chromium, signed_in
from tests.factories.accounts import UserFactory
from tests.factories.badges import RegistrationFactory
from tests.factories.events import EventFactory

pytestmark = BROWSER_TEST


@pytest.fixture
def event_with_people(transactional_db, django_db_serialized_rollback):
    event = EventFactory(slug="kic-print", name_en="KIC Print")
    organiser = UserFactory(email="print.organiser@example.org")
    EventTeamMember.objects.create(event=event, user=organiser, role=TeamRole.ORGANISER)
    staff = UserFactory(email="print.door@example.org")
    EventTeamMember.objects.create(event=event, user=staff, role=TeamRole.CHECKIN)
    people = [
        RegistrationFactory(event=event, user__first_name=name, user__last_name="Kim")
        for name in ("Minji", "Seojun", "Hana")
    ]
    return event, organiser, staff, people


def test_organiser_prints_badges_and_a_printed_code_checks_its_person_in(
    live_server, event_with_people
):
    event, organiser, staff, people = event_with_people
    with chromium() as browser:
        admin = browser.new_context(accept_downloads=True).new_page()
        admin.set_default_timeout(30_000)
        admin.goto(f"{live_server.url}/admin/login/")
        admin.fill("input[name=username]", organiser.email)
        admin.fill("input[name=password]", PASSWORD)
        admin.get_by_role("button", name="Sign in").click()
        admin.wait_for_url(f"{live_server.url}/admin/")

        admin.goto(f"{live_server.url}/admin/badges/print/")
        admin.select_option("select[name=event]", label=str(event))
        admin.get_by_role("button", name="Print", exact=True).click()
        admin.get_by_role("link", name="Download the PDF").wait_for()
        assert "3 / 3" in admin.locator("main").inner_text()
        with admin.expect_download() as download:
            admin.get_by_role("link", name="Download the PDF").click()
        pdf = Path(download.value.path()).read_bytes()

        codes = [code for page in qr_texts(pdf) for code in page]
        assert len(codes) == 3

        door = signed_in(browser, live_server.url, staff.email)
        door.goto(f"{live_server.url}/en/checkin/{event.slug}/")
        door.fill("#token", codes[0])
        door.locator("#token-form").get_by_role("button", name="Check").click()
        door.locator("#result.ok").wait_for()
        assert door.locator("#result-message").inner_text() == "Checked in"

    assert CheckIn.objects.filter(registration__event=event).count() == 1
