import threading

import pytest

from matchmaking.scheduler import solve
from matchmaking.scheduler.model import solve_exact
from matchmaking.scheduler.validate import validate

from .conftest import tiny

pytestmark = pytest.mark.unit


def test_optional_meetings_are_explained_when_left_out():
    inst = tiny(
        [{"participants": ["p1", "p2"]}, {"participants": ["p1", "p3"], "priority": 2}],
        slots=1,
    )
    sol = solve(inst, time_limit=10, workers=1)
    assert [u.meeting for u in sol.unscheduled] == [0]
    assert "p1" in sol.unscheduled[0].reason
    assert sol.extra["violations"] == []


def test_bounds_hold_the_proved_levels():
    inst = tiny([{"participants": ["p1", "p2"], "required": True}])
    sol = solve_exact(inst, time_limit=10, workers=1, seed=0)
    assert sol.bound == {"scheduled_priority": 1, "breaks": 0, "table_changes": 0}
    assert sol.status == "OPTIMAL"


def test_stop_event_returns_at_once_with_a_valid_answer():
    inst = tiny([{"participants": ["p1", "p2"]}])
    stop = threading.Event()
    stop.set()
    sol = solve_exact(inst, time_limit=30, workers=1, seed=0, stop=stop)
    assert sol.seconds < 5
    assert validate(inst, sol) == []


def test_progress_is_reported():
    seen = []
    inst = tiny([{"participants": ["p1", "p2"]}, {"participants": ["p3", "p2"]}])
    solve_exact(inst, time_limit=10, workers=1, seed=0, on_progress=seen.append)
    assert seen
    assert {"stage", "objective", "bound", "seconds"} <= set(seen[0])
