"""The table stage: given every meeting's slot, choose tables to minimise changes.

Why separate: with interchangeable tables, "at most as many general-table meetings per
slot as general tables" (plus one per named table) is all the slot stage needs for
feasibility, so tables can be chosen afterwards in a much smaller model. The optimum
here is optimal *for the given slots*; it is not a proof over all schedules.
"""

from __future__ import annotations

import time
from collections import Counter

from ortools.sat.python import cp_model

from .schema import Instance
from .variables import table_options


def greedy_tables(instance: Instance, slot_of: dict[int, int]) -> dict[int, int]:
    """Slot by slot, give each meeting the table its participants sat at last, if free.

    Always succeeds when the slot schedule respects the capacity rules.
    """
    last: dict[int, int] = {}
    table_of: dict[int, int] = {}
    by_slot: dict[int, list[int]] = {}
    for m, s in slot_of.items():
        by_slot.setdefault(s, []).append(m)
    for s in sorted(by_slot):
        used: set[int] = set()
        meetings = sorted(by_slot[s], key=lambda m: len(table_options(instance, m)))
        for m in meetings:
            options = [t for t in table_options(instance, m) if t not in used]
            votes = Counter(
                last[p] for p in instance.meetings[m].participants if p in last
            )
            t = max(options, key=lambda t: (votes[t], -t))
            table_of[m] = t
            used.add(t)
            for p in instance.meetings[m].participants:
                last[p] = t
    return table_of


def successive_pairs(
    instance: Instance, slot_of: dict[int, int]
) -> Counter[tuple[int, int]]:
    """(m1, m2) meeting pairs that follow each other for some participant in a block,
    with how many participants they count for."""
    pairs: Counter[tuple[int, int]] = Counter()
    for meetings in instance.meetings_of:
        held = sorted((slot_of[m], m) for m in meetings if m in slot_of)
        for (s0, m0), (s1, m1) in zip(held, held[1:], strict=False):
            if instance.same_block(s0, s1):
                pairs[m0, m1] += 1
    return pairs


def assign_tables(
    instance: Instance,
    slot_of: dict[int, int],
    *,
    time_limit: float,
    workers: int = 2,
    seed: int = 0,
) -> tuple[dict[int, int], bool]:
    """Tables for a fixed slot schedule: (meeting -> table, proved optimal)."""
    start = greedy_tables(instance, slot_of)
    pairs = successive_pairs(instance, slot_of)
    if not pairs or time_limit <= 0.05:
        return start, not pairs
    model = cp_model.CpModel()
    y = {
        (m, t): model.new_bool_var(f"y_{m}_{t}")
        for m in slot_of
        for t in table_options(instance, m)
    }
    for m in slot_of:
        model.add_exactly_one(y[m, t] for t in table_options(instance, m))
    per_cell: dict[tuple[int, int], list] = {}
    for (m, t), var in y.items():
        per_cell.setdefault((slot_of[m], t), []).append(var)
    for lits in per_cell.values():
        if len(lits) > 1:
            model.add_at_most_one(lits)
    changes = []
    for (m0, m1), weight in pairs.items():
        c = model.new_bool_var(f"c_{m0}_{m1}")
        for t in table_options(instance, m0):
            model.add(c >= y[m0, t] - y.get((m1, t), 0))
        changes.append(weight * c)
    _break_symmetry(instance, slot_of, model, y)
    model.minimize(sum(changes))
    for (m, t), var in y.items():
        model.add_hint(var, start[m] == t)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return start, False
    table_of = {m: t for (m, t), var in y.items() if solver.value(var)}
    return table_of, status == cp_model.OPTIMAL


def _break_symmetry(instance: Instance, slot_of, model, y) -> None:
    """General tables are interchangeable within a block when no meeting names one:
    the meetings of a block's first used slot may take tables in a fixed order."""
    if any(m.table is not None for m in instance.meetings):
        return
    general = instance.general_tables()
    for block in instance.blocks:
        used = sorted({slot_of[m] for m in slot_of if slot_of[m] in set(block)})
        if not used:
            continue
        first = [
            m
            for m in sorted(slot_of)
            if slot_of[m] == used[0] and table_options(instance, m) == general
        ]
        for m, t in zip(first, general, strict=False):
            model.add(y[m, t] == 1)


def _now() -> float:
    return time.monotonic()
