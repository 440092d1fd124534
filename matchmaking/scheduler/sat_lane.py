"""A SAT solver's answer to "breaks <= k", on a thread beside the one-person questions.

Why: on forum-13crafc.forb0007 (ticf-13crafc.forb0007 is the same file) the optimum is
the bound the tight model proves in 0.2 s, one break, but no CP-SAT search found a
schedule with one break in minutes (default portfolio, core search, max_lp, the
one-person questions, and CP-SAT given this module's own clauses), while Glucose 4.2
finds one in about 10 s from the plain clauses below. CDCL solvers thrive on the rigid
"everyone's meetings in one run" structure where CP-SAT's neighbourhood search, which
moves a few meetings at a time, cannot leave a schedule of many breaks.

It asks the one question the one-person questions split up (``relax``): a "yes" at
the bound proved is optimal, a "no" proves one more. It solves its own clauses, so it
shares nothing with the CP-SAT models but the instance; Glucose releases Python's
lock while it searches and stops on ``interrupt`` (a flag that stays set, so a stop
that comes before the search begins is not lost).

Applies when every meeting is required, there is one block of slots, and fairness is
off or pinned at 0 (someone cannot have a break, as in every B2B instance): then a
person's breaks are the runs of busy slots after the first, and fairness caps each
person's count at the spread.
"""

from __future__ import annotations

import threading

from pysat.card import CardEnc, EncType
from pysat.formula import IDPool
from pysat.solvers import Solver

from .schema import Instance
from .variables import table_groups

# crafc.forb0007 at k = 1: Glucose 4.2 10 s, Glucose 4 15 s, MapleChrono 20 s, MiniSat
# 17-23 s; CaDiCaL 1.9.5 10 s, but it holds Python's lock and cannot be interrupted
SOLVER = "glucose42"


def applies(instance: Instance) -> bool:
    """Whether the clauses below state the whole problem (see the module docstring)."""
    if len(instance.blocks) != 1 or not all(m.required for m in instance.meetings):
        return False
    spread = instance.max_breaks_spread
    return spread is None or any(len(ms) < 2 for ms in instance.meetings_of)


class Clauses:
    """The slot problem as CNF: x[m, s] per candidate slot, a "gap" literal per person
    and slot that is true whenever a run of busy slots starts there after an earlier
    one (a break); ``SatQuestion`` bounds their total."""

    def __init__(self, instance: Instance, slots_of: list[list[int]]):
        self.pool = IDPool()
        self.clauses: list[list[int]] = []
        self.x = {
            (m, s): self.pool.id(("x", m, s))
            for m, ss in enumerate(slots_of)
            for s in ss
        }
        self.gaps: list[int] = []
        for m, ss in enumerate(slots_of):
            lits = [self.x[m, s] for s in ss]
            self.clauses.append(lits)
            self._at_most(lits, 1)
        self._tables(instance)
        self._precedences(instance, slots_of)
        for p, meetings in enumerate(instance.meetings_of):
            self._person(instance, p, meetings)

    def _at_most(self, lits: list[int], k: int) -> None:
        if k == 0:
            self.clauses += [[-lit] for lit in lits]
        elif len(lits) > k:
            kind = EncType.pairwise if k == 1 and len(lits) <= 6 else EncType.seqcounter
            self.clauses += CardEnc.atmost(
                lits, k, vpool=self.pool, encoding=kind
            ).clauses

    def _tables(self, instance: Instance) -> None:
        """As ``constraints.TableCapacity``."""
        per_slot, per_named = table_groups(instance, self.x)
        general = len(instance.general_tables())
        for lits in per_slot:
            self._at_most(lits, general)
        for lits in per_named:
            self._at_most(lits, 1)

    def _precedences(self, instance: Instance, slots_of: list[list[int]]) -> None:
        for a, b in instance.precedences:
            for s in slots_of[b]:
                earlier = [self.x[a, t] for t in slots_of[a] if t < s]
                self.clauses.append([*earlier, -self.x[b, s]])

    def _person(self, instance: Instance, p: int, meetings) -> None:
        """busy[s] <=> p meets in s (at most one meeting); seen[s] <=> busy at or
        before s; gap[s] when busy in s, idle in s - 1 and seen before."""
        busy: list[int | None] = []
        for s in range(instance.n_slots):
            lits = [self.x[m, s] for m in meetings if (m, s) in self.x]
            if not lits:
                busy.append(None)
                continue
            b = self.pool.id(("busy", p, s))
            self.clauses.append([-b, *lits])
            self.clauses += [[-lit, b] for lit in lits]
            self._at_most(lits, 1)
            busy.append(b)
        held = [b for b in busy if b is not None]
        if len(meetings) < 2 or len(held) < 2:
            return
        if len(held) >= len(meetings):  # else the slots' at-most-ones refute it
            at_least = CardEnc.atleast(held, len(meetings), vpool=self.pool)
            self.clauses += at_least.clauses  # redundant; helps propagation
        gaps: list[int] = []
        seen = None
        for s, b in enumerate(busy):
            prev = busy[s - 1] if s else None
            if b is not None and seen is not None:
                gap = self.pool.id(("gap", p, s))
                self.clauses.append([-b, *([prev] if prev else []), -seen, gap])
                gaps.append(gap)
            if b is not None or seen is not None:
                now = self.pool.id(("seen", p, s))
                self.clauses.append(
                    [-now, *([b] if b else []), *([seen] if seen else [])]
                )
                if b is not None:
                    self.clauses.append([-b, now])
                if seen is not None:
                    self.clauses.append([-seen, now])
                seen = now
        spread = instance.max_breaks_spread
        if spread is not None:
            self._at_most(gaps, spread)
        self.gaps += gaps

    def slot_of(self, model: list[int]) -> dict[int, int]:
        true = {lit for lit in model if lit > 0}
        return {m: s for (m, s), lit in self.x.items() if lit in true}


class SatQuestion:
    """Asks "breaks <= k" on a thread of its own, beside the one-person questions.

    ``answer`` is True with ``slot_of`` (a schedule of at most k breaks), False
    (refuted: k + 1 is proved) or None (stopped first); ``done`` is set then.
    """

    def __init__(self, clauses: Clauses, k: int):
        self.c, self.k = clauses, k
        self.answer: bool | None = None
        self.slot_of: dict[int, int] | None = None
        self.done = threading.Event()
        self._solver = Solver(name=SOLVER, bootstrap_with=clauses.clauses)
        total = CardEnc.atmost(
            clauses.gaps, k, vpool=clauses.pool, encoding=EncType.kmtotalizer
        )
        self._solver.append_formula(total.clauses)
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def finish(self) -> None:
        """Stop the search (if still running), wait for it, free the solver."""
        self._solver.interrupt()
        self._thread.join()
        self._solver.delete()

    def _run(self) -> None:
        try:
            self.answer = self._solver.solve_limited(expect_interrupt=True)
            if self.answer:
                self.slot_of = self.c.slot_of(self._solver.get_model())
        finally:
            self.done.set()
