"""The specification: solver-independent checks of a Solution and its objective.

Every rule of ``partnering-format.md`` is one small function over plain assignments, so
it can be read next to the format document. Solvers never import their own shortcuts
here; tests and the CLI run this on every result.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from .schema import INFEASIBLE, UNKNOWN, Assignment, Instance, Objective, Solution


class InvalidSolution(AssertionError):
    """Raised by assert_valid; the message lists every violation."""


def breaks_per_participant(
    instance: Instance, assignments: Iterable[Assignment]
) -> list[int]:
    """Breaks of each participant: maximal idle runs between two of their meetings
    inside one block (slot indices of one block are consecutive)."""
    busy = _busy_slots(instance, assignments)
    out = []
    for slots in busy:
        ordered = sorted(slots)
        out.append(
            sum(
                1
                for a, b in zip(ordered, ordered[1:], strict=False)
                if b > a + 1 and instance.same_block(a, b)
            )
        )
    return out


def table_changes_per_participant(
    instance: Instance, assignments: Iterable[Assignment]
) -> list[int]:
    """Table changes of each participant between successive meetings in one block."""
    seq: list[list[tuple[int, int]]] = [[] for _ in instance.participants]
    for a in assignments:
        for p in instance.meetings[a.meeting].participants:
            seq[p].append((a.slot, a.table))
    out = []
    for items in seq:
        items.sort()
        out.append(
            sum(
                1
                for (s0, t0), (s1, t1) in zip(items, items[1:], strict=False)
                if instance.same_block(s0, s1) and t0 != t1
            )
        )
    return out


def objective(instance: Instance, assignments: Iterable[Assignment]) -> Objective:
    """The three objective levels of a set of assignments."""
    assignments = list(assignments)
    return Objective(
        scheduled_priority=sum(
            instance.meetings[a.meeting].priority for a in assignments
        ),
        breaks=sum(breaks_per_participant(instance, assignments)),
        table_changes=sum(table_changes_per_participant(instance, assignments)),
    )


def _busy_slots(
    instance: Instance, assignments: Iterable[Assignment]
) -> list[list[int]]:
    busy: list[list[int]] = [[] for _ in instance.participants]
    for a in assignments:
        for p in instance.meetings[a.meeting].participants:
            busy[p].append(a.slot)
    return busy


def validate(instance: Instance, solution: Solution) -> list[str]:
    """Every violated rule, in words; an empty list means the solution is valid.

    An INFEASIBLE or UNKNOWN solution without assignments claims no schedule and is
    valid as such. Otherwise all hard rules are checked, and a reported objective must
    equal the recomputed one.
    """
    if solution.status in (INFEASIBLE, UNKNOWN) and not solution.assignments:
        return []
    problems = _check_indices(instance, solution.assignments)
    if problems:
        return problems
    assignments = list(solution.assignments)
    for check in (
        _check_once,
        _check_slots,
        _check_double_booking,
        _check_tables,
        _check_precedences,
        _check_fairness,
    ):
        problems += check(instance, assignments)
    if solution.objective is not None and not problems:
        actual = objective(instance, assignments)
        if actual != solution.objective:
            problems.append(f"reported objective {solution.objective} != {actual}")
    return problems


def assert_valid(instance: Instance, solution: Solution) -> None:
    """Raise InvalidSolution listing every violation, if there is any."""
    problems = validate(instance, solution)
    if problems:
        raise InvalidSolution("; ".join(problems))


def _check_indices(instance: Instance, assignments: Iterable[Assignment]) -> list[str]:
    n_m, n_s, n_t = len(instance.meetings), instance.n_slots, len(instance.tables)
    return [
        f"assignment {a} refers to a meeting, slot or table that does not exist"
        for a in assignments
        if not (0 <= a.meeting < n_m and 0 <= a.slot < n_s and 0 <= a.table < n_t)
    ]


def _check_once(instance: Instance, assignments: list[Assignment]) -> list[str]:
    count: dict[int, int] = defaultdict(int)
    for a in assignments:
        count[a.meeting] += 1
    out = [
        f"meeting {instance.meetings[m].id} is scheduled {c} times"
        for m, c in count.items()
        if c > 1
    ]
    out += [
        f"required meeting {m.id} is not scheduled"
        for i, m in enumerate(instance.meetings)
        if m.required and i not in count
    ]
    return out


def _check_slots(instance: Instance, assignments: list[Assignment]) -> list[str]:
    out = []
    for a in assignments:
        m = instance.meetings[a.meeting]
        slot = instance.slots[a.slot].id
        if a.slot not in m.allowed:
            out.append(f"meeting {m.id} is in slot {slot}, which it does not allow")
        if m.fixed_slot is not None and a.slot != m.fixed_slot:
            out.append(f"meeting {m.id} is fixed elsewhere but held in slot {slot}")
        for p in m.participants:
            if a.slot in instance.participants[p].unavailable:
                who = instance.participants[p].id
                out.append(f"{who} is unavailable in slot {slot} (meeting {m.id})")
    return out


def _check_double_booking(
    instance: Instance, assignments: list[Assignment]
) -> list[str]:
    seen: dict[tuple[int, int], int] = {}
    out = []
    for a in assignments:
        for p in instance.meetings[a.meeting].participants:
            other = seen.setdefault((p, a.slot), a.meeting)
            if other != a.meeting:
                out.append(
                    f"{instance.participants[p].id} is double-booked in slot "
                    f"{instance.slots[a.slot].id}: meetings "
                    f"{instance.meetings[other].id} and {instance.meetings[a.meeting].id}"
                )
    return out


def _check_tables(instance: Instance, assignments: list[Assignment]) -> list[str]:
    out = []
    seen: dict[tuple[int, int], int] = {}
    for a in assignments:
        m = instance.meetings[a.meeting]
        table = instance.tables[a.table]
        other = seen.setdefault((a.table, a.slot), a.meeting)
        if other != a.meeting:
            out.append(
                f"table {table.id} holds two meetings in slot "
                f"{instance.slots[a.slot].id}: {instance.meetings[other].id} and {m.id}"
            )
        if m.table is not None and a.table != m.table:
            out.append(f"meeting {m.id} must use table {instance.tables[m.table].id}")
        hosts = [
            instance.host_table[p] for p in m.participants if p in instance.host_table
        ]
        if table.host is not None and table.host not in m.participants:
            out.append(f"meeting {m.id} uses {table.id}, the booth of another host")
        if any(h != a.table for h in hosts):
            out.append(f"meeting {m.id} is not at its host's table")
    return out


def _check_precedences(instance: Instance, assignments: list[Assignment]) -> list[str]:
    slot_of = {a.meeting: a.slot for a in assignments}
    return [
        f"meeting {instance.meetings[a].id} must be before {instance.meetings[b].id}"
        for a, b in instance.precedences
        if a in slot_of and b in slot_of and not slot_of[a] < slot_of[b]
    ]


def _check_fairness(instance: Instance, assignments: list[Assignment]) -> list[str]:
    spread = instance.max_breaks_spread
    breaks = breaks_per_participant(instance, assignments)
    if spread is None or not breaks or max(breaks) - min(breaks) <= spread:
        return []
    return [
        f"breaks range from {min(breaks)} to {max(breaks)} per participant, "
        f"more than the allowed spread {spread}"
    ]
