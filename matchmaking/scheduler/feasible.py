"""The first valid schedule, before any optimisation: greedy, then a repair.

Why a stage of its own: an organiser's event must never end with nothing when a
schedule exists. Greedy with its ejection chain is valid at once on most instances;
where it is not (many required meetings, precedences, tight tables, a fairness
spread), the repair asks CP-SAT for any schedule that keeps every hard rule, hinted
with greedy's, and stops at the first one (B2B size: well under a second on a quiet
core). At LNS scale that model is too big: there the repair is the LNS loop itself,
whose neighbourhoods go first to the unscheduled required meetings.

The answer is always checked with the validator; the caller gets it back flagged
invalid (``extra["valid"] = False``) only when no repair succeeded in time.
"""

from __future__ import annotations

import threading
import time

from ortools.sat.python import cp_model

from .constraints import Priority, slot_model
from .greedy import construct, to_solution
from .packed import pack
from .runner import watch
from .schema import FEASIBLE, INFEASIBLE, Instance, Solution
from .stages import no_schedule_reason
from .table_stage import greedy_tables
from .validate import objective, validate
from .variables import assignments_of

# Greedy's ejection chain, when CP-SAT can repair after it: its share of the time,
# at most EJECT_SECONDS (on tight instances it cycles for a second and still fails).
EJECT_SHARE, EJECT_SECONDS = 0.25, 0.15
# FIRST_SEARCH: one worker without LP relaxation finds the first schedule 2.5 to 6
# times sooner than the 2-, 4-worker portfolios or one worker with LP (B2B forum-14,
# ticf-14crafa.forb0003, forumt-14crafe.prec25 and two tight instances: 6.7 s in all
# against 17.8 to 44.7 s, load 8 on 2 cores); hint repair made it slower still.


def first_valid(
    instance: Instance,
    *,
    time_limit: float,
    workers: int = 2,
    seed: int = 0,
    stop: threading.Event | None = None,
    exact: bool = True,
) -> Solution:
    """Greedy's schedule if valid, else a CP-SAT repair of it (``exact``) within
    ``time_limit`` seconds; ``extra["first_valid_seconds"]`` says when it was valid.
    INFEASIBLE (with the reason) when the repair proved that no schedule exists."""
    t0 = time.monotonic()
    pk = pack(instance)
    eject = min(EJECT_SECONDS, EJECT_SHARE * time_limit) if exact else None
    sched, _ = construct(pk, seed, eject_seconds=eject)
    sol = to_solution(instance, pk, sched, t0, extra={"solver": "greedy"})
    if validate(instance, sol) and exact:
        left = time_limit - (time.monotonic() - t0)
        repaired = _any_schedule(instance, sol, left, workers, seed, stop)
        if repaired is not None:
            sol = repaired
    extra = dict(sol.extra)
    if sol.status == INFEASIBLE:
        return sol
    if not validate(instance, sol):
        extra["first_valid_seconds"] = round(time.monotonic() - t0, 3)
    return Solution(
        status=sol.status,
        assignments=sol.assignments,
        unscheduled=sol.unscheduled,
        objective=sol.objective,
        seconds=time.monotonic() - t0,
        extra=extra,
    )


def _any_schedule(instance, hint: Solution, limit, workers, seed, stop):
    """The first schedule CP-SAT finds that keeps every hard rule; INFEASIBLE when
    it proves there is none; None when it found nothing in time."""
    if limit <= 0.05 or (stop is not None and stop.is_set()):
        return None
    v, _ = slot_model(instance)
    model = v.model
    if not all(m.required for m in instance.meetings):
        model.maximize(Priority().build(instance, model, v))
    v.hint({a.meeting: a.slot for a in hint.assignments})
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, limit)
    solver.parameters.num_workers = 1  # see FIRST_SEARCH
    solver.parameters.linearization_level = 0
    solver.parameters.random_seed = seed
    solver.parameters.stop_after_first_solution = True
    status = _solve(solver, model, stop)
    if status == cp_model.INFEASIBLE:
        reason = no_schedule_reason(INFEASIBLE, limit)
        return Solution(status=INFEASIBLE, extra=hint.extra, reasons=(reason,))
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    slot_of = v.extract(solver.value)
    assignments = assignments_of(slot_of, greedy_tables(instance, slot_of))
    return Solution(
        status=FEASIBLE,
        assignments=assignments,
        objective=objective(instance, assignments),
        extra={"solver": "greedy+cp-sat repair"},
    )


def _solve(solver: cp_model.CpSolver, model: cp_model.CpModel, stop) -> int:
    done = threading.Event()
    if stop is not None:
        threading.Thread(target=watch, args=(stop, done, solver), daemon=True).start()
    try:
        return solver.solve(model)
    finally:
        done.set()
