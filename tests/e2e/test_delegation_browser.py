"""A company applies to a delegation, an organiser accepts it, the company names
its delegate, the organiser gives the delegate a booth shift, and the delegate
sees the itinerary in Chicago and Korea time.

Drives Debian's Chromium through Playwright's sync API (never a downloaded browser).
"""

import datetime as dt

import pytest
from django.utils import timezone

from delegations.models import DelegationApplication
from events.enums import SessionKind, TeamRole
from events.models import EventTeamMember
from registration.models import Registration
from tests.browser import BROWSER_TEST, chromium, signed_in
from tests.factories.accounts import UserFactory
from tests.factories.delegations import ProgrammeFactory
from tests.factories.events import SessionFactory

pytestmark = BROWSER_TEST


@pytest.fixture
def people(transactional_db, django_db_serialized_rollback):
    """Written before Playwright starts: nothing touches the database meanwhile."""
    now = timezone.now()
    programme = ProgrammeFactory(
        event__slug="asco-e2e",
        applications_open_at=now - dt.timedelta(days=1),
        application_deadline=now + dt.timedelta(days=30),
    )
    event = programme.event
    start = dt.datetime.combine(event.start_date, dt.time(15), tzinfo=event.tz)
    SessionFactory(
        event=event,
        title_en="Delegation briefing",
        kind=SessionKind.TALK,
        start=start,
        end=start + dt.timedelta(minutes=90),
    )
    organiser = UserFactory(email="organiser@example.org")
    EventTeamMember.objects.create(event=event, user=organiser, role=TeamRole.ORGANISER)
    company = UserFactory(email="ceo@biotech.example", first_name="Jiwoo")
    return programme, organiser, company


@pytest.fixture
def browser(people):
    with chromium() as browser:
        yield browser


def test_apply_accept_confirm_and_see_the_itinerary(live_server, browser, people):
    programme, organiser, company = people
    base, slug = live_server.url, programme.event.slug

    applicant = signed_in(browser, base, company.email)
    applicant.goto(f"{base}/en/delegation/{slug}/apply/")
    applicant.fill("#id_company_profile", "ADC platform company, 40 staff.")
    applicant.fill("#id_goals", "Licensing partners for our HER2 ADC.")
    applicant.get_by_role("button", name="Save draft").click()
    applicant.get_by_role("button", name="Submit the application").click()
    assert "cannot edit" in applicant.locator(".confirm .warning").inner_text()
    applicant.get_by_role("button", name="Submit the application").click()
    assert applicant.locator("[data-status]").first.inner_text() == "Submitted"

    staff = signed_in(browser, base, organiser.email)
    staff.goto(f"{base}/en/delegation/organise/{slug}/")
    staff.locator("input[name=applications]").check()
    staff.select_option("#id_status", "accepted")
    staff.get_by_role("button", name="Decide for the ticked companies").click()
    assert "for 1 application?" in staff.locator(".confirm .question").inner_text()
    staff.get_by_role("button", name="Decide", exact=True).click()
    assert staff.locator("td[data-status]").first.inner_text() == "Accepted"

    applicant.reload()
    applicant.get_by_role("link", name="Confirm and name your delegates").click()
    applicant.select_option("#id_delegate-0-role", "lead")
    applicant.get_by_role("button", name="Confirm our place").click()
    assert applicant.locator("[data-status]").first.inner_text() == "Confirmed"

    staff.goto(f"{base}/en/delegation/organise/{slug}/itinerary/")
    staff.fill("#id_title_en", "Korea Pavilion: morning shift")
    staff.select_option("#id_kind", "booth_shift")
    staff.fill("#id_start", "2027-06-01T10:00")
    staff.fill("#id_end", "2027-06-01T09:00")
    staff.get_by_label("Jiwoo").check()
    staff.get_by_role("button", name="Add the item").click()
    assert (
        "An item must end after it starts."
        in staff.locator("form.stacked").inner_text()
    )
    staff.fill("#id_end", "2027-06-01T14:00")
    staff.get_by_role("button", name="Add the item").click()
    row = staff.locator("tr", has_text="Korea Pavilion: morning shift")
    assert "Jiwoo" in row.inner_text()

    applicant.get_by_role("link", name="Itinerary").first.click()
    item = applicant.locator("article.session").first
    # 31 May 15:00 in Chicago (CDT) is 1 June 05:00 in Seoul.
    assert "15:00" in item.locator(".when").inner_text()
    assert item.locator(".korea").inner_text() == "(Korea 05:00, 6/1)"
    shift = applicant.locator("article.session", has_text="morning shift")
    assert shift.locator(".korea").inner_text() == "(Korea 00:00, 6/2)"

    application = DelegationApplication.objects.get()
    assert application.status == "confirmed"
    assert Registration.objects.get(user=company).category == "delegation"
