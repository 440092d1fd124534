"""The table stage: given every meeting's slot, choose tables to minimise changes.

Why separate: with interchangeable tables, "at most as many general-table meetings per
slot as general tables" (plus one per named table) is all the slot stage needs for
feasibility, so tables can be chosen afterwards in a much smaller model. The optimum
here is optimal *for the given slots*; it is not a proof over all schedules.
"""

from __future__ import annotations

import threading
import time
from collections import Counter

from ortools.sat.python import cp_model

from .schema import Instance
from .variables import table_options

PATIENCE = 0.3  # seconds without better tables before the table stage may end


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


def start_tables(
    instance: Instance, slot_of: dict[int, int], pairs=None
) -> dict[int, int]:
    """The better of two greedy table choices: ``greedy_tables`` and the packed one
    (``tables.assign_tables``, which also hands new meetings tables nobody comes back
    to). On greedy's slots of the 20 B2B originals the packed one has up to 13 %
    fewer changes than ``greedy_tables``, and fewer than 3 s of CP-SAT starting from
    ``greedy_tables`` reached on 16 of them."""
    pairs = successive_pairs(instance, slot_of) if pairs is None else pairs
    simple = greedy_tables(instance, slot_of)
    try:
        packed = _packed_tables(instance, slot_of)
    except RuntimeError:  # a slot holds more meetings than tables
        return simple
    return min(simple, packed, key=lambda t: changes_of(pairs, t))


def _packed_tables(instance: Instance, slot_of: dict[int, int]) -> dict[int, int]:
    from .packed import Schedule, pack
    from .tables import assign_tables as packed_assign

    pk = pack(instance)
    sched = Schedule.empty(pk)
    for m, s in slot_of.items():
        sched.place(pk, m, s)
    packed_assign(pk, sched)
    return {m: sched.table[m] for m in slot_of}


def changes_of(pairs: Counter[tuple[int, int]], table_of: dict[int, int]) -> int:
    """Table changes of ``table_of`` over the successive pairs (weighted)."""
    return sum(w for (m0, m1), w in pairs.items() if table_of[m0] != table_of[m1])


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
    stop: threading.Event | None = None,
    report: dict | None = None,
) -> tuple[dict[int, int], bool]:
    """Tables for a fixed slot schedule: (meeting -> table, proved optimal).

    The search ends when it is proved, when it stops improving (see ``_Patience``),
    at ``time_limit`` or at ``stop``; ``report`` gets what happened, for the
    benchmark: the value, the bound proved for these slots and why it ended.
    """
    pairs = successive_pairs(instance, slot_of)
    start = start_tables(instance, slot_of, pairs)
    start_value = changes_of(pairs, start)
    if report is not None:
        report["start"] = start_value
    if not pairs or time_limit <= 0.05:
        return start, not pairs
    start = _relabel(instance, slot_of, start)
    model, y, changed = _table_model(instance, slot_of, pairs)
    for (m, t), var in y.items():
        model.add_hint(var, start[m] == t)
    for (m0, m1), var in changed.items():  # a whole hint: CP-SAT starts from it
        model.add_hint(var, start[m0] != start[m1])
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    patience = _Patience(solver, stop, start_value)
    try:
        status = solver.solve(model, patience)
    finally:
        patience.done.set()
    if report is not None:
        report.update(_report(solver, status, patience))
    if (
        status not in (cp_model.OPTIMAL, cp_model.FEASIBLE)
        or solver.objective_value > start_value
    ):  # nothing, or stopped before it found as good as the start
        if report is not None:
            report["value"] = start_value
        return start, False
    table_of = {m: t for (m, t), var in y.items() if solver.value(var)}
    return table_of, status == cp_model.OPTIMAL


def gain_share(instance: Instance, slot_of: dict[int, int]) -> float:
    """What is left to gain, as a share: greedy's table changes over the pairs of
    successive meetings (each pair is at most one change; 0 means nothing to do)."""
    pairs = successive_pairs(instance, slot_of)
    if not pairs:
        return 0.0
    return changes_of(pairs, start_tables(instance, slot_of, pairs)) / sum(
        pairs.values()
    )


