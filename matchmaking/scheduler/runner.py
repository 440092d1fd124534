"""One CP-SAT call of the exact model, with a clock, progress reports and a stop.

Why apart from the stages: every stage (and the tight model's own run) solves the same
way; only the limit, the portfolio and the stage's name change.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .schema import FEASIBLE, INFEASIBLE, OPTIMAL, UNKNOWN
from .variables import SlotVars

Progress = Callable[[dict], None] | None
WIDE_WORKERS = (
    4  # feasibility runs: 4 diverse workers beat 2 even on 2 cores (measured)
)


@dataclass
class StageResult:
    """Outcome of one CP-SAT call: status name, best schedule, value and bound."""

    status: str
    slot_of: dict[int, int] | None
    value: int | None = None
    bound: int | None = None


class _Recorder(cp_model.CpSolverSolutionCallback):
    """Keeps the last (best) schedule, reports progress, stops on request."""

    def __init__(self, v: SlotVars, stage: str, on_progress: Progress, t0: float):
        super().__init__()
        self.v, self.stage, self.on_progress, self.t0 = v, stage, on_progress, t0
        self.slot_of: dict[int, int] | None = None

    def on_solution_callback(self) -> None:
        self.slot_of = self.v.extract(self.value)
        if self.on_progress is not None:
            self.on_progress(
                {
                    "stage": self.stage,
                    "objective": self.objective_value,
                    "bound": self.best_objective_bound,
                    "seconds": round(time.monotonic() - self.t0, 3),
                }
            )


class Runner:
    """Runs the stages of one model with shared settings, clock and stop event."""

    def __init__(self, v: SlotVars, *, workers, seed, on_progress, stop, deadline):
        self.v, self.workers, self.seed = v, workers, seed
        self.on_progress, self.stop, self.deadline = on_progress, stop, deadline
        self.t0 = time.monotonic()

    def stopped(self) -> bool:
        return self.stop is not None and self.stop.is_set()

    def run(
        self, stage: str, limit: float, wide: bool = False, subsolvers=()
    ) -> StageResult:
        """``wide``: a portfolio of up to ``WIDE_WORKERS`` (twice the cores at most);
        ``subsolvers``: these CP-SAT workers only, one thread each."""
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.05, limit)
        solver.parameters.num_workers = (
            max(self.workers, min(WIDE_WORKERS, 2 * self.workers))
            if wide
            else self.workers
        )
        if subsolvers:
            solver.parameters.num_workers = len(subsolvers)
            solver.parameters.subsolvers.extend(subsolvers)
        solver.parameters.random_seed = self.seed
        recorder = _Recorder(self.v, stage, self.on_progress, self.t0)
        done = threading.Event()
        if self.stop is not None:
            threading.Thread(
                target=watch, args=(self.stop, done, solver), daemon=True
            ).start()
        try:
            status = solver.solve(self.v.model, recorder)
        finally:
            done.set()
        return _result(solver, status, recorder)


def watch(stop: threading.Event, done: threading.Event, solver) -> None:
    """Stop the search as soon as ``stop`` is set; exit when the solve is done."""
    while not done.is_set():
        if stop.wait(0.05):
            solver.stop_search()
            return


def _result(solver, status, recorder: _Recorder) -> StageResult:
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return StageResult(
            OPTIMAL if status == cp_model.OPTIMAL else FEASIBLE,
            recorder.slot_of,
            round(solver.objective_value),
            round(solver.best_objective_bound),
        )
    if status == cp_model.INFEASIBLE:
        return StageResult(INFEASIBLE, None)
    if status == cp_model.MODEL_INVALID:
        return StageResult("MODEL_INVALID", None)
    return StageResult(UNKNOWN, recorder.slot_of)
