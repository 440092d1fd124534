import pytest

from matchmaking.scheduler.schema import Assignment, Objective, Solution
from matchmaking.scheduler.validate import (
    InvalidSolution,
    assert_valid,
    objective,
    validate,
)

from .conftest import tiny

pytestmark = pytest.mark.unit

A = Assignment


def two_meetings(**extra):
    return tiny(
        [{"participants": ["p1", "p2"]}, {"participants": ["p1", "p3"]}], **extra
    )


def sol(*assignments):
    return Solution("FEASIBLE", tuple(assignments))


def test_valid_solution_has_no_violations():
    assert validate(two_meetings(), sol(A(0, 0, 0), A(1, 1, 0))) == []


@pytest.mark.parametrize(
    ("assignments", "needle"),
    [
        ((A(0, 0, 0), A(1, 0, 1)), "p1 is double-booked in slot s1"),
        ((A(0, 0, 0), A(0, 1, 0)), "m1 is scheduled 2 times"),
        ((A(0, 0, 0), A(1, 9, 0)), "does not exist"),
    ],
)
def test_basic_violations_are_named(assignments, needle):
    problems = validate(two_meetings(), sol(*assignments))
    assert any(needle in p for p in problems), problems


def test_wrong_slot_and_unavailable_are_rejected():
    inst = tiny(
        [{"participants": ["p1", "p2"], "allowed_slots": ["s1"]}],
        participants=2,
    )
    assert validate(inst, sol(A(0, 1, 0))) == [
        "meeting m1 is in slot s2, which it does not allow"
    ]


def test_table_clash_is_rejected():
    inst = tiny([{"participants": ["p1", "p2"]}, {"participants": ["p3", "p4"]}])
    problems = validate(inst, sol(A(0, 0, 1), A(1, 0, 1)))
    assert problems == ["table T2 holds two meetings in slot s1: m1 and m2"]


def test_hosted_table_misuse_is_rejected():
    inst = tiny(
        [{"participants": ["p1", "p2"]}, {"participants": ["p3", "p4"]}],
        tables=[{"id": "B1", "host": "p1"}, {"id": "G", "host": None}],
    )
    problems = validate(inst, sol(A(0, 0, 1), A(1, 1, 0)))
    assert problems == [
        "meeting m1 is not at its host's table",
        "meeting m2 uses B1, the booth of another host",
    ]


def test_precedence_violation_is_rejected():
    inst = two_meetings(precedences=[["m2", "m1"]])
    assert validate(inst, sol(A(0, 0, 0), A(1, 1, 0))) == [
        "meeting m2 must be before m1"
    ]


def test_fairness_violation_is_rejected():
    inst = two_meetings(max_breaks_spread=0)
    problems = validate(inst, sol(A(0, 0, 0), A(1, 2, 0)))
    assert problems == [
        "breaks range from 0 to 1 per participant, more than the allowed spread 0"
    ]


def test_missing_required_meeting_is_rejected():
    inst = tiny([{"participants": ["p1", "p2"], "required": True}])
    with pytest.raises(InvalidSolution, match="required meeting m1 is not scheduled"):
        assert_valid(inst, sol())


def test_wrong_reported_objective_is_rejected():
    s = Solution("FEASIBLE", (A(0, 0, 0),), (), Objective(5, 0, 0))
    assert "reported objective" in validate(two_meetings(), s)[0]


def test_objective_counts_breaks_as_idle_runs_inside_a_block():
    inst = tiny(
        [{"participants": ["p1", f"p{i}"]} for i in range(2, 6)],
        slots=8,
        participants=5,
        blocks=["am"] * 4 + ["pm"] * 4,
    )
    # p1 busy in s1, s3 (am: 1 break) and s5, s8 (pm: 1 break); no break over lunch.
    got = objective(inst, [A(0, 0, 0), A(1, 2, 1), A(2, 4, 0), A(3, 7, 0)])
    assert got == Objective(scheduled_priority=4, breaks=2, table_changes=1)
