"""Reads for scheduling: the instance in the documented format, and a run's review.

Ids: participants `p<pk>`, meetings `m<pk>`, slots `s<pk>`, blocks `b<pk>`, tables
`T<number>` — stable across runs, so a published schedule can be repaired and an
exported instance's solution imported back.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from events.enums import SessionStatus
from events.models import Event, Session
from matchmaking import scheduler
from matchmaking.enums import MeetingStatus
from matchmaking.models import Meeting, Participant, ScheduleRun, Slot, Table
from matchmaking.models.releases import when_text
from matchmaking.scheduler import parse as scheduler_parse

PEOPLE = "registration__user__organisation"


def _iso(value, tz) -> str:
    return value.astimezone(tz).isoformat()


def schedule_instance(*, event: Event) -> dict:
    """The event's partnering/1 instance: every open meeting, availability, tables."""
    slots = list(Slot.objects.filter(event=event).order_by("start"))
    tables = list(Table.objects.filter(event=event).order_by("number"))
    if not slots or not tables:
        raise ValidationError(_("Set up the meeting grid and the tables first."))
    meetings = list(
        Meeting.objects.filter(event=event)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("table")
        .prefetch_related("participants")
        .order_by("pk")
    )
    people = {p.pk for m in meetings for p in m.participants.all()}
    people |= {t.host_id for t in tables if t.host_id}
    unavailable = _unavailable(event, people, slots)
    hosts = {t.host_id for t in tables if t.host_id}
    return {
        "format": "partnering/1",
        "name": event.slug,
        "slots": [
            {
                "id": f"s{s.pk}",
                "block": f"b{s.block_id}",
                "start": _iso(s.start, event.tz),
                "end": _iso(s.end, event.tz),
            }
            for s in slots
        ],
        "tables": [
            {"id": t.code, **({"host": f"p{t.host_id}"} if t.host_id in hosts else {})}
            for t in tables
        ],
        "participants": [
            {"id": f"p{pk}", "unavailable": sorted(unavailable.get(pk, ()))}
            for pk in sorted(people)
        ],
        "meetings": [_meeting(m) for m in meetings],
        **_spread(event),
    }


def _spread(event: Event) -> dict:
    spread = event.partnering.max_breaks_spread
    return {} if spread is None else {"max_breaks_spread": spread}


def _meeting(m: Meeting) -> dict:
    held = m.status != MeetingStatus.CONFIRMED and m.slot_id is not None
    fixed = m.slot_id if held else m.fixed_slot_id
    return {
        "id": f"m{m.pk}",
        "participants": [f"p{p.pk}" for p in m.participants.all()],
        "priority": m.priority,
        "fixed_slot": None if fixed is None else f"s{fixed}",
        "table": m.table.code if held and m.table_id else None,
        "required": m.required or held,
    }


def _unavailable(event: Event, people: set[int], slots: list[Slot]) -> dict:
    """Blocked slots, plus every slot overlapping a session the person speaks at."""
    out: dict[int, set[str]] = defaultdict(set)
    blocked = Participant.blocked_slots.through.objects.filter(
        participant_id__in=people
    )
    for pid, sid in blocked.values_list("participant_id", "slot_id"):
        out[pid].add(f"s{sid}")
    users = dict(
        Participant.objects.filter(pk__in=people).values_list(
            "registration__user_id", "pk"
        )
    )
    talks = (
        Session.objects.filter(event=event, status=SessionStatus.SCHEDULED)
        .filter(Q(session_speakers__speaker__user_id__in=users))
        .values_list("start", "end", "session_speakers__speaker__user_id")
    )
    for start, end, user_id in talks:
        for slot in slots:
            if slot.start < end and slot.end > start:
                out[users[user_id]].add(f"s{slot.pk}")
    return out


def published_solution(*, event: Event, instance) -> scheduler.Solution:
    """The meetings' published slots and tables as a Solution of `instance`."""
    slot_ix = {s.id: i for i, s in enumerate(instance.slots)}
    table_ix = {t.id: i for i, t in enumerate(instance.tables)}
    meet_ix = {m.id: i for i, m in enumerate(instance.meetings)}
    rows = (
        Meeting.objects.filter(event=event, slot__isnull=False, table__isnull=False)
        .exclude(status=MeetingStatus.CANCELLED)
        .values_list("pk", "slot_id", "table__number")
    )
    out = []
    for pk, slot_id, number in rows:
        m = meet_ix.get(f"m{pk}")
        if m is not None:
            s, t = slot_ix.get(f"s{slot_id}", -1), table_ix.get(f"T{number}", -1)
            out.append(scheduler.Assignment(m, s, t))
    return scheduler.Solution(status=scheduler.FEASIBLE, assignments=tuple(out))


def run_latest(*, event: Event) -> ScheduleRun | None:
    return ScheduleRun.objects.filter(event=event).first()


