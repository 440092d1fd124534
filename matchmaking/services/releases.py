"""Changing the published schedule: publishing a run, moving or cancelling one
meeting by hand. Each is a release (who, when, the counts), and each person whose
meeting changed is told their own changes (old and new time and table, with whom)
in their language; nobody else is told."""

from collections import defaultdict

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from events.models import Event
from matchmaking.enums import (
    ChangeKind,
    MeetingStatus,
    NotificationKind,
    ReleaseKind,
    RequestStatus,
    RunStatus,
)
from matchmaking.models import Meeting, ScheduleRelease, ScheduleRun, Slot, Table
from matchmaking.models.releases import change_entry
from matchmaking.selectors.releases import Change, Diff, run_diff
from matchmaking.selectors.schedule import meeting_move_problems
from matchmaking.services.common import (
    PartneringError,
    notify,
    require_organiser,
    save,
)


@transaction.atomic
def schedule_publish(
    *, run: ScheduleRun, user: User | None, tell: bool = True
) -> ScheduleRun:
    """Copy a draft's slots and tables onto the meetings; tell only those whose
    meetings changed, each their own changes; record the release.

    `user` None is the shell or the demo loader (no organiser check); the demo loader
    also passes `tell=False`, so loading seed data sends no e-mail.
    """
    if user is not None:
        require_organiser(user=user, event=run.event)
    run = ScheduleRun.objects.select_for_update().select_related("event").get(pk=run.pk)
    if run.status == RunStatus.PUBLISHED:
        return run
    if run.status != RunStatus.DRAFT:
        raise PartneringError(_("Only a draft schedule can be published."))
    event = run.event
    diff = run_diff(run=run)
    _apply(diff.told)
    ScheduleRun.objects.filter(event=event, status=RunStatus.PUBLISHED).update(
        status=RunStatus.SUPERSEDED
    )
    run = save(run, status=RunStatus.PUBLISHED, published_at=timezone.now())
    _release(event, ReleaseKind.SCHEDULE, user, diff, run=run, tell=tell)
    if tell:
        _tell(event, diff.told, actor=user)
    return run


def _apply(changes: list[Change]) -> None:
    now, rows = timezone.now(), []
    for change in changes:
        meeting = change.meeting
        meeting.slot, meeting.table = change.new
        meeting.updated_at = now
        rows.append(meeting)
    Meeting.objects.bulk_update(rows, ["slot", "table", "updated_at"], batch_size=500)


def _release(event, kind, user, diff: Diff, *, run=None, tell=True) -> ScheduleRelease:
    counts = diff.counts
    scheduled = counts["scheduled"] if run is not None else _scheduled(event)
    return ScheduleRelease.objects.create(
        event=event,
        kind=kind,
        run=run,
        published_by=user,
        scheduled=scheduled,
        moved=counts[ChangeKind.MOVED],
        added=counts[ChangeKind.ADDED],
        unscheduled=counts[ChangeKind.UNSCHEDULED],
        cancelled=counts[ChangeKind.CANCELLED],
        people_told=counts["people"] if tell else 0,
    )


def _scheduled(event: Event) -> int:
    return Meeting.objects.filter(
        event=event, status=MeetingStatus.CONFIRMED, slot__isnull=False
    ).count()


def _tell(event: Event, changes: list[Change], *, actor: User | None) -> None:
    """One notification (and e-mail) per person with all of their changes."""
    mine: dict[int, list[dict]] = defaultdict(list)
    users: dict[int, User] = {}
    for change in changes:
        people = [p.user for p in change.people]
        for person in people:
            users[person.pk] = person
            others = [u for u in people if u.pk != person.pk]
            mine[person.pk].append(
                change_entry(
                    kind=change.kind, others=others, old=change.old, new=change.new
                )
            )
    for entries in mine.values():  # each person's list reads in time order
        entries.sort(key=lambda e: (e["new"] or e["old"] or {}).get("start", ""))
    url = reverse("matchmaking:my_meetings", kwargs={"slug": event.slug})
    for kind, only_added in (
        (NotificationKind.SCHEDULE_PUBLISHED, True),
        (NotificationKind.SCHEDULE_CHANGED, False),
    ):
        group = [
            pk
            for pk, entries in mine.items()
            if all(e["kind"] == ChangeKind.ADDED for e in entries) == only_added
        ]
        if group:
            notify(
                users=[users[pk] for pk in group],
                event=event,
                kind=kind,
                actor=actor,
                url=url,
                params_of={pk: {"changes": mine[pk]} for pk in group},
            )


def _locked(meeting: Meeting) -> Meeting:
    """The meeting's row locked (only its own: PostgreSQL cannot lock the nullable
    side of the slot and table joins)."""
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("event", "slot", "table")
        .get(pk=meeting.pk)
    )


@transaction.atomic
def meeting_move(*, meeting: Meeting, user: User, slot: Slot, table: Table) -> Meeting:
    """Move one confirmed meeting by hand, if it keeps every rule the scheduler
    keeps (refused with the rules named); its people are told."""
    require_organiser(user=user, event=meeting.event)
    meeting = _locked(meeting)
    if meeting.status != MeetingStatus.CONFIRMED:
        raise PartneringError(_("Only a confirmed meeting can be moved."))
    if slot.event_id != meeting.event_id or table.event_id != meeting.event_id:
        raise PartneringError(_("Choose a time and a table of this event."), 400)
    if (meeting.slot_id, meeting.table_id) == (slot.pk, table.pk):
        raise PartneringError(_("The meeting is already at that time and table."), 400)
    problems = meeting_move_problems(meeting=meeting, slot=slot, table=table)
    if problems:
        raise PartneringError(" ".join(problems), 400)
    kind = ChangeKind.ADDED if meeting.slot_id is None else ChangeKind.MOVED
    change = Change(meeting, kind, (meeting.slot, meeting.table), (slot, table))
    meeting = save(meeting, slot=slot, table=table)
    _record(meeting.event, ReleaseKind.MOVE, user, change)
    return meeting


@transaction.atomic
def meeting_cancel_by_organiser(*, meeting: Meeting, user: User) -> Meeting:
    """Cancel one meeting (and the request it came from); its people are told."""
    require_organiser(user=user, event=meeting.event)
    meeting = _locked(meeting)
    if meeting.status == MeetingStatus.CANCELLED:
        return meeting
    if meeting.status != MeetingStatus.CONFIRMED:
        raise PartneringError(_("Only a confirmed meeting can be cancelled."))
    place = (meeting.slot, meeting.table)
    meeting = save(meeting, status=MeetingStatus.CANCELLED)
    if meeting.request_id:
        meeting.request.__class__.objects.filter(pk=meeting.request_id).update(
            status=RequestStatus.CANCELLED, responded_at=timezone.now()
        )
    _record(
        meeting.event,
        ReleaseKind.CANCEL,
        user,
        Change(meeting, ChangeKind.CANCELLED, place, (None, None)),
    )
    return meeting


def _record(event: Event, kind: str, user: User, change: Change) -> None:
    diff = Diff(changes=[change])
    release = _release(event, kind, user, diff)
    if kind == ReleaseKind.CANCEL:  # `told` leaves out cancellations: tell them here
        release.people_told = len(change.people)
        release.save(update_fields=["people_told"])
    _tell(event, [change], actor=user)
