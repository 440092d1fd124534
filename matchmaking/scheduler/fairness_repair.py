"""Bringing a greedy schedule back within the fairness spread, after placement.

Why after: a required meeting is placed even where it takes someone past the spread
(and the ejection chain ignores the spread), so the spread is restored afterwards.
Moving meetings comes first because it keeps them all; only then are optional ones
dropped.
"""

from __future__ import annotations

from .builder import Builder, bits
from .packed import breaks_of


def repair_fairness(b: Builder, rounds: int = 10_000) -> None:
    """Drop (and try to re-place) low-priority meetings of the participants with the
    most breaks until the spread holds or nothing more can be dropped."""
    pk = b.pk
    for _ in range(rounds):
        lo, hi = min(b.br, default=0), max(b.br, default=0)
        if pk.spread is None or hi - lo <= pk.spread:
            return
        worst = [p for p, v in enumerate(b.br) if v == hi]
        options = [
            (pk.prio[m], m)
            for p in worst
            for m in pk.meetings_of[p]
            if b.s.slot[m] >= 0 and not pk.required[m] and _removal_helps(b, m, p)
        ]
        if not options:
            return
        m = min(options)[1]
        b.take(m)
        slot = b.best_slot(m, b.room(), lo + pk.spread)
        if slot >= 0 and _gap_free(b, m, slot, lo + pk.spread):
            b.put(m, slot)


def relocate_for_fairness(b: Builder, rounds: int = 50) -> None:
    """Move meetings of participants above the fairness limit to slots where nobody
    ends up above it, fewest breaks first; required meetings can only move, not go."""
    pk = b.pk
    if pk.spread is None:
        return
    for _ in range(rounds):
        cap = min(b.br, default=0) + pk.spread
        over = [p for p, v in enumerate(b.br) if v > cap]
        if not over or not any(_relocate_one(b, p, cap) for p in over):
            return


def _relocate_one(b: Builder, p: int, cap: int) -> bool:
    """Best single move of one of p's meetings that lowers p's excess; True if done."""
    pk, best = b.pk, None
    for m in pk.meetings_of[p]:
        old = b.s.slot[m]
        if old < 0 or pk.fixed[m] >= 0:
            continue
        b.take(m)
        before = sum(max(0, b.br[q] - cap) for q in pk.parts[m])
        free = b.free_slots(m, b.room()) & ~(1 << old)
        for slot in bits(free):
            after = [breaks_of(pk, b.s.busy[q] | (1 << slot)) for q in pk.parts[m]]
            excess = sum(max(0, v - cap) for v in after)
            if breaks_of(pk, b.s.busy[p] | (1 << slot)) > cap or excess > before:
                continue
            cost = (excess, sum(after))
            if best is None or cost < best[0]:
                best = (cost, m, slot)
        b.put(m, old)
    if best is None:
        return False
    _, m, slot = best
    b.take(m)
    b.put(m, slot)
    return True


def _removal_helps(b: Builder, m: int, p: int) -> bool:
    return breaks_of(b.pk, b.s.busy[p] & ~(1 << b.s.slot[m])) < b.br[p]


def _gap_free(b: Builder, m: int, slot: int, cap: int) -> bool:
    return all(breaks_of(b.pk, b.s.busy[p] | (1 << slot)) <= cap for p in b.pk.parts[m])
