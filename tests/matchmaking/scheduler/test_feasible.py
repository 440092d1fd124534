"""The first valid schedule: tight instances with every meeting required,
precedences, fixed slots, a named table and no table to spare (feasible by
construction, see ``benchmarks.tight_gen``)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.tight_gen import generate_tight
from matchmaking.scheduler import solve
from matchmaking.scheduler.builder import Builder
from matchmaking.scheduler.feasible import first_valid
from matchmaking.scheduler.packed import pack
from matchmaking.scheduler.parse import instance_from_dict
from matchmaking.scheduler.precheck import precheck
from matchmaking.scheduler.validate import validate

from .conftest import tiny

pytestmark = pytest.mark.unit


def _tight(seed: int, meetings: int = 200, people: int = 30):
    return instance_from_dict(
        generate_tight(meetings=meetings, seed=seed, people=people)
    )


def test_tight_instances_are_tight_and_pass_precheck():
    inst = _tight(1)

    assert precheck(inst) == []
    assert all(m.required for m in inst.meetings)
    assert len(inst.precedences) > len(inst.meetings)
    assert generate_tight(seed=1) == generate_tight(seed=1)


@pytest.mark.parametrize("seed", [0, 2])
def test_first_valid_repairs_what_greedy_cannot(seed):
    inst = _tight(seed)

    sol = first_valid(inst, time_limit=20, workers=2)

    assert validate(inst, sol) == []
    assert len(sol.assignments) == len(inst.meetings)
    assert sol.extra["first_valid_seconds"] <= 20


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), spread=st.sampled_from([None, 3]))
def test_first_valid_on_small_tight_instances(seed, spread):
    inst = instance_from_dict(
        generate_tight(meetings=70, seed=seed, people=14, spread=spread)
    )

    sol = first_valid(inst, time_limit=20, workers=1, seed=seed)

    assert validate(inst, sol) == []


def test_solve_returns_a_valid_schedule_never_nothing():
    inst = _tight(3, meetings=300, people=45)

    sol = solve(inst, time_limit=4, workers=2)

    assert sol.seconds < 4 + 1  # never more than 1 s past the limit
    assert sol.status in ("FEASIBLE", "OPTIMAL")
    assert validate(inst, sol) == []
    assert len(sol.assignments) == len(inst.meetings)


def test_greedy_keeps_room_for_a_chain_of_required_meetings():
    chain = [{"participants": ["p1", "p2"], "required": True} for _ in range(3)]
    chain[0]["participants"] = ["p1", "p3"]
    inst = tiny(chain, slots=3, precedences=[["m1", "m2"], ["m2", "m3"]])

    b = Builder(pack(inst))
    stuck = b.fill([2, 1, 0])  # the last of the chain first

    assert stuck == []
    assert b.s.slot == [0, 1, 2]


def test_ejection_moves_an_optional_meeting_out_of_order():
    inst = tiny(
        [
            {"participants": ["p1", "p2"]},
            {"participants": ["p1", "p3"], "required": True},
        ],
        slots=2,
        precedences=[["m2", "m1"]],
    )
    b = Builder(pack(inst))
    b.put(0, 0)

    assert b.eject_chain([1], budget=20) == []
    required, optional = b.s.slot[1], b.s.slot[0]
    assert required >= 0
    assert optional < 0 or required < optional


def test_a_repair_that_proves_no_schedule_exists_says_so():
    triangle = [
        {"participants": pair, "required": True}
        for pair in (["p1", "p2"], ["p1", "p3"], ["p2", "p3"])
    ]
    inst = tiny(triangle, slots=2, participants=3)

    sol = solve(inst, time_limit=10, workers=1)

    assert sol.status == "INFEASIBLE"
    assert sol.assignments == ()
    assert "no schedule satisfies all hard rules" in sol.reasons[0]
