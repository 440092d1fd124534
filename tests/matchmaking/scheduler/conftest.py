"""Tiny instances for the scheduler's tests, and where the B2B benchmark lives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from matchmaking.scheduler.constraints import slot_model
from matchmaking.scheduler.parse import instance_from_dict
from matchmaking.scheduler.schema import Instance

REPO = Path(__file__).resolve().parents[3]
B2B = REPO.parent / "shared" / "b2b" / "instances"


def tiny(
    meetings: list[dict[str, Any]],
    *,
    slots: int = 4,
    participants: int = 4,
    tables: int | list = 2,
    blocks: list[str] | None = None,
    **extra: Any,
) -> Instance:
    """An instance with slots s1.., participants p1.. and the given meetings.

    Meeting dicts may omit "id" (m1, m2, ...). Extra keys go to the instance dict.
    """
    d = {
        "format": "partnering/1",
        "name": "tiny",
        "slots": [
            {"id": f"s{i + 1}", "block": blocks[i] if blocks else "day"}
            for i in range(slots)
        ],
        "tables": tables,
        "participants": [{"id": f"p{i + 1}"} for i in range(participants)],
        "meetings": [{"id": f"m{i + 1}", **m} for i, m in enumerate(meetings)],
        **extra,
    }
    return instance_from_dict(d)


def triangles(count: int):
    """``count`` disjoint triangles of required meetings in 3 slots: in each, the
    meetings in slots 1 and 3 share a person, who has a break, though alone each
    person could meet twice in a row (their own bound is 0)."""
    meetings = []
    for t in range(count):
        a, b, c = (f"p{3 * t + i + 1}" for i in range(3))
        meetings += [
            {"participants": [a, b], "required": True},
            {"participants": [a, c], "required": True},
            {"participants": [b, c], "required": True},
        ]
    return tiny(
        meetings, slots=3, participants=3 * count, tables=count, max_breaks_spread=2
    )


@pytest.fixture
def b2b_dir() -> Path:
    if not B2B.is_dir():
        pytest.skip(f"B2B benchmark folder {B2B} is absent")
    return B2B


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


def fewest_breaks(inst) -> int | None:
    """CP-SAT's proved optimum of the same problem, or None when it has none."""
    v, breaks = slot_model(inst)
    v.model.minimize(breaks)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    status = solver.solve(v.model)
    assert status in (cp_model.OPTIMAL, cp_model.INFEASIBLE)
    return round(solver.objective_value) if status == cp_model.OPTIMAL else None
