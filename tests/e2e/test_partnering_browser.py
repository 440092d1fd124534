"""The partnering journey in a browser: an investor finds a biotech and requests a
meeting, the biotech sees it among their unread notifications and accepts, the
organiser runs and publishes the schedule, and both see the same slot and table. Debian's Chromium through Playwright's sync API.
"""

import re

import pytest

from events.enums import OrganisationKind, TeamRole
from events.models import EventTeamMember
from tests.browser import BROWSER_TEST, chromium, signed_in
from tests.factories.accounts import UserFactory
from tests.factories.matchmaking import ParticipantFactory, TagFactory, partnering_event

pytestmark = BROWSER_TEST


@pytest.fixture
def forum(transactional_db, django_db_serialized_rollback):
    """Written before Playwright starts: nothing touches the database while it runs."""
    event = partnering_event(slots=4, tables=3).event
    onco = TagFactory(category="area", slug="oncology", name_en="Oncology")
    investor = ParticipantFactory(
        event=event, kind=OrganisationKind.INVESTOR, seeks=[onco]
    )
    biotech = ParticipantFactory(event=event, offers=[onco])
    biotech.organisation.name_en = "Hanul Oncology Therapeutics"
    biotech.organisation.save()
    ParticipantFactory(event=event)  # someone else in the directory
    organiser = UserFactory(email="olivia@example.org")
    EventTeamMember.objects.create(event=event, user=organiser, role=TeamRole.ORGANISER)
    return event, investor.user, biotech.user, organiser


@pytest.fixture
def browser(forum):
    with chromium() as browser:
        yield browser


def _signed_in(browser, live_server, user):
    return signed_in(browser, live_server.url, user.email)


def test_investor_requests_biotech_accepts_organiser_publishes(
    live_server, browser, forum
):
    event, investor, biotech, organiser = forum
    base = f"{live_server.url}/en/partnering/{event.slug}"

    page = _signed_in(browser, live_server, investor)
    page.goto(f"{base}/?q=Hanul")
    page.get_by_role("link", name="Hanul Oncology Therapeutics").first.click()
    page.fill("textarea[name=message]", "We invest in oncology: shall we meet?")
    page.get_by_role("button", name="Send request").click()
    page.wait_for_url(f"{base}/requests/")
    assert page.locator(".sent .status").first.inner_text() == "Pending"

    other = _signed_in(browser, live_server, biotech)
    other.goto(f"{base}/")
    assert other.locator("nav .unread-count").inner_text() == "1"
    other.goto(f"{base}/notifications/")
    other.locator(".notification.unread a").first.click()  # opens and marks it read
    other.wait_for_url(f"{base}/requests/")
    assert other.locator("nav .unread-count").count() == 0
    other.get_by_role("button", name="Accept", exact=True).click()
    other.wait_for_url(f"{base}/requests/")
    assert other.locator(".received .status").first.inner_text() == "Accepted"

    boss = _signed_in(browser, live_server, organiser)
    boss.goto(f"{base}/organiser/schedule/")
    boss.fill("input[name=time_limit]", "5")
    boss.get_by_role("button", name="Run the scheduler").click()
    boss.get_by_role("button", name="Publish this schedule").click()
    boss.get_by_role("button", name="Publish the schedule").click()
    assert boss.locator(".run-status").inner_text() == "Published"

    seen = []
    for person in (page, other):
        person.goto(f"{base}/meetings/")
        meeting = person.locator(".meeting").first
        seen.append(
            (
                meeting.locator(".slot").inner_text(),
                meeting.locator(".table").inner_text(),
            )
        )
    assert seen[0] == seen[1]
    # one of the grid's four half hours from 09:00, in the event's own time zone
    assert re.match(r"Tue 16 Mar (09:00|09:30|10:00|10:30)–", seen[0][0])
    assert seen[0][1].startswith("Table ")
