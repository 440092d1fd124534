"""Why a meeting was left out, in words an organiser can act on.

The reasons are checked in order from the most basic (the people share no slot at all)
to the most circumstantial (every shared slot is taken by other meetings), so the first
that applies is the most useful one.
"""

from __future__ import annotations

from .schema import Instance, Solution, Unscheduled
from .variables import slot_candidates


def explain_unscheduled(instance: Instance, solution: Solution) -> list[Unscheduled]:
    """One Unscheduled with a reason for every meeting the solution does not hold."""
    held = {a.meeting for a in solution.assignments}
    busy: dict[tuple[int, int], int] = {}
    load: dict[int, int] = {}
    for a in solution.assignments:
        load[a.slot] = load.get(a.slot, 0) + 1
        for p in instance.meetings[a.meeting].participants:
            busy[p, a.slot] = a.meeting
    return [
        Unscheduled(m, _reason(instance, m, busy, load))
        for m in range(len(instance.meetings))
        if m not in held
    ]


def _reason(instance: Instance, m: int, busy: dict, load: dict[int, int]) -> str:
    meeting = instance.meetings[m]
    people = [instance.participants[p].id for p in meeting.participants]
    names = " and ".join(people)
    cands = slot_candidates(instance, m)
    if not cands:
        return f"{names} share no free allowed slot"
    open_slots = [
        s for s in cands if all((p, s) not in busy for p in meeting.participants)
    ]
    if open_slots:
        return f"no table free in any slot where {names} are all free"
    for p in meeting.participants:
        taken = [busy[p, s] for s in cands if (p, s) in busy]
        if len(taken) == len(cands) and all(
            instance.meetings[o].priority >= meeting.priority for o in taken
        ):
            who = instance.participants[p].id
            return (
                f"{who}'s {len(cands)} free slots all hold meetings of equal or "
                "higher priority"
            )
    return (
        f"every slot where {names} could meet holds another meeting of one of them; "
        "holding this one would cost more priority, breaks or fairness"
    )
