"""Writing instances and solutions as ``partnering/1`` and ``partnering-solution/1``.

The inverse of ``parse``. Ids are the instance's external ones, never internal indices,
so what is written reads back with ``parse`` and means the same to whoever exported
the instance.
"""

from __future__ import annotations

from typing import Any

from .parse import INSTANCE_FORMAT, SOLUTION_FORMAT
from .schema import Instance, Meeting, Slot, Solution, Table


def instance_to_dict(instance: Instance) -> dict[str, Any]:
    """The ``partnering/1`` dict of an instance (inverse of instance_from_dict)."""
    slot_id = [s.id for s in instance.slots]
    part_id = [p.id for p in instance.participants]
    everything = frozenset(range(instance.n_slots))
    return {
        "format": INSTANCE_FORMAT,
        "name": instance.name,
        "slots": [_slot_dict(instance, s) for s in instance.slots],
        "tables": len(instance.tables)
        if instance.tables_as_count
        else [_table_dict(t, part_id) for t in instance.tables],
        "participants": [
            {
                "id": p.id,
                "organisation": p.organisation,
                "unavailable": [slot_id[s] for s in sorted(p.unavailable)],
            }
            for p in instance.participants
        ],
        "meetings": [
            _meeting_dict(instance, m, slot_id, part_id, everything)
            for m in instance.meetings
        ],
        "precedences": [
            [instance.meetings[a].id, instance.meetings[b].id]
            for a, b in instance.precedences
        ],
        "max_breaks_spread": instance.max_breaks_spread,
    }


def _slot_dict(instance: Instance, s: Slot) -> dict[str, Any]:
    d: dict[str, Any] = {"id": s.id, "block": instance.block_ids[s.block]}
    if s.start is not None:
        d["start"] = s.start
    if s.end is not None:
        d["end"] = s.end
    return d


def _table_dict(t: Table, part_id: list[str]) -> dict[str, Any]:
    return {"id": t.id, "host": None if t.host is None else part_id[t.host]}


def _meeting_dict(
    instance: Instance,
    m: Meeting,
    slot_id: list[str],
    part_id: list[str],
    everything: frozenset[int],
) -> dict[str, Any]:
    return {
        "id": m.id,
        "participants": [part_id[p] for p in m.participants],
        "priority": m.priority,
        "allowed_slots": None
        if m.allowed == everything
        else [slot_id[s] for s in sorted(m.allowed)],
        "fixed_slot": None if m.fixed_slot is None else slot_id[m.fixed_slot],
        "table": None if m.table is None else instance.tables[m.table].id,
        "required": m.required,
    }


def solution_to_dict(instance: Instance, sol: Solution) -> dict[str, Any]:
    """The ``partnering-solution/1`` dict; ids are the instance's external ids."""
    d: dict[str, Any] = {
        "format": SOLUTION_FORMAT,
        "instance": instance.name,
        "status": sol.status,
        "assignments": [
            {
                "meeting": instance.meetings[a.meeting].id,
                "slot": instance.slots[a.slot].id,
                "table": instance.tables[a.table].id,
            }
            for a in sorted(sol.assignments, key=lambda a: (a.slot, a.table))
        ],
        "unscheduled": [
            {"meeting": instance.meetings[u.meeting].id, "reason": u.reason}
            for u in sol.unscheduled
        ],
        "objective": None
        if sol.objective is None
        else {
            "scheduled_priority": sol.objective.scheduled_priority,
            "breaks": sol.objective.breaks,
            "table_changes": sol.objective.table_changes,
        },
        "bound": dict(sol.bound),
        "seconds": round(sol.seconds, 3),
    }
    if sol.reasons:
        d["reason"] = "; ".join(sol.reasons)
    if sol.extra:
        d["extra"] = sol.extra
    return d