def run_get(*, event: Event, run_id: int) -> ScheduleRun:
    return ScheduleRun.objects.select_related("event").get(event=event, pk=run_id)


@dataclass
class Review:
    """A run's draft as an organiser reads it (names, local times, a grid)."""

    run: ScheduleRun
    slots: list[Slot]
    tables: list[Table]
    scheduled: list[dict] = field(default_factory=list)
    unscheduled: list[dict] = field(default_factory=list)
    grid: list[dict] = field(default_factory=list)
    load: list[dict] = field(default_factory=list)
    moved: list[dict] = field(default_factory=list)


def run_review(*, run: ScheduleRun) -> Review:
    event = run.event
    slots = list(Slot.objects.filter(event=event).select_related("event"))
    tables = list(Table.objects.filter(event=event))
    meetings = {
        f"m{m.pk}": m
        for m in Meeting.objects.filter(event=event).prefetch_related(
            f"participants__{PEOPLE}"
        )
    }
    names = {
        f"p{p.pk}": f"{p.user} ({p.organisation})"
        for m in meetings.values()
        for p in m.participants.all()
    }
    review = Review(run=run, slots=slots, tables=tables)
    sol = run.solution or {}
    slot_by = {f"s{s.pk}": s for s in slots}
    cells: dict[tuple[str, str], Meeting] = {}
    for a in sol.get("assignments", []):
        meeting = meetings.get(a["meeting"])
        if meeting is None:
            continue
        cells[a["slot"], a["table"]] = meeting
        review.scheduled.append(
            {"meeting": meeting, "slot": slot_by.get(a["slot"]), "table": a["table"]}
        )
    review.scheduled.sort(
        key=lambda r: (r["slot"].start if r["slot"] else 0, r["table"])
    )
    for u in sol.get("unscheduled", []):
        reason = re.sub(
            r"\bp\d+\b", lambda x: names.get(x.group(0), x.group(0)), u["reason"]
        )
        review.unscheduled.append(
            {"meeting": meetings.get(u["meeting"]), "reason": reason}
        )
    review.grid = [
        {"slot": s, "cells": [(t, cells.get((f"s{s.pk}", t.code))) for t in tables]}
        for s in slots
    ]
    review.load = _load(sol, meetings, names, slots)
    review.moved = (sol.get("extra") or {}).get("moved", [])
    return review


def _load(sol: dict, meetings: dict, names: dict, slots: list[Slot]) -> list[dict]:
    """Meetings and breaks (idle runs between meetings inside a block) per person."""
    order = {f"s{s.pk}": (s.block_id, i) for i, s in enumerate(slots)}
    busy: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for a in sol.get("assignments", []):
        meeting = meetings.get(a["meeting"])
        if meeting is not None and a["slot"] in order:
            for p in meeting.participants.all():
                busy[f"p{p.pk}"].append(order[a["slot"]])
    rows = []
    for pid, marks in busy.items():
        marks.sort()
        breaks = sum(
            1
            for (b1, i1), (b2, i2) in zip(marks, marks[1:], strict=False)
            if b1 == b2 and i2 - i1 > 1
        )
        rows.append(
            {"name": names.get(pid, pid), "meetings": len(marks), "breaks": breaks}
        )
    rows.sort(key=lambda r: (-r["meetings"], r["name"]))
    return rows


def schedule_is_published(*, event: Event) -> bool:
    return Meeting.objects.filter(
        event=event, status=MeetingStatus.CONFIRMED, slot__isnull=False
    ).exists()


def run_summary(*, review: Review) -> str:
    """What a run achieved in an organiser's words ("All 345 accepted meetings
    placed; 1 person has a gap between meetings")."""
    placed, left = len(review.scheduled), len(review.unscheduled)
    total = placed + left
    if left == 0:
        parts = [
            ngettext(
                "%(n)s accepted meeting placed",
                "All %(n)s accepted meetings placed",
                total,
            )
            % {"n": total}
        ]
    else:
        parts = [
            ngettext(
                "%(placed)s of %(n)s accepted meeting placed",
                "%(placed)s of %(n)s accepted meetings placed",
                total,
            )
            % {"placed": placed, "n": total}
            + " "
            + ngettext(
                "(%(n)s could not be: see why below)",
                "(%(n)s could not be: see why below)",
                left,
            )
            % {"n": left}
        ]
    gaps = sum(1 for row in review.load if row["breaks"])
    parts.append(
        ngettext(
            "%(n)s person has a gap between meetings",
            "%(n)s people have a gap between meetings",
            gaps,
        )
        % {"n": gaps}
        if gaps
        else _("nobody has a gap between meetings")
    )
    changes = ((review.run.solution or {}).get("objective") or {}).get("table_changes")
    if changes:
        parts.append(
            ngettext(
                "%(n)s change of table between back-to-back meetings",
                "%(n)s changes of table between back-to-back meetings",
                changes,
            )
            % {"n": changes}
        )
    return "; ".join(parts) + "."


