"""Reading B2B MiniZinc ``.dzn`` instances into the scheduler's own Instance.

Why here: the published B2B benchmark (Bofill et al.) ships its instances as
MiniZinc data, and converting them is how the scheduler is measured against the
published optima. Only the statement forms those files use are understood.
"""

from __future__ import annotations

import re
from typing import Any

from .parse import InstanceError
from .schema import Instance, Meeting, Participant, Slot, Table

_STATEMENT = re.compile(r"(\w+)\s*=\s*(.*?);", re.S)


def _dzn_values(text: str) -> dict[str, Any]:
    """``name = value;`` statements: ints, int arrays, set arrays and 2-D arrays."""
    text = re.sub(r"%[^\n]*", "", text)
    out: dict[str, Any] = {}
    for name, value in _STATEMENT.findall(text):
        value = value.strip()
        if value.startswith("[|"):
            rows = [r for r in value.strip("[]").split("|") if r.strip()]
            out[name] = [[int(x) for x in re.findall(r"-?\d+", r)] for r in rows]
        elif "{" in value:
            sets = re.findall(r"\{([^}]*)\}", value)
            out[name] = [{int(x) for x in re.findall(r"-?\d+", s)} for s in sets]
        elif value.startswith("["):
            out[name] = [int(x) for x in re.findall(r"-?\d+", value)]
        else:
            out[name] = int(value)
    return out


def parse_dzn(text: str, name: str = "b2b") -> Instance:
    """Convert a B2B ``.dzn`` instance by the rules at the end of the format doc.

    Every meeting is required; one block (the lunch break is not special); session 1 is
    the morning slots, 2 the afternoon ones, 3 any; forbidden slots become unavailable
    (0 is a dummy); fixed 0 means free; ``precedences[m]`` lists meetings (1-based)
    that must come strictly before m; ``max_breaks_spread`` = 2.
    """
    try:
        v = _dzn_values(text)
        n_p, n_t, n_morning = v["nBusiness"], v["nTotalSlots"], v["nMorningSlots"]
        requested, tables = v["requested"], v["nTables"]
    except (KeyError, ValueError) as exc:
        raise InstanceError(f"not a B2B .dzn instance: missing or bad {exc}") from exc
    sessions = {
        1: frozenset(range(n_morning)),
        2: frozenset(range(n_morning, n_t)),
        3: frozenset(range(n_t)),
    }
    forbidden = v.get("forbidden") or [set() for _ in range(n_p)]
    fixed = v.get("fixed") or [0] * len(requested)
    meetings = []
    for i, row in enumerate(requested):
        if len(row) != 3 or row[2] not in sessions or row[0] == row[1]:
            raise InstanceError(f"requested row {i + 1}: bad meeting {row}")
        fx = fixed[i] - 1 if fixed[i] else None
        parts = (row[0] - 1, row[1] - 1)
        meetings.append(
            Meeting(f"m{i + 1}", parts, 1, sessions[row[2]], fx, None, True)
        )
    precedences = tuple(
        (a - 1, b)
        for b, before in enumerate(v.get("precedences") or [])
        for a in sorted(before)
    )
    return Instance(
        name=name,
        slots=tuple(Slot(f"s{s + 1}") for s in range(n_t)),
        tables=tuple(Table(f"T{i + 1}") for i in range(tables)),
        participants=tuple(
            Participant(f"p{p + 1}", None, frozenset(s - 1 for s in forbidden[p] if s))
            for p in range(n_p)
        ),
        meetings=tuple(meetings),
        precedences=precedences,
        max_breaks_spread=2,
        tables_as_count=True,
        block_ids=("day",),
    )
