import dataclasses

import pytest

from matchmaking.scheduler import solve
from matchmaking.scheduler.precheck import precheck

from .conftest import tiny

pytestmark = pytest.mark.unit


def req(a, b, **kw):
    return {"participants": [a, b], "required": True, **kw}


def test_feasible_instance_has_no_reasons():
    assert precheck(tiny([req("p1", "p2"), req("p1", "p3")])) == []


def test_participant_with_too_many_required_meetings():
    inst = tiny([req("p1", f"p{i}") for i in range(2, 5)], slots=2)
    assert precheck(inst) == [
        "p1 has 3 required meetings but only 2 slots where any of them can be held"
    ]


def test_people_with_no_common_free_slot():
    d = tiny([req("p1", "p2", allowed_slots=["s1"])], participants=2)
    p2 = dataclasses.replace(d.participants[1], unavailable=frozenset({0}))
    inst = dataclasses.replace(d, participants=(d.participants[0], p2))
    assert precheck(inst) == [
        "required meeting m1: p1 and p2 share no free allowed slot"
    ]


def test_unavailable_fixed_slot_is_reported():
    d = tiny([req("p1", "p2", fixed_slot="s2")], participants=2)
    p1 = dataclasses.replace(d.participants[0], unavailable=frozenset({1}))
    inst = dataclasses.replace(d, participants=(p1, d.participants[1]))
    assert precheck(inst) == [
        "required meeting m1 is fixed to slot s2, when p1 is unavailable"
    ]


def test_fixed_slot_outside_allowed_is_reported():
    inst = tiny([req("p1", "p2", fixed_slot="s3", allowed_slots=["s1"])])
    assert "outside its allowed slots" in precheck(inst)[0]


def test_impossible_precedence_is_reported():
    inst = tiny(
        [req("p1", "p2", allowed_slots=["s3"]), req("p1", "p3", allowed_slots=["s1"])],
        precedences=[["m1", "m2"]],
    )
    assert precheck(inst) == [
        "meeting m1 must come before m2, but its earliest possible slot s3 is not "
        "before the latest possible slot s1 of m2"
    ]


def test_too_many_fixed_meetings_in_a_slot():
    inst = tiny(
        [req("p1", "p2", fixed_slot="s1"), req("p3", "p4", fixed_slot="s1")], tables=1
    )
    assert precheck(inst) == [
        "slot s1 must hold 2 required meetings but there are only 1 tables"
    ]


def test_solve_returns_precheck_reasons_at_once():
    inst = tiny([req("p1", f"p{i}") for i in range(2, 5)], slots=2)
    sol = solve(inst, time_limit=5)
    assert (sol.status, sol.extra["precheck"], len(sol.reasons)) == (
        "INFEASIBLE",
        True,
        1,
    )
