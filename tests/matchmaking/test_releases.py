"""Schedule releases (issue 17): repair by default, a full re-plan asked first, the
draft's difference from the published schedule before Publish, each person told
their own changes in their language, the release history, and the organiser's
hand moves (checked against the scheduler's rules) and cancellations."""

import re

import pytest
from django.core import mail

from events.enums import OrganisationKind
from matchmaking import selectors, services
from matchmaking.enums import ChangeKind, MeetingStatus, ReleaseKind, RunStatus
from matchmaking.models import Meeting, ScheduleRelease, ScheduleRun
from tests.confirm import confirm_fields
from tests.factories.matchmaking import ParticipantFactory, accepted_meeting

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _url(event, rest: str) -> str:
    return f"/en/partnering/{event.slug}/{rest}"


@pytest.fixture
def people(event):
    a = ParticipantFactory(event=event, kind=OrganisationKind.INVESTOR)
    b = ParticipantFactory(event=event, kind=OrganisationKind.INVESTOR)
    x, y = ParticipantFactory(event=event), ParticipantFactory(event=event)
    return a, b, x, y


@pytest.fixture
def published(event, people):
    """Three meetings, published quietly as a set-up would."""
    a, b, x, y = people
    meetings = [accepted_meeting(a, x), accepted_meeting(a, y), accepted_meeting(b, y)]
    run = services.schedule_run(event=event, time_limit=5, incremental=False)
    services.schedule_publish(run=run, user=None, tell=False)
    for m in meetings:
        m.refresh_from_db()
    return meetings


def _block_own_slot(meeting: Meeting, participant) -> None:
    """The participant is no longer free when the meeting is: it must move."""
    participant.blocked_slots.add(meeting.slot)


def test_a_run_repairs_the_published_schedule_unless_asked_otherwise(
    event, organiser, published, committed
):
    with committed():
        run = services.schedule_run_start(event=event, user=organiser, time_limit=5)
    run.refresh_from_db()
    assert run.incremental is True
    assert run.status == RunStatus.DRAFT
    assert selectors.run_diff(run=run).changes == []  # nothing to repair


def test_the_first_plan_is_a_full_one(event, organiser, people, committed):
    a, _b, x, _y = people
    accepted_meeting(a, x)
    with committed():
        run = services.schedule_run_start(event=event, user=organiser, time_limit=5)
    run.refresh_from_db()
    assert run.incremental is False
    diff = selectors.run_diff(run=run)
    assert [c.kind for c in diff.changes] == [ChangeKind.ADDED]
    assert diff.counts["people"] == 2


def test_the_draft_shows_who_moves_from_where_to_where_before_publishing(
    client, event, organiser, people, published
):
    a, _b, x, _y = people
    moving = published[0]
    _block_own_slot(moving, x)
    run = services.schedule_run(event=event, time_limit=5, incremental=True)
    diff = selectors.run_diff(run=run)
    (change,) = diff.changes
    client.force_login(organiser)
    page = client.get(_url(event, f"organiser/schedule/?run={run.pk}")).content.decode()
    asked = client.get(_url(event, f"organiser/schedule/{run.pk}/publish/"))
    asked = asked.content.decode()

    assert change.meeting == moving
    assert change.kind == ChangeKind.MOVED
    assert "1 meeting moves, 2 people told" in page
    assert f"{a.user} ({a.organisation})" in page
    old = moving.slot.start.astimezone(event.tz).strftime("%Y-%m-%d %H:%M KST")
    assert f"{old}, {moving.table}" in page
    assert "1 meeting moves, 2 people told" in asked
    assert "2 people are told at once" in asked


