""" "One participant takes one break more than their own bound": the step after the
tight model.

Why: when the tight model (``compact.py``) proves that nobody can stay at their own
break bound, the optimum is at least L + 1 (L = the bounds' sum). On the hardest B2B
originals it is exactly L + 1, but the general "breaks <= L + 1" model does not find
such a schedule in minutes. Asking "is it participant q?" for one q at a time keeps
the model as tight as the tight model (everyone else keeps one start window): most q
are refuted in a fraction of a second and the few that are left are retried with
more time. A schedule for some q is optimal; every q refuted proves L + 2.

The model is built once; each question fixes the relaxation literals' domains in a
copy of it, two questions at a time (CP-SAT releases the GIL while it searches).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .constraints import SLOT_RULES, ImpliedCounts
from .schema import Instance
from .variables import SlotVars

PASSES = (0.2, 2.0, 8.0)  # deterministic seconds per question, pass after pass
# CP-SAT's linearization level per pass: the second pass asks without the LP, for
# diversity (ticf-13crafc, seconds to a schedule, default / level 0: q0 > 10 / 3.9,
# q5 4.6 / 3.1, q24 1.6 / 4.4, q26 > 5 / 1.2, q39 1.7 / 1.7, q48 4.4 / > 5; refuted
# questions take as long either way).
LINEARIZATION = (1, 0, 1)
PROBE = 10  # questions per thread that must not all stay open in the first pass


@dataclass
class RelaxResult:
    """A schedule at L + 1 breaks, or ``refuted`` (L + 2 proved), or neither."""

    slot_of: dict[int, int] | None = None
    refuted: bool = False
    questions: int = 0


def one_above_own(
    instance: Instance,
    own: dict[int, int],
    *,
    deadline: float,
    workers: int = 2,
    seed: int = 0,
    stop: threading.Event | None = None,
    after_pass: Callable[[int, int], None] | None = None,
) -> RelaxResult | None:
    """Search participant by participant; None when the encoding does not apply
    (optional meetings, or someone's slots span two blocks). ``after_pass`` is
    called with each pass's index and how many questions it left open."""
    built = _build(instance, own)
    if built is None:
        return None
    v, relax = built
    done = threading.Event()  # an answer is found, or the caller stops
    ask = _Asker(v, relax, seed, deadline, done, stop)
    open_, still = list(relax), list(relax)
    result = RelaxResult()
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for limit, level in zip(PASSES, LINEARIZATION, strict=True):
            jobs = [(q, pool.submit(ask, q, limit, level)) for q in open_]
            still = []
            for i, (q, job) in enumerate(jobs):
                if i == PROBE * workers and len(still) == i and limit == PASSES[0]:
                    done.set()  # the first questions were all too hard: give up
                status, slot_of = job.result()
                result.questions += status != cp_model.UNKNOWN or slot_of is not None
                if slot_of is not None and result.slot_of is None:
                    result.slot_of = slot_of
                    done.set()
                if status != cp_model.INFEASIBLE:
                    still.append(q)
            if result.slot_of is not None or not still or ask.late():
                break
            if after_pass is not None:
                after_pass(PASSES.index(limit), len(still))
            open_ = still
    result.refuted = result.slot_of is None and not still
    return result


class _Asker:
    """One question at a time per thread; all of them end once ``done`` is set."""

    def __init__(
        self, v: SlotVars, relax: dict, seed: int, deadline: float, done, stop
    ):
        self.v, self.relax, self.seed, self.deadline = v, relax, seed, deadline
        self.done, self.stop = done, stop

    def late(self) -> bool:
        return (
            time.monotonic() >= self.deadline - 0.1
            or self.done.is_set()
            or (self.stop is not None and self.stop.is_set())
        )

    def __call__(self, q: int, limit: float, level: int = 1):
        """Is there a schedule in which only q is above their bound (by one)?"""
        if self.late():
            return cp_model.UNKNOWN, None
        return _ask(self, q, limit, level)


def _ask(asker: _Asker, q: int, limit: float, level: int = 1):
    """Fix the relaxation literals in a copy of the model: only q may be above."""
    v = asker.v
    model = v.model.clone()
    proto = model.proto
    for p, lit in asker.relax.items():
        value = int(p == q)
        domain = proto.variables[lit.index].domain
        domain[0] = domain[1] = value
    solver = cp_model.CpSolver()
    # the pass's limit in CP-SAT's deterministic seconds (about wall seconds on a
    # quiet core): under load the same questions stay open, so the probe does not
    # give up on ticf-13crafc (at load 3.4 its first 20 all ran out of 0.4 wall s);
    # 0.2 for the first pass (0.4 made it take 24 s there at load 3.6-5)
    solver.parameters.max_deterministic_time = limit
    solver.parameters.max_time_in_seconds = max(0.05, asker.deadline - time.monotonic())
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = asker.seed
    solver.parameters.linearization_level = level
    finished = threading.Event()
    threading.Thread(target=_watch, args=(asker, finished, solver), daemon=True).start()
    try:
        status = solver.solve(model)
    finally:
        finished.set()
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return status, v.extract(solver.value)
    return status, None


def _watch(asker: _Asker, finished: threading.Event, solver) -> None:
    """Stop this question's search once another found an answer or time is up."""
    while not finished.wait(0.05):
        if asker.late():
            solver.stop_search()
            return


def _build(instance: Instance, own: dict[int, int]):
    """The model with a relaxation literal per participant who has two meetings.

    Breaks are counted as runs of busy slots minus one (each participant's slots lie
    in one block, or the encoding does not apply): ``start[p, s] >= busy[p, s] -
    busy[p, s - 1]``, and only upper bounds are placed on their sum, so the starts may
    over-count but never under-count.
    """
    if not all(m.required for m in instance.meetings):
        return None
    model = cp_model.CpModel()
    v = SlotVars.create(instance, model)
    for rule in SLOT_RULES:
        if not isinstance(rule, ImpliedCounts):  # slows finding these schedules
            rule.build(instance, model, v)
    relax: dict[int, cp_model.IntVar] = {}
    top = max(own.values(), default=0) + 1
    spread = instance.max_breaks_spread
    if (
        spread is not None
        and top > spread
        and len(instance.participants) - len(own) < 2
    ):
        return None  # "someone has no break" below needs two people without a bound
    for p, meetings in enumerate(instance.meetings_of):
        keys = sorted(s for (q, s) in v.busy if q == p)
        if len(meetings) < 2 or len(keys) < 2:
            continue
        if len({instance.slots[s].block for s in keys}) > 1:
            return None
        r = model.new_bool_var(f"relax_{p}")
        relax[p] = r
        runs = _runs(model, v, p, keys)
        model.add(runs <= 1 + own.get(p, 0) + r)
        if spread is not None and top > spread:
            model.add(runs <= 1 + spread)  # someone has no break: the minimum is 0
        if p not in own:
            _window_unless(instance, model, v, p, r, keys)
    model.add(sum(relax.values()) <= 1)
    return v, relax


def _runs(model, v: SlotVars, p: int, keys: list[int]):
    """At least the number of runs of p's busy slots."""
    starts = []
    for s in keys:
        lit = model.new_bool_var(f"run_{p}_{s}")
        prev = v.busy.get((p, s - 1), 0)
        model.add(lit >= v.busy[p, s] - prev)
        model.add_implication(lit, v.busy[p, s])
        if not isinstance(prev, int):
            model.add_implication(lit, prev.Not())
        starts.append(lit)
    return sum(starts)


def _window_unless(instance: Instance, model, v: SlotVars, p: int, r, keys) -> None:
    """Unless r: p's n meetings fill the n slots from their one start literal."""
    n = len(instance.meetings_of[p])
    possible = set(keys)
    starts = {
        s: model.new_bool_var(f"rstart_{p}_{s}")
        for s in keys
        if all(s + i in possible for i in range(n))
    }
    model.add(sum(starts.values()) + r == 1)
    for s in keys:
        covering = [starts[t] for t in range(s - n + 1, s + 1) if t in starts]
        for lit in covering:
            model.add_implication(lit, v.busy[p, s])
        model.add(v.busy[p, s] <= sum(covering) + r)
