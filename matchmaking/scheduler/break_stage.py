"""Stage 2 of the exact model: minimise breaks with priority held.

Why a module of its own: when every meeting is required (the B2B case) breaks are not
minimised by one CP-SAT run but by a sequence of yes/no questions (the tight model,
one break above, "breaks <= k") beside a core-based lane, the largest part of the exact
model's code; see ``BreakStage._breaks``.
"""

from __future__ import annotations

import time

from .bounds import CompactSpan
from .compact import add_windows, tight_model
from .core_lane import CoreLane
from .relax import one_above_own
from .runner import Runner
from .sat_lane import Clauses, SatQuestion, applies
from .schema import FEASIBLE, INFEASIBLE, OPTIMAL, UNKNOWN
from .stages import Stages, no_schedule_reason

TIGHT_SHARE = 0.6  # share of the time limit at most for the tight model
RELAX_SHARE = 0.8  # and for "one person one break above their bound" after it
# "breaks <= k" beside the core lane, on the other core: max_lp refutes tic-13crafc's
# k = 1, 2, 3 in 1.4 to 2.9 s where one default worker does not in 20 s; a second
# thread (no_lp) would find k = 4 sooner but starves the core lane (measured).
CLIMB_SUBSOLVERS = ("max_lp",)
# A "breaks <= k" run at the bound the core lane proved only looks for a schedule,
# which the lane finds better (ticf-13crafb, forum-13crafb: max_lp found none in 20 s
# where the lane did): after this share of the limit the run yields the core to the
# lane until the lane proves more. It may still refute k first (tic-13crafc's 3 in
# 1.3 to 3 s, load 3).
CLIMB_AT_LANE_SHARE = 0.2


