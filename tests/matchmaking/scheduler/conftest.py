"""Tiny instances for the scheduler's tests, and where the B2B benchmark lives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from matchmaking.scheduler.io import instance_from_dict
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


@pytest.fixture
def b2b_dir() -> Path:
    if not B2B.is_dir():
        pytest.skip(f"B2B benchmark folder {B2B} is absent")
    return B2B
