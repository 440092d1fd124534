"""Seeded generator of realistic partnering instances (format ``partnering/1``).

Why synthetic data: the B2B benchmark instances are small (at most 302 meetings) and
cannot be shipped, so scale and realism come from here. The shape follows real
life-science partnering forums: biotechs ask to meet investors, pharma and CROs; a few
participants are wildly popular (heavy-tailed demand, so some cannot fit all their
requests); pitches and panels block slots; not everyone attends every day; big pharma
hosts meetings at its own booth; about 5 % of meetings have three people.

Usage::

    python -m benchmarks.partnering_gen --meetings 5000 --seed 1 > x.json
    python -m benchmarks.partnering_gen --preset bio --seed 1 > bio.json
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import math
import random
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

KINDS = ("biotech", "investor", "CRO", "pharma")
KIND_WEIGHTS = (0.45, 0.25, 0.12, 0.18)
# Who asks to meet whom: the requester's kind -> target kinds.
TARGETS = {
    "biotech": ("investor", "pharma", "CRO"),
    "investor": ("biotech",),
    "CRO": ("pharma", "biotech"),
    "pharma": ("biotech", "CRO"),
}
TIMEZONES = ("Asia/Seoul", "America/Chicago")
SLOT_MINUTES = 30
SLOTS_PER_BLOCK = 8
BLOCK_STARTS = ((9, 0), (14, 0))  # morning and afternoon
PRESETS = {"bio": {"meetings": 30_000, "participants": 6_000, "days": 3}}


@dataclass
class _Draft:
    """Mutable working state of one generation run (ints everywhere)."""

    rng: random.Random
    days: int
    n_slots: int
    kind: list[str] = field(default_factory=list)
    org: list[int] = field(default_factory=list)
    org_names: list[str] = field(default_factory=list)
    popularity: list[float] = field(default_factory=list)
    unavailable: list[set[int]] = field(default_factory=list)
    hosts: set[int] = field(default_factory=set)
    meetings: list[tuple[int, ...]] = field(default_factory=list)


def _shape(meetings: int, preset: str | None) -> tuple[int, int, int]:
    """Return (meetings, participants, days) for a size or a preset."""
    if preset is not None:
        p = PRESETS[preset]
        return p["meetings"], p["participants"], p["days"]
    days = 1 if meetings <= 1_500 else 2 if meetings <= 8_000 else 3
    slots = days * len(BLOCK_STARTS) * SLOTS_PER_BLOCK
    per_participant = min(10.0, 0.45 * slots)
    return meetings, max(8, round(2 * meetings / per_participant)), days


def _make_participants(d: _Draft, n: int) -> None:
    """Organisations of 1-4 people; popularity is Pareto-distributed (heavy tail)."""
    counters = dict.fromkeys(KINDS, 0)
    while len(d.kind) < n:
        kind = d.rng.choices(KINDS, KIND_WEIGHTS)[0]
        counters[kind] += 1
        d.org_names.append(f"{kind}-{counters[kind]:04d}")
        size = min(n - len(d.kind), d.rng.choices((1, 2, 3, 4), (50, 30, 15, 5))[0])
        for _ in range(size):
            d.kind.append(kind)
            d.org.append(len(d.org_names) - 1)
            boost = 2.0 if kind in ("investor", "pharma") else 1.0
            d.popularity.append(boost * min(40.0, d.rng.paretovariate(1.5)))
            d.unavailable.append(set())


def _block_availability(d: _Draft) -> None:
    """Partial attendance, pitches, panels: slots a participant cannot meet in."""
    per_day = d.n_slots // d.days
    rng = d.rng
    for p in range(len(d.kind)):
        if d.days > 1 and rng.random() < 0.25:
            first = rng.randrange(d.days)
            last = rng.randrange(first, d.days)
            if (first, last) != (0, d.days - 1):
                for day in itertools.chain(range(first), range(last + 1, d.days)):
                    d.unavailable[p].update(range(day * per_day, (day + 1) * per_day))
        if d.kind[p] == "biotech" and rng.random() < 0.3:  # a company pitch
            s = rng.randrange(d.n_slots)
            d.unavailable[p].update((s, s + 1) if s + 1 < d.n_slots else (s,))
        if rng.random() < 0.15:  # a panel or session each day
            for day in range(d.days):
                d.unavailable[p].add(day * per_day + rng.randrange(per_day))


def _choose_hosts(d: _Draft) -> None:
    """The most popular pharma participants get a booth (a hosted table)."""
    pharma = [p for p in range(len(d.kind)) if d.kind[p] == "pharma"]
    pharma.sort(key=lambda p: -d.popularity[p])
    d.hosts = set(pharma[: max(1, len(d.kind) // 100)])


class _Picker:
    """Weighted choice of a target of a given kind, by popularity (cumulative)."""

    def __init__(self, d: _Draft) -> None:
        self.rng = d.rng
        self.members: dict[str, list[int]] = {k: [] for k in KINDS}
        self.cum: dict[str, list[float]] = {k: [] for k in KINDS}
        for p, kind in enumerate(d.kind):
            total = self.cum[kind][-1] if self.cum[kind] else 0.0
            self.members[kind].append(p)
            self.cum[kind].append(total + d.popularity[p])

    def pick(self, kind: str) -> int | None:
        if not self.members[kind]:
            return None
        x = self.rng.random() * self.cum[kind][-1]
        return self.members[kind][bisect.bisect_right(self.cum[kind], x)]


def _make_meetings(d: _Draft, n: int) -> None:
    """Requests: a random requester asks a popular target of a matching kind."""
    picker = _Picker(d)
    colleagues: dict[int, list[int]] = {}
    for p, o in enumerate(d.org):
        colleagues.setdefault(o, []).append(p)
    seen: set[tuple[int, int]] = set()
    n_people = len(d.kind)
    for _ in range(n * 50):
        if len(d.meetings) >= n:
            break
        a = d.rng.randrange(n_people)
        b = picker.pick(d.rng.choice(TARGETS[d.kind[a]]))
        pair = (min(a, b), max(a, b)) if b is not None else (a, a)
        if b is None or d.org[a] == d.org[b] or pair in seen:
            continue
        if a in d.hosts and b in d.hosts:
            continue
        seen.add(pair)
        people = [a, b]
        if d.rng.random() < 0.08:
            third = d.rng.choice(colleagues[d.org[a]] + colleagues[d.org[b]])
            if third not in people and not (third in d.hosts and d.hosts & {a, b}):
                people.append(third)
        d.meetings.append(tuple(people))


def _fix_some(d: _Draft, tables: int, meta: list[dict]) -> None:
    """Organiser-arranged VIP meetings: required, fixed to a slot, rarely a table.

    Fixed meetings are placed so that they are jointly feasible (no participant twice
    in a slot, within availability and table capacity), so instances stay feasible.
    """
    busy: set[tuple[int, int]] = set()
    load = [0] * d.n_slots
    pinned: set[tuple[int, int]] = set()
    for m in d.rng.sample(range(len(d.meetings)), len(d.meetings) // 200):
        people = d.meetings[m]
        hosted = any(p in d.hosts for p in people)
        options = [
            s
            for s in range(d.n_slots)
            if all(s not in d.unavailable[p] and (p, s) not in busy for p in people)
            and (hosted or load[s] < tables - 1)
        ]
        if not options:
            continue
        s = d.rng.choice(options)
        busy.update((p, s) for p in people)
        meta[m].update(fixed_slot=s, required=True)
        if hosted:
            continue
        load[s] += 1
        t = d.rng.randrange(3)
        if d.rng.random() < 0.2 and (t, s) not in pinned:
            pinned.add((t, s))
            meta[m]["table"] = t


def _restrict_and_order(d: _Draft, meta: list[dict], precedences: list) -> None:
    """Some meetings only on one day; a few follow-ups must come after an intro."""
    per_day = d.n_slots // d.days
    by_person: dict[int, list[int]] = {}
    for m, people in enumerate(d.meetings):
        for p in people:
            by_person.setdefault(p, []).append(m)
        if d.days > 1 and "fixed_slot" not in meta[m] and d.rng.random() < 0.08:
            day = d.rng.randrange(d.days)
            meta[m]["allowed"] = range(day * per_day, (day + 1) * per_day)
    for m, people in enumerate(d.meetings):
        if "fixed_slot" in meta[m] or d.rng.random() >= 0.003:
            continue
        later = [
            x for x in by_person[people[0]] if x > m and "fixed_slot" not in meta[x]
        ]
        if later:
            precedences.append((m, d.rng.choice(later)))


def _require_some(d: _Draft, meta: list[dict], share: float, seed: str) -> None:
    """Mark a share of the meetings required: only ones whose people share a free
    allowed slot, at most a third of a person's free slots each (so instances
    stay feasible as far as simple counting tells)."""
    rng = random.Random(seed)
    load = [0] * len(d.kind)
    want = round(share * len(d.meetings))
    for m in rng.sample(range(len(d.meetings)), len(d.meetings)):
        if want <= 0:
            return
        people, info = d.meetings[m], meta[m]
        allowed = set(info.get("allowed", range(d.n_slots)))
        if "fixed_slot" in info or not allowed - set().union(
            *(d.unavailable[p] for p in people)
        ):
            continue
        if any(3 * (load[p] + 1) > d.n_slots - len(d.unavailable[p]) for p in people):
            continue
        info["required"] = True
        want -= 1
        for p in people:
            load[p] += 1


def _slots(days: int, tz: str) -> list[dict]:
    """Half-hour slots in two blocks a day, with real local ISO times."""
    zone = ZoneInfo(tz)
    out = []
    for day in range(days):
        for b, (hour, minute) in enumerate(BLOCK_STARTS):
            start = datetime(2026, 6, 2 + day, hour, minute, tzinfo=zone)
            for k in range(SLOTS_PER_BLOCK):
                s0 = start + timedelta(minutes=SLOT_MINUTES * k)
                out.append(
                    {
                        "id": f"d{day + 1}-{b * SLOTS_PER_BLOCK + k + 1:02d}",
                        "block": f"d{day + 1}-{'am' if b == 0 else 'pm'}",
                        "start": s0.isoformat(),
                        "end": (s0 + timedelta(minutes=SLOT_MINUTES)).isoformat(),
                    }
                )
    return out


def _table_count(d: _Draft) -> int:
    """General tables for ~92 % utilisation of non-hosted meetings, plus booths."""
    general = sum(1 for ms in d.meetings if not d.hosts.intersection(ms))
    return max(2, math.ceil(general / (d.n_slots * 0.92)))


def generate(
    *,
    meetings: int,
    seed: int,
    preset: str | None = None,
    spread: int | None = None,
    required: float = 0.0,
) -> dict:
    """Return a JSON-ready ``partnering/1`` instance; same arguments, same output.

    ``required``: the share of meetings the organiser requires (besides the fixed
    VIP ones), drawn by a generator of its own so other outputs stay the same."""
    n_meetings, n_people, days = _shape(meetings, preset)
    rng = random.Random(f"partnering-{seed}-{n_meetings}-{preset}")
    d = _Draft(rng=rng, days=days, n_slots=days * 2 * SLOTS_PER_BLOCK)
    _make_participants(d, n_people)
    _block_availability(d)
    _choose_hosts(d)
    _make_meetings(d, n_meetings)
    general = _table_count(d)
    meta: list[dict] = [{} for _ in d.meetings]
    _fix_some(d, general, meta)
    precedences: list[tuple[int, int]] = []
    _restrict_and_order(d, meta, precedences)
    if required:
        _require_some(d, meta, required, f"required-{seed}-{n_meetings}-{preset}")
    return _to_json(d, meta, precedences, general, seed, preset, spread)


def _to_json(d, meta, precedences, general, seed, preset, spread) -> dict:
    """Serialise the draft with string ids, in the documented format."""
    slots = _slots(d.days, TIMEZONES[seed % len(TIMEZONES)])
    sid = [s["id"] for s in slots]
    pid = [f"p{p + 1:05d}" for p in range(len(d.kind))]
    hosts = sorted(d.hosts)
    tables = [{"id": f"T{t + 1}"} for t in range(general)]
    tables += [{"id": f"B{k + 1}", "host": pid[h]} for k, h in enumerate(hosts)]
    participants = []
    for p in range(len(d.kind)):
        row = {"id": pid[p], "organisation": d.org_names[d.org[p]]}
        if d.unavailable[p]:
            row["unavailable"] = [sid[s] for s in sorted(d.unavailable[p])]
        participants.append(row)
    out_meetings = []
    for m, people in enumerate(d.meetings):
        info = meta[m]
        row = {
            "id": f"m{m + 1}",
            "participants": [pid[p] for p in people],
            "priority": d.rng.choices((1, 2, 3), (55, 30, 15))[0],
        }
        if "allowed" in info:
            row["allowed_slots"] = [sid[s] for s in info["allowed"]]
        if "fixed_slot" in info or info.get("required"):
            row["required"] = True
        if "fixed_slot" in info:
            row["fixed_slot"] = sid[info["fixed_slot"]]
        if "table" in info:
            row["table"] = f"T{info['table'] + 1}"
        out_meetings.append(row)
    name = f"gen-{preset or len(d.meetings)}-s{seed}"
    inst = {
        "format": "partnering/1",
        "name": name,
        "slots": slots,
        "tables": tables,
        "participants": participants,
        "meetings": out_meetings,
        "precedences": [[f"m{a + 1}", f"m{b + 1}"] for a, b in precedences],
    }
    if spread is not None:
        inst["max_breaks_spread"] = spread
    return inst


def main(argv: list[str] | None = None) -> None:
    """CLI: write one generated instance as JSON to stdout."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--preset", choices=sorted(PRESETS), default=None)
    parser.add_argument("--spread", type=int, default=None, help="max_breaks_spread")
    parser.add_argument("--required", type=float, default=0.0, help="share required")
    args = parser.parse_args(argv)
    inst = generate(
        meetings=args.meetings,
        seed=args.seed,
        preset=args.preset,
        spread=args.spread,
        required=args.required,
    )
    json.dump(inst, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
