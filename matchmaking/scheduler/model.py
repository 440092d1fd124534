"""The exact CP-SAT scheduler: lexicographic stages over one slot model, then tables.

Stages: (1) maximise scheduled priority, skipped when every meeting is required (the
level is then a constant); (2) with priority held at the stage-1 value, minimise
breaks; (3) choose tables for the fixed slots (``table_stage``). Each stage is hinted
with the previous one's schedule. A level enters ``Solution.bound`` only when CP-SAT
proved it; the status is OPTIMAL only when all three levels are proved, which for the
table level happens when no table change is left (0 is the only bound we can prove
over all schedules).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .bounds import CompactSpan, OwnBreakBounds
from .compact import add_windows, tight_model
from .constraints import SLOT_RULES, Breaks, Fairness, Priority
from .core_lane import CoreLane
from .relax import one_above_own
from .schema import (
    FEASIBLE,
    INFEASIBLE,
    OPTIMAL,
    UNKNOWN,
    Instance,
    Solution,
    Unscheduled,
)
from .table_stage import assign_tables, greedy_tables
from .validate import objective, validate
from .variables import SlotVars, assignments_of

Progress = Callable[[dict], None] | None
TIGHT_SHARE = 0.6  # share of the time limit at most for the tight model
RELAX_SHARE = 0.8  # and for "one person one break above their bound" after it
WIDE_WORKERS = (
    4  # feasibility runs: 4 diverse workers beat 2 even on 2 cores (measured)
)
# "breaks <= k" beside the core lane, on the other core: max_lp refutes tic-13crafc's
# k = 1, 2, 3 in 1.4 to 2.9 s where one default worker does not in 20 s; a second
# thread (no_lp) would find k = 4 sooner but starves the core lane (measured).
CLIMB_SUBSOLVERS = ("max_lp",)
TABLE_SHARE = 0.1  # share of the time limit for the table stage at most (and 5 s)
# The table stage's share kept back from the slot stages: they may run until then
# (ticf-13crafb's break proof needs 27 of its 30 s), and tables get what is left.
TABLE_RESERVE = 0.03


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


class _Runner:
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
                target=_watch, args=(self.stop, done, solver), daemon=True
            ).start()
        try:
            status = solver.solve(self.v.model, recorder)
        finally:
            done.set()
        return _result(solver, status, recorder)


def _watch(stop: threading.Event, done: threading.Event, solver) -> None:
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
    model = cp_model.CpModel()
    v = SlotVars.create(instance, model)
    for rule in SLOT_RULES:
        rule.build(instance, model, v)
    breaks = Breaks().build(instance, model, v)
    Fairness().build(instance, model, v)
    own = OwnBreakBounds()
    lower = own.build(instance, model, v)
    priority = Priority().build(instance, model, v)
    runner = _Runner(
        v,
        workers=workers,
        seed=seed,
        on_progress=on_progress,
        stop=stop,
        deadline=t0 + time_limit,
    )
    best = None if hint is None else {a.meeting: a.slot for a in hint.assignments}
    stages = _Stages(instance, v, runner, time_limit, t0)
    stages.own = own.bounds
    return stages.run(priority, (breaks, lower), best)


class _Stages:
    """The lexicographic sequence; keeps the best schedule and the proved bounds."""

    def __init__(self, instance, v, runner: _Runner, time_limit: float, t0: float):
        self.instance, self.v, self.runner = instance, v, runner
        self.time_limit, self.t0 = time_limit, t0
        self.bound: dict[str, int] = {}
        self.proved = True
        self.extra: dict = {"stages": {}}
        self.hint: dict[int, int] | None = None
        self.own: dict[int, int] = {}  # participants' own positive break bounds

    def _hint_valid(self) -> bool:
        try:
            tables = greedy_tables(self.instance, self.hint)
            sol = Solution(FEASIBLE, assignments_of(self.hint, tables))
        except (ValueError, KeyError):  # a slot holds more meetings than tables
            return False
        return not validate(self.instance, sol)

    def _record(self, stage: str, outcome: tuple) -> None:
        """A stage's (status, value, bound) and when it ended, in seconds."""
        self.extra["stages"][stage] = outcome
        self.extra.setdefault("stage_ends", {})[stage] = round(
            time.monotonic() - self.t0, 2
        )

    def remaining(self, reserve: float = 0.0) -> float:
        return self.t0 + self.time_limit - time.monotonic() - reserve

    def run(self, priority, breaks, best: dict[int, int] | None) -> Solution:
        self.hint = best
        reserve = min(5.0, TABLE_RESERVE * self.time_limit)
        if all(isinstance(p, int) and p == 1 for p in self.v.present):
            self.bound["scheduled_priority"] = sum(
                m.priority for m in self.instance.meetings
            )
        else:
            out = self._stage("scheduled_priority", priority, best, reserve, maximise=1)
            if isinstance(out, Solution):
                return out
            best = out
            self.v.model.add(priority >= self.extra["stages"]["scheduled_priority"][1])
        out = self._breaks(*breaks, best, reserve)
        if isinstance(out, Solution):
            return out
        return self._finish(out)

    def _breaks(self, breaks, lower: int, best, reserve: float):
        """Minimise breaks: "nobody above their own bound?" first (the tight model
        answers in about a second), "only one person one break above?" next; then
        core-based search on a thread of its own (``core_lane``) beside "breaks <= k"
        runs for k = the best bound proved, upwards. The first feasible k is optimal,
        because every smaller k was proved infeasible (UNSAT-to-SAT search, as MaxSAT
        solvers do on B2B).

        With optional meetings (organisers' own events) none of that applies: the
        default portfolio, whose neighbourhood search improves the schedule in hand,
        minimises breaks with priority held."""
        if not all(m.required for m in self.instance.meetings):
            return self._stage("breaks", breaks, best, reserve, maximise=0)
        tight = self._tight(reserve)
        if isinstance(tight, dict):
            self.bound["breaks"] = lower
            return tight
        lower += tight
        if tight:
            relaxed = self._one_above(reserve)
            if isinstance(relaxed, dict):
                self.bound["breaks"] = lower
                return relaxed
            lower += relaxed
        if self.runner.stopped():
            return self._fail(UNKNOWN, best, "stopped before the search ended")
        lane = CoreLane(
            self.v,
            breaks,
            lower=lower,
            hint=best,
            limit=self.remaining(reserve),
            seed=self.runner.seed,
            stop=self.runner.stop,
        )
        user_stop, self.runner.stop = self.runner.stop, lane.settled
        try:
            found = self._climb(breaks, lower, best, reserve, lane)
        finally:
            self.runner.stop = user_stop
            lane.finish()
        self._record("breaks (core)", (lane.status_name, lane.value, lane.bound))
        return self._settle(found, lane, best)

    def _settle(self, found, lane: CoreLane, best):
        """The better of the two lanes' answers; the bound when either proved it.

        ``found`` is the climb's (schedule or None, refuted): every total below
        ``refuted`` was proved infeasible, and its schedule has exactly that many.
        """
        slot_of, refuted = found
        if lane.infeasible:
            return self._fail(INFEASIBLE, None, _why(INFEASIBLE, self.time_limit))
        value = None if slot_of is None else refuted
        if slot_of is None and lane.slot_of is not None:
            slot_of = lane.slot_of
            if lane.proved or lane.value <= refuted:
                value = lane.value
        slot_of = best if slot_of is None else slot_of
        if value is not None:
            self.bound["breaks"] = value
        else:
            self.proved = False
        if slot_of is None:
            return self._fail(UNKNOWN, None, _why(UNKNOWN, self.time_limit))
        return slot_of

    def _tighten(self, breaks) -> None:
        """Redundant constraints for the "breaks <= k" runs (they slow core-based
        search, so its lane copies the model before them): all-different slots and
        spans per person, and at most k - L people above their own bound."""
        instance, model, v = self.instance, self.v.model, self.v
        CompactSpan().build(instance, model, v)
        above = add_windows(instance, model, v, self.own)
        model.add(above + sum(self.own.values()) <= breaks)

    def _climb(self, breaks, k: int, best, reserve: float, lane: CoreLane):
        """ "breaks <= k" runs from k = the best bound proved (here or by the core
        lane) upwards, until one is feasible or k reaches the lane's best schedule.

        Returns (the feasible k's schedule or None, k): every total below k is
        refuted, which ``_settle`` combines with the lane's schedule.
        """
        self._tighten(breaks)
        cap = self.v.model.new_int_var(0, len(self.v.x) * 2, "breaks_cap")
        self.v.model.add(breaks <= cap)
        if best is not None:
            self.v.hint(best)
        domain = self.v.model.proto.variables[cap.index].domain
        top = domain[1]
        try:
            while k <= top:
                k = max(k, lane.bound)
                if lane.value is not None and k >= lane.value:
                    break  # the lane's schedule is optimal
                if self.runner.stopped() or self.remaining(reserve) <= 0.05:
                    break
                domain[1] = k
                res = self.runner.run(
                    f"breaks<={k}", self.remaining(reserve), subsolvers=CLIMB_SUBSOLVERS
                )
                self._record(f"breaks<={k}", (res.status, k, None))
                if res.status != INFEASIBLE:
                    found = res.slot_of is not None and res.status != UNKNOWN
                    return (res.slot_of if found else None), k
                k += 1
        finally:
            domain[1] = top
        return None, k

    def _tight(self, reserve: float) -> dict[int, int] | int:
        """Ask "can everyone stay at their own break bound?" in the tight model.

        Returns the schedule when they can (it is optimal), 1 (a lower bound above
        the bounds' sum) when CP-SAT proved they cannot, else 0.
        """
        v = tight_model(self.instance, self.own)
        if v is None or self.runner.stopped():
            return 0
        runner = _Runner(
            v,
            workers=self.runner.workers,
            seed=self.runner.seed,
            on_progress=self.runner.on_progress,
            stop=self.runner.stop,
            deadline=self.runner.deadline,
        )
        runner.t0 = self.runner.t0
        limit = min(self.remaining(reserve), TIGHT_SHARE * self.time_limit)
        res = runner.run("breaks=own", limit, wide=True)
        self._record("breaks=own", (res.status, sum(self.own.values()), None))
        if res.status in (OPTIMAL, FEASIBLE) and res.slot_of is not None:
            return res.slot_of
        return 1 if res.status == INFEASIBLE else 0

    def _one_above(self, reserve: float) -> dict[int, int] | int:
        """After the tight model refuted "everyone at their bound": can one person
        take one break more? The schedule when so (optimal), 1 when every person
        was refuted (the optimum is the bounds' sum + 2 or more), else 0."""
        if self.runner.stopped():
            return 0
        limit = min(self.remaining(reserve), RELAX_SHARE * self.time_limit)
        res = one_above_own(
            self.instance,
            self.own,
            deadline=time.monotonic() + limit,
            workers=self.runner.workers,
            seed=self.runner.seed,
            stop=self.runner.stop,
        )
        if res is None:
            return 0
        found = (
            "FEASIBLE" if res.slot_of else ("INFEASIBLE" if res.refuted else UNKNOWN)
        )
        self._record("breaks=own+1", (found, res.questions, None))
        if res.slot_of is not None:
            return res.slot_of
        return 1 if res.refuted else 0

    def _stage(self, name, term, best, reserve, maximise: int, limit=None):
        model = self.v.model
        model.clear_objective()
        if maximise:
            model.maximize(term)
        else:
            model.minimize(term)
        if best is not None:
            self.v.hint(best)
        if self.runner.stopped():
            return self._fail(UNKNOWN, best, "stopped before the search began")
        left = self.remaining(reserve)
        res = self.runner.run(name, left if limit is None else min(left, limit))
        self._record(name, (res.status, res.value, res.bound))
        if res.slot_of is None:
            return self._fail(res.status, best, _why(res.status, self.time_limit))
        if res.status == OPTIMAL:
            self.bound[name] = res.value
        else:
            self.proved = False
        return res.slot_of

    def _fail(self, status: str, best, reason: str):
        if best is not None and status != INFEASIBLE:
            self.proved = False
            return self._finish(best)
        final = INFEASIBLE if status == INFEASIBLE else UNKNOWN
        return Solution(
            status=final,
            bound=dict(self.bound),
            seconds=time.monotonic() - self.t0,
            extra=self.extra,
            reasons=(reason,),
        )

    def _finish(self, slot_of: dict[int, int]) -> Solution:
        self.extra["seconds_slots"] = round(time.monotonic() - self.t0, 3)
        if slot_of is self.hint and not self._hint_valid():
            return Solution(
                status=UNKNOWN,
                seconds=time.monotonic() - self.t0,
                extra=self.extra,
                reasons=(f"no valid schedule found within {self.time_limit:g} s",),
            )
        limit = 0.0 if self.runner.stopped() else self.remaining()
        limit = min(limit, max(1.0, TABLE_SHARE * self.time_limit))
        table_of, tables_proved = assign_tables(
            self.instance,
            slot_of,
            time_limit=limit,
            workers=self.runner.workers,
            seed=self.runner.seed,
        )
        assignments = assignments_of(slot_of, table_of)
        obj = objective(self.instance, assignments)
        self.extra["tables_optimal_for_slots"] = tables_proved
        whole = self.proved and len(self.bound) == 2 and obj.table_changes == 0
        if whole:
            self.bound["table_changes"] = 0
        return Solution(
            status=OPTIMAL if whole else FEASIBLE,
            assignments=assignments,
            unscheduled=tuple(
                Unscheduled(m) for m in range(len(self.v.present)) if m not in slot_of
            ),
            objective=obj,
            bound=dict(self.bound),
            seconds=time.monotonic() - self.t0,
            extra=self.extra,
        )


def _why(status: str, time_limit: float) -> str:
    if status == INFEASIBLE:
        return (
            "no schedule satisfies all hard rules together (required meetings, "
            "slots, tables, precedences and the fairness spread); proved by CP-SAT"
        )
    if status == "MODEL_INVALID":
        return "internal error: CP-SAT rejected the model as invalid"
    return f"no schedule found within {time_limit:g} s"