def test_publishing_tells_each_person_their_own_changes_in_their_language(
    client, event, organiser, people, published, committed
):
    a, _b, x, y = people
    a.user.language = "ko"
    a.user.save(update_fields=["language"])
    moving = published[0]
    old_slot, old_table = moving.slot, moving.table
    _block_own_slot(moving, x)
    run = services.schedule_run(event=event, time_limit=5, incremental=True)
    client.force_login(organiser)
    url = _url(event, f"organiser/schedule/{run.pk}/publish/")
    asked = client.get(url).content.decode()
    mail.outbox.clear()
    with committed():
        client.post(url, confirm_fields(asked))
    moving.refresh_from_db()
    by = {m.to[0]: m for m in mail.outbox}

    assert set(by) == {a.user.email, x.user.email}  # y's meetings did not change
    english = by[x.user.email]
    old = old_slot.start.astimezone(event.tz)
    new = moving.slot.start.astimezone(event.tz)
    assert english.subject == (
        f"{event.name}: your meeting with {a.user} ({a.organisation}) moves to "
        f"{new:%a} {new.day} {new:%b %H:%M} KST"
    )
    assert (
        f"Your meeting with {a.user} ({a.organisation}) moves from "
        f"{old:%a} {old.day} {old:%b %H:%M} KST at {old_table} to "
        f"{new:%a} {new.day} {new:%b %H:%M} KST at {moving.table}." in english.body
    )
    korean = by[a.user.email]
    assert x.user.name_ko in korean.body  # the counterpart by their Korean name
    assert x.user.name_ko in korean.subject
    # "3월 16일 (화) 09:30 KST": month, day and one-syllable weekday, Korean order
    assert f"{new.month}월 {new.day}일 (화) {new:%H:%M} KST" in korean.body


def test_each_release_is_in_the_history_with_who_and_the_counts(
    client, event, organiser, people, published, committed
):
    _a, _b, x, _y = people
    _block_own_slot(published[0], x)
    run = services.schedule_run(event=event, time_limit=5, incremental=True)
    with committed():
        services.schedule_publish(run=run, user=organiser)
    first, latest = ScheduleRelease.objects.order_by("pk")
    client.force_login(organiser)
    page = client.get(_url(event, "organiser/schedule/")).content.decode()

    assert (first.published_by, first.people_told, first.added) == (None, 0, 3)
    assert (latest.published_by, latest.moved, latest.people_told) == (organiser, 1, 2)
    assert latest.scheduled == 3
    assert latest.run == run
    assert "Releases of the published schedule" in page
    assert f"{organiser}" in page
    assert "1 moved" in page
    assert "2 people told" in page
    assert "set-up (no one told)" in page


def test_a_full_replan_asks_first_and_warns(client, event, organiser, published):
    client.force_login(organiser)
    url = _url(event, "organiser/schedule/")
    asked = client.post(url, {"time_limit": 5, "mode": "full"})
    page = asked.content.decode()
    none_yet = ScheduleRun.objects.filter(status=RunStatus.QUEUED).exists()
    client.post(url, confirm_fields(page))
    run = ScheduleRun.objects.order_by("-pk").first()

    assert asked.status_code == 200
    assert "again from scratch?" in page
    assert "3 meetings are published; any of them may move." in page
    assert "usually moves most published meetings" in page
    assert none_yet is False
    assert run.incremental is False
    assert run.status != RunStatus.PUBLISHED


def test_the_page_offers_repair_first_and_no_solver_words(client, event, organiser):
    client.force_login(organiser)
    page = client.get(_url(event, "organiser/schedule/")).content.decode()
    (repair,) = re.findall(r'<input[^>]*value="repair"[^>]*>', page)
    (full,) = re.findall(r'<input[^>]*value="full"[^>]*>', page)
    assert "checked" in repair
    assert "checked" not in full
    for word in ("Status FEASIBLE", "Bound<", "Breaks<"):
        assert word not in page


