"""Partnering meeting scheduler: pure Python, no Django (see STYLE.md section 6).

``solve`` is the one entry point: precheck, then the exact CP-SAT model for small and
medium events, LNS for large ones, or repair of a published schedule.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable

from .clock import deadline_stop
from .explain import explain_unscheduled
from .io import load_instance
from .parse import InstanceError, solution_from_dict
from .precheck import precheck
from .schema import (
    FEASIBLE,
    INFEASIBLE,
    OPTIMAL,
    UNKNOWN,
    Assignment,
    Instance,
    Meeting,
    Objective,
    Participant,
    Slot,
    Solution,
    Table,
    Unscheduled,
)
from .validate import assert_valid, objective, validate
from .write import solution_to_dict

LARGE = 2000  # meetings above which the exact model gives way to LNS
# Time for the first valid schedule before the exact model: this share of the limit,
# at least FIRST_SECONDS (B2B size needs well under a second; the rest is slack).
FIRST_SHARE, FIRST_SECONDS = 0.3, 2.0

__all__ = [
    "FEASIBLE",
    "INFEASIBLE",
    "OPTIMAL",
    "UNKNOWN",
    "Assignment",
    "Instance",
    "InstanceError",
    "Meeting",
    "Objective",
    "Participant",
    "Slot",
    "Solution",
    "Table",
    "Unscheduled",
    "assert_valid",
    "load_instance",
    "objective",
    "precheck",
    "solution_from_dict",
    "solution_to_dict",
    "solve",
    "validate",
]


def solve(
    instance: Instance,
    *,
    time_limit: float = 60,
    workers: int = 2,
    seed: int = 0,
    published: Solution | None = None,
    on_progress: Callable[[dict], None] | None = None,
    stop: threading.Event | None = None,
) -> Solution:
    """Schedule an instance.

    Args:
        time_limit: wall-clock seconds for the whole call.
        workers: solver threads (the machine's cores).
        seed: random seed, for reproducible runs.
        published: a schedule already sent to participants; when given, it is repaired
            for the (changed) instance with as few moves as possible.
        on_progress: called with a dict on every improvement.
        stop: set it from another thread to get the best schedule found so far.

    Returns:
        A Solution: INFEASIBLE with reasons at once if precheck finds a simple
        obstacle; otherwise the best schedule found, every unscheduled meeting with a
        reason, and ``extra["violations"]`` from the validator (empty when valid).
    """
    t0 = time.monotonic()
    reasons = precheck(instance)
    if reasons:
        return Solution(
            status=INFEASIBLE,
            seconds=time.monotonic() - t0,
            extra={"precheck": True},
            reasons=tuple(reasons),
        )
    left = time_limit - (time.monotonic() - t0) - _finishing_seconds(instance)
    with deadline_stop(stop, left) as halt:
        sol = _dispatch(instance, left, workers, seed, published, on_progress, halt)
    unscheduled = tuple(explain_unscheduled(instance, sol)) if sol.assignments else ()
    extra = {**sol.extra, "violations": validate(instance, sol)}
    return dataclasses.replace(
        sol, unscheduled=unscheduled, extra=extra, seconds=time.monotonic() - t0
    )


def _finishing_seconds(instance: Instance) -> float:
    """Time kept back for wrapping, explaining and validating the answer: 3.3 s at
    30,000 meetings under load 7 on 2 cores (a 60 s BIO run ended 2.5 s late with
    the 0.95 s kept back before), about 1 s on a quiet machine."""
    return 0.05 + 1.2e-4 * len(instance.meetings)


def _dispatch(instance, time_limit, workers, seed, published, on_progress, stop):
    """Pick the method by the situation (see ``solve``)."""
    from . import incremental, lns

    options = {"time_limit": time_limit, "workers": workers, "seed": seed}
    options |= {"on_progress": on_progress, "stop": stop}
    if published is not None:
        return incremental.reschedule(instance, published, **options)
    if len(instance.meetings) > LARGE:
        return lns.solve_large(instance, **options)
    return _exact(instance, **options)


def _exact(instance, *, time_limit, workers, seed, on_progress, stop):
    """A valid schedule first (``feasible``), then the exact model hinted with it;
    the first one is the answer whenever the exact model's is not valid."""
    from .feasible import first_valid
    from .model import solve_exact

    t0 = time.monotonic()
    share = min(time_limit, max(FIRST_SECONDS, FIRST_SHARE * time_limit))
    for attempt in range(3):  # more time and another seed while nothing is found
        start = first_valid(
            instance, time_limit=share, workers=workers, seed=seed + attempt, stop=stop
        )
        if start.status == INFEASIBLE:
            return dataclasses.replace(start, seconds=time.monotonic() - t0)
        valid = not validate(instance, start)
        share = min(2 * share, 0.5 * (time_limit - (time.monotonic() - t0)))
        if valid or share < 0.5:
            break
    if on_progress is not None:
        on_progress({"stage": "first valid", "valid": valid, "seconds": start.seconds})
    left = time_limit - (time.monotonic() - t0)
    exact = solve_exact(
        instance,
        time_limit=left,
        workers=workers,
        seed=seed,
        hint=start,
        on_progress=on_progress,
        stop=stop,
    )
    sol = _best_valid(instance, exact, start)
    if valid and (not sol.assignments or validate(instance, sol)):
        return _from_start(instance, sol, start)
    return sol


def _from_start(instance: Instance, sol: Solution, start: Solution) -> Solution:
    """The first valid schedule as the answer, with what the solver proved."""
    return dataclasses.replace(
        sol,
        status=FEASIBLE,
        assignments=start.assignments,
        objective=objective(instance, start.assignments),
        extra={**sol.extra, **start.extra, "from_first_valid": True},
        reasons=(),
    )


def _rank(instance: Instance, sol: Solution) -> tuple[int, int, int]:
    """Lexicographic objective as a key to minimise: priority, breaks, table changes."""
    value = objective(instance, sol.assignments)
    return (-value.scheduled_priority, value.breaks, value.table_changes)


def _best_valid(instance: Instance, exact: Solution, hint: Solution) -> Solution:
    """The solver's answer, unless it ran out of time below its own valid hint.

    CP-SAT can end a time-limited run with a schedule worse than the hint it was
    given; the caller must never get less than the baseline. The proved bounds stay.
    """
    if exact.status in (OPTIMAL, INFEASIBLE) or validate(instance, hint):
        return exact
    if exact.assignments and not validate(instance, exact):
        if _rank(instance, exact) <= _rank(instance, hint):
            return exact
    return dataclasses.replace(
        exact,
        status=FEASIBLE,
        assignments=hint.assignments,
        objective=objective(instance, hint.assignments),
        extra={**exact.extra, "from_hint": True},
    )
