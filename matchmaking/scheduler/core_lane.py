"""Core-based search for the fewest breaks, on one thread beside the other break stages.

Why: on the hardest B2B originals (forum-13crafb, ticf-13crafb) the optimum is three
breaks above what the participants' own bounds and the one-person questions prove.
Core-based search (CP-SAT's ``optimize_with_core``, as MaxSAT solvers do on B2B) raises
the lower bound core by core and proves both in 15 to 20 s on one thread, where the
"breaks <= k" runs do not finish in minutes; on others (tic-13crafc) those runs prove
the optimum first. So both run at once, a thread each, and share what they prove: the
"breaks <= k" runs start from this lane's bound and stop at its best schedule.

The lane solves its own copy of the model, made before the "breaks <= k" runs add
their redundant constraints, with one worker, so its search is the same from run to
run. Of those constraints it takes the spans (``bounds.CompactSpan``: all-different
slots per person, no break exactly when the meetings span n slots): with them the lane
proves and finds forum-13crafb.forb0003's 5 breaks within 30 s at 10 of 10 seeds
(mean 18.5 s; 7 of 10 without) and forb0007's at 9 of 10 (5 of 10 without). The start
windows (``compact.add_windows``) it does not take: with them the lane alone had found
nothing at 30 s at seeds 0 and 1.
"""

from __future__ import annotations

import math
import threading

from ortools.sat.python import cp_model

from .bounds import CompactSpan
from .variables import SlotVars


class _Keeper(cp_model.CpSolverSolutionCallback):
    """Keeps the lane's best schedule, its value and the bound proved so far."""

    def __init__(self, lane: CoreLane):
        super().__init__()
        self.lane = lane

    def on_solution_callback(self) -> None:
        lane = self.lane
        lane.slot_of = lane.v.extract(self.value)
        lane.value = round(self.objective_value)
        lane.raise_bound(self.best_objective_bound)


class CoreLane:
    """Minimises ``breaks`` with core-based search in a background thread.

    ``settled`` is set once the lane has proved its answer (optimal or infeasible) or
    ``stop`` was set: the other stages watch it and end their own search. ``news``
    is set then too and whenever the bound rises above ``watch`` (the caller's
    question, e.g. k in "breaks <= k"): that question is refuted already and its
    search ends (``BreakStage._climb``).
    """

    def __init__(
        self,
        v: SlotVars,
        breaks,
        *,
        lower: int,
        hint: dict[int, int] | None,
        limit: float,
        seed: int,
        stop: threading.Event | None,
    ):
        self.v = v
        self.model = v.model.clone()
        CompactSpan().build(v.instance, self.model, v)
        if lower:
            self.model.add(breaks >= lower)  # proved by the stages before
        self.model.clear_objective()
        self.model.minimize(breaks)
        self.model.clear_hints()
        if hint is not None:
            for (m, s), x in v.x.items():
                self.model.add_hint(x, hint.get(m) == s)
        self.lower, self.bound, self.value = lower, lower, None
        self.watch = lower
        self.paused = False
        self.slot_of: dict[int, int] | None = None
        self.status = cp_model.UNKNOWN
        self.settled = threading.Event()
        self.news = threading.Event()
        self._stop = stop
        self._solver = cp_model.CpSolver()
        params = self._solver.parameters
        params.max_time_in_seconds = max(0.05, limit)
        params.num_workers = 1
        params.subsolvers.append("core")  # CP-SAT's core worker, with its own settings
        params.random_seed = seed
        self._solver.best_bound_callback = self.raise_bound
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        if stop is not None:
            threading.Thread(target=self._watch, daemon=True).start()

    def raise_bound(self, bound: float) -> None:
        bound = math.ceil(bound - 1e-6)
        if bound > self.bound:
            self.bound = bound
            if bound > self.watch:
                self.news.set()

    @property
    def status_name(self) -> str:
        return self._solver.status_name(self.status)

    @property
    def proved(self) -> bool:
        return self.status == cp_model.OPTIMAL

    @property
    def infeasible(self) -> bool:
        return self.status == cp_model.INFEASIBLE

    def pause(self) -> None:
        """Stop the search for good, leaving ``settled`` and ``news`` alone: the
        caller runs something else on this core and may start a new lane later."""
        self.paused = True
        self._solver.stop_search()

    def finish(self) -> None:
        """Stop the search (if still running) and wait for the thread."""
        self._solver.stop_search()
        self._thread.join()

    def _run(self) -> None:
        try:
            self.status = self._solver.solve(self.model, _Keeper(self))
            if self.proved:
                self.bound = self.value
        finally:
            if self.status in (cp_model.OPTIMAL, cp_model.INFEASIBLE):
                self.settled.set()
                self.news.set()

    def _watch(self) -> None:
        """Pass the caller's stop on to this search and to the stages watching it."""
        while self._thread.is_alive():
            if self._stop.wait(0.05):
                self.settled.set()
                self.news.set()
                self._solver.stop_search()
                return