def _table_model(instance: Instance, slot_of, pairs):
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
    changed = {}
    for m0, m1 in pairs:
        c = changed[m0, m1] = model.new_bool_var(f"c_{m0}_{m1}")
        for t in table_options(instance, m0):
            model.add(c >= y[m0, t] - y.get((m1, t), 0))
    _break_symmetry(instance, slot_of, model, y)
    model.minimize(sum(w * changed[pair] for pair, w in pairs.items()))
    return model, y, changed


class _Patience(cp_model.CpSolverSolutionCallback):
    """Stops the search once no tables better than the best so far came for as long
    again as the last improvement took since the start (at least ``PATIENCE`` s), or
    at ``stop``. The start (``start_tables``, given as the hint) counts as found at
    once: CP-SAT that does not beat it within ``PATIENCE`` s ends there. On greedy's
    slots of the 20 B2B originals it gained 1 to 4 changes on 9 and ended after 0.3
    to 0.6 s on all but one (1.8 s), 8 s in all at load 2 (the stage used to wait for
    a first solution of its own and run to its limit, and to keep worse tables)."""

    def __init__(
        self, solver: cp_model.CpSolver, stop: threading.Event | None, best: int
    ):
        super().__init__()
        self.solver, self.stop, self.best = solver, stop, best
        self.t0 = time.monotonic()
        self.last = self.t0
        self.why = "proved or time limit"
        self.done = threading.Event()
        threading.Thread(target=self._watch, daemon=True).start()

    def on_solution_callback(self) -> None:
        if self.objective_value < self.best - 0.5:
            self.best = round(self.objective_value)
            self.last = time.monotonic()

    def _watch(self) -> None:
        while not self.done.wait(0.02):
            now = time.monotonic()
            if self.stop is not None and self.stop.is_set():
                self.why = "stopped"
            elif now - self.last > max(PATIENCE, self.last - self.t0):
                self.why = "no longer improving"
            else:
                continue
            self.solver.stop_search()
            return


def _report(solver, status, patience: _Patience) -> dict:
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    return {
        "value": round(solver.objective_value) if found else None,
        "bound_for_slots": round(solver.best_objective_bound) if found else None,
        "ended": "proved" if status == cp_model.OPTIMAL else patience.why,
        "seconds": round(time.monotonic() - patience.t0, 3),
    }


def _break_symmetry(instance: Instance, slot_of, model, y) -> None:
    """General tables are interchangeable within a block when no meeting names one:
    the meetings of a block's first used slot may take tables in a fixed order."""
    if any(m.table is not None for m in instance.meetings):
        return
    general = instance.general_tables()
    for block in instance.blocks:
        first = _first_meetings(instance, slot_of, block)
        for m, t in zip(first, general, strict=False):
            model.add(y[m, t] == 1)


def _first_meetings(instance: Instance, slot_of, block) -> list[int]:
    """The general-table meetings of a block's first used slot, by id."""
    general = instance.general_tables()
    used = sorted({slot_of[m] for m in slot_of if slot_of[m] in set(block)})
    if not used:
        return []
    return [
        m
        for m in sorted(slot_of)
        if slot_of[m] == used[0] and table_options(instance, m) == general
    ]


def _relabel(instance: Instance, slot_of, table_of: dict[int, int]) -> dict[int, int]:
    """The same tables with general ones renamed block by block as
    ``_break_symmetry`` fixes them (the same changes), so the hint fits the model."""
    if any(m.table is not None for m in instance.meetings):
        return table_of
    general = instance.general_tables()
    out = dict(table_of)
    for block in instance.blocks:
        first = _first_meetings(instance, slot_of, block)
        rename = {table_of[m]: t for m, t in zip(first, general, strict=False)}
        rest = [t for t in general if t not in rename.values()]
        for t in general:
            if t not in rename:
                rename[t] = rest.pop(0)
        inside = set(block)
        for m, s in slot_of.items():
            if s in inside and table_of[m] in rename:
                out[m] = rename[table_of[m]]
    return out
