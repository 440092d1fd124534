"""Every solution returned on small random instances passes the validator."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matchmaking.scheduler import solve
from matchmaking.scheduler.validate import validate

from .conftest import tiny

pytestmark = pytest.mark.unit


@st.composite
def instances(draw):
    n_p = draw(st.integers(2, 5))
    n_s = draw(st.integers(1, 4))
    pairs = st.lists(st.integers(0, n_p - 1), min_size=2, max_size=2, unique=True)
    meetings = [
        {
            "participants": [f"p{i + 1}" for i in pair],
            "priority": draw(st.integers(1, 3)),
            "required": draw(st.booleans()),
            "allowed_slots": [
                f"s{s + 1}" for s in draw(st.sets(st.integers(0, n_s - 1), min_size=1))
            ],
        }
        for pair in draw(st.lists(pairs, max_size=5))
    ]
    spread = draw(st.one_of(st.none(), st.integers(0, 2)))
    return tiny(
        meetings,
        slots=n_s,
        participants=n_p,
        tables=draw(st.integers(1, 2)),
        max_breaks_spread=spread,
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_every_returned_solution_validates(inst):
    sol = solve(inst, time_limit=5, workers=1)
    assert validate(inst, sol) == []
    if sol.status in ("OPTIMAL", "FEASIBLE"):
        assert sol.objective is not None
