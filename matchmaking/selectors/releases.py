"""What a draft would change in the published schedule, and the releases so far.

The difference is taken against the meetings as they are now (a hand move made
after the run started counts), so what the organiser confirms is what publishing
does. Cancelled meetings are listed when they were cancelled since the last
published run; their people were told when it happened.
"""

import hashlib
from dataclasses import dataclass, field

from django.db.models import Prefetch

from events.models import Event
from matchmaking.enums import ChangeKind, MeetingStatus, ReleaseKind, RunStatus
from matchmaking.models import (
    Meeting,
    Participant,
    ScheduleRelease,
    ScheduleRun,
    Slot,
    Table,
)

PEOPLE = Prefetch(
    "participants",
    queryset=Participant.objects.select_related("registration__user__organisation"),
)


@dataclass
class Change:
    meeting: Meeting
    kind: str
    old: tuple  # (slot, table), either None
    new: tuple

    @property
    def people(self) -> list[Participant]:
        return list(self.meeting.participants.all())

    @property
    def label(self) -> str:
        return ChangeKind(self.kind).label


@dataclass
class Diff:
    """A draft against the published schedule: each meeting that changes."""

    changes: list[Change] = field(default_factory=list)
    scheduled: int = 0

    def of(self, kind: str) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]

    @property
    def told(self) -> list[Change]:
        """Changes publishing tells people about (cancellations were told already)."""
        return [c for c in self.changes if c.kind != ChangeKind.CANCELLED]

    @property
    def people(self) -> dict[int, object]:
        """The users told, by id."""
        return {p.user.pk: p.user for c in self.told for p in c.people}

    @property
    def counts(self) -> dict[str, int]:
        out = {kind: len(self.of(kind)) for kind in ChangeKind.values}
        return {**out, "people": len(self.people), "scheduled": self.scheduled}

    @property
    def state(self) -> str:
        """A fingerprint of what the confirmation page showed."""
        text = ";".join(
            f"{c.meeting.pk}:{c.kind}:{_ids(c.old)}:{_ids(c.new)}" for c in self.changes
        )
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def _ids(place: tuple) -> str:
    return ",".join(str(getattr(x, "pk", "")) for x in place)


def _since(event: Event):
    last = (
        ScheduleRelease.objects.filter(event=event, kind=ReleaseKind.SCHEDULE)
        .values_list("published_at", flat=True)
        .first()
    )
    if last is None:
        last = (
            ScheduleRun.objects.filter(event=event, status=RunStatus.PUBLISHED)
            .values_list("published_at", flat=True)
            .first()
        )
    return last


def run_diff(*, run: ScheduleRun) -> Diff:
    """What publishing `run` changes, meeting by meeting, in time order."""
    event = run.event
    slots = {f"s{s.pk}": s for s in Slot.objects.filter(event=event)}
    tables = {t.code: t for t in Table.objects.filter(event=event)}
    at = {
        a["meeting"]: (slots.get(a["slot"]), tables.get(a["table"]))
        for a in (run.solution or {}).get("assignments", [])
    }
    meetings = (
        Meeting.objects.filter(event=event)
        .filter(status__in=[MeetingStatus.CONFIRMED, MeetingStatus.CANCELLED])
        .select_related("slot__event", "table")
        .prefetch_related(PEOPLE)
        .order_by("pk")
    )
    since = _since(event)
    diff = Diff()
    for meeting in meetings:
        old = (meeting.slot, meeting.table)
        if meeting.status == MeetingStatus.CANCELLED:
            recent = since is None or meeting.updated_at > since
            if meeting.slot_id is not None and recent:
                diff.changes.append(Change(meeting, ChangeKind.CANCELLED, old, old))
            continue
        new = at.get(f"m{meeting.pk}", (None, None))
        diff.scheduled += new[0] is not None
        kind = _kind(old, new)
        if kind:
            diff.changes.append(Change(meeting, kind, old, new))
    diff.changes.sort(key=_order)
    return diff


def _kind(old: tuple, new: tuple) -> str:
    if _ids(old) == _ids(new):
        return ""
    if old[0] is None:
        return ChangeKind.ADDED
    if new[0] is None:
        return ChangeKind.UNSCHEDULED
    return ChangeKind.MOVED


def _order(change: Change):
    slot = change.old[0] or change.new[0]
    return (slot.start if slot else None) is None, slot.start if slot else 0


def release_list(*, event: Event, limit: int = 20) -> list[ScheduleRelease]:
    return list(
        ScheduleRelease.objects.filter(event=event).select_related("published_by")[
            :limit
        ]
    )