# The validator's rules (matchmaking/scheduler/validate.py), each named in an
# organiser's words; its ids are turned into names and local times.
RULES = [
    (
        r"(?P<p>p\d+) is unavailable in slot (?P<s>s\d+)",
        gettext_lazy("Availability"),
        gettext_lazy(
            "%(p)s is not available at %(s)s (a blocked time or a session they speak at)."
        ),
    ),
    (
        r"(?P<p>p\d+) is double-booked in slot (?P<s>s\d+)",
        gettext_lazy("Both people free"),
        gettext_lazy("%(p)s already has another meeting at %(s)s."),
    ),
    (
        r"table (?P<t>T\d+) holds two meetings in slot (?P<s>s\d+)",
        gettext_lazy("Table free"),
        gettext_lazy("%(t)s already holds a meeting at %(s)s."),
    ),
    (
        r"meeting (?P<m>m\d+) is fixed elsewhere",
        gettext_lazy("Agreed time"),
        gettext_lazy(
            "Both sides agreed on this meeting's time; it cannot move to another."
        ),
    ),
    (
        r"meeting (?P<m>m\d+) is in slot (?P<s>s\d+), which it does not allow",
        gettext_lazy("Allowed times"),
        gettext_lazy("This meeting may not be held at %(s)s."),
    ),
    (
        r"meeting (?P<m>m\d+) uses (?P<t>T\d+), the booth of another host",
        gettext_lazy("Host's booth"),
        gettext_lazy("%(t)s is another company's booth."),
    ),
    (
        r"meeting (?P<m>m\d+) is not at its host's table",
        gettext_lazy("Host's booth"),
        gettext_lazy(
            "One side meets at their own booth; the meeting stays at their table."
        ),
    ),
    (
        r"meeting (?P<m>m\d+) must use table (?P<t>T\d+)",
        gettext_lazy("Fixed table"),
        gettext_lazy("This meeting must be held at %(t)s."),
    ),
    (
        r"must be before",
        gettext_lazy("Order of meetings"),
        gettext_lazy("This meeting must come before another one."),
    ),
    (
        r"breaks range from (?P<a>\d+) to (?P<b>\d+) per participant, more than the "
        r"allowed spread (?P<c>\d+)",
        gettext_lazy("Fair gaps"),
        gettext_lazy(
            "Gaps between meetings would range from %(a)s to %(b)s per person; the "
            "event allows a difference of %(c)s."
        ),
    ),
]


def meeting_move_problems(*, meeting: Meeting, slot: Slot, table: Table) -> list[str]:
    """Every rule the scheduler keeps that moving `meeting` to (slot, table) would
    break, in words ("Table free: Table 3 already holds a meeting at Tue 16 Mar
    10:00 KST."); empty if the move is allowed. The scheduler's own validator
    decides: the published schedule with the move against without it."""
    event = meeting.event
    instance = scheduler_parse.instance_from_dict(schedule_instance(event=event))
    published = published_solution(event=event, instance=instance)
    ix = {m.id: i for i, m in enumerate(instance.meetings)}
    slot_ix = {s.id: i for i, s in enumerate(instance.slots)}
    table_ix = {t.id: i for i, t in enumerate(instance.tables)}
    m = ix[f"m{meeting.pk}"]
    moved = [a for a in published.assignments if a.meeting != m]
    moved.append(scheduler.Assignment(m, slot_ix[f"s{slot.pk}"], table_ix[table.code]))
    before = set(scheduler.validate(instance, published))
    after = scheduler.validate(
        instance,
        scheduler.Solution(status=scheduler.FEASIBLE, assignments=tuple(moved)),
    )
    return [_rule_words(p, event) for p in dict.fromkeys(after) if p not in before]


def _rule_words(problem: str, event: Event) -> str:
    for pattern, rule, text in RULES:
        found = re.search(pattern, problem)
        if found:
            values = {k: _name_of(v, event) for k, v in found.groupdict().items()}
            return f"{rule}: {text % values}"
    return problem


def _name_of(ref: str, event: Event) -> str:
    kind, pk = ref[0], ref[1:]
    if not pk.isdigit():
        return ref
    if kind == "p":
        p = Participant.objects.select_related(PEOPLE).filter(pk=pk).first()
        if p is not None:
            language = translation.get_language() or "en"
            org = p.organisation
            name = p.user.display_name(language)
            return f"{name} ({org})" if org else name
    if kind == "s":
        slot = Slot.objects.filter(pk=pk).first()
        if slot is not None:
            return when_text(slot.start.isoformat(), event)
    if kind == "T":
        return _("Table %(number)s") % {"number": pk}
    return ref
