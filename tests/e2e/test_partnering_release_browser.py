"""Issue 17's walk in Chromium: the organiser cancels a meeting (asked first),
re-runs the scheduler (a repair by default), sees "1 meeting moves, 2 people told"
before publishing, confirms, and each of the two gets an e-mail naming their own
change in their language; a full re-plan asks first and warns; a hand move that
breaks a rule is refused with the rule named. The pages fit 360 px in English and
Korean."""

import time

import pytest
from django.core import mail
from django.utils import translation

from events.dates import date_text
from events.enums import OrganisationKind, TeamRole
from events.models import EventTeamMember
from matchmaking import services
from matchmaking.enums import MeetingStatus
from matchmaking.models import Meeting, ScheduleRun
from tests.browser import BROWSER_TEST, chromium, signed_in
from tests.factories.accounts import UserFactory
from tests.factories.matchmaking import (
    ParticipantFactory,
    accepted_meeting,
    partnering_event,
)

pytestmark = BROWSER_TEST


@pytest.fixture
def forum(transactional_db, django_db_serialized_rollback):
    """A published schedule; then x becomes unavailable when meeting a–x is held,
    so a repair must move it. Written before Playwright starts."""
    event = partnering_event(slots=4, tables=2).event
    a = ParticipantFactory(event=event, kind=OrganisationKind.INVESTOR)
    b = ParticipantFactory(event=event, kind=OrganisationKind.INVESTOR)
    x, y = ParticipantFactory(event=event), ParticipantFactory(event=event)
    x.organisation.name = "Hanbit Clinical Research Organisation Co., Ltd."
    x.organisation.save(update_fields=["name"])  # the schedule's tables at 360 px
    a.user.language = "ko"
    a.user.save(update_fields=["language"])
    moving, other, to_cancel = (
        accepted_meeting(a, x),
        accepted_meeting(a, y),
        accepted_meeting(b, y),
    )
    run = services.schedule_run(event=event, time_limit=5, incremental=False)
    services.schedule_publish(run=run, user=None, tell=False)
    for m in (moving, other, to_cancel):
        m.refresh_from_db()
    x.blocked_slots.add(moving.slot)
    organiser = UserFactory(email="olivia@example.org")
    EventTeamMember.objects.create(event=event, user=organiser, role=TeamRole.ORGANISER)
    return event, organiser, (a, b, x, y), (moving, other, to_cancel)


@pytest.fixture
def browser(forum):
    with chromium() as browser:
        yield browser


def _fits(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= window.innerWidth + 1"
    )


def _mails(count: int, timeout: float = 20) -> list:
    """E-mails go from a background thread: wait for them."""
    end = time.monotonic() + timeout
    while len(mail.outbox) < count and time.monotonic() < end:
        time.sleep(0.2)
    return list(mail.outbox)


