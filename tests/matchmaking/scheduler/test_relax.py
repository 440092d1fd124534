"""After the tight model refutes "everyone at their own break bound", the relax stage
asks, person by person, whether one of them can take one break more."""

import time

import pytest

from matchmaking.scheduler import solve, validate
from matchmaking.scheduler.relax import one_above_own
from tests.matchmaking.scheduler.conftest import tiny, triangles

pytestmark = pytest.mark.unit


def test_one_triangle_is_proved_at_one_break_by_the_relax_stage():
    inst = triangles(1)
    sol = solve(inst, time_limit=20, workers=2, seed=0)
    assert validate(inst, sol) == []
    assert sol.objective.breaks == 1
    assert sol.bound["breaks"] == 1
    assert sol.extra["stages"]["breaks=own"][0] == "INFEASIBLE"
    # the core lane and the SAT question run beside the questions and may answer first
    assert sol.extra["stages"]["breaks=own+1"][0] in (
        "FEASIBLE",
        "FEASIBLE (core lane)",
        "FEASIBLE (SAT)",
    )


def test_two_triangles_refute_every_single_person_and_prove_two():
    inst = triangles(2)
    res = one_above_own(inst, {}, deadline=time.monotonic() + 20)
    assert res.slot_of is None
    assert res.refuted
    sol = solve(inst, time_limit=20, workers=2, seed=0)
    assert sol.objective.breaks == 2
    assert sol.bound["breaks"] == 2
    assert sol.extra["stages"]["breaks=own+1"][0] in (
        "INFEASIBLE",
        "INFEASIBLE (core lane)",
        "INFEASIBLE (SAT)",
    )


def test_optional_meetings_are_left_to_the_general_model():
    inst = tiny([{"participants": ["p1", "p2"]}, {"participants": ["p1", "p3"]}])
    assert one_above_own(inst, {}, deadline=time.monotonic() + 5) is None


def test_passes_report_what_they_left_open_and_the_second_asks_without_lp(
    monkeypatch,
):
    from ortools.sat.python import cp_model

    from matchmaking.scheduler import relax

    asked: list[tuple[int, float, int]] = []

    def ask(asker, q, limit, level=1):
        asked.append((q, limit, level))
        if limit == relax.PASSES[1]:  # the second pass finds a schedule
            return cp_model.FEASIBLE, {0: 0}
        return cp_model.UNKNOWN, None

    monkeypatch.setattr(relax, "_ask", ask)
    monkeypatch.setattr(relax, "PROBE", 1000)  # no giving up on the first pass
    passes: list[tuple[int, int]] = []
    inst = triangles(2)
    res = one_above_own(
        inst,
        {},
        deadline=time.monotonic() + 20,
        after_pass=lambda i, left: passes.append((i, left)),
    )
    assert res.slot_of == {0: 0}
    first = {q for q, limit, _ in asked if limit == relax.PASSES[0]}
    assert passes == [(0, len(first))]
    assert {level for _, limit, level in asked if limit == relax.PASSES[1]} == {
        relax.LINEARIZATION[1]
    }
    assert relax.LINEARIZATION[1] == 0
