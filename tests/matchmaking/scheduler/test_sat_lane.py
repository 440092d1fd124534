"""A SAT solver's "breaks <= k", beside the one-person questions (``sat_lane``)."""

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from matchmaking.scheduler import solve, validate
from matchmaking.scheduler.constraints import slot_model
from matchmaking.scheduler.io import load_instance
from matchmaking.scheduler.sat_lane import Clauses, SatQuestion, applies
from matchmaking.scheduler.schema import FEASIBLE, Solution
from matchmaking.scheduler.table_stage import greedy_tables
from matchmaking.scheduler.validate import objective
from matchmaking.scheduler.variables import assignments_of, slot_candidates
from tests.matchmaking.scheduler.conftest import tiny, triangles

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


def _fewest_breaks(inst) -> int | None:
    """CP-SAT's proved optimum of the same problem, or None when it has none."""
    v, breaks = slot_model(inst)
    v.model.minimize(breaks)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    status = solver.solve(v.model)
    assert status in (cp_model.OPTIMAL, cp_model.INFEASIBLE)
    return round(solver.objective_value) if status == cp_model.OPTIMAL else None


def test_two_triangles_need_two_breaks_and_one_is_refuted():
    inst = triangles(2)
    assert _ask(inst, 1).answer is False
    yes = _ask(inst, 2)
    assert yes.answer is True
    assert _checked(inst, yes.slot_of) == 2


@st.composite
def required_instances(draw):
    """Small all-required instances of one block, with someone who has one meeting
    (fairness pinned at 0), allowed slots, precedences and named tables."""
    n_p, n_s = draw(st.integers(3, 6)), draw(st.integers(2, 6))
    pairs = st.lists(st.integers(1, n_p - 1), min_size=2, max_size=2, unique=True)
    chosen = draw(st.lists(pairs, min_size=1, max_size=7))
    meetings = [{"participants": ["p1", "p2"], "required": True}]
    for i, pair in enumerate(chosen):
        slots = draw(st.sets(st.integers(0, n_s - 1), min_size=1))
        meetings.append(
            {
                "participants": [f"p{j + 1}" for j in pair],
                "required": True,
                "allowed_slots": [f"s{s + 1}" for s in sorted(slots)],
                **({"table": "T1"} if draw(st.booleans()) and i % 3 == 0 else {}),
            }
        )
    ids = [f"m{i + 1}" for i in range(len(meetings))]
    precedences = draw(
        st.lists(
            st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True),
            max_size=2,
        )
    )
    return tiny(
        meetings,
        slots=n_s,
        participants=n_p,
        tables=draw(st.integers(1, 3)),
        max_breaks_spread=draw(st.one_of(st.none(), st.integers(0, 2))),
        precedences=precedences,
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(required_instances())
def test_the_clauses_agree_with_the_cp_sat_model(inst):
    """ "breaks <= k" is yes at CP-SAT's optimum, with a valid schedule, and no one
    below it; no at any k when CP-SAT proves there is no schedule at all."""
    assert applies(inst)  # p1 has one meeting: fairness is pinned at 0
    best = _fewest_breaks(inst)
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
