"""Plain data of the partnering scheduler: an Instance in, a Solution out.

Why ints: solvers index lists, so every participant, slot, table and meeting is known
inside the package by its position in the instance's lists. The external string ids
(``Slot.id`` etc.) are kept only for reading and writing JSON (``parse``, ``write``).

Invariants (checked by ``parse.instance_from_dict``, assumed everywhere else):
slots are in time order and every block is one run of consecutive slots; meeting
participants are distinct; ``Meeting.allowed`` is explicit (all slots when the input
gave none); precedence pairs name two different meetings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

OPTIMAL = "OPTIMAL"
FEASIBLE = "FEASIBLE"
INFEASIBLE = "INFEASIBLE"
UNKNOWN = "UNKNOWN"
STATUSES = (OPTIMAL, FEASIBLE, INFEASIBLE, UNKNOWN)


@dataclass(frozen=True, slots=True)
class Slot:
    """A time slot; ``block`` is the index of its run (a morning, an afternoon).

    ``start``/``end`` are kept as the ISO 8601 strings of the input (or None): the
    scheduler never does arithmetic on them, it only needs their order.
    """

    id: str
    block: int = 0
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True, slots=True)
class Table:
    """A table; ``host`` is the participant whose booth it is, or None."""

    id: str
    host: int | None = None


@dataclass(frozen=True, slots=True)
class Participant:
    """A person or delegation; ``unavailable`` holds slot indices."""

    id: str
    organisation: str | None = None
    unavailable: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class Meeting:
    """A requested meeting of two or more distinct participants (indices).

    ``allowed`` holds slot indices and is never empty-as-default: parse fills in every
    slot when the input names none. ``table`` is a table index the meeting must use.
    """

    id: str
    participants: tuple[int, ...]
    priority: int = 1
    allowed: frozenset[int] = frozenset()
    fixed_slot: int | None = None
    table: int | None = None
    required: bool = False


@dataclass(frozen=True, slots=True)
class Instance:
    """One partnering problem. Derived lookups are computed once in __post_init__.

    ``tables_as_count`` records that the input gave a bare count (tables are then named
    T1, T2, ... and are interchangeable); ``block_ids`` are the external block labels.
    """

    name: str
    slots: tuple[Slot, ...]
    tables: tuple[Table, ...]
    participants: tuple[Participant, ...]
    meetings: tuple[Meeting, ...]
    precedences: tuple[tuple[int, int], ...] = ()
    max_breaks_spread: int | None = None
    tables_as_count: bool = True
    block_ids: tuple[str, ...] = ("all",)
    meetings_of: tuple[tuple[int, ...], ...] = field(
        init=False, repr=False, compare=False
    )
    blocks: tuple[tuple[int, ...], ...] = field(init=False, repr=False, compare=False)
    host_table: dict[int, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        per: list[list[int]] = [[] for _ in self.participants]
        for m, meeting in enumerate(self.meetings):
            for p in meeting.participants:
                per[p].append(m)
        object.__setattr__(self, "meetings_of", tuple(tuple(x) for x in per))
        n_blocks = max((s.block for s in self.slots), default=-1) + 1
        runs: list[list[int]] = [[] for _ in range(n_blocks)]
        for i, slot in enumerate(self.slots):
            runs[slot.block].append(i)
        object.__setattr__(self, "blocks", tuple(tuple(r) for r in runs))
        hosts = {t.host: i for i, t in enumerate(self.tables) if t.host is not None}
        object.__setattr__(self, "host_table", hosts)

    @property
    def n_slots(self) -> int:
        return len(self.slots)

    def general_tables(self) -> list[int]:
        """Indices of tables without a host (any meeting may use them)."""
        return [i for i, t in enumerate(self.tables) if t.host is None]

    def candidates(self, m: int) -> list[int]:
        """Slots where meeting m can possibly be held, in time order.

        Allowed, equal to the fixed slot if any, and free for every participant.
        """
        meeting = self.meetings[m]
        out = []
        for s in sorted(meeting.allowed):
            if meeting.fixed_slot is not None and s != meeting.fixed_slot:
                continue
            if any(s in self.participants[p].unavailable for p in meeting.participants):
                continue
            out.append(s)
        return out

    def same_block(self, s: int, t: int) -> bool:
        return self.slots[s].block == self.slots[t].block


@dataclass(frozen=True, slots=True)
class Assignment:
    """Meeting m held in slot ``slot`` at table ``table`` (all indices)."""

    meeting: int
    slot: int
    table: int


@dataclass(frozen=True, slots=True)
class Unscheduled:
    """A meeting left out, with the reason in words an organiser understands."""

    meeting: int
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Objective:
    """The three levels: priority (max), then breaks (min), then table changes (min)."""

    scheduled_priority: int
    breaks: int
    table_changes: int

    def key(self) -> tuple[int, int, int]:
        """Sort key where larger is better (lexicographic)."""
        return (self.scheduled_priority, -self.breaks, -self.table_changes)


@dataclass(frozen=True, slots=True)
class Solution:
    """A solver result.

    ``bound`` maps objective level names to the best bound *proved* (only levels that
    were proved are present). ``reasons`` explains INFEASIBLE/UNKNOWN. ``extra`` carries
    run details (e.g. ``moved`` meetings of an incremental run, stage timings).
    """

    status: str
    assignments: tuple[Assignment, ...] = ()
    unscheduled: tuple[Unscheduled, ...] = ()
    objective: Objective | None = None
    bound: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)
    reasons: tuple[str, ...] = ()
