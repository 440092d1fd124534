"""Seeded generator of tight partnering instances that are feasible by construction.

Why apart from ``partnering_gen``: the realistic generator has few required meetings
and almost no precedences, so it never tests the scheduler's first valid answer. Here
every meeting is required, a schedule is planted first and the rules are then drawn so
that the planted schedule keeps them all: precedences follow the planted order, fixed
slots and named tables are the planted ones, participants are unavailable only where
the plant leaves them free, and there are exactly as many tables as the busiest
planted slot needs. So a valid schedule exists, but little room is left around it
(B2B-size by default: 60 people, 16 slots in two blocks, about 180 meetings).

    python -m benchmarks.tight_gen --meetings 180 --seed 1 > tight.json
"""

from __future__ import annotations

import argparse
import json
import random
import sys


def _plant(rng: random.Random, people: int, slots: int, meetings: int, tables: int):
    """Random meetings of two people placed where both are free and a table is free."""
    busy: set[tuple[int, int]] = set()
    load = [0] * slots
    placed: list[tuple[int, int, int]] = []  # (a, b, slot)
    for _ in range(meetings * 30):
        if len(placed) >= meetings:
            break
        a, b = rng.sample(range(people), 2)
        s = rng.randrange(slots)
        if (a, s) in busy or (b, s) in busy or load[s] >= tables:
            continue
        if any({a, b} == {x, y} for x, y, _ in placed):
            continue
        busy.update(((a, s), (b, s)))
        load[s] += 1
        placed.append((a, b, s))
    return placed, busy, load


def _precedences(rng: random.Random, placed: list, share: float) -> list:
    """Pairs of meetings sharing a person, earlier slot first, about ``share`` of all."""
    by_person: dict[int, list[int]] = {}
    for m, (a, b, _) in enumerate(placed):
        by_person.setdefault(a, []).append(m)
        by_person.setdefault(b, []).append(m)
    out = set()
    for ms in by_person.values():
        for m1 in ms:
            for m2 in ms:
                if placed[m1][2] < placed[m2][2] and rng.random() < share:
                    out.add((m1, m2))
    return sorted(out)


def generate_tight(
    *, meetings: int = 180, seed: int = 1, people: int = 60, spread: int | None = None
) -> dict:
    """Return a JSON-ready ``partnering/1`` instance; same arguments, same output."""
    rng = random.Random(f"tight-{seed}-{meetings}-{people}")
    n_slots, tables = 16, max(2, round(meetings / 16 * 0.9))
    placed, busy, load = _plant(rng, people, n_slots, meetings, tables)
    tables = max(load)  # no table to spare in the busiest slot
    sid = [f"s{s + 1:02d}" for s in range(n_slots)]
    participants = []
    for p in range(people):
        free = [s for s in range(n_slots) if (p, s) not in busy]
        away = rng.sample(free, min(len(free), rng.choice((0, 0, 1, 2))))
        row = {"id": f"p{p + 1:03d}"}
        if away:
            row["unavailable"] = [sid[s] for s in sorted(away)]
        participants.append(row)
    rows, pinned = [], set()
    for m, (a, b, s) in enumerate(placed):
        row = {"id": f"m{m + 1}", "participants": [f"p{a + 1:03d}", f"p{b + 1:03d}"]}
        row |= {"required": True, "priority": rng.choice((1, 1, 2, 3))}
        if rng.random() < 0.1:
            row["fixed_slot"] = sid[s]
        elif rng.random() < 0.3:
            half = range(8) if s < 8 else range(8, 16)
            row["allowed_slots"] = [sid[x] for x in half]
        rows.append(row)
    for row in rng.sample(rows, len(rows) // 20):
        s = placed[int(row["id"][1:]) - 1][2]
        if s not in pinned:  # table T1 named by one meeting per planted slot
            pinned.add(s)
            row["table"] = "T1"
    inst = {
        "format": "partnering/1",
        "name": f"tight-{len(placed)}-s{seed}",
        "slots": [
            {"id": x, "block": "am" if i < 8 else "pm"} for i, x in enumerate(sid)
        ],
        "tables": tables,
        "participants": participants,
        "meetings": rows,
        "precedences": [
            [f"m{a + 1}", f"m{b + 1}"] for a, b in _precedences(rng, placed, 0.25)
        ],
    }
    if spread is not None:
        inst["max_breaks_spread"] = spread
    return inst


def main(argv: list[str] | None = None) -> None:
    """CLI: write one tight instance as JSON to stdout."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=180)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--people", type=int, default=60)
    args = parser.parse_args(argv)
    json.dump(
        generate_tight(meetings=args.meetings, seed=args.seed, people=args.people),
        sys.stdout,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
