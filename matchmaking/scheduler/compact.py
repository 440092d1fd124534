"""The "nobody has more breaks than they must" feasibility model, in the tight start
encoding.

Why: when the break lower bound is 0, the question "is there a schedule with 0
breaks?" is far easier asked directly than through break literals. With no break,
participant p's n_p meetings fill n_p consecutive slots, so one start literal per
possible first slot decides all of p's busy literals:
``busy[p, s] = sum(start[p, t] for t in (s - n_p, s])``. This removes most of the
search (Bofill et al., JAIR 2022, on B2B instances with optimum 0).

The same holds when a few participants have a positive own lower bound (the bound is
reached by them alone): everyone else contiguous, they at their bound.

Only built when every meeting is required and each participant's candidate slots lie in
one block (then "no break" is exactly "contiguous"); otherwise ``tight_model``
returns None and the caller uses the general model.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from .constraints import SLOT_RULES, Breaks, Fairness
from .schema import Instance
from .variables import SlotVars


def tight_model(instance: Instance, own: dict[int, int]) -> SlotVars | None:
    """A model whose solutions are exactly the valid schedules in which every
    participant has only their own lower bound of breaks (``own[p]``, 0 if absent).

    Participants without a bound get the start encoding (no break); the few with one
    keep the general break count, held at their bound. The total is then the sum of
    the bounds, which no schedule can beat. None when the encoding does not apply
    (optional meetings, or a participant whose meetings may fall in two blocks).
    """
    if not all(m.required for m in instance.meetings):
        return None
    model = cp_model.CpModel()
    v = SlotVars.create(instance, model)
    for rule in SLOT_RULES:
        rule.build(instance, model, v)
    if own:
        Breaks().build(instance, model, v)
        Fairness().build(instance, model, v)
    for p, meetings in enumerate(instance.meetings_of):
        if p in own:
            model.add(v.breaks[p] <= own[p])
        elif len(meetings) > 1 and not _one_window(instance, model, v, p):
            return None
    return v


def _one_window(instance: Instance, model: cp_model.CpModel, v: SlotVars, p: int):
    """busy[p, s] = sum(start[p, t] for t in (s - n_p, s]) with exactly one start.

    False when p's candidate slots span two blocks (then the encoding is not exact).
    """
    n = len(instance.meetings_of[p])
    keys = sorted(s for (q, s) in v.busy if q == p)
    if len({instance.slots[s].block for s in keys}) > 1:
        return False
    possible = set(keys)
    starts = {
        s: model.new_bool_var(f"start_{p}_{s}")
        for s in keys
        if all(s + i in possible for i in range(n))
    }
    if not starts:
        model.add_bool_or([])  # p's meetings cannot be contiguous
    model.add_exactly_one(starts.values())
    for s in keys:
        covering = [starts[t] for t in range(s - n + 1, s + 1) if t in starts]
        model.add(v.busy[p, s] == sum(covering))
    return True


def add_windows(
    instance: Instance, model: cp_model.CpModel, v: SlotVars, own: dict[int, int]
) -> cp_model.LinearExprT:
    """Redundant for the general model: one literal per participant "above their own
    bound" (``own[p]``, 0 if absent), a sum the caller adds to the bounds' sum L as a
    lower bound of the total. Under "breaks <= k", at most k - L participants may be
    above their bound (none when k = L).

    For participants without a bound, "not above" is compact[p], with the start
    windows of ``tight_model`` enforced when it holds.
    """
    if not all(m.required for m in instance.meetings):
        return 0
    above: list = []
    for p, meetings in enumerate(instance.meetings_of):
        if len(meetings) < 2 or isinstance(v.breaks[p], int):
            continue
        if p in own:
            at_bound = model.new_bool_var(f"at_bound_{p}")
            model.add(v.breaks[p] <= own[p]).only_enforce_if(at_bound)
            model.add(v.breaks[p] > own[p]).only_enforce_if(at_bound.Not())
            above.append(at_bound.Not())
        else:
            compact = _compact_literal(instance, model, v, p)
            if compact is not None:
                above.append(compact.Not())
    return sum(above)


def _compact_literal(instance: Instance, model: cp_model.CpModel, v: SlotVars, p: int):
    """compact[p] <=> p has no break; when it holds, p is busy exactly in the window
    of its one start literal. None when p's slots span two blocks."""
    n = len(instance.meetings_of[p])
    keys = sorted(s for (q, s) in v.busy if q == p)
    if len({instance.slots[s].block for s in keys}) > 1:
        return None
    possible = set(keys)
    starts = {
        s: model.new_bool_var(f"wstart_{p}_{s}")
        for s in keys
        if all(s + i in possible for i in range(n))
    }
    compact = model.new_bool_var(f"compact_{p}")
    model.add(sum(starts.values()) == compact)
    for s, lit in starts.items():
        for i in range(n):
            model.add_implication(lit, v.busy[p, s + i])
    for s in keys:  # compact and busy in s: one of the windows covering s
        covering = [starts[t] for t in range(s - n + 1, s + 1) if t in starts]
        model.add_bool_or([compact.Not(), v.busy[p, s].Not(), *covering])
    model.add(v.breaks[p] == 0).only_enforce_if(compact)
    model.add(v.breaks[p] >= 1).only_enforce_if(compact.Not())
    return compact
