import threading
import time

import pytest

from benchmarks.partnering_gen import generate
from matchmaking.scheduler.greedy import greedy
from matchmaking.scheduler.io import instance_from_dict
from matchmaking.scheduler.lns import solve_large
from matchmaking.scheduler.validate import objective, validate

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
