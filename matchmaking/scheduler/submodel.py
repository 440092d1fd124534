"""A small CP-SAT model over a neighbourhood: some meetings free, the rest fixed.

Why: the whole BIO instance (30,000 meetings x 48 slots plus break variables) is too
big to solve, but a few hundred meetings with everything else frozen solve in about a
second. LNS and rescheduling both use this. Tables are only a capacity here; seats are
chosen afterwards (``tables.py``), since they never change which slots fit.

Objective, lexicographic through weights: required meetings and the fairness spread
(only soft while the current schedule still breaks them), then priority, then (for
rescheduling) fewest published meetings moved, then breaks.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .packed import Packed, Schedule, breaks_of


@dataclass(slots=True)
class SubResult:
    """New slot (-1 = unscheduled) per free meeting and whether CP-SAT proved it."""

    slots: dict[int, int]
    optimal: bool


class SubModel:
    """Builds the neighbourhood model from a schedule and the set of free meetings."""

    def __init__(
        self,
        pk: Packed,
        sched: Schedule,
        free: list[int],
        br: list[int],
        published: dict[int, int] | None = None,
    ) -> None:
        self.pk, self.sched, self.free, self.br = pk, sched, sorted(free), br
        self.published = published or {}
        self.model = cp_model.CpModel()
        self.x: dict[int, dict[int, cp_model.IntVar]] = {}
        self.touched = sorted({p for m in self.free for p in pk.parts[m]})
        self._base()

    def _base(self) -> None:
        """Busy masks, table loads and pinned tables without the free meetings."""
        pk, sched = self.pk, self.sched
        self.busy = {p: sched.busy[p] for p in self.touched}
        self.load = sched.load[:]
        self.pins: dict[int, int] = {}
        freeset = set(self.free)
        for m in self.free:
            s = sched.slot[m]
            if s < 0:
                continue
            for p in pk.parts[m]:
                self.busy[p] &= ~(1 << s)
            if pk.host_table[m] < 0:
                self.load[s] -= 1
        for m, s in enumerate(sched.slot):
            if s >= 0 and pk.pin_table[m] >= 0 and m not in freeset:
                self.pins[pk.pin_table[m]] = self.pins.get(pk.pin_table[m], 0) | 1 << s
        self.freeset = freeset

    def candidates(self, m: int) -> int:
        pk, c = self.pk, self.pk.cand[m]
        for p in pk.parts[m]:
            c &= ~self.busy[p]
        if pk.pin_table[m] >= 0:
            c &= ~self.pins.get(pk.pin_table[m], 0)
        lo, hi = 0, pk.n_slots - 1
        for a in pk.preds[m]:
            if a not in self.freeset and self.sched.slot[a] >= 0:
                lo = max(lo, self.sched.slot[a] + 1)
        for b in pk.succs[m]:
            if b not in self.freeset and self.sched.slot[b] >= 0:
                hi = min(hi, self.sched.slot[b] - 1)
        if lo > hi:
            return 0
        return c & ((1 << (hi + 1)) - 1) & ~((1 << lo) - 1)

    def build(self, hard_required: bool, hard_fair: bool) -> None:
        """Variables and hard rules, then the weighted objective."""
        model, pk = self.model, self.pk
        per_ps: dict[tuple[int, int], list] = {}
        per_slot: dict[int, list] = {}
        per_pin: dict[tuple[int, int], list] = {}
        self.req_terms = []
        for m in self.free:
            c, xs = self.candidates(m), {}
            while c:
                s = (c & -c).bit_length() - 1
                c &= c - 1
                v = model.new_bool_var(f"x{m}_{s}")
                xs[s] = v
                for p in pk.parts[m]:
                    per_ps.setdefault((p, s), []).append(v)
                if pk.host_table[m] < 0:
                    per_slot.setdefault(s, []).append(v)
                if pk.pin_table[m] >= 0:
                    per_pin.setdefault((pk.pin_table[m], s), []).append(v)
            self.x[m] = xs
            self._one_slot(m, xs, hard_required)
        for group in (*per_ps.values(), *per_pin.values()):
            if len(group) > 1:
                model.add_at_most_one(group)
        n_general = len(pk.general_tables)
        for s, group in per_slot.items():
            if len(group) > n_general - self.load[s]:
                model.add(sum(group) <= n_general - self.load[s])
        self._precedences()
        self.per_ps = per_ps
        self._objective(hard_fair)

    def _one_slot(self, m: int, xs: dict, hard_required: bool) -> None:
        if self.pk.required[m] and hard_required:
            self.model.add_exactly_one(list(xs.values()))
        elif xs:
            self.model.add_at_most_one(list(xs.values()))
            if self.pk.required[m]:
                self.req_terms.append(sum(xs.values()))

    def _precedences(self) -> None:
        """Strict order between two free meetings when both are held."""
        for a in self.free:
            for b in self.pk.succs[a]:
                if b not in self.freeset or not self.x[a] or not self.x[b]:
                    continue
                xa, xb = self.x[a], self.x[b]
                for sa, va in xa.items():
                    late = [vb for sb, vb in xb.items() if sb <= sa]
                    for vb in late:
                        self.model.add_bool_or([va.Not(), vb.Not()])

    def _breaks(self, p: int) -> tuple[list, int, int]:
        """Break terms of p in blocks the free meetings can reach; (terms, const, max)."""
        pk, fixed = self.pk, self.busy[p]
        reach = 0
        for m in pk.meetings_of[p]:
            if m in self.x:
                for s in self.x[m]:
                    reach |= 1 << s
        var_blocks = [bm for bm in pk.block_masks if bm & reach]
        var_mask = sum(var_blocks)
        const = (
            breaks_of(pk, self.sched.busy[p] & ~var_mask) if var_mask else self.br[p]
        )
        terms, worst = [], 0
        for bm in var_blocks:
            t, c = self._block_breaks(p, bm, fixed)
            terms.extend(t)
            const += c
            worst += bm.bit_count() // 2 + 1
        return terms, const, worst

    def _block_breaks(self, p: int, bm: int, fixed: int) -> tuple[list, int]:
        """Breaks in one block = run starts - (block has a meeting).

        Each slot's busy is a constant 0/1 or an expression over free meetings; a
        start variable exists only where the start is not constant.

        Why exact (not only lower bounds) under a fairness spread: minimising breaks
        keeps them down, but the spread's minimum would gladly be raised with breaks
        nobody has, letting an unfair schedule pass as fair.
        """
        model, terms, const = self.model, [], 0
        exact = self.pk.spread is not None
        prev_c, prev_e = 0, None  # previous slot: constant (0/1) or None + expression
        has_fixed, exprs = False, []
        mask = bm
        while mask:
            s = (mask & -mask).bit_length() - 1
            mask &= mask - 1
            group = self.per_ps.get((p, s))
            if fixed >> s & 1:
                cur_c, cur_e, has_fixed = 1, None, True
            elif group:
                cur_c, cur_e = None, sum(group)
                exprs.append(cur_e)
            else:
                prev_c, prev_e = 0, None
                continue
            if cur_c == 1 and prev_c == 0:
                const += 1
            elif not (cur_c == 1 and prev_c == 1):
                st = model.new_bool_var("")
                cur = 1 if cur_c == 1 else cur_e
                prev = prev_e if prev_c is None else prev_c
                model.add(st >= cur - prev)
                if exact:
                    model.add(st <= cur)
                    model.add(st <= 1 - prev)
                terms.append(st)
            prev_c, prev_e = cur_c, cur_e
        if has_fixed:
            const -= 1
        else:
            anyv = model.new_bool_var("")
            model.add(anyv <= sum(exprs))
            if exact:
                for e in exprs:
                    model.add(anyv >= e)
            terms.append(-anyv)
        return terms, const

    def _objective(self, hard_fair: bool) -> None:
        model, pk = self.model, self.pk
        break_terms, worst, fair_vals = [], 1, []
        for p in self.touched:
            terms, const, w = self._breaks(p)
            break_terms.extend(terms)
            worst += w
            fair_vals.append((sum(terms) + const) if terms else const)
        moved = [
            1 - self.x[m].get(s, 0) for m, s in self.published.items() if m in self.x
        ]
        w_move = worst
        w_prio = w_move * (len(moved) + 1)
        prio = sum(pk.prio[m] * v for m in self.free for v in self.x[m].values())
        w_fair = w_prio * (sum(pk.prio[m] for m in self.free) + 1)
        objective = w_prio * prio - w_move * sum(moved) - sum(break_terms)
        if pk.spread is not None:
            excess = self._fairness(fair_vals, hard_fair)
            objective -= w_fair * excess
        if self.req_terms:
            objective += w_fair * (pk.n_slots + 1) * sum(self.req_terms)
        model.maximize(objective)

    def _fairness(self, values: list, hard: bool):
        """Spread over touched plus the fixed extremes of everyone else."""
        model, pk = self.model, self.pk
        touched = set(self.touched)
        others = [v for p, v in enumerate(self.br) if p not in touched]
        top = pk.n_slots
        lo = model.new_int_var(0, top, "lo")
        hi = model.new_int_var(0, top, "hi")
        for v in values:
            model.add(lo <= v)
            model.add(hi >= v)
        if others:
            model.add(lo <= min(others))
            model.add(hi >= max(others))
        excess = model.new_int_var(0, top, "excess")
        model.add(excess >= hi - lo - pk.spread)
        if hard:
            model.add(excess == 0)
        return excess

    def hint_current(self) -> None:
        for m, xs in self.x.items():
            for s, v in xs.items():
                self.model.add_hint(v, self.sched.slot[m] == s)

    def solve(
        self, *, time_limit: float, workers: int, seed: int, stop=None
    ) -> SubResult | None:
        """Solve; None when CP-SAT found nothing (or was stopped before)."""
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.05, time_limit)
        solver.parameters.num_workers = max(1, workers)
        solver.parameters.random_seed = seed
        done = threading.Event()
        watcher = None
        if stop is not None:
            watcher = threading.Thread(
                target=_watch, args=(stop, done, solver), daemon=True
            )
            watcher.start()
        status = solver.solve(self.model)
        done.set()
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        slots = {}
        for m, xs in self.x.items():
            slots[m] = next((s for s, v in xs.items() if solver.boolean_value(v)), -1)
        for m in self.free:
            slots.setdefault(m, -1)
        return SubResult(slots, status == cp_model.OPTIMAL)


def _watch(stop: threading.Event, done: threading.Event, solver) -> None:
    """Stop CP-SAT as soon as the caller asks (the main thread is inside solve)."""
    while not done.is_set():
        if stop.wait(0.05):
            solver.stop_search()
            return
