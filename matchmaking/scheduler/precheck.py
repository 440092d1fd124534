"""Elementary infeasibility, found before any solver runs, in an organiser's words.

Each check looks at one participant, one meeting, one slot or one precedence and proves
that the required meetings cannot all be held. An empty list does not mean the
instance is feasible; it means no *simple* reason was found.
"""

from __future__ import annotations

from .schema import Instance
from .variables import slot_candidates, table_options


def precheck(instance: Instance) -> list[str]:
    """Reasons why the instance is infeasible for sure (empty if none found)."""
    reasons: list[str] = []
    for check in (
        _meetings_without_slot,
        _participant_overload,
        _slot_overload,
        _precedences,
    ):
        reasons += check(instance)
    return reasons


def _sid(instance: Instance, s: int) -> str:
    return instance.slots[s].id


def _meetings_without_slot(instance: Instance) -> list[str]:
    out = []
    for m, meeting in enumerate(instance.meetings):
        if not meeting.required:
            continue
        if not table_options(instance, m):
            out.append(
                f"required meeting {meeting.id} has no usable table (hosts or table conflict)"
            )
            continue
        fixed = meeting.fixed_slot
        if fixed is not None and fixed not in meeting.allowed:
            out.append(
                f"required meeting {meeting.id} is fixed to slot {_sid(instance, fixed)}, "
                "outside its allowed slots"
            )
        elif not instance.candidates(m):
            out.append(_no_slot_reason(instance, m))
    return out


def _no_slot_reason(instance: Instance, m: int) -> str:
    meeting = instance.meetings[m]
    names = " and ".join(instance.participants[p].id for p in meeting.participants)
    if meeting.fixed_slot is not None:
        slot = _sid(instance, meeting.fixed_slot)
        away = [
            instance.participants[p].id
            for p in meeting.participants
            if meeting.fixed_slot in instance.participants[p].unavailable
        ]
        return f"required meeting {meeting.id} is fixed to slot {slot}, when {', '.join(away)} is unavailable"
    return f"required meeting {meeting.id}: {names} share no free allowed slot"


def _participant_overload(instance: Instance) -> list[str]:
    """Hall's condition on one participant: k required meetings need k distinct
    slots among the union of their candidate slots (overall and per block)."""
    out = []
    for p, meetings in enumerate(instance.meetings_of):
        required = [  # meetings with no slot at all are reported on their own
            m
            for m in meetings
            if instance.meetings[m].required and slot_candidates(instance, m)
        ]
        slots = {s for m in required for s in slot_candidates(instance, m)}
        who = instance.participants[p].id
        if len(required) > len(slots):
            out.append(
                f"{who} has {len(required)} required meetings but only {len(slots)} "
                "slots where any of them can be held"
            )
            continue
        for b, block in enumerate(instance.blocks):
            inside = [
                m
                for m in required
                if set(slot_candidates(instance, m)) <= set(block)
                and slot_candidates(instance, m)
            ]
            free = {s for m in inside for s in slot_candidates(instance, m)}
            if len(inside) > len(free):
                out.append(
                    f"{who} has {len(inside)} required meetings that can only be in "
                    f"block {instance.block_ids[b]}, which has {len(free)} usable slots"
                )
    return out


def _slot_overload(instance: Instance) -> list[str]:
    """Required meetings fixed to one slot must fit its tables and not share people."""
    out = []
    general = set(instance.general_tables())
    by_slot: dict[int, list[int]] = {}
    for m, meeting in enumerate(instance.meetings):
        cands = slot_candidates(instance, m)
        if meeting.required and len(cands) == 1:
            by_slot.setdefault(cands[0], []).append(m)
    for s, meetings in by_slot.items():
        on_general = [m for m in meetings if set(table_options(instance, m)) <= general]
        if len(on_general) > len(general):
            out.append(
                f"slot {_sid(instance, s)} must hold {len(on_general)} required meetings "
                f"but there are only {len(general)} tables"
            )
        seen: dict[int, int] = {}
        for m in meetings:
            for p in instance.meetings[m].participants:
                if p in seen:
                    out.append(
                        f"{instance.participants[p].id} must attend both "
                        f"{instance.meetings[seen[p]].id} and {instance.meetings[m].id} "
                        f"in slot {_sid(instance, s)}"
                    )
                seen[p] = m
    return out


def _precedences(instance: Instance) -> list[str]:
    """A required precedence a -> b needs a candidate slot of a before one of b."""
    out = []
    for a, b in instance.precedences:
        ma, mb = instance.meetings[a], instance.meetings[b]
        ca, cb = slot_candidates(instance, a), slot_candidates(instance, b)
        if not (ma.required and mb.required and ca and cb):
            continue
        if min(ca) >= max(cb):
            out.append(
                f"meeting {ma.id} must come before {mb.id}, but its earliest possible "
                f"slot {_sid(instance, min(ca))} is not before the latest possible slot "
                f"{_sid(instance, max(cb))} of {mb.id}"
            )
    return out
