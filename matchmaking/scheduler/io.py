"""Reading and writing the ``partnering/1`` JSON format and B2B ``.dzn`` files.

The format is specified in ``shared/benchmarks/partnering-format.md``. Every problem in
the input is reported as an ``InstanceError`` that names the offending id, so an
organiser can fix an export without reading a traceback.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .schema import (
    STATUSES,
    Assignment,
    Instance,
    Meeting,
    Objective,
    Participant,
    Slot,
    Solution,
    Table,
    Unscheduled,
)

INSTANCE_FORMAT = "partnering/1"
SOLUTION_FORMAT = "partnering-solution/1"


class InstanceError(ValueError):
    """The input is not a well-formed instance or solution (message says why)."""


def load_instance(path: str | Path) -> Instance:
    """Read an instance from a JSON file, or from a B2B ``.dzn`` file by suffix."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InstanceError(f"cannot read {path}: {exc}") from exc
    if path.suffix == ".dzn":
        return parse_dzn(text, name=path.name.removesuffix(".dzn"))
    return instance_from_dict(_json(text, path))


def load_solution(instance: Instance, path: str | Path) -> Solution:
    """Read a ``partnering-solution/1`` JSON file for the given instance."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InstanceError(f"cannot read {path}: {exc}") from exc
    return solution_from_dict(instance, _json(text, path))


def _json(text: str, path: Path) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InstanceError(f"{path} is not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise InstanceError(f"{path}: expected a JSON object at the top level")
    return data


def _index(items: list[Any], what: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise InstanceError(f"{what} #{i + 1} has no string 'id'")
        if item["id"] in out:
            raise InstanceError(f"duplicate {what} id {item['id']!r}")
        out[item["id"]] = i
    return out


def _lookup(ids: dict[str, int], key: Any, what: str, where: str) -> int:
    if key not in ids:
        raise InstanceError(f"{where}: unknown {what} id {key!r}")
    return ids[key]


def _list(d: dict[str, Any], key: str, where: str) -> list[Any]:
    value = d.get(key) or []
    if not isinstance(value, list):
        raise InstanceError(f"{where}: {key!r} must be a list")
    return value


def instance_from_dict(d: dict[str, Any]) -> Instance:
    """Build an Instance from the ``partnering/1`` dict, checking every reference."""
    fmt = d.get("format", INSTANCE_FORMAT)
    if fmt != INSTANCE_FORMAT:
        raise InstanceError(f"unsupported format {fmt!r}, expected {INSTANCE_FORMAT!r}")
    slots, slot_ids, block_ids = _slots(_list(d, "slots", "instance"))
    raw_p = _list(d, "participants", "instance")
    part_ids = _index(raw_p, "participant")
    participants = tuple(
        Participant(
            id=p["id"],
            organisation=p.get("organisation"),
            unavailable=frozenset(
                _lookup(slot_ids, s, "slot", f"participant {p['id']!r}")
                for s in _list(p, "unavailable", f"participant {p['id']!r}")
            ),
        )
        for p in raw_p
    )
    tables, table_ids, as_count = _tables(d.get("tables", 0), part_ids)
    raw_m = _list(d, "meetings", "instance")
    meeting_ids = _index(raw_m, "meeting")
    meetings = tuple(
        _meeting(m, slot_ids, part_ids, table_ids, len(slots)) for m in raw_m
    )
    return Instance(
        name=str(d.get("name", "")),
        slots=slots,
        tables=tables,
        participants=participants,
        meetings=meetings,
        precedences=_precedences(_list(d, "precedences", "instance"), meeting_ids),
        max_breaks_spread=_spread(d.get("max_breaks_spread")),
        tables_as_count=as_count,
        block_ids=block_ids,
    )


def _slots(raw: list[Any]) -> tuple[tuple[Slot, ...], dict[str, int], tuple[str, ...]]:
    """Slots with block labels turned into indices; each block must be one run."""
    ids = _index(raw, "slot")
    labels: dict[str, int] = {}
    slots = []
    for s in raw:
        label = str(s.get("block", "all"))
        if label in labels and slots and slots[-1].block != labels[label]:
            raise InstanceError(
                f"slot {s['id']!r}: block {label!r} is not one run of consecutive slots"
            )
        block = labels.setdefault(label, len(labels))
        slots.append(Slot(s["id"], block, s.get("start"), s.get("end")))
    return tuple(slots), ids, tuple(labels) or ("all",)


def _tables(
    raw: Any, part_ids: dict[str, int]
) -> tuple[tuple[Table, ...], dict[str, int], bool]:
    if isinstance(raw, int) and not isinstance(raw, bool):
        if raw < 0:
            raise InstanceError(f"tables: count must not be negative, got {raw}")
        tables = tuple(Table(f"T{i + 1}") for i in range(raw))
        return tables, {t.id: i for i, t in enumerate(tables)}, True
    if not isinstance(raw, list):
        raise InstanceError("tables: expected a count or a list of tables")
    ids = _index(raw, "table")
    tables, hosts = [], set()
    for t in raw:
        host = t.get("host")
        if host is not None:
            host = _lookup(part_ids, host, "participant", f"table {t['id']!r} host")
            if host in hosts:
                raise InstanceError(f"table {t['id']!r}: host {t['host']!r} hosts two")
            hosts.add(host)
        tables.append(Table(t["id"], host))
    return tuple(tables), ids, False


def _meeting(
    m: dict[str, Any],
    slot_ids: dict[str, int],
    part_ids: dict[str, int],
    table_ids: dict[str, int],
    n_slots: int,
) -> Meeting:
    where = f"meeting {m['id']!r}"
    parts = tuple(
        _lookup(part_ids, p, "participant", where)
        for p in _list(m, "participants", where)
    )
    if len(parts) < 2:
        raise InstanceError(f"{where}: a meeting needs at least 2 participants")
    if len(set(parts)) != len(parts):
        raise InstanceError(f"{where}: a participant is listed twice")
    priority = m.get("priority", 1)
    if not isinstance(priority, int) or isinstance(priority, bool) or priority < 1:
        raise InstanceError(f"{where}: priority must be a positive integer")
    allowed_raw = m.get("allowed_slots")
    allowed = (
        frozenset(range(n_slots))
        if allowed_raw is None
        else frozenset(
            _lookup(slot_ids, s, "slot", where)
            for s in _list(m, "allowed_slots", where)
        )
    )
    fixed = m.get("fixed_slot")
    table = m.get("table")
    return Meeting(
        id=m["id"],
        participants=parts,
        priority=priority,
        allowed=allowed,
        fixed_slot=None if fixed is None else _lookup(slot_ids, fixed, "slot", where),
        table=None if table is None else _lookup(table_ids, table, "table", where),
        required=bool(m.get("required", False)),
    )


def _precedences(raw: list[Any], ids: dict[str, int]) -> tuple[tuple[int, int], ...]:
    out = []
    for pair in raw:
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise InstanceError(f"precedence {pair!r}: expected a pair [a, b]")
        a = _lookup(ids, pair[0], "meeting", f"precedence {pair!r}")
        b = _lookup(ids, pair[1], "meeting", f"precedence {pair!r}")
        if a == b:
            raise InstanceError(f"precedence {pair!r}: a meeting cannot precede itself")
        out.append((a, b))
    return tuple(out)


def _spread(raw: Any) -> int | None:
    if raw is None:
        return None
    if not isinstance(raw, int) or isinstance(raw, bool) or raw < 0:
        raise InstanceError("max_breaks_spread must be a non-negative integer")
    return raw


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


def solution_from_dict(instance: Instance, d: dict[str, Any]) -> Solution:
    """Read a solution dict, resolving ids against the instance."""
    fmt = d.get("format", SOLUTION_FORMAT)
    if fmt != SOLUTION_FORMAT:
        raise InstanceError(f"unsupported format {fmt!r}, expected {SOLUTION_FORMAT!r}")
    status = d.get("status", "UNKNOWN")
    if status not in STATUSES:
        raise InstanceError(f"unknown status {status!r}")
    meetings = {m.id: i for i, m in enumerate(instance.meetings)}
    slots = {s.id: i for i, s in enumerate(instance.slots)}
    tables = {t.id: i for i, t in enumerate(instance.tables)}
    assignments = []
    for a in _list(d, "assignments", "solution"):
        if not isinstance(a, dict):
            raise InstanceError(f"assignment {a!r}: expected an object")
        where = f"assignment of {a.get('meeting')!r}"
        assignments.append(
            Assignment(
                _lookup(meetings, a.get("meeting"), "meeting", where),
                _lookup(slots, a.get("slot"), "slot", where),
                _lookup(tables, a.get("table"), "table", where),
            )
        )
    unscheduled = tuple(
        Unscheduled(
            _lookup(meetings, u.get("meeting"), "meeting", "unscheduled"),
            str(u.get("reason", "")),
        )
        for u in _list(d, "unscheduled", "solution")
    )
    return Solution(
        status=status,
        assignments=tuple(assignments),
        unscheduled=unscheduled,
        objective=_objective(d.get("objective")),
        bound={str(k): int(v) for k, v in (d.get("bound") or {}).items()},
        seconds=float(d.get("seconds") or 0.0),
        extra=dict(d.get("extra") or {}),
        reasons=(d["reason"],) if d.get("reason") else (),
    )


def _objective(raw: Any) -> Objective | None:
    if raw is None:
        return None
    try:
        return Objective(
            int(raw["scheduled_priority"]),
            int(raw["breaks"]),
            int(raw["table_changes"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise InstanceError(f"objective {raw!r}: {exc}") from exc


# --- B2B MiniZinc data ------------------------------------------------------------

_STATEMENT = re.compile(r"(\w+)\s*=\s*(.*?);", re.S)


def _dzn_values(text: str) -> dict[str, Any]:
    """``name = value;`` statements: ints, int arrays, set arrays and 2-D arrays."""
    text = re.sub(r"%[^\n]*", "", text)
    out: dict[str, Any] = {}
    for name, value in _STATEMENT.findall(text):
        value = value.strip()
        if value.startswith("[|"):
            rows = [r for r in value.strip("[]").split("|") if r.strip()]
            out[name] = [[int(x) for x in re.findall(r"-?\d+", r)] for r in rows]
        elif "{" in value:
            sets = re.findall(r"\{([^}]*)\}", value)
            out[name] = [{int(x) for x in re.findall(r"-?\d+", s)} for s in sets]
        elif value.startswith("["):
            out[name] = [int(x) for x in re.findall(r"-?\d+", value)]
        else:
            out[name] = int(value)
    return out


def parse_dzn(text: str, name: str = "b2b") -> Instance:
    """Convert a B2B ``.dzn`` instance by the rules at the end of the format doc.

    Every meeting is required; one block (the lunch break is not special); session 1 is
    the morning slots, 2 the afternoon ones, 3 any; forbidden slots become unavailable
    (0 is a dummy); fixed 0 means free; ``precedences[m]`` lists meetings (1-based)
    that must come strictly before m; ``max_breaks_spread`` = 2.
    """
    try:
        v = _dzn_values(text)
        n_p, n_t, n_morning = v["nBusiness"], v["nTotalSlots"], v["nMorningSlots"]
        requested, tables = v["requested"], v["nTables"]
    except (KeyError, ValueError) as exc:
        raise InstanceError(f"not a B2B .dzn instance: missing or bad {exc}") from exc
    sessions = {
        1: frozenset(range(n_morning)),
        2: frozenset(range(n_morning, n_t)),
        3: frozenset(range(n_t)),
    }
    forbidden = v.get("forbidden") or [set() for _ in range(n_p)]
    fixed = v.get("fixed") or [0] * len(requested)
    meetings = []
    for i, row in enumerate(requested):
        if len(row) != 3 or row[2] not in sessions or row[0] == row[1]:
            raise InstanceError(f"requested row {i + 1}: bad meeting {row}")
        fx = fixed[i] - 1 if fixed[i] else None
        parts = (row[0] - 1, row[1] - 1)
        meetings.append(
            Meeting(f"m{i + 1}", parts, 1, sessions[row[2]], fx, None, True)
        )
    precedences = tuple(
        (a - 1, b)
        for b, before in enumerate(v.get("precedences") or [])
        for a in sorted(before)
    )
    return Instance(
        name=name,
        slots=tuple(Slot(f"s{s + 1}") for s in range(n_t)),
        tables=tuple(Table(f"T{i + 1}") for i in range(tables)),
        participants=tuple(
            Participant(f"p{p + 1}", None, frozenset(s - 1 for s in forbidden[p] if s))
            for p in range(n_p)
        ),
        meetings=tuple(meetings),
        precedences=precedences,
        max_breaks_spread=2,
        tables_as_count=True,
        block_ids=("day",),
    )
