import json

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from events.enums import OrganisationKind
from matchmaking import selectors, services
from matchmaking.enums import RunStatus
from matchmaking.models import Meeting, Notification, ScheduleRun
from tests.factories.events import SessionFactory, SessionSpeakerFactory, local
from tests.factories.matchmaking import ParticipantFactory, accepted_meeting

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def people(event):
    investors = [
        ParticipantFactory(event=event, kind=OrganisationKind.INVESTOR)
        for _ in range(2)
    ]
    biotechs = [ParticipantFactory(event=event) for _ in range(3)]
    return investors, biotechs


@pytest.fixture
def meetings(people):
    (a, b), (x, y, z) = people
    return [accepted_meeting(a, x), accepted_meeting(a, y), accepted_meeting(b, x)]


def _placed(event) -> dict[int, tuple]:
    return {
        m.pk: (m.slot_id, m.table_id)
        for m in Meeting.objects.filter(event=event).order_by("pk")
    }


def test_instance_has_grid_meetings_and_speaking_slots_unavailable(
    event, people, meetings
):
    (a, _b), (x, _y, _z) = people
    talk = SessionFactory(
        event=event, start=local(event, 0, 9), end=local(event, 0, 9, 45)
    )
    SessionSpeakerFactory(session=talk, speaker__user=x.user)
    a.blocked_slots.add(event.meeting_slots.last())
    data = selectors.schedule_instance(event=event)
    slots = [s["id"] for s in data["slots"]]
    assert data["format"] == "partnering/1"
    assert [t["id"] for t in data["tables"]] == ["T1", "T2"]
    assert len(slots) == 4
    assert data["slots"][0]["start"] == "2027-03-16T09:00:00+09:00"
    assert sorted(m["id"] for m in data["meetings"]) == sorted(
        f"m{m.pk}" for m in meetings
    )
    unavailable = {p["id"]: p["unavailable"] for p in data["participants"]}
    assert unavailable[f"p{x.pk}"] == slots[:2]  # the 09:00-09:45 talk
    assert unavailable[f"p{a.pk}"] == [slots[-1]]


def test_run_task_makes_a_draft_then_publish_places_everyone_and_tells_them(
    event, organiser, meetings, committed
):
    with committed():
        run = services.schedule_run_start(event=event, user=organiser, time_limit=5)
    run.refresh_from_db()
    assert run.status == RunStatus.DRAFT
    assert len(run.solution["assignments"]) == 3
    assert run.progress["time_left"] == 0
    assert all(slot is None for slot, _t in _placed(event).values())  # a draft only
    with committed():
        services.schedule_publish(run=run, user=organiser)
    placed = _placed(event)
    assert all(slot and table for slot, table in placed.values())
    # nobody is double-booked
    seen = set()
    for m in Meeting.objects.filter(event=event).prefetch_related("participants"):
        for p in m.participants.all():
            assert (p.pk, m.slot_id) not in seen
            seen.add((p.pk, m.slot_id))
    moved_users = set(
        Notification.objects.filter(text__contains="schedule").values_list(
            "user_id", flat=True
        )
    )
    assert len(moved_users) == 4  # z has no meeting
    assert any("schedule" in m.body for m in mail.outbox)


def test_failed_run_leaves_the_published_schedule_intact(
    event, organiser, people, meetings, committed
):
    run = services.schedule_run(event=event, time_limit=5)
    services.schedule_publish(run=run, user=organiser)
    before = _placed(event)
    (_a, b), (_x, _y, z) = people
    must = services.meeting_create_by_organiser(
        event=event, user=organiser, participants=[b, z]
    )
    z.blocked_slots.set(event.meeting_slots.all())  # z can never meet: infeasible
    with committed():
        failed = services.schedule_run_start(event=event, user=organiser, time_limit=5)
    failed.refresh_from_db()
    assert failed.status == RunStatus.FAILED
    assert failed.error
    assert _placed(event) == {**before, must.pk: (None, None)}
    assert ScheduleRun.objects.get(status=RunStatus.PUBLISHED).pk == run.pk
    with pytest.raises(services.PartneringError):
        services.schedule_publish(run=failed, user=organiser)


def test_incremental_run_moves_few_and_tells_only_those_moved(
    event, organiser, people, meetings, committed
):
    services.schedule_publish(run=services.schedule_run(event=event), user=organiser)
    before = _placed(event)
    Notification.objects.all().delete()
    (_a, b), (_x, y, _z) = people
    late = accepted_meeting(b, y)
    Notification.objects.all().delete()
    run = services.schedule_run(event=event, incremental=True, time_limit=5)
    assert run.status == RunStatus.DRAFT
    services.schedule_publish(run=run, user=organiser)
    after = _placed(event)
    moved = [pk for pk in before if before[pk] != after[pk]]
    told = set(Notification.objects.values_list("user_id", flat=True))
    expected = {b.user.pk, y.user.pk}
    for m in Meeting.objects.filter(pk__in=moved).prefetch_related("participants"):
        expected |= {p.user.pk for p in m.participants.all()}
    assert after[late.pk][0] is not None
    assert told == expected


def test_command_schedules_and_publishes(event, meetings, capsys):
    call_command("schedule_meetings", event.slug, "--time-limit", "5", "--publish")
    out = capsys.readouterr().out
    assert "3 scheduled" in out
    assert "published" in out
    assert all(slot for slot, _t in _placed(event).values())
    with pytest.raises(CommandError):
        call_command("schedule_meetings", "no-such-event")


def test_export_then_import_solution_round_trip(event, organiser, meetings):
    run = services.schedule_run(event=event, time_limit=5)
    imported = services.schedule_import(
        event=event, user=organiser, data=json.loads(json.dumps(run.solution))
    )
    assert (imported.status, imported.imported) == (RunStatus.DRAFT, True)
    bad = {
        **run.solution,
        "assignments": [{"meeting": "m0", "slot": "s0", "table": "T9"}],
    }
    with pytest.raises(services.PartneringError):
        services.schedule_import(event=event, user=organiser, data=bad)


def test_review_lists_scheduled_grid_and_load(event, meetings):
    run = services.schedule_run(event=event, time_limit=5)
    review = selectors.run_review(run=run)
    assert len(review.scheduled) == 3
    assert review.unscheduled == []
    assert len(review.grid) == 4
    assert all(len(r["cells"]) == 2 for r in review.grid)
    assert sum(1 for r in review.grid for _, m in r["cells"] if m) == 3
    assert [t for t, _ in review.grid[0]["cells"]] == list(review.tables)
    assert sorted(r["meetings"] for r in review.load) == [1, 1, 2, 2]
    assert sum(r["meetings"] for r in review.load) == 6
