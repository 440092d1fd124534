"""Flat, integer-only views of an Instance and of a schedule, for the fast solvers.

Why: greedy, LNS and rescheduling touch every meeting thousands of times at BIO scale
(30,000 meetings, 6,000 participants, 48 slots). Python objects per meeting in hot
loops are too slow, so slots of a participant are bits of one ``int`` and a schedule
is two ``list[int]`` (slot and table per meeting, -1 when unscheduled).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .schema import Instance, Objective


@dataclass(slots=True)
class Packed:
    """Precomputed facts of an instance; built once per solve."""

    n_slots: int
    full: int
    block_masks: list[int]
    left_ok: int  # bit s: slot s-1 is in the same block as s
    right_ok: int  # bit s: slot s+1 is in the same block as s
    block_of: list[int]
    parts: list[tuple[int, ...]]
    prio: list[int]
    required: list[bool]
    fixed: list[int]  # -1 when free
    cand: list[int]  # allowed & fixed & every participant available
    host_table: list[int]  # the hosted table a meeting must use, or -1
    pin_table: list[int]  # the table the meeting names, or -1
    unavailable: list[int]
    general_tables: list[int]
    preds: list[list[int]]
    succs: list[list[int]]
    spread: int | None
    meetings_of: list[list[int]] = field(default_factory=list)
    general_set: set[int] = field(default_factory=set)


def pack(instance: Instance) -> Packed:
    """Turn the instance into masks and int lists (linear in its size)."""
    n_slots = len(instance.slots)
    full = (1 << n_slots) - 1
    labels: dict[object, int] = {}
    block_of = [labels.setdefault(s.block, len(labels)) for s in instance.slots]
    block_masks = [0] * len(labels)
    left_ok = right_ok = 0
    for s, b in enumerate(block_of):
        block_masks[b] |= 1 << s
        if s > 0 and block_of[s - 1] == b:
            left_ok |= 1 << s
        if s + 1 < n_slots and block_of[s + 1] == b:
            right_ok |= 1 << s
    unavailable = [_mask(p.unavailable) for p in instance.participants]
    host_of = {t.host: i for i, t in enumerate(instance.tables) if t.host is not None}
    general = [i for i, t in enumerate(instance.tables) if t.host is None]
    pk = Packed(
        n_slots=n_slots,
        full=full,
        block_masks=block_masks,
        left_ok=left_ok,
        right_ok=right_ok,
        block_of=block_of,
        parts=[],
        prio=[],
        required=[],
        fixed=[],
        cand=[],
        host_table=[],
        pin_table=[],
        unavailable=unavailable,
        general_tables=general,
        preds=[[] for _ in instance.meetings],
        succs=[[] for _ in instance.meetings],
        spread=instance.max_breaks_spread,
        meetings_of=[[] for _ in instance.participants],
        general_set=set(general),
    )
    for m, mt in enumerate(instance.meetings):
        _pack_meeting(pk, m, mt, full, host_of)
    for a, b in instance.precedences:
        pk.succs[a].append(b)
        pk.preds[b].append(a)
    return pk


def _mask(slots) -> int:
    out = 0
    for s in slots:
        out |= 1 << s
    return out


def _pack_meeting(pk: Packed, m: int, mt, full: int, host_of: dict) -> None:
    parts = tuple(mt.participants)
    allowed = _mask(mt.allowed) if mt.allowed else full
    if mt.fixed_slot is not None:
        allowed &= 1 << mt.fixed_slot
    for p in parts:
        allowed &= ~pk.unavailable[p]
        pk.meetings_of[p].append(m)
    hosts = [host_of[p] for p in parts if p in host_of]
    pk.parts.append(parts)
    pk.prio.append(mt.priority)
    pk.required.append(bool(mt.required))
    pk.fixed.append(-1 if mt.fixed_slot is None else mt.fixed_slot)
    pk.host_table.append(hosts[0] if len(hosts) == 1 else -1)
    pk.pin_table.append(-1 if mt.table is None else mt.table)
    if len(hosts) > 1 or (mt.table is not None and hosts and mt.table != hosts[0]):
        allowed = 0  # two booths, or a named table that is not the host's booth
    pk.cand.append(allowed)


def breaks_of(pk: Packed, busy: int) -> int:
    """Breaks in a busy mask: runs of meetings minus blocks that have any."""
    starts = busy & ~((busy << 1) & pk.left_ok)
    return starts.bit_count() - sum(1 for bm in pk.block_masks if busy & bm)


@dataclass(slots=True)
class Schedule:
    """A (partial) schedule: slot and table per meeting, busy mask per participant."""

    slot: list[int]
    table: list[int]
    busy: list[int]
    load: list[int]  # meetings on general tables per slot

    @classmethod
    def empty(cls, pk: Packed) -> Schedule:
        n = len(pk.parts)
        return cls([-1] * n, [-1] * n, [0] * len(pk.unavailable), [0] * pk.n_slots)

    def copy(self) -> Schedule:
        return Schedule(self.slot[:], self.table[:], self.busy[:], self.load[:])

    def place(self, pk: Packed, m: int, s: int) -> None:
        self.slot[m] = s
        bit = 1 << s
        for p in pk.parts[m]:
            self.busy[p] |= bit
        if pk.host_table[m] < 0:
            self.load[s] += 1

    def remove(self, pk: Packed, m: int) -> None:
        s = self.slot[m]
        bit = ~(1 << s)
        for p in pk.parts[m]:
            self.busy[p] &= bit
        if pk.host_table[m] < 0:
            self.load[s] -= 1
        self.slot[m] = -1
        self.table[m] = -1


def table_changes_of(pk: Packed, sched: Schedule, p: int) -> int:
    """Table changes of one participant between successive meetings in a block."""
    seq = sorted(
        (sched.slot[m], sched.table[m]) for m in pk.meetings_of[p] if sched.slot[m] >= 0
    )
    return sum(
        1
        for (s0, t0), (s1, t1) in zip(seq, seq[1:], strict=False)
        if pk.block_of[s0] == pk.block_of[s1] and t0 != t1
    )


def objective_of(pk: Packed, sched: Schedule) -> Objective:
    """The three objective levels of a schedule (same definition as validate)."""
    prio = sum(pk.prio[m] for m, s in enumerate(sched.slot) if s >= 0)
    breaks = sum(breaks_of(pk, b) for b in sched.busy)
    changes = sum(table_changes_of(pk, sched, p) for p in range(len(sched.busy)))
    return Objective(scheduled_priority=prio, breaks=breaks, table_changes=changes)


def key_of(obj: Objective) -> tuple[int, int, int]:
    """Lexicographic sort key, larger is better."""
    return (obj.scheduled_priority, -obj.breaks, -obj.table_changes)


def fairness_ok(pk: Packed, sched: Schedule) -> bool:
    """Whether the max_breaks_spread rule holds (vacuous when the instance has none)."""
    if pk.spread is None:
        return True
    values = [breaks_of(pk, b) for b in sched.busy]
    return not values or max(values) - min(values) <= pk.spread
