"""Placing meetings one by one into a packed schedule without breaking a hard rule.

Why apart from ``greedy``: rescheduling a published schedule (``incremental``) places
and removes meetings with the same builder, and the fairness repairs move them with it.
Choices are bit-mask operations on whole slot sets, which is what keeps 30,000
meetings to seconds.
"""

from __future__ import annotations

import itertools
import random
import time

from .packed import Packed, Schedule, breaks_of

_COMBOS: dict[int, list[tuple[int, ...]]] = {}


def _combos(k: int) -> list[tuple[int, ...]]:
    """Break levels per participant (0 fills a gap, 1 no change, 2 a new break),
    cheapest total first, then the one that hurts no single participant most."""
    if k not in _COMBOS:
        combos = list(itertools.product((0, 1, 2), repeat=k))
        combos.sort(key=lambda c: (sum(c), max(c)))
        _COMBOS[k] = combos
    return _COMBOS[k]


def levels(pk: Packed, busy: int, capped: bool) -> tuple[int, int, int]:
    """Masks of slots where a new meeting changes this participant's breaks by
    -1, 0 and +1. When ``capped`` (at the fairness limit) +1 is not offered."""
    left = (busy << 1) & pk.left_ok
    right = (busy >> 1) & pk.right_ok
    fill = left & right
    zero = (left | right) & ~fill
    for bm in pk.block_masks:
        if not busy & bm:
            zero |= bm
    plus = 0 if capped else pk.full & ~(fill | zero)
    return fill, zero, plus


class Builder:
    """Places meetings into a Schedule, respecting every hard rule."""

    def __init__(
        self, pk: Packed, sched: Schedule | None = None, seed: int = 0
    ) -> None:
        self.pk = pk
        self.s = sched or Schedule.empty(pk)
        self.n_general = len(pk.general_tables)
        self.pin_busy: dict[int, int] = {}
        self.br = [breaks_of(pk, b) for b in self.s.busy]
        self.rng = random.Random(seed)  # noqa: S311 - tie-breaking, not security
        self.span = precedence_windows(pk)
        for m, slot in enumerate(self.s.slot):
            if slot >= 0 and pk.pin_table[m] >= 0:
                self.pin_busy[pk.pin_table[m]] = self.pin_busy.get(
                    pk.pin_table[m], 0
                ) | (1 << slot)

    def room(self) -> int:
        """Slots with a general table still free."""
        out = 0
        for s, n in enumerate(self.s.load):
            if n < self.n_general:
                out |= 1 << s
        return out

    def window(self, m: int) -> int:
        """Slots allowed by precedences: with the placed meetings, and in the
        static window that leaves room for required meetings before and after."""
        lo, hi = self.span[m]
        for a in self.pk.preds[m]:
            if self.s.slot[a] >= 0:
                lo = max(lo, self.s.slot[a] + 1)
        for b in self.pk.succs[m]:
            if self.s.slot[b] >= 0:
                hi = min(hi, self.s.slot[b] - 1)
        return 0 if lo > hi else ((1 << (hi + 1)) - 1) & ~((1 << lo) - 1)

    def free_slots(self, m: int, room: int) -> int:
        pk, c = self.pk, self.pk.cand[m]
        for p in pk.parts[m]:
            c &= ~self.s.busy[p]
        if pk.host_table[m] < 0:
            c &= room
        if pk.pin_table[m] >= 0:
            c &= ~self.pin_busy.get(pk.pin_table[m], 0)
        if pk.preds[m] or pk.succs[m]:
            c &= self.window(m)
        return c

    def best_slot(self, m: int, room: int, cap: int | None) -> int:
        """The free slot adding the fewest breaks, earliest on ties; -1 if none."""
        c = self.free_slots(m, room)
        if not c:
            return -1
        parts = self.pk.parts[m]
        lv = [
            levels(self.pk, self.s.busy[p], cap is not None and self.br[p] >= cap)
            for p in parts
        ]
        for combo in _combos(len(parts)):
            x = c
            for level, masks in zip(combo, lv, strict=True):
                x &= masks[level]
                if not x:
                    break
            if x:
                return (x & -x).bit_length() - 1
        return -1

    def put(self, m: int, slot: int) -> None:
        self.s.place(self.pk, m, slot)
        pin = self.pk.pin_table[m]
        if pin >= 0:
            self.pin_busy[pin] = self.pin_busy.get(pin, 0) | (1 << slot)
        for p in self.pk.parts[m]:
            self.br[p] = breaks_of(self.pk, self.s.busy[p])

    def take(self, m: int) -> None:
        pin, slot = self.pk.pin_table[m], self.s.slot[m]
        if pin >= 0:
            self.pin_busy[pin] &= ~(1 << slot)
        self.s.remove(self.pk, m)
        for p in self.pk.parts[m]:
            self.br[p] = breaks_of(self.pk, self.s.busy[p])

    def fill(self, order: list[int]) -> list[int]:
        """Place meetings in order; return required meetings that did not fit."""
        cap = self.pk.spread
        room = self.room()
        stuck = []
        for m in order:
            slot = self.best_slot(m, room, cap)
            if slot < 0 and self.pk.required[m]:
                slot = self.best_slot(m, room, None)
            if slot < 0:
                if self.pk.required[m]:
                    stuck.append(m)
                continue
            self.put(m, slot)
            if self.pk.host_table[m] < 0 and self.s.load[slot] >= self.n_general:
                room &= ~(1 << slot)
        return stuck

    def blockers(self, m: int, slot: int) -> list[int] | None:
        """Meetings to eject so m fits at slot; None if a fixed one is in the way."""
        pk, out = self.pk, set()
        for p in pk.parts[m]:
            if self.s.busy[p] >> slot & 1:
                out.update(x for x in pk.meetings_of[p] if self.s.slot[x] == slot)
        pin = pk.pin_table[m]
        if pin >= 0 and self.pin_busy.get(pin, 0) >> slot & 1:
            out.update(
                x
                for x, s in enumerate(self.s.slot)
                if s == slot and pk.pin_table[x] == pin
            )
        if (
            pk.host_table[m] < 0
            and self.s.load[slot] - sum(pk.host_table[x] < 0 for x in out)
            >= self.n_general
        ):
            general = [
                x
                for x, s in enumerate(self.s.slot)
                if s == slot
                and pk.host_table[x] < 0
                and x not in out
                and pk.fixed[x] < 0
            ]
            if not general:
                return None
            out.add(min(general, key=lambda x: (pk.required[x], pk.prio[x])))
        out.update(self._out_of_order(m, slot))
        if any(pk.fixed[x] >= 0 for x in out):
            return None
        return sorted(out)

    def _out_of_order(self, m: int, slot: int) -> list[int]:
        """Placed meetings that m at ``slot`` would put in the wrong order."""
        at = self.s.slot
        return [a for a in self.pk.preds[m] if at[a] >= slot] + [
            b for b in self.pk.succs[m] if 0 <= at[b] <= slot
        ]

    def eject_chain(
        self, stuck: list[int], budget: int, seconds: float | None = None
    ) -> list[int]:
        """Force required meetings in, ejecting others and re-placing them, for at
        most ``budget`` steps (and ``seconds``, when given)."""
        queue, tabu = list(stuck), {}
        end = None if seconds is None else time.monotonic() + seconds
        for step in range(budget):
            if not queue or (end and step % 64 == 0 and time.monotonic() > end):
                break
            m = queue.pop()
            slot = self.best_slot(m, self.room(), None)
            if slot < 0:
                slot, out = self._least_blocked(m, tabu, step)
                if slot < 0:
                    queue.insert(0, m)
                    continue
                for x in out:
                    self.take(x)
                    tabu[x] = step + 7
                self.put(m, slot)
                for x in out:
                    if self.pk.required[x]:
                        queue.append(x)
                    else:
                        self.retry(x)
                continue
            self.put(m, slot)
        return queue

    def _least_blocked(
        self, m: int, tabu: dict[int, int], step: int
    ) -> tuple[int, list[int]]:
        options = []
        lo, hi = self.span[m]
        c = self.pk.cand[m] & ((1 << (hi + 1)) - 1) & ~((1 << lo) - 1)
        while c:
            slot = (c & -c).bit_length() - 1
            c &= c - 1
            out = self.blockers(m, slot)
            if out is not None and all(tabu.get(x, -1) < step for x in out):
                cost = (
                    sum(self.pk.required[x] for x in out),
                    len(out),
                    self.rng.random(),
                )
                options.append((cost, slot, out))
        if not options:
            return -1, []
        _, slot, out = min(options)
        return slot, out

    def retry(self, m: int) -> None:
        slot = self.best_slot(m, self.room(), self.pk.spread)
        if slot >= 0:
            self.put(m, slot)