def test_cancel_rerun_see_the_counts_publish_and_each_is_told_their_change(
    live_server, browser, forum, tmp_path
):
    event, organiser, (a, b, x, y), (moving, other, to_cancel) = forum
    base = f"{live_server.url}/en/partnering/{event.slug}/organiser"
    page = signed_in(browser, live_server.url, organiser.email)

    # cancel b–y from the organiser's list, filtered by b: asked first
    page.goto(f"{base}/meetings/")
    page.select_option("select[name=person]", str(b.pk))
    page.get_by_role("button", name="Show").click()
    assert page.locator(".count").inner_text() == "1 confirmed meeting"
    page.locator(".organiser-meetings .meeting").first.get_by_role(
        "link", name="Cancel"
    ).click()
    assert "Cancel the meeting of" in page.locator("h1").inner_text()
    page.get_by_role("button", name="Cancel the meeting").click()
    page.wait_for_url(f"{base}/meetings/?person={b.pk}&day=")
    assert "cancelled" in page.locator(".notice").first.inner_text()

    # re-run: a repair unless asked otherwise
    page.goto(f"{base}/schedule/")
    assert page.locator("input[name=mode][value=repair]").is_checked()
    page.fill("input[name=time_limit]", "5")
    mail.outbox.clear()
    page.get_by_role("button", name="Run the scheduler").click()
    headline = page.locator(".diff-headline")
    headline.wait_for(timeout=60_000)
    assert headline.inner_text() == "1 meeting moves, 2 people told"
    assert "Cancelled" in page.locator(".changes").inner_text()
    assert "All 2 accepted meetings placed" in page.locator(".run-summary").inner_text()
    page.screenshot(path=f"{tmp_path}/schedule-draft-en-1366.png", full_page=True)

    page.get_by_role("button", name="Publish this schedule").click()
    assert page.locator("h1").inner_text() == "1 meeting moves, 2 people told"
    assert "2 people are told at once" in page.locator(".warning").inner_text()
    page.get_by_role("button", name="Publish the schedule").click()
    assert page.locator(".run-status").inner_text() == "Published"
    assert (
        "1 meeting moves, 2 people told" in page.locator(".notice").first.inner_text()
    )

    moving.refresh_from_db()
    sent = {m.to[0]: m for m in _mails(2)}
    assert set(sent) == {a.user.email, x.user.email}
    new = moving.slot.start.astimezone(event.tz)
    english = sent[x.user.email]
    assert english.subject.startswith(f"{event.name}: your meeting with {a.user}")
    assert "moves from" in english.body
    assert f"at {moving.table}." in english.body
    assert f"{new:%H:%M} KST" in english.body
    korean = sent[a.user.email]  # a reads Korean: the counterpart's Korean name
    assert x.user.name_ko in korean.subject
    assert x.user.name_ko in korean.body
    with translation.override("ko"):
        assert (
            f"{date_text(new, 'DAY_TIME_FORMAT')} KST" in korean.body
        )  # 3월 16일 (화) 09:30
    assert "옮겨졌습니다" in korean.body  # the change itself is said in Korean
    assert Meeting.objects.get(pk=to_cancel.pk).status == MeetingStatus.CANCELLED


def test_a_full_replan_asks_first_and_a_rule_breaking_move_is_refused(
    live_server, browser, forum, tmp_path
):
    event, organiser, (a, b, x, y), (moving, other, to_cancel) = forum
    base = f"{live_server.url}/en/partnering/{event.slug}/organiser"
    page = signed_in(browser, live_server.url, organiser.email)
    runs = ScheduleRun.objects.count()

    page.goto(f"{base}/schedule/")
    page.locator("input[name=mode][value=full]").check()
    page.fill("input[name=time_limit]", "5")
    page.get_by_role("button", name="Run the scheduler").click()
    assert "again from scratch?" in page.locator("h1").inner_text()
    assert "moves most published meetings" in page.locator(".warning").inner_text()
    page.get_by_role("link", name="Go back").click()
    assert ScheduleRun.objects.count() == runs  # nothing started

    # move a–y to where a already meets x: refused, the rule named
    page.goto(f"{base}/meetings/{other.pk}/move/")
    page.select_option("select[name=slot]", str(moving.slot_id))
    page.select_option("select[name=table]", str(other.table_id))
    page.get_by_role("button", name="Move the meeting and tell both").click()
    error = page.locator(".notice.error").inner_text()
    assert "Not moved." in error
    assert "Both people free:" in error
    assert page.locator("select[name=slot]").input_value() == str(moving.slot_id)
    other.refresh_from_db()
    assert other.slot_id != moving.slot_id

    for language in ("en", "ko"):
        for width in (360, 1366):
            page.set_viewport_size({"width": width, "height": 900})
            for name, rest in (
                ("schedule", "schedule/"),
                ("meetings", "meetings/"),
                ("move", f"meetings/{other.pk}/move/"),
            ):
                url = f"{live_server.url}/{language}/partnering/{event.slug}/organiser/{rest}"
                page.goto(url)
                page.screenshot(
                    path=f"{tmp_path}/{name}-{language}-{width}.png", full_page=True
                )
                assert _fits(page), f"{name} {language} {width}px scrolls sideways"
