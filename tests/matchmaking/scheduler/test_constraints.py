"""Each rule on a tiny instance: a feasible case and an infeasible one."""

import pytest

from matchmaking.scheduler.model import solve_exact
from matchmaking.scheduler.validate import validate

from .conftest import tiny

pytestmark = pytest.mark.unit


def run(inst):
    sol = solve_exact(inst, time_limit=10, workers=1, seed=0)
    assert validate(inst, sol) == []
    return sol


def req(a, b, **kw):
    return {"participants": [a, b], "required": True, **kw}


def slots_of(sol):
    return {a.meeting: a.slot for a in sol.assignments}


def test_no_double_booking_spreads_a_participants_meetings():
    sol = run(tiny([req("p1", "p2"), req("p1", "p3")], slots=2))
    assert sorted(slots_of(sol).values()) == [0, 1]


def test_no_double_booking_infeasible_when_slots_are_too_few():
    assert run(tiny([req("p1", "p2"), req("p1", "p3")], slots=1)).status == "INFEASIBLE"


def test_table_capacity_infeasible_with_one_table_and_one_slot():
    inst = tiny([req("p1", "p2"), req("p3", "p4")], slots=1, tables=1)
    assert run(inst).status == "INFEASIBLE"


def test_table_capacity_feasible_with_two_tables():
    inst = tiny([req("p1", "p2"), req("p3", "p4")], slots=1, tables=2)
    assert run(inst).status == "OPTIMAL"


def test_hosted_table_holds_only_the_hosts_meetings():
    inst = tiny(
        [req("p1", "p2"), req("p3", "p4")],
        slots=1,
        tables=[{"id": "B", "host": "p1"}, {"id": "G", "host": None}],
    )
    tables = {a.meeting: a.table for a in run(inst).assignments}
    assert tables == {0: 0, 1: 1}


def test_hosted_table_infeasible_when_two_hosts_meet():
    inst = tiny(
        [req("p1", "p2")],
        tables=[{"id": "A", "host": "p1"}, {"id": "B", "host": "p2"}],
    )
    assert run(inst).status == "INFEASIBLE"


def test_fixed_slot_and_named_table_are_kept():
    inst = tiny([req("p1", "p2", fixed_slot="s3", table="T2")])
    (a,) = run(inst).assignments
    assert (a.slot, a.table) == (2, 1)


def test_precedence_orders_meetings():
    inst = tiny([req("p1", "p2"), req("p1", "p3")], slots=2, precedences=[["m2", "m1"]])
    assert slots_of(run(inst)) == {0: 1, 1: 0}


def test_precedence_cycle_is_infeasible():
    inst = tiny(
        [req("p1", "p2"), req("p1", "p3")], precedences=[["m2", "m1"], ["m1", "m2"]]
    )
    assert run(inst).status == "INFEASIBLE"


def test_breaks_are_minimised_to_zero_when_possible():
    inst = tiny([req("p1", "p2"), req("p1", "p3"), req("p1", "p4")], slots=5)
    assert run(inst).objective.breaks == 0


def test_fairness_spread_zero_is_infeasible_when_a_break_is_forced():
    inst = tiny(
        [req("p1", "p2", allowed_slots=["s1"]), req("p1", "p3", allowed_slots=["s3"])],
        max_breaks_spread=0,
    )
    assert run(inst).status == "INFEASIBLE"


def test_priority_keeps_the_more_important_meeting():
    inst = tiny(
        [
            {"participants": ["p1", "p2"], "priority": 1},
            {"participants": ["p1", "p3"], "priority": 5},
        ],
        slots=1,
    )
    sol = run(inst)
    assert (slots_of(sol), sol.objective.scheduled_priority) == ({1: 0}, 5)