def precedence_windows(pk: Packed) -> list[tuple[int, int]]:
    """(earliest, latest) slot per meeting that leaves room for the chains of
    required meetings that must come before and after it (a longest-path pass)."""
    n = len(pk.parts)
    lo = [(c & -c).bit_length() - 1 if c else 0 for c in pk.cand]
    hi = [c.bit_length() - 1 if c else pk.n_slots - 1 for c in pk.cand]
    pairs = [(a, b) for b in range(n) for a in pk.preds[b]]
    pairs = [(a, b) for a, b in pairs if pk.required[a] and pk.required[b]]
    for _ in range(n if pairs else 0):
        changed = False
        for a, b in pairs:
            if lo[b] <= lo[a] < pk.n_slots:
                lo[b], changed = _first_from(pk.cand[b], lo[a] + 1), True
            if hi[a] >= hi[b] >= 0:
                hi[a], changed = _last_to(pk.cand[a], hi[b] - 1), True
        if not changed:
            break
    return [(lo[m], hi[m]) if lo[m] <= hi[m] else (0, -1) for m in range(n)]


def _first_from(mask: int, s: int) -> int:
    """The first slot of mask at or after s (past the end when none)."""
    rest = mask >> s << s if s >= 0 else mask
    return (rest & -rest).bit_length() - 1 if rest else 1 << 30


def _last_to(mask: int, s: int) -> int:
    """The last slot of mask at or before s (-1 when none)."""
    if s < 0:
        return -1
    return (mask & ((1 << (s + 1)) - 1)).bit_length() - 1


def bits(mask: int):
    """The slots of a mask, lowest first."""
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low
