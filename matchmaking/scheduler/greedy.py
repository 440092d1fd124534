"""A fast constructive heuristic: the baseline in benchmarks and the hint for CP-SAT.

Meetings are placed one by one, required first, then by priority, then the most
constrained (fewest possible slots). Each goes to the slot that adds the fewest breaks
to its participants (filling a one-slot gap beats extending a run, which beats opening a
new run), using bit masks so 30,000 meetings take seconds. Required meetings that do not
fit eject others (a bounded ejection chain). Tables are assigned afterwards, slot by
slot, keeping each participant at the table of their previous meeting when possible.

Placement is in ``builder`` and the fairness repairs in ``fairness_repair``; here the
meetings are ordered and placed, and a packed schedule becomes a Solution (for LNS and
rescheduling too).
"""

from __future__ import annotations

import time

from .builder import Builder, bits
from .fairness_repair import relocate_for_fairness, repair_fairness
from .packed import Packed, Schedule, fairness_ok, objective_of, pack
from .schema import Assignment, Instance, Solution, Unscheduled
from .tables import assign_tables


def order_meetings(pk: Packed, meetings: list[int] | None = None) -> list[int]:
    """Required first, then priority, then fewest possible slots, then busiest people."""
    demand = [len(ms) for ms in pk.meetings_of]
    todo = range(len(pk.parts)) if meetings is None else meetings
    return sorted(
        todo,
        key=lambda m: (
            not pk.required[m],
            -pk.prio[m],
            pk.cand[m].bit_count(),
            -max(demand[p] for p in pk.parts[m]),
            m,
        ),
    )


def construct(
    pk: Packed, seed: int = 0, eject_seconds: float | None = None
) -> tuple[Schedule, list[int]]:
    """Build a schedule; return it and the required meetings it could not place.

    ``eject_seconds`` caps the ejection chain (the caller has a better repair)."""
    b = Builder(pk, seed=seed)
    stuck = b.fill(order_meetings(pk))
    if stuck:
        budget = 200 * len(stuck) + 2_000
        stuck = b.eject_chain(stuck, budget=budget, seconds=eject_seconds)
    relocate_for_fairness(b)
    repair_fairness(b)
    assign_tables(pk, b.s)
    return b.s, stuck


def greedy(instance: Instance) -> Solution:
    """A valid schedule in seconds, or one flagged as invalid in ``extra``."""
    t0 = time.perf_counter()
    pk = pack(instance)
    sched, stuck = construct(pk)
    return to_solution(instance, pk, sched, t0, extra={"solver": "greedy"})


def to_solution(
    instance: Instance,
    pk: Packed,
    sched: Schedule,
    t0: float,
    *,
    extra: dict,
    status: str = "FEASIBLE",
    bound=None,
) -> Solution:
    """Wrap a schedule as a Solution; flags broken fairness or missing required."""
    missing = [m for m in range(len(pk.parts)) if pk.required[m] and sched.slot[m] < 0]
    fair = fairness_ok(pk, sched)
    extra = dict(extra)
    if not fair:
        extra["fairness_violated"] = True
    if missing:
        extra["required_unscheduled"] = [instance.meetings[m].id for m in missing]
    if missing or not fair:
        status = "UNKNOWN"
        extra["valid"] = False
    assignments = tuple(
        Assignment(meeting=m, slot=s, table=sched.table[m])
        for m, s in enumerate(sched.slot)
        if s >= 0
    )
    unscheduled = tuple(
        Unscheduled(meeting=m, reason=reason_unscheduled(instance, pk, sched, m))
        for m, s in enumerate(sched.slot)
        if s < 0
    )
    return Solution(
        status=status,
        assignments=assignments,
        unscheduled=unscheduled,
        objective=objective_of(pk, sched),
        bound=bound or {},
        seconds=time.perf_counter() - t0,
        extra=extra,
    )


def reason_unscheduled(instance: Instance, pk: Packed, sched: Schedule, m: int) -> str:
    """A short, human reason why a meeting is not in the schedule."""
    names = ", ".join(instance.participants[p].id for p in pk.parts[m])
    if not pk.cand[m]:
        return f"{names}: no allowed slot where all are available"
    free = pk.cand[m]
    for p in pk.parts[m]:
        free &= ~sched.busy[p]
    if not free:
        return f"{names}: every possible slot is taken by other meetings of theirs"
    if pk.host_table[m] < 0 and all(
        sched.load[s] >= len(pk.general_tables) for s in bits(free)
    ):
        return f"{names}: no table free in the slots they share"
    if pk.preds[m] or pk.succs[m]:
        return f"{names}: no free slot fits the meeting's precedences"
    if pk.spread is not None:
        return f"{names}: left out to keep breaks within the fairness spread"
    return f"{names}: left out for meetings of higher priority or fewer breaks"
