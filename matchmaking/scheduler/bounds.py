"""Per-participant lower bounds on breaks, and the constraints that use them.

Why: in the B2B instances most proved break counts come from single participants whose
meetings are tied to sessions or forbidden slots (a morning-only and an afternoon-only
meeting around a forbidden slot force a break). Each bound is proved by a tiny CP-SAT
model over one participant's own meetings, so it is valid for the whole problem.
Only participants whose meetings are all required are bounded (otherwise dropping a
meeting could avoid the break).
"""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

from .schema import Instance
from .variables import SlotVars


def own_min_breaks(
    instance: Instance, p: int, slots_of: list[list[int]], limit: float = 2.0
) -> int:
    """Fewest breaks p can have if only p's own meetings and slots mattered (a
    lower bound of it when ``limit`` seconds do not suffice to prove it)."""
    meetings = instance.meetings_of[p]
    if len(meetings) < 2 or not all(instance.meetings[m].required for m in meetings):
        return 0
    if any(not slots_of[m] for m in meetings):
        return 0  # infeasible anyway; the main model will say so
    options = [set(slots_of[m]) for m in meetings]
    n = len(options)
    if any(_matches(options, w) for b in instance.blocks for w in _runs(b, n, 1)):
        return 0  # the common case, decided by matching without a solver
    if len(instance.blocks) == 1:
        if any(_matches(options, w) for w in _runs(instance.blocks[0], n, 2)):
            return 1  # p57 of forum-13crafb.forb0003: the model below took 2 s for 0
    model = cp_model.CpModel()
    x = {(m, s): model.new_bool_var("") for m in meetings for s in slots_of[m]}
    for m in meetings:
        model.add_exactly_one(x[m, s] for s in slots_of[m])
    busy: list = []
    for s in range(instance.n_slots):
        lits = [x[m, s] for m in meetings if (m, s) in x]
        b = model.new_bool_var("")
        model.add(sum(lits) == b)
        busy.append(b)
    starts = []
    for block in instance.blocks:
        for i, s in enumerate(block):
            start = model.new_bool_var("")
            model.add_implication(start, busy[s])
            if i:
                model.add_implication(start, busy[s - 1].Not())
                model.add_bool_or([start, busy[s].Not(), busy[s - 1]])
            else:
                model.add(start == busy[s])
            starts.append(start)
    used = [model.new_bool_var("") for _ in instance.blocks]
    for b, block in enumerate(instance.blocks):
        model.add_max_equality(used[b], [busy[s] for s in block])
    model.minimize(sum(starts) - sum(used))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = max(0.01, min(2.0, limit))
    status = solver.solve(model)
    if status != cp_model.OPTIMAL:
        return max(0, round(solver.best_objective_bound))
    return round(solver.objective_value)


def _runs(block, n: int, count: int):
    """The sets of n slots of the block that form ``count`` runs, each run separated
    from the next by at least one idle slot."""
    if count == 1:
        for a in range(len(block) - n + 1):
            yield set(block[a : a + n])
        return
    for i in range(1, n - count + 2):  # the first run's length
        for a in range(len(block) - n - count + 2):
            rest = block[a + i + 1 :]
            for later in _runs(rest, n - i, count - 1):
                yield set(block[a : a + i]) | later


def _matches(options: list[set[int]], window: set[int]) -> bool:
    """A perfect matching of meetings to the window's slots (augmenting paths)."""
    owner: dict[int, int] = {}

    def augment(m: int, seen: set[int]) -> bool:
        for s in options[m] & window:
            if s not in seen:
                seen.add(s)
                if s not in owner or augment(owner[s], seen):
                    owner[s] = m
                    return True
        return False

    return all(augment(m, set()) for m in range(len(options)))


class OwnBreakBounds:
    """breaks[p] >= own_min_breaks(p): tightens the objective bound from the start.

    Returns the sum of the bounds (a valid lower bound of the total) for the caller.
    Past ``deadline`` (monotonic seconds) the rest are skipped: 0 is a bound too, and
    on tight instances the one-person models can take 0.4 s each.
    """

    def __init__(self, deadline: float | None = None) -> None:
        self.deadline = deadline

    def build(self, instance: Instance, model: cp_model.CpModel, v: SlotVars) -> int:
        self.bounds: dict[int, int] = {}  # participants with a positive bound
        for p, breaks in enumerate(v.breaks):
            left = 2.0 if self.deadline is None else self.deadline - time.monotonic()
            if isinstance(breaks, int) or left <= 0:
                continue
            lb = own_min_breaks(instance, p, v.slots_of, left)
            if lb:
                model.add(breaks >= lb)
                self.bounds[p] = lb
        return sum(self.bounds.values())


class CompactSpan:
    """Slots of p's meetings are all different, and p has no break exactly when they
    span n_p consecutive slots (p's meetings all required, in one block).

    Redundant, but all_different reasons over Hall intervals and the span links the
    break count to the first and last meeting, which clause-level busy literals miss.
    """

    def build(self, instance: Instance, model: cp_model.CpModel, v: SlotVars) -> None:
        slot = {
            m: model.new_int_var_from_domain(
                cp_model.Domain.from_values(slots), f"slot_{m}"
            )
            for m, slots in enumerate(v.slots_of)
            if slots
        }
        for m, var in slot.items():
            model.add(var == sum(s * v.x[m, s] for s in v.slots_of[m]))
        for p, meetings in enumerate(instance.meetings_of):
            if len(meetings) < 2 or not all(
                isinstance(v.present[m], int) and v.present[m] == 1 for m in meetings
            ):
                continue
            if any(m not in slot for m in meetings):
                continue
            model.add_all_different(slot[m] for m in meetings)
            blocks = {instance.slots[s].block for m in meetings for s in v.slots_of[m]}
            if len(blocks) == 1 and not isinstance(v.breaks[p], int):
                self._span(instance, model, [slot[m] for m in meetings], v.breaks[p])

    @staticmethod
    def _span(instance: Instance, model: cp_model.CpModel, slots, breaks) -> None:
        first = model.new_int_var(0, instance.n_slots, "")
        last = model.new_int_var(0, instance.n_slots, "")
        model.add_min_equality(first, slots)
        model.add_max_equality(last, slots)
        compact = model.new_bool_var("")
        model.add(breaks == 0).only_enforce_if(compact)
        model.add(breaks >= 1).only_enforce_if(compact.Not())
        model.add(last - first == len(slots) - 1).only_enforce_if(compact)
        model.add(last - first >= len(slots)).only_enforce_if(compact.Not())
