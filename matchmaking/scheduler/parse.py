"""Reading the ``partnering/1`` and ``partnering-solution/1`` dicts.

The format is specified in ``shared/benchmarks/partnering-format.md``. Every problem in
the input is reported as an ``InstanceError`` that names the offending id, so an
organiser can fix an export without reading a traceback.
"""

from __future__ import annotations

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