@pytest.mark.parametrize(
    ("case", "rule"),
    [
        ("busy", "Both people free: "),
        ("table", "Table free: "),
        ("blocked", "Availability: "),
        ("agreed", "Agreed time: "),
    ],
)
def test_a_hand_move_that_breaks_a_rule_is_refused_with_the_rule_named(
    client, event, organiser, people, published, case, rule
):
    a, _b, x, _y = people
    meeting, other, third = published
    target_slot, table = other.slot, meeting.table
    if case == "table":
        target_slot, table = third.slot, third.table
        if {p.pk for p in meeting.participants.all()} & {
            p.pk for p in third.participants.all()
        }:
            pytest.skip("the arrangement shares a person")
    elif case == "blocked":
        target_slot = event.meeting_slots.exclude(
            pk__in=[m.slot_id for m in published]
        ).first()
        x.blocked_slots.add(target_slot)
    elif case == "agreed":
        target_slot = event.meeting_slots.exclude(
            pk__in=[m.slot_id for m in published]
        ).first()
        Meeting.objects.filter(pk=meeting.pk).update(fixed_slot=meeting.slot)
    client.force_login(organiser)
    before = (meeting.slot_id, meeting.table_id)
    response = client.post(
        _url(event, f"organiser/meetings/{meeting.pk}/move/"),
        {"slot": target_slot.pk, "table": table.pk},
    )
    meeting.refresh_from_db()
    page = response.content.decode()

    assert response.status_code == 400
    assert "Not moved." in page
    assert rule in page
    assert f'<option value="{target_slot.pk}" selected>' in page  # input kept
    assert (meeting.slot_id, meeting.table_id) == before
    assert not ScheduleRelease.objects.filter(kind=ReleaseKind.MOVE).exists()


def test_a_hand_move_that_keeps_the_rules_is_made_and_both_are_told(
    client, event, organiser, people, published, committed
):
    meeting = published[0]
    free = event.meeting_slots.exclude(pk__in=[m.slot_id for m in published]).first()
    table = event.meeting_tables.first()
    client.force_login(organiser)
    mail.outbox.clear()
    with committed():
        response = client.post(
            _url(event, f"organiser/meetings/{meeting.pk}/move/"),
            {"slot": free.pk, "table": table.pk},
        )
    meeting.refresh_from_db()
    release = ScheduleRelease.objects.get(kind=ReleaseKind.MOVE)

    assert response.status_code == 302
    assert (meeting.slot, meeting.table) == (free, table)
    assert (release.moved, release.people_told, release.published_by) == (
        1,
        2,
        organiser,
    )
    assert len(mail.outbox) == 2
    assert all("moves to" in m.subject for m in mail.outbox)


def test_cancelling_by_hand_asks_first_then_tells_both(
    client, event, organiser, published, committed
):
    meeting = published[0]
    url = _url(event, f"organiser/meetings/{meeting.pk}/cancel/")
    client.force_login(organiser)
    asked = client.get(url).content.decode()
    meeting.refresh_from_db()
    still = meeting.status
    mail.outbox.clear()
    with committed():
        client.post(url, confirm_fields(asked))
    meeting.refresh_from_db()

    assert "Cancel the meeting of" in asked
    assert "Both people are told" in asked
    assert still == MeetingStatus.CONFIRMED
    assert meeting.status == MeetingStatus.CANCELLED
    assert meeting.request.status == "cancelled"
    assert len(mail.outbox) == 2
    assert all(m.subject.endswith("is cancelled") for m in mail.outbox)
    assert ScheduleRelease.objects.get(kind=ReleaseKind.CANCEL).people_told == 2
    # the next run lists it among the changes, as told already
    run = services.schedule_run(event=event, time_limit=5, incremental=True)
    diff = selectors.run_diff(run=run)
    assert [c.kind for c in diff.changes] == [ChangeKind.CANCELLED]
    assert diff.counts["people"] == 0


def test_the_meetings_list_filters_by_person_and_day_in_few_queries(
    client, event, organiser, people, published, django_assert_max_num_queries
):
    a, _b, _x, y = people
    client.force_login(organiser)
    client.get(_url(event, "organiser/meetings/"))  # first visit writes profiles
    # constant whatever the number of meetings (the filter adds its person's lookup;
    # the header's account menu and event navigation a query each)
    with django_assert_max_num_queries(18):
        everyone = client.get(_url(event, "organiser/meetings/")).content.decode()
    with django_assert_max_num_queries(19):
        only_y = client.get(
            _url(event, f"organiser/meetings/?person={y.pk}&day=2027-03-16")
        ).content.decode()
    other_day = client.get(_url(event, "organiser/meetings/?day=2027-03-17"))
    bad = client.get(_url(event, "organiser/meetings/?person=x&day=nonsense"))

    assert "3 confirmed meetings" in everyone
    assert "2 confirmed meetings" in only_y
    assert bad.status_code == 200  # a bad filter shows everything, never a 500
    assert other_day.status_code == 200