class BreakStage(Stages):
    """Adds minimising breaks (with priority held) to the shared stage steps."""

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
        if self.runner.stopped():
            return self._fail(UNKNOWN, best, "stopped before the search ended")
        lane = self._lane(breaks, lower, best, reserve)
        user_stop = self.runner.stop
        try:
            relaxed = self._one_above(reserve, lane, user_stop) if tight else 0
            if isinstance(relaxed, dict):
                self.bound["breaks"] = lower
                found = relaxed
            else:
                start = lower + relaxed
                if lane.paused:  # for the questions' later passes; on again
                    lane.finish()
                    start = max(start, lane.bound)
                    lane = self._lane(breaks, start, best, reserve)
                self.runner.stop = lane.news
                found = self._climb(breaks, start, best, reserve, lane)
        finally:
            self.runner.stop = user_stop
            lane.finish()
        self._record("breaks (core)", (lane.status_name, lane.value, lane.bound))
        if isinstance(found, dict):
            return found
        return self._settle(found, lane, best)

    def _lane(self, breaks, lower: int, best, reserve: float) -> CoreLane:
        return CoreLane(
            self.v,
            breaks,
            lower=lower,
            hint=best,
            limit=self.remaining(reserve),
            seed=self.runner.seed,
            stop=self.runner.stop,
        )

    def _settle(self, found, lane: CoreLane, best):
        """The better of the two lanes' answers; the bound when either proved it.

        ``found`` is the climb's (schedule or None, refuted): every total below
        ``refuted`` was proved infeasible, and its schedule has exactly that many.
        """
        slot_of, refuted = found
        if lane.infeasible:
            return self._fail(
                INFEASIBLE, None, no_schedule_reason(INFEASIBLE, self.time_limit)
            )
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
            return self._fail(
                UNKNOWN, None, no_schedule_reason(UNKNOWN, self.time_limit)
            )
        return slot_of

    def _tighten(self, breaks) -> None:
        """Redundant constraints for the "breaks <= k" runs (the core lane copies the
        model before them and adds the spans itself): all-different slots and spans
        per person, and at most k - L people above their own bound."""
        instance, model, v = self.instance, self.v.model, self.v
        CompactSpan().build(instance, model, v)
        above = add_windows(instance, model, v, self.own)
        model.add(above + sum(self.own.values()) <= breaks)

    def _climb(self, breaks, k: int, best, reserve: float, lane: CoreLane):
        """ "breaks <= k" runs from k = the best bound proved (here or by the core
        lane) upwards, until one is feasible or k reaches the lane's best schedule.
        A run ends as soon as the lane proves more than k (``lane.news``) and the
        next starts at the lane's bound: ticf-13crafb's lane proves 3 (the optimum)
        in about a second while "breaks <= 2" would run on to the time limit.

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
                lane.news.clear()  # before reading the bound: no rise is missed
                k = lane.watch = max(k, lane.bound)
                if lane.value is not None and k >= lane.value:
                    break  # the lane's schedule is optimal
                if lane.settled.is_set() or self.remaining(reserve) <= 0.05:
                    break
                domain[1] = k
                limit = self.remaining(reserve)
                at_lane = lane.bound >= k
                if at_lane:
                    limit = min(limit, CLIMB_AT_LANE_SHARE * self.time_limit)
                res = self.runner.run(
                    f"breaks<={k}", limit, subsolvers=CLIMB_SUBSOLVERS
                )
                self._record(f"breaks<={k}", (res.status, k, None))
                if res.status == INFEASIBLE:
                    k += 1
                    continue
                if res.status == UNKNOWN:
                    if at_lane and not lane.news.is_set():
                        lane.news.wait(max(0.0, self.remaining(reserve)))
                    continue  # the lane proved more or settled, or time is up
                found = res.slot_of is not None and res.status != UNKNOWN
                return (res.slot_of if found else None), k
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
        runner = Runner(
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

    def _one_above(
        self, reserve: float, lane: CoreLane, user_stop
    ) -> dict[int, int] | int:
        """After the tight model refuted "everyone at their bound": can one person
        take one break more? The schedule when so (optimal), 1 when every person
        was refuted (the optimum is the bounds' sum + 2 or more), else 0.

        The core lane runs meanwhile on a thread of its own: any bound it proves
        refutes them all, and they end then (ticf-13crafb: the lane proves 3 in
        about 1.5 s, the 56 questions took 3 to 7 s; forum-13crafb: 9 s that the
        lane then lacked). The questions keep both threads: on ticf-13crafc (one
        break, which only they find) one thread fewer did not do better. When the
        lane has proved nothing by the end of their first pass and questions are
        left open (ticf-13crafc: 13 of 58, and the lane never proves more than 1),
        the lane pauses (``lane.paused``) and they get the cores; the caller starts
        it again if they end without an answer.

        A SAT solver asks their whole question at once, "breaks <= the lane's lower
        bound?" (``sat_lane``), on one of the questions' threads, and keeps the
        time they leave when they give up: on forum-13crafc.forb0007 it finds the
        one-break optimum in about 7 s where they find nothing in 24 (ticf-13crafc:
        4.7 s instead of 11.8 s; forum-13crafb.forb0003: refuted in 0.4 s)."""
        if lane.news.is_set():
            return self._one_above_refuted(lane)
        limit = min(self.remaining(reserve), RELAX_SHARE * self.time_limit)
        deadline = time.monotonic() + limit
        sat = self._sat_question(lane.lower)
        stop = _Either(lane.news, user_stop, sat and sat.done)
        try:
            res = one_above_own(
                self.instance,
                self.own,
                deadline=deadline,
                workers=max(1, self.runner.workers - (sat is not None)),
                seed=self.runner.seed,
                stop=stop,
                after_pass=lambda i, n: lane.pause() if lane.bound <= lane.lower else 0,
            )
            if sat is not None and (res is None or not (res.slot_of or res.refuted)):
                _wait(stop, deadline)  # the SAT question keeps the questions' time
        finally:
            if sat is not None:
                sat.finish()
        if sat is not None and sat.answer is not None and not (res and res.slot_of):
            found = "FEASIBLE (SAT)" if sat.answer else "INFEASIBLE (SAT)"
            self._record("breaks=own+1", (found, sat.k, None))
            return sat.slot_of if sat.answer else 1
        if res is None:
            return 0
        if res.slot_of is None and not res.refuted and lane.news.is_set():
            return self._one_above_refuted(lane)
        found = (
            "FEASIBLE" if res.slot_of else ("INFEASIBLE" if res.refuted else UNKNOWN)
        )
        self._record("breaks=own+1", (found, res.questions, None))
        if res.slot_of is not None:
            return res.slot_of
        return 1 if res.refuted else 0

    def _sat_question(self, k: int) -> SatQuestion | None:
        """ "breaks <= k" for a SAT solver (``sat_lane``), where its clauses apply."""
        if not applies(self.instance):
            return None
        return SatQuestion(Clauses(self.instance, self.v.slots_of), k)

    def _one_above_refuted(self, lane: CoreLane) -> int:
        """The questions ended for the lane: 1 when it proved more than they ask
        (every one of them is refuted), else 0 (it proved their answer's total
        itself, or the caller stopped)."""
        if lane.bound > lane.lower:
            self._record("breaks=own+1", ("INFEASIBLE (core lane)", lane.bound, None))
            return 1
        if lane.proved:
            self._record("breaks=own+1", ("FEASIBLE (core lane)", lane.value, None))
        else:
            self._record("breaks=own+1", (UNKNOWN, 0, None))
        return 0


def _wait(stop: _Either, deadline: float) -> None:
    while not stop.is_set() and time.monotonic() < deadline:
        time.sleep(0.05)


class _Either:
    """Set when either event is (the one-person questions' stop: the lane's news,
    or the caller's stop, which a paused lane no longer passes on)."""

    def __init__(self, *events) -> None:
        self.events = [e for e in events if e is not None]

    def is_set(self) -> bool:
        return any(e.is_set() for e in self.events)
