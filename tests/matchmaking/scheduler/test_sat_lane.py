"""A SAT solver's "breaks <= k", beside the one-person questions (``sat_lane``)."""

import time

import pytest
from hypothesis import HealthCheck, given, settings

from matchmaking.scheduler import solve, validate
from matchmaking.scheduler.io import load_instance
from matchmaking.scheduler.sat_lane import Clauses, SatQuestion, applies
from matchmaking.scheduler.schema import FEASIBLE, Solution
from matchmaking.scheduler.table_stage import greedy_tables
from matchmaking.scheduler.validate import objective
from matchmaking.scheduler.variables import assignments_of, slot_candidates
from tests.matchmaking.scheduler.conftest import (
    fewest_breaks,
    required_instances,
    tiny,
    triangles,
)

pytestmark = pytest.mark.unit


def _ask(inst, k: int, wait: float = 20) -> SatQuestion:
    slots_of = [slot_candidates(inst, m) for m in range(len(inst.meetings))]
    question = SatQuestion(Clauses(inst, slots_of), k)
    assert question.done.wait(wait)
    question.finish()
    return question


def _checked(inst, slot_of: dict[int, int]) -> int:
    """The schedule's breaks, after the validator passed it."""
    sol = Solution(FEASIBLE, assignments_of(slot_of, greedy_tables(inst, slot_of)))
    assert validate(inst, sol) == []
    return objective(inst, sol.assignments).breaks


def test_two_triangles_need_two_breaks_and_one_is_refuted():
    inst = triangles(2)
    assert _ask(inst, 1).answer is False
    yes = _ask(inst, 2)
    assert yes.answer is True
    assert _checked(inst, yes.slot_of) == 2


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(required_instances())
def test_the_clauses_agree_with_the_cp_sat_model(inst):
    """ "breaks <= k" is yes at CP-SAT's optimum, with a valid schedule, and no one
    below it; no at any k when CP-SAT proves there is no schedule at all."""
    assert applies(inst)  # p1 has one meeting: fairness is pinned at 0
    best = fewest_breaks(inst)
    if best is None:
        assert _ask(inst, 10 * len(inst.meetings)).answer is False
        return
    yes = _ask(inst, best)
    assert yes.answer is True
    assert _checked(inst, yes.slot_of) <= best
    if best:
        assert _ask(inst, best - 1).answer is False


def test_where_the_clauses_do_not_state_the_whole_problem_they_are_not_asked():
    optional = tiny([{"participants": ["p1", "p2"]}])
    two_days = tiny(
        [{"participants": ["p1", "p2"], "required": True}],
        blocks=["mon", "mon", "tue", "tue"],
    )
    unpinned = tiny(  # everyone meets twice: fairness has no floor of 0
        [
            {"participants": ["p1", "p2"], "required": True},
            {"participants": ["p2", "p3"], "required": True},
            {"participants": ["p3", "p1"], "required": True},
        ],
        participants=3,
        max_breaks_spread=1,
    )
    for inst in (optional, two_days, unpinned):
        assert not applies(inst)


def test_finish_interrupts_a_long_search(b2b_dir):
    inst = load_instance(b2b_dir / "forum-13crafb.original.dzn")  # minutes for SAT
    slots_of = [slot_candidates(inst, m) for m in range(len(inst.meetings))]
    question = SatQuestion(Clauses(inst, slots_of), 5)
    time.sleep(0.5)
    asked = time.monotonic()
    question.finish()
    assert time.monotonic() - asked < 2
    assert question.answer is None


@pytest.mark.slow
@pytest.mark.parametrize("name", ["forum-13crafc.forb0007", "ticf-13crafc.original"])
def test_one_break_is_found_where_only_sat_finds_it_at_once(b2b_dir, name):
    """The bound the tight model proves (1) is the optimum; CP-SAT's searches found
    no such schedule in minutes on crafc.forb0007, the SAT question in seconds."""
    inst = load_instance(b2b_dir / f"{name}.dzn")
    sol = solve(inst, time_limit=60, workers=2)  # about 7 s; room for a busy CI
    assert validate(inst, sol) == []
    assert (sol.objective.breaks, sol.bound["breaks"]) == (1, 1)
    assert sol.extra["stages"]["breaks=own+1"][0] in ("FEASIBLE (SAT)", "FEASIBLE")
