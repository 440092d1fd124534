"""Published optima on small B2B originals (data read from shared/, never copied)."""

import pytest

from matchmaking.scheduler import solve
from matchmaking.scheduler.io import load_instance
from matchmaking.scheduler.validate import validate

pytestmark = pytest.mark.unit


@pytest.mark.slow
@pytest.mark.parametrize(("name", "optimum"), [("tic-12", 0), ("forumt-14crafd", 4)])
def test_published_optimum_is_reached_and_proved(b2b_dir, name, optimum):
    inst = load_instance(b2b_dir / f"{name}.original.dzn")
    sol = solve(inst, time_limit=30, workers=2)
    assert validate(inst, sol) == []
    assert (sol.objective.breaks, sol.bound["breaks"]) == (optimum, optimum)


def test_elementary_variant_is_infeasible_by_precheck(b2b_dir):
    inst = load_instance(b2b_dir / "tic-12.forb0003.dzn")
    sol = solve(inst, time_limit=30)
    assert (sol.status, sol.extra["precheck"]) == ("INFEASIBLE", True)
    assert sol.reasons == (
        "p1 has 8 required meetings but only 7 slots where any of them can be held",
    )
