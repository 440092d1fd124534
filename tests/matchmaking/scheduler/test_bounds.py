"""A participant's own break bound (``bounds.own_min_breaks``): exact, by matching where
it can be, by a one-person CP-SAT model otherwise."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchmaking.scheduler.bounds import own_min_breaks
from matchmaking.scheduler.io import load_instance
from matchmaking.scheduler.variables import slot_candidates
from tests.matchmaking.scheduler.conftest import tiny

pytestmark = pytest.mark.unit


def _one_person(allowed: list[list[int]], slots: int, blocks=None):
    """p1 meets p2, p3, ... once each, meeting i in its allowed slots (0-based)."""
    return tiny(
        [
            {
                "participants": ["p1", f"p{i + 2}"],
                "allowed_slots": [f"s{s + 1}" for s in options],
                "required": True,
            }
            for i, options in enumerate(allowed)
        ],
        slots=slots,
        participants=len(allowed) + 1,
        blocks=blocks,
    )


def _bound(inst) -> int:
    slots_of = [slot_candidates(inst, m) for m in range(len(inst.meetings))]
    return own_min_breaks(inst, 0, slots_of)


def _fewest(inst) -> int:
    """Brute force: p1's fewest breaks over every way to give the meetings slots."""
    best = None
    options = [sorted(m.allowed) for m in inst.meetings]
    for slots in itertools.product(*options):
        if len(set(slots)) < len(slots):
            continue
        busy = sorted(slots)
        runs = {}
        for s in busy:
            block = inst.slots[s].block
            new = s - 1 not in busy or inst.slots[s - 1].block != block
            runs[block] = runs.get(block, 0) + new
        breaks = sum(n - 1 for n in runs.values())
        best = breaks if best is None else min(best, breaks)
    return best


def test_two_runs_are_one_break_without_a_solver():
    inst = _one_person([[0], [1], [3], [1, 4]], slots=6)
    assert _bound(inst) == 1 == _fewest(inst)


def test_three_runs_are_two_breaks():
    inst = _one_person([[0], [2], [4]], slots=5)
    assert _bound(inst) == 2 == _fewest(inst)


def test_two_runs_in_two_blocks_are_no_break():
    inst = _one_person([[0], [1], [3]], slots=4, blocks=["am", "am", "pm", "pm"])
    assert _bound(inst) == 0 == _fewest(inst)


@settings(max_examples=60, deadline=None)
@given(
    allowed=st.lists(
        st.lists(st.integers(0, 6), min_size=1, max_size=4, unique=True),
        min_size=2,
        max_size=5,
    ),
    two_blocks=st.booleans(),
)
def test_the_bound_is_the_fewest_breaks(allowed, two_blocks):
    blocks = ["am"] * 4 + ["pm"] * 3 if two_blocks else None
    inst = _one_person(allowed, slots=7, blocks=blocks)
    fewest = _fewest(inst)
    if fewest is not None:
        assert _bound(inst) == fewest


def test_a_full_day_with_forbidden_slots_is_bounded_at_once(b2b_dir):
    """p57 of forum-13crafb.forb0003: 18 meetings in 22 slots, which its one-person
    model could not settle in 2 s (it gave 0); two runs fit and one does not, which
    matching decides within any limit."""
    inst = load_instance(b2b_dir / "forum-13crafb.forb0003.dzn")
    slots_of = [slot_candidates(inst, m) for m in range(len(inst.meetings))]
    assert own_min_breaks(inst, 57, slots_of, limit=0.05) == 1
