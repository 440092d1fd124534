"""Core-based search for the fewest breaks, on a thread beside the "breaks <= k" runs."""

import threading
import time

import pytest
from ortools.sat.python import cp_model

from matchmaking.scheduler import solve, validate
from matchmaking.scheduler.constraints import SLOT_RULES, Breaks
from matchmaking.scheduler.core_lane import CoreLane
from matchmaking.scheduler.io import load_instance
from matchmaking.scheduler.variables import SlotVars
from tests.matchmaking.scheduler.conftest import triangles

pytestmark = pytest.mark.unit


def _slot_model(inst):
    model = cp_model.CpModel()
    v = SlotVars.create(inst, model)
    for rule in SLOT_RULES:
        rule.build(inst, model, v)
    return v, Breaks().build(inst, model, v)


def test_the_lane_proves_the_fewest_breaks_and_keeps_its_schedule():
    inst = triangles(3)  # each triangle forces one break: the optimum is 3
    v, breaks = _slot_model(inst)
    lane = CoreLane(v, breaks, lower=0, hint=None, limit=20, seed=0, stop=None)
    assert lane.settled.wait(20)
    lane.finish()
    assert (lane.proved, lane.value, lane.bound) == (True, 3, 3)
    assert sorted(lane.slot_of) == list(range(len(inst.meetings)))


def test_the_lane_says_infeasible_when_no_schedule_exists():
    inst = triangles(2)
    v, breaks = _slot_model(inst)
    v.model.add(breaks <= 1)  # two triangles need two breaks
    lane = CoreLane(v, breaks, lower=0, hint=None, limit=20, seed=0, stop=None)
    assert lane.settled.wait(20)
    lane.finish()
    assert lane.infeasible
    assert lane.slot_of is None


def test_a_stop_from_the_caller_ends_the_lane_and_settles_it(b2b_dir):
    inst = load_instance(b2b_dir / "forum-13crafb.original.dzn")  # a 15 s proof
    v, breaks = _slot_model(inst)
    stop = threading.Event()
    lane = CoreLane(v, breaks, lower=0, hint=None, limit=60, seed=0, stop=stop)
    time.sleep(0.5)
    stopped = time.monotonic()
    stop.set()
    assert lane.settled.wait(5)
    lane.finish()
    assert time.monotonic() - stopped < 5
    assert not lane.proved


def test_three_triangles_are_proved_past_the_one_person_questions():
    """Nobody at their own bound, nor one person one break above: the optimum (3) is
    proved by the core lane or the "breaks <= k" runs beside it."""
    inst = triangles(3)
    sol = solve(inst, time_limit=20, workers=2, seed=0)
    assert validate(inst, sol) == []
    assert (sol.objective.breaks, sol.bound["breaks"]) == (3, 3)
    stages = sol.extra["stages"]
    assert stages["breaks=own+1"][0] == "INFEASIBLE"
    assert "breaks (core)" in stages
