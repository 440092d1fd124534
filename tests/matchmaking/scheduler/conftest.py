"""Tiny instances for the scheduler's tests, and where the B2B benchmark lives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

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
