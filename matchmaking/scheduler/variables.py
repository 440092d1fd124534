"""CP-SAT decision variables of the slot stage, and the facts they are built from.

Why one Boolean per (meeting, candidate slot): the B2B literature (Bofill et al., JAIR
2022) shows that Boolean slot variables with per-participant ``busy`` sums propagate far
better than an integer slot per meeting. Only candidate slots get a variable (allowed,
fixed, every participant available, table rules satisfiable), so forbidden
combinations do not exist in the model at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from .schema import Assignment, Instance

Lit = cp_model.IntVar | int


def table_options(instance: Instance, m: int) -> list[int]:
    """Tables meeting m may use: its host's booth, its named table, or any general one.

    Empty when the table rules contradict each other (two hosts in one meeting, or a
    named table that is another host's booth).
    """
    meeting = instance.meetings[m]
    hosts = {
        instance.host_table[p] for p in meeting.participants if p in instance.host_table
    }
    if len(hosts) > 1:
        return []
    if hosts:
        (booth,) = hosts
        return [booth] if meeting.table in (None, booth) else []
    if meeting.table is not None:
        return (
            [] if instance.tables[meeting.table].host is not None else [meeting.table]
        )
    return instance.general_tables()


def table_groups(instance: Instance, x: dict) -> tuple[list[list], list[list]]:
    """The literals of ``x`` ((meeting, slot) -> literal) that share tables: per
    slot, the meetings on general tables (at most the general tables' count), and
    per named table and slot (at most one). Hosted meetings sit at their host's
    booth, which the host's own no-double-booking limits to one per slot."""
    general = set(instance.general_tables())
    on_general = {
        m: set(table_options(instance, m)) <= general for m in {m for m, _ in x}
    }
    per_slot: dict[int, list] = {}
    per_named: dict[tuple[int, int], list] = {}
    for (m, s), lit in x.items():
        if not on_general[m]:
            continue
        per_slot.setdefault(s, []).append(lit)
        table = instance.meetings[m].table
        if table is not None:
            per_named.setdefault((table, s), []).append(lit)
    return list(per_slot.values()), list(per_named.values())


def slot_candidates(instance: Instance, m: int) -> list[int]:
    """Slots where meeting m can be held at all (empty if its tables contradict)."""
    return instance.candidates(m) if table_options(instance, m) else []


@dataclass
class SlotVars:
    """x[m, s] Booleans, present[m] and busy[p, s] literals of one CP-SAT model.

    Invariant: ``busy[p, s]`` is 1 exactly when p has a meeting in slot s; a missing
    key means p cannot be busy there (constant 0).
    """

    instance: Instance
    model: cp_model.CpModel
    x: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    slots_of: list[list[int]] = field(default_factory=list)
    present: list[Lit] = field(default_factory=list)
    busy: dict[tuple[int, int], Lit] = field(default_factory=dict)
    breaks: list[cp_model.LinearExprT] = field(default_factory=list)

    @classmethod
    def create(cls, instance: Instance, model: cp_model.CpModel) -> SlotVars:
        v = cls(instance, model)
        for m, meeting in enumerate(instance.meetings):
            slots = slot_candidates(instance, m)
            v.slots_of.append(slots)
            for s in slots:
                v.x[m, s] = model.new_bool_var(f"x_{m}_{s}")
            if meeting.required:
                v.present.append(1)
            elif slots:
                v.present.append(model.new_bool_var(f"present_{m}"))
            else:
                v.present.append(0)
        return v

    def create_busy(self) -> None:
        """busy[p, s]: the x literal itself when only one meeting of p fits there."""
        for p, meetings in enumerate(self.instance.meetings_of):
            per_slot: dict[int, list[cp_model.IntVar]] = {}
            for m in meetings:
                for s in self.slots_of[m]:
                    per_slot.setdefault(s, []).append(self.x[m, s])
            for s, xs in per_slot.items():
                if len(xs) == 1:
                    self.busy[p, s] = xs[0]
                else:
                    b = self.model.new_bool_var(f"busy_{p}_{s}")
                    self.model.add(sum(xs) == b)
                    self.busy[p, s] = b

    def is_at(self, m: int, s: int) -> Lit:
        """The literal 'meeting m is held in slot s' (0 if impossible)."""
        return self.x.get((m, s), 0)

    def busy_at(self, p: int, s: int) -> Lit:
        return self.busy.get((p, s), 0)

    def hint(self, slot_of: dict[int, int]) -> None:
        """Hint a full schedule (meeting -> slot); meetings not in it are absent."""
        self.model.clear_hints()
        for (m, s), var in self.x.items():
            self.model.add_hint(var, slot_of.get(m) == s)

    def fix(self, m: int, s: int | None) -> None:
        """Force meeting m into slot s, or out of the schedule when s is None."""
        for t in self.slots_of[m]:
            self.model.add(self.x[m, t] == int(t == s))

    def extract(self, value: Callable[[cp_model.IntVar], int]) -> dict[int, int]:
        """meeting -> slot of the current solution (``value`` is a solver accessor)."""
        return {m: s for (m, s), var in self.x.items() if value(var)}


def assignments_of(slot_of: dict[int, int], table_of: dict[int, int]) -> tuple:
    """Assignments sorted by meeting, from the slot and table maps."""
    return tuple(Assignment(m, s, table_of[m]) for m, s in sorted(slot_of.items()))
