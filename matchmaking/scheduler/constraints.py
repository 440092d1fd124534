"""One small class per rule of the slot stage.

Each rule has ``build(instance, model, v)`` that adds its constraints to the CP-SAT
model over the variables ``v`` (a ``SlotVars``) and returns its objective term, or None
when the rule is a pure constraint. Rules run in the order of ``SLOT_RULES``: later
rules rely on the literals earlier ones made (Breaks needs ``busy``).
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from .schema import Instance
from .variables import SlotVars, table_groups

Term = cp_model.LinearExprT | None


class OneSlotPerMeeting:
    """A meeting is held in exactly one candidate slot when present, else in none."""

    def build(self, instance: Instance, model: cp_model.CpModel, v: SlotVars) -> Term:
        for m, slots in enumerate(v.slots_of):
            xs = [v.x[m, s] for s in slots]
            if not xs:
                if (
                    isinstance(v.present[m], int) and v.present[m] == 1
                ):  # a required meeting that fits nowhere
                    model.add_bool_or([])
                continue
            model.add(sum(xs) == v.present[m])
        return None


class NoDoubleBooking:
    """busy[p, s] = number of p's meetings in slot s, as a 0/1 literal (so at most 1).

    Unavailable slots need nothing here: they are not candidates of p's meetings.
    """

    def build(self, instance: Instance, model: cp_model.CpModel, v: SlotVars) -> Term:
        v.create_busy()
        return None


class TableCapacity:
    """Per slot, meetings on general tables fit the general tables, and a named
    table holds one meeting (``variables.table_groups``)."""

    def build(self, instance: Instance, model: cp_model.CpModel, v: SlotVars) -> Term:
        per_slot, per_named = table_groups(instance, v.x)
        general = len(instance.general_tables())
        for xs in per_slot:
            if len(xs) > general:
                model.add(sum(xs) <= general)
        for xs in per_named:
            if len(xs) > 1:
                model.add_at_most_one(xs)
        return None


class Precedences:
    """If a and b are both held, a is strictly earlier: b in s implies a before s."""

    def build(self, instance: Instance, model: cp_model.CpModel, v: SlotVars) -> Term:
        for a, b in instance.precedences:
            present_a = v.present[a]
            for s in v.slots_of[b]:
                earlier = [v.x[a, t] for t in v.slots_of[a] if t < s]
                clause = [*earlier, v.x[b, s].Not()]
                if isinstance(present_a, int) and present_a == 0:
                    continue
                if not isinstance(present_a, int):
                    clause.append(present_a.Not())
                model.add_bool_or(clause)
        return None


class ImpliedCounts:
    """Redundant sums that tighten the LP (Bofill et al.): p is busy in as many slots
    as p has meetings held, and a slot holds at most (tables x meeting size) people."""

    def build(self, instance: Instance, model: cp_model.CpModel, v: SlotVars) -> Term:
        by_person: dict[int, list] = {}
        by_slot: dict[int, list] = {}
        for (p, s), lit in v.busy.items():
            by_person.setdefault(p, []).append(lit)
            by_slot.setdefault(s, []).append(lit)
        for p, busy in by_person.items():
            held = sum(v.present[m] for m in instance.meetings_of[p])
            model.add(sum(busy) == held)
        size = max((len(m.participants) for m in instance.meetings), default=2)
        seats = size * len(instance.tables)
        for lits in by_slot.values():
            if len(lits) > seats:
                model.add(sum(lits) <= seats)
        return None


class Breaks:
    """Exact breaks per participant as Booleans brk[p, s]: "p is busy in s-1, idle in
    s and has a meeting later in the block" (a break starts at s).

    Exact in both directions, not just a lower bound, because the fairness rule bounds
    breaks from above and below. The total is a plain sum of Booleans, which is what
    core-based search (and the B2B MaxSAT encodings) work on. ``after[p, s]`` is the
    suffix literal "p has a meeting at or after s in this block".
    """

    def build(self, instance: Instance, model: cp_model.CpModel, v: SlotVars) -> Term:
        self.lits: list = []
        v.breaks = [
            self._of(instance, model, v, p) for p in range(len(instance.participants))
        ]
        return sum(self.lits)

    def _of(self, instance: Instance, model: cp_model.CpModel, v: SlotVars, p: int):
        brks: list = []
        for slots in instance.blocks:
            busy = [v.busy_at(p, s) for s in slots]
            if sum(1 for lit in busy if not isinstance(lit, int)) < 2:
                continue  # at most one busy slot possible: never a break
            after = _suffix_or(model, busy, f"after_{p}_{slots[0]}")
            for i in range(1, len(slots) - 1):
                prev, here, later = busy[i - 1], busy[i], after[i + 1]
                if isinstance(prev, int) or isinstance(later, int):
                    continue  # busy_at and after give 0, never 1: no break here
                brk = model.new_bool_var(f"brk_{p}_{slots[i]}")
                conds = [prev, later] + ([] if isinstance(here, int) else [here.Not()])
                for c in conds:
                    model.add_implication(brk, c)
                model.add_bool_or([brk] + [c.Not() for c in conds])
                brks.append(brk)
        self.lits += brks
        if not brks:
            return 0
        count = model.new_int_var(0, len(brks), f"breaks_{p}")
        model.add(count == sum(brks))
        return count


def _suffix_or(model: cp_model.CpModel, busy: list, name: str) -> list:
    """after[i] <=> busy[i] or after[i + 1], for one block (0 when nothing follows)."""
    after: list = [0] * (len(busy) + 1)
    for i in range(len(busy) - 1, -1, -1):
        here, nxt = busy[i], after[i + 1]
        if isinstance(here, int) and isinstance(nxt, int):
            after[i] = here or nxt
        elif isinstance(nxt, int):
            after[i] = here
        elif isinstance(here, int):
            after[i] = nxt
        else:
            lit = model.new_bool_var(f"{name}_{i}")
            model.add_max_equality(lit, [here, nxt])
            after[i] = lit
    return after


class Fairness:
    """max breaks - min breaks <= spread over all participants (those who cannot have a
    break pin the minimum at 0, which turns the rule into breaks <= spread)."""

    def build(self, instance: Instance, model: cp_model.CpModel, v: SlotVars) -> Term:
        spread = instance.max_breaks_spread
        if spread is None or not v.breaks:
            return None
        variable = [b for b in v.breaks if not isinstance(b, int)]
        if len(variable) < len(v.breaks):  # someone has 0 breaks for sure
            for b in variable:
                model.add(b <= spread)
            return None
        lo = model.new_int_var(0, instance.n_slots, "min_breaks")
        hi = model.new_int_var(0, instance.n_slots, "max_breaks")
        for b in variable:
            model.add(lo <= b)
            model.add(b <= hi)
        model.add(hi - lo <= spread)
        return None


class Priority:
    """The total priority of held meetings (to be maximised)."""

    def build(self, instance: Instance, model: cp_model.CpModel, v: SlotVars) -> Term:
        return sum(
            meeting.priority * v.present[m]
            for m, meeting in enumerate(instance.meetings)
        )


SLOT_RULES = (
    OneSlotPerMeeting(),
    NoDoubleBooking(),
    TableCapacity(),
    Precedences(),
    ImpliedCounts(),
)


def slot_model(instance: Instance) -> tuple[SlotVars, cp_model.LinearExprT]:
    """A new model with every hard rule: the slot rules, exact breaks and the
    fairness spread; returns its variables (``v.model`` is the model) and the total
    of breaks."""
    model = cp_model.CpModel()
    v = SlotVars.create(instance, model)
    for rule in SLOT_RULES:
        rule.build(instance, model, v)
    breaks = Breaks().build(instance, model, v)
    Fairness().build(instance, model, v)
    return v, breaks
