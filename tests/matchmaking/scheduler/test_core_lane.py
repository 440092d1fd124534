"""Core-based search for the fewest breaks, on a thread beside the "breaks <= k" runs."""

import threading
import time

import pytest
from hypothesis import HealthCheck, given, settings

from matchmaking.scheduler import solve, validate
from matchmaking.scheduler.constraints import slot_model
from matchmaking.scheduler.core_lane import CoreLane
from matchmaking.scheduler.io import load_instance
from tests.matchmaking.scheduler.conftest import (
    fewest_breaks,
    required_instances,
    triangles,
)

pytestmark = pytest.mark.unit


def test_the_lane_proves_the_fewest_breaks_and_keeps_its_schedule():
    inst = triangles(3)  # each triangle forces one break: the optimum is 3
    v, breaks = slot_model(inst)
    lane = CoreLane(v, breaks, lower=0, hint=None, limit=20, seed=0, stop=None)
    assert lane.settled.wait(20)
    lane.finish()
    assert (lane.proved, lane.value, lane.bound) == (True, 3, 3)
    assert sorted(lane.slot_of) == list(range(len(inst.meetings)))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(required_instances())
def test_the_lanes_spans_keep_every_optimum(inst):
    """The lane adds span constraints to its copy of the model: it proves exactly
    the optimum of the model without them, or that there is no schedule."""
    best = fewest_breaks(inst)
    v, breaks = slot_model(inst)
    lane = CoreLane(v, breaks, lower=0, hint=None, limit=20, seed=0, stop=None)
    assert lane.settled.wait(20)
    lane.finish()
    if best is None:
        assert lane.infeasible
    else:
        assert (lane.proved, lane.value) == (True, best)


def test_the_lane_says_infeasible_when_no_schedule_exists():
    inst = triangles(2)
    v, breaks = slot_model(inst)
    v.model.add(breaks <= 1)  # two triangles need two breaks
    lane = CoreLane(v, breaks, lower=0, hint=None, limit=20, seed=0, stop=None)
    assert lane.settled.wait(20)
    lane.finish()
    assert lane.infeasible
    assert lane.slot_of is None


def test_a_stop_from_the_caller_ends_the_lane_and_settles_it(b2b_dir):
    inst = load_instance(b2b_dir / "forum-13crafb.original.dzn")  # a 15 s proof
    v, breaks = slot_model(inst)
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
    assert stages["breaks=own+1"][0] in (
        "INFEASIBLE",
        "INFEASIBLE (core lane)",
        "INFEASIBLE (SAT)",
    )
    assert "breaks (core)" in stages


def test_the_lane_announces_every_bound_it_proves():
    inst = triangles(3)
    v, breaks = slot_model(inst)
    lane = CoreLane(v, breaks, lower=0, hint=None, limit=20, seed=0, stop=None)
    assert lane.settled.wait(20)
    lane.finish()
    assert lane.news.is_set()
    lane.news.clear()
    lane.raise_bound(2.0)  # not above the bound: nothing new
    assert not lane.news.is_set()


class _StubLane:
    """Stands in for the core lane: the test raises its bound by hand."""

    def __init__(self, bound: int = 5) -> None:
        self.bound, self.value, self.watch = bound, None, bound
        self.news, self.settled = threading.Event(), threading.Event()

    def prove(self, bound: int, settle: bool = False) -> None:
        self.bound = bound
        if settle:
            self.settled.set()
        if settle or bound > self.watch:
            self.news.set()


def test_a_bound_from_the_lane_ends_the_climbs_run_and_the_next_starts_there(
    b2b_dir,
):
    from matchmaking.scheduler.break_stage import BreakStage
    from matchmaking.scheduler.runner import Runner

    inst = load_instance(b2b_dir / "forum-13crafb.original.dzn")  # 6: no k=5 soon
    v, breaks = slot_model(inst)
    lane = _StubLane()
    runner = Runner(
        v, workers=1, seed=0, on_progress=None, stop=lane.news, deadline=None
    )
    stages = BreakStage(inst, v, runner, time_limit=60, t0=time.monotonic())

    def lane_thread() -> None:
        time.sleep(1.0)
        lane.prove(6)  # "breaks <= 5" is refuted: that run ends
        time.sleep(1.0)
        lane.prove(6, settle=True)

    threading.Thread(target=lane_thread, daemon=True).start()
    start = time.monotonic()
    slot_of, k = stages._climb(breaks, 5, None, 0.0, lane)
    ends = stages.extra["stage_ends"]
    assert (slot_of, k) == (None, 6)
    assert list(ends) == ["breaks<=5", "breaks<=6"]
    assert 0.9 < ends["breaks<=5"] < 2.0
    assert time.monotonic() - start < 4.0


def test_a_run_at_the_lanes_bound_yields_to_the_lane_until_it_proves_more(b2b_dir):
    from matchmaking.scheduler.break_stage import CLIMB_AT_LANE_SHARE, BreakStage
    from matchmaking.scheduler.runner import Runner

    inst = load_instance(b2b_dir / "forum-13crafb.original.dzn")  # no 5 soon
    v, breaks = slot_model(inst)
    lane = _StubLane()  # has proved 5
    runner = Runner(
        v, workers=1, seed=0, on_progress=None, stop=lane.news, deadline=None
    )
    stages = BreakStage(inst, v, runner, time_limit=10, t0=time.monotonic())
    patience = CLIMB_AT_LANE_SHARE * 10

    def lane_thread() -> None:
        time.sleep(patience + 1.0)
        lane.prove(6)
        time.sleep(0.5)
        lane.prove(6, settle=True)

    threading.Thread(target=lane_thread, daemon=True).start()
    slot_of, k = stages._climb(breaks, 5, None, 0.0, lane)
    ends = stages.extra["stage_ends"]
    assert (slot_of, k) == (None, 6)
    assert patience - 0.2 < ends["breaks<=5"] < patience + 0.8  # then it waited
    assert ends["breaks<=6"] > patience + 1.0


def test_a_bound_the_run_already_has_does_not_end_it(b2b_dir):
    from matchmaking.scheduler.break_stage import BreakStage
    from matchmaking.scheduler.runner import Runner

    inst = load_instance(b2b_dir / "forum-13crafb.original.dzn")
    v, breaks = slot_model(inst)
    lane = _StubLane(bound=4)  # the climb asks "breaks <= 5" on its own
    runner = Runner(
        v, workers=1, seed=0, on_progress=None, stop=lane.news, deadline=None
    )
    stages = BreakStage(inst, v, runner, time_limit=60, t0=time.monotonic())

    def lane_thread() -> None:
        time.sleep(0.8)
        lane.prove(5)  # not above the question: the run goes on
        time.sleep(1.2)
        lane.prove(6, settle=True)

    threading.Thread(target=lane_thread, daemon=True).start()
    slot_of, k = stages._climb(breaks, 5, None, 0.0, lane)
    ends = stages.extra["stage_ends"]
    assert list(ends) == ["breaks<=5"]
    assert 1.8 < ends["breaks<=5"] < 3.0


def test_a_paused_lane_ends_its_search_without_settling(b2b_dir):
    inst = load_instance(b2b_dir / "forum-13crafb.original.dzn")
    v, breaks = slot_model(inst)
    lane = CoreLane(v, breaks, lower=0, hint=None, limit=60, seed=0, stop=None)
    time.sleep(0.3)
    paused = time.monotonic()
    lane.pause()
    lane.finish()
    assert time.monotonic() - paused < 5
    assert lane.paused
    assert not lane.settled.is_set()
    assert not lane.proved
