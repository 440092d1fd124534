"""The exact CP-SAT scheduler: lexicographic stages over one slot model, then tables.

Stages: (1) maximise scheduled priority, skipped when every meeting is required (the
level is then a constant); (2) with priority held at the stage-1 value, minimise
breaks; (3) choose tables for the fixed slots (``table_stage``). Each stage is hinted
with the previous one's schedule. A level enters ``Solution.bound`` only when CP-SAT
proved it; the status is OPTIMAL only when all three levels are proved, which for the
table level happens when no table change is left (0 is the only bound we can prove
over all schedules).

This module builds the slot model and runs the stages in order; the steps they share
and the table stage are in ``stages``, the break stage in ``break_stage``, and one
CP-SAT call in ``runner``.
"""

from __future__ import annotations

import threading
import time

from .bounds import OwnBreakBounds
from .break_stage import BreakStage
from .constraints import Priority, slot_model
from .polish import polish_slots
from .runner import Progress, Runner
from .schema import Instance, Solution

# The table stage's share kept back from the slot stages: they may run until then
# (ticf-13crafb's break proof needs 27 of its 30 s), and tables get what is left.
TABLE_RESERVE = 0.03
OWN_SHARE = 0.15  # of the time limit at most for the participants' own break bounds
# With optional meetings: the priority stage stops at this share of the limit unless
# proved sooner, and its schedule is polished (single moves to fewer breaks) for at
# most POLISH_SHARE, so the break stage is not starved (1,000 meetings at 20 s: the
# priority stage took 19 s and left 466 breaks where greedy has 151).
PRIORITY_SHARE, POLISH_SHARE = 0.5, 0.05


def solve_exact(
    instance: Instance,
    *,
    time_limit: float,
    workers: int = 2,
    seed: int = 0,
    hint: Solution | None = None,
    on_progress: Progress = None,
    stop: threading.Event | None = None,
) -> Solution:
    """Solve an instance exactly with CP-SAT, lexicographically by levels.

    Args:
        time_limit: wall-clock seconds for the whole call (all stages).
        workers: CP-SAT search workers (the machine's cores).
        seed: CP-SAT random seed, for reproducible runs.
        hint: a schedule to start from (e.g. the greedy one); may be invalid.
        on_progress: called with ``{"stage", "objective", "bound", "seconds"}`` on
            every improving solution.
        stop: when set from another thread, the search stops and the best valid
            schedule found so far is returned (FEASIBLE), or UNKNOWN if none.

    Returns:
        A Solution whose assignments satisfy every hard rule, with ``bound`` holding the
        levels proved; INFEASIBLE (with reasons) when CP-SAT proves no schedule exists.
    """
    t0 = time.monotonic()
    v, breaks = slot_model(instance)
    model = v.model
    own = OwnBreakBounds(deadline=t0 + OWN_SHARE * time_limit)
    lower = own.build(instance, model, v)
    priority = Priority().build(instance, model, v)
    runner = Runner(
        v,
        workers=workers,
        seed=seed,
        on_progress=on_progress,
        stop=stop,
        deadline=t0 + time_limit,
    )
    best = None if hint is None else {a.meeting: a.slot for a in hint.assignments}
    stages = _Lexicographic(instance, v, runner, time_limit, t0)
    stages.own = own.bounds
    return stages.run(priority, (breaks, lower), best)


class _Lexicographic(BreakStage):
    """The stages in order: priority, breaks, then tables (see the module docstring)."""

    def run(self, priority, breaks, best: dict[int, int] | None) -> Solution:
        self.hint = best
        reserve = min(5.0, TABLE_RESERVE * self.time_limit)
        if all(isinstance(p, int) and p == 1 for p in self.v.present):
            self.bound["scheduled_priority"] = sum(
                m.priority for m in self.instance.meetings
            )
        else:
            limit = PRIORITY_SHARE * self.time_limit
            out = self._stage(
                "scheduled_priority", priority, best, reserve, maximise=1, limit=limit
            )
            if isinstance(out, Solution):
                return out
            best = polish_slots(self.instance, out, POLISH_SHARE * self.time_limit)
            self.v.model.add(priority >= self.extra["stages"]["scheduled_priority"][1])
        out = self._breaks(*breaks, best, reserve)
        if isinstance(out, Solution):
            return out
        return self._finish(out)
