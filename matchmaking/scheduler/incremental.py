"""Reschedule after changes, moving as few published meetings as possible.

Why: once a schedule is published, participants plan around it; every move is an email
and a chance of a no-show. So published assignments that are still valid are kept, and
only new meetings, meetings whose slot or table became invalid, and (to make room) the
published meetings of the people concerned are re-decided in one CP-SAT sub-model.

Objective order: (1) required meetings and the fairness spread, (2) scheduled priority,
(3) fewest published meetings moved, (4) breaks, then table changes. Priority comes
before stability because an accepted request the organiser can still honour is worth
more than one unchanged slot elsewhere; among schedules of equal priority the fewest
moves win, so a cancellation or an availability change moves nobody unnecessarily.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from .builder import Builder
from .greedy import order_meetings, to_solution
from .packed import Packed, Schedule, breaks_of, pack
from .schema import Assignment, Instance, Solution, Unscheduled
from .submodel import SubModel

SMALL = 2_000  # up to this many meetings, every published meeting may move


def published_from_dict(instance: Instance, d: dict[str, Any]) -> Solution:
    """Read a published ``partnering-solution/1`` against a *changed* instance.

    Meetings that no longer exist (cancelled) are dropped; an unknown table becomes
    -1 (to be re-seated); an unknown slot drops the assignment's slot (it must move).
    """
    slot_ix = {s.id: i for i, s in enumerate(instance.slots)}
    table_ix = {t.id: i for i, t in enumerate(instance.tables)}
    meet_ix = {m.id: i for i, m in enumerate(instance.meetings)}
    out = []
    for a in d.get("assignments", []):
        m = meet_ix.get(a["meeting"])
        if m is not None:
            s = slot_ix.get(a["slot"], -1)
            out.append(Assignment(m, s, table_ix.get(a.get("table"), -1)))
    unscheduled = tuple(
        Unscheduled(meet_ix[u["meeting"]], u.get("reason", ""))
        for u in d.get("unscheduled", [])
        if u["meeting"] in meet_ix
    )
    return Solution(
        status=d.get("status", "FEASIBLE"),
        assignments=tuple(out),
        unscheduled=unscheduled,
    )


def _invalid_reason(inst: Instance, pk: Packed, b: Builder, a: Assignment) -> str:
    """Why a published assignment cannot stay, or '' if it can."""
    m, s = a.meeting, a.slot
    if s < 0:
        return "its slot no longer exists"
    if not pk.cand[m] >> s & 1:
        gone = [
            inst.participants[p].id for p in pk.parts[m] if pk.unavailable[p] >> s & 1
        ]
        if gone:
            return f"{', '.join(gone)} no longer available in {inst.slots[s].id}"
        return f"{inst.slots[s].id} is no longer allowed for this meeting"
    if any(b.s.busy[p] >> s & 1 for p in pk.parts[m]):
        return "a participant has a higher-priority meeting in that slot"
    if pk.host_table[m] < 0 and b.s.load[s] >= b.n_general:
        return "fewer tables in that slot"
    if not b.window(m) >> s & 1:
        return "a precedence with another meeting no longer holds"
    return ""


def _keep(
    inst: Instance, pk: Packed, published: Solution
) -> tuple[Builder, dict, dict]:
    """Place every still-valid published assignment; return invalid ones with reasons."""
    b = Builder(pk)
    pub = {a.meeting: a for a in published.assignments}
    invalid: dict[int, str] = {}
    for m in order_meetings(pk, list(pub)):
        reason = _invalid_reason(inst, pk, b, pub[m])
        if reason:
            invalid[m] = reason
            continue
        b.put(m, pub[m].slot)
        b.s.table[m] = pub[m].table if _table_ok(pk, m, pub[m].table) else -1
    return b, pub, invalid


def _table_ok(pk: Packed, m: int, t: int) -> bool:
    if t < 0:
        return False
    fixed = pk.host_table[m] if pk.host_table[m] >= 0 else pk.pin_table[m]
    return t == fixed if fixed >= 0 else t in pk.general_set


def reschedule(
    instance: Instance,
    published: Solution,
    *,
    time_limit: float,
    workers: int = 2,
    seed: int = 0,
    on_progress: Callable[[dict], None] | None = None,
    stop: threading.Event | None = None,
) -> Solution:
    """Repair a published schedule for a changed instance (indices of ``instance``)."""
    t0 = time.perf_counter()
    pk = pack(instance)
    b, pub, invalid = _keep(instance, pk, published)
    was_out = {u.meeting for u in published.unscheduled}
    new = [m for m in range(len(pk.parts)) if m not in pub and m not in was_out]
    free = set(new) | set(invalid)
    touched = {p for m in free for p in pk.parts[m]}
    free |= {m for m in was_out if touched.intersection(pk.parts[m])}
    movable = _movable(pk, b.s, pub, invalid, touched)
    if free:
        _solve_sub(pk, b, sorted(free | movable), pub, time_limit, workers, seed, stop)
    _seat(pk, b.s, pub)
    moved = _moved(instance, pk, b.s, pub, invalid)
    extra = {"solver": "incremental", "moved": moved, "moved_count": len(moved)}
    sol = to_solution(instance, pk, b.s, t0, extra=extra)
    if on_progress is not None:
        ob = sol.objective
        best = {
            "scheduled_priority": ob.scheduled_priority,
            "breaks": ob.breaks,
            "table_changes": ob.table_changes,
        }
        on_progress(
            {
                "best": best,
                "bound": {},
                "elapsed": sol.seconds,
                "time_left": max(0.0, time_limit - sol.seconds),
            }
        )
    return sol


def _movable(
    pk: Packed, sched: Schedule, pub: dict, invalid: dict, touched: set[int]
) -> set[int]:
    """Published meetings allowed to move: all when small, else those of the people
    concerned by the change."""
    kept = {m for m in pub if m not in invalid and sched.slot[m] >= 0}
    if len(pk.parts) <= SMALL:
        return {m for m in kept if pk.fixed[m] < 0}
    return {
        m for p in touched for m in pk.meetings_of[p] if m in kept and pk.fixed[m] < 0
    }


def _solve_sub(
    pk, b: Builder, free: list[int], pub: dict, limit, workers, seed, stop
) -> None:
    """One sub-model with a move penalty; greedy insertion if CP-SAT finds nothing.

    Why every mover is taken out before any is put back: busy masks hold one bit per
    person and slot, not a count, so in a swap (m1 to m2's slot, m2 to m1's) taking
    m2 out after m1 went in would clear the bit m1 now needs.
    """
    br = [breaks_of(pk, x) for x in b.s.busy]
    penalty = {m: pub[m].slot for m in free if m in pub}
    sub = SubModel(pk, b.s, free, br, published=penalty)
    sub.build(hard_required=False, hard_fair=False)
    sub.hint_current()
    res = sub.solve(time_limit=limit, workers=workers, seed=seed, stop=stop)
    if res is None:
        b.fill(order_meetings(pk, [m for m in free if b.s.slot[m] < 0]))
        return
    moves = {m: s for m, s in res.slots.items() if b.s.slot[m] != s}
    for m in moves:
        if b.s.slot[m] >= 0:
            b.take(m)
    for m, s in moves.items():
        if s >= 0:
            b.put(m, s)  # its table is chosen later, by _seat


def _seat(pk: Packed, sched: Schedule, pub: dict) -> None:
    """Tables for meetings without one, keeping everyone else where they sit."""
    used: dict[int, dict[int, int]] = {}
    for m, s in enumerate(sched.slot):
        if s >= 0 and sched.table[m] >= 0:
            used.setdefault(s, {})[sched.table[m]] = m
    todo = [m for m, s in enumerate(sched.slot) if s >= 0 and sched.table[m] < 0]
    todo.sort(
        key=lambda m: (pk.host_table[m] < 0 and pk.pin_table[m] < 0, sched.slot[m])
    )
    while todo:
        m = todo.pop(0)
        s, at = sched.slot[m], used.setdefault(sched.slot[m], {})
        fixed = pk.host_table[m] if pk.host_table[m] >= 0 else pk.pin_table[m]
        if fixed >= 0:
            if fixed in at:  # a general meeting sits at a table now pinned: re-seat it
                other = at.pop(fixed)
                sched.table[other] = -1
                todo.append(other)
            t = fixed
        else:
            t = _near_table(pk, sched, m, at)
        sched.table[m] = t
        at[t] = m


def _near_table(pk: Packed, sched: Schedule, m: int, at: dict[int, int]) -> int:
    """A free general table, preferring one a participant uses next to this slot."""
    s = sched.slot[m]
    best = []
    for p in pk.parts[m]:
        for x in pk.meetings_of[p]:
            sx, tx = sched.slot[x], sched.table[x]
            if (
                x != m
                and sx >= 0
                and tx in pk.general_set
                and pk.block_of[sx] == pk.block_of[s]
            ):
                best.append((abs(sx - s), tx))
    for _, t in sorted(best):
        if t not in at:
            return t
    for t in pk.general_tables:
        if t not in at:
            return t
    raise RuntimeError(f"no free table in slot {s}")


def _moved(
    inst: Instance, pk: Packed, sched: Schedule, pub: dict, invalid: dict
) -> list[dict]:
    """Published meetings whose slot or table changed, with the reason."""
    out = []
    for m in sorted(pub):
        a = pub[m]
        if sched.slot[m] == a.slot and sched.table[m] == a.table:
            continue
        if m in invalid:
            reason = invalid[m]
        elif sched.slot[m] == a.slot:
            reason = "its table is no longer available"
        else:
            reason = "moved to make room for new or changed meetings"
        out.append(
            {
                "meeting": inst.meetings[m].id,
                "from": _where(inst, a.slot, a.table),
                "to": _where(inst, sched.slot[m], sched.table[m])
                if sched.slot[m] >= 0
                else None,
                "reason": reason,
            }
        )
    return out


def _where(inst: Instance, s: int, t: int) -> dict[str, str | None]:
    return {
        "slot": inst.slots[s].id if s >= 0 else None,
        "table": inst.tables[t].id if t >= 0 else None,
    }
