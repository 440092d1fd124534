"""What every stage of the exact model shares: the clock, the proved bounds, one
optimisation stage, giving up, and the table stage that ends every run.

Why a base class: the break stage (``break_stage``) needs all of it and is long
enough to live on its own; ``model`` builds the model and runs the stages in order.
"""

from __future__ import annotations

import time

from .runner import Runner
from .schema import FEASIBLE, INFEASIBLE, OPTIMAL, UNKNOWN, Solution, Unscheduled
from .table_stage import assign_tables, gain_share, greedy_tables
from .validate import objective, validate
from .variables import assignments_of

# The table stage's time: this share of the limit (at least 1 s), times the share of
# successive meetings whose tables greedy still changes (what is left to gain); it
# ends sooner when proved or no longer improving (``table_stage._Patience``).
TABLE_SHARE = 0.1


class Stages:
    """State of the lexicographic sequence: the best schedule and the proved bounds."""

    def __init__(self, instance, v, runner: Runner, time_limit: float, t0: float):
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
            return self._fail(
                res.status, best, no_schedule_reason(res.status, self.time_limit)
            )
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
        share = gain_share(self.instance, slot_of)
        limit = min(limit, max(1.0, TABLE_SHARE * self.time_limit) * share)
        report: dict = {"share": round(share, 3), "limit": round(limit, 2)}
        table_of, tables_proved = assign_tables(
            self.instance,
            slot_of,
            time_limit=limit,
            workers=self.runner.workers,
            seed=self.runner.seed,
            stop=self.runner.stop,
            report=report,
        )
        assignments = assignments_of(slot_of, table_of)
        obj = objective(self.instance, assignments)
        self.extra["tables_optimal_for_slots"] = tables_proved
        self.extra["table_stage"] = report
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


def no_schedule_reason(status: str, time_limit: float) -> str:
    """What a stage that ended without a schedule tells the organiser, by status."""
    if status == INFEASIBLE:
        return (
            "no schedule satisfies all hard rules together (required meetings, "
            "slots, tables, precedences and the fairness spread); proved by CP-SAT"
        )
    if status == "MODEL_INVALID":
        return "internal error: CP-SAT rejected the model as invalid"
    return f"no schedule found within {time_limit:g} s"
