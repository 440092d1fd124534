import random
import threading
import time

import pytest

from benchmarks.partnering_gen import generate
from matchmaking.scheduler import solve
from matchmaking.scheduler.builder import Builder
from matchmaking.scheduler.greedy import construct, greedy, to_solution
from matchmaking.scheduler.lns import (
    Neighbourhoods,
    State,
    priority_bound,
    solve_large,
)
from matchmaking.scheduler.packed import Schedule, objective_of, pack
from matchmaking.scheduler.parse import instance_from_dict
from matchmaking.scheduler.polish import polish_breaks
from matchmaking.scheduler.tables import assign_tables
from matchmaking.scheduler.validate import objective, validate
from tests.matchmaking.scheduler.conftest import tiny

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def instance():
    return instance_from_dict(generate(meetings=600, seed=7, spread=4))


def test_lns_improves_or_keeps_greedy(instance):
    base = greedy(instance)
    seen = []

    sol = solve_large(
        instance, time_limit=6, workers=2, seed=1, on_progress=seen.append
    )

    assert validate(instance, sol) == []
    assert sol.objective == objective(instance, sol.assignments)
    assert sol.objective.key() >= base.objective.key()
    assert seen
    assert sol.bound["scheduled_priority"] >= sol.objective.scheduled_priority


def test_lns_honours_stop(instance):
    stop = threading.Event()
    timer = threading.Timer(1.0, stop.set)
    timer.start()
    t0 = time.perf_counter()

    sol = solve_large(instance, time_limit=60, workers=2, seed=1, stop=stop)

    assert time.perf_counter() - t0 < 20  # far below the 60 s limit
    assert validate(instance, sol) == []


def test_priority_bound_counts_the_tables():
    """Nobody is overloaded, but one table over two slots seats two meetings."""
    inst = tiny(
        [
            {"participants": ["p1", "p2"], "priority": 5},
            {"participants": ["p3", "p4"], "priority": 3},
            {"participants": ["p5", "p6"], "priority": 2},
        ],
        slots=2,
        participants=6,
        tables=1,
    )
    assert priority_bound(pack(inst)) == 8


def test_priority_bound_drops_an_overloaded_participants_cheapest():
    inst = tiny(
        [
            {"participants": ["p1", "p2"], "priority": 4},
            {"participants": ["p1", "p3"], "priority": 2},
            {"participants": ["p1", "p4"], "priority": 1},
        ],
        slots=2,
        tables=3,
    )
    assert priority_bound(pack(inst)) == 6


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_priority_bound_is_never_below_the_proved_optimum(seed):
    inst = instance_from_dict(generate(meetings=80, seed=seed))
    sol = solve(inst, time_limit=10, workers=2, seed=0)
    optimum = sol.objective.scheduled_priority
    assert sol.bound["scheduled_priority"] == optimum  # CP-SAT proved this level
    assert priority_bound(pack(inst)) >= optimum


def test_a_missing_required_meeting_frees_the_tables_where_its_people_meet():
    inst = tiny(
        [
            {"participants": ["p1", "p2"], "required": True},
            {"participants": ["p3", "p4"]},
        ],
        slots=1,
        tables=1,
    )
    pk = pack(inst)
    sched = Schedule.empty(pk)
    sched.place(pk, 1, 0)  # the only table is taken by the optional meeting
    hoods = Neighbourhoods(State(pk, sched), random.Random(0))

    free = hoods.unscheduled(10)

    assert free == [0, 1]


def test_polish_moves_meetings_to_fewer_breaks_and_keeps_every_rule():
    inst = instance_from_dict(generate(meetings=600, seed=7, spread=4))
    pk = pack(inst)
    sched, _ = construct(pk)
    before = objective_of(pk, sched)
    b = Builder(pk, sched)

    moves = polish_breaks(b, time.monotonic() + 30)
    assign_tables(pk, b.s)

    after = objective_of(pk, b.s)
    assert moves > 0
    assert after.breaks < before.breaks
    assert after.scheduled_priority == before.scheduled_priority
    sol = to_solution(inst, pk, b.s, 0.0, extra={})
    assert validate(inst, sol) == []
