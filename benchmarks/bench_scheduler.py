"""Scheduler quality and speed: the 20 B2B originals and generated instances.

Prints one JSON line per instance: the real run (``matchmaking.scheduler.solve``) and the
greedy baseline measured in the same child process, their ratios, the proven bound and
gap, seconds to the first valid answer, peak memory, and the CPU seconds the run got
with the machine's load average beside them (the machine is shared: wall seconds under
load are not the solver's speed). Each instance runs in its own
subprocess so peak RSS is per run. Every solution is checked with ``validate``. Nothing
here asserts a time.

    python -m benchmarks.bench_scheduler [--b2b-dir ../shared/b2b/instances]
        [--sizes 1000,5000,bio] [--time-limit S]
        [--only b2b|tight|generated|variants]

The 80 forb/fixed/prec variants run too (30 s each, as the issue measures them:
each ends optimal, infeasible with a reason, or undecided); ``--only variants`` runs
only them. The whole default run takes about 16 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

DEFAULT_B2B = Path(__file__).resolve().parents[2] / "shared" / "b2b" / "instances"
# Published optima (total breaks, d = 2), Bofill et al., JAIR 74 (2022).
OPTIMA = {
    "forum-13": 0, "forum-13crafb": 6, "forum-13crafc": 1, "forum-14": 2,
    "forumt-14": 5, "forumt-14crafc": 5, "forumt-14crafd": 4, "forumt-14crafe": 5,
    "ticf-13crafa": 0, "ticf-13crafb": 3, "tic-12": 0, "tic-12crafc": 0, "tic-13": 0,
    "tic-13crafb": 0, "tic-13crafc": 4, "tic-14crafa": 0, "tic-14crafc": 0,
    "tic-14crafd": 0, "ticf-13crafc": 1, "ticf-14crafa": 0,
}  # fmt: skip
# Default time limits keep the whole default run under 20 minutes on 2 cores (the
# BIO preset runs 300 s, its LNS checkpoints are at 30, 60, 120 and 300 s).
LIMITS = {"b2b": 30.0, "variant": 30.0, "1000": 20.0, "5000": 40.0, "bio": 300.0}
LIMITS["tight"] = 10.0
# Tight instances (benchmarks.tight_gen: every meeting required, precedences, no table
# to spare; feasible by construction) as meetings/people/seed: the first valid answer.
TIGHT = ("200/30/0", "200/30/1", "300/45/2")


def _load(spec: str):
    from matchmaking.scheduler.dzn import parse_dzn
    from matchmaking.scheduler.parse import instance_from_dict

    kind, _, arg = spec.partition(":")
    if kind == "tight":
        from benchmarks.tight_gen import generate_tight

        meetings, people, seed = (int(x) for x in arg.split("/"))
        return instance_from_dict(
            generate_tight(meetings=meetings, people=people, seed=seed)
        )
    if kind == "b2b":
        path = Path(arg)
        name = path.name.removesuffix(".dzn").removesuffix(".original")
        return parse_dzn(path.read_text(), name)
    from benchmarks.partnering_gen import generate

    if arg == "bio":
        return instance_from_dict(generate(meetings=0, seed=1, preset="bio"))
    return instance_from_dict(generate(meetings=int(arg), seed=1))


def _figures(sol, errors: list[str]) -> dict:
    ob = sol.objective
    return {
        "status": sol.status,
        "valid": not errors,
        "errors": errors[:3],
        "scheduled_priority": ob.scheduled_priority if ob else None,
        "breaks": ob.breaks if ob else None,
        "table_changes": ob.table_changes if ob else None,
        "seconds": round(sol.seconds, 3),
    }


def _gap(fig: dict, bound: dict) -> float | None:
    """Relative gap on the first level with a proven bound (priority, else breaks)."""
    if fig["scheduled_priority"] is None:
        return None
    if (
        "scheduled_priority" in bound
        and bound["scheduled_priority"] > fig["scheduled_priority"]
    ):
        b = bound["scheduled_priority"]
        return round((b - fig["scheduled_priority"]) / max(1, b), 4)
    if "breaks" in bound:
        return round((fig["breaks"] - bound["breaks"]) / max(1, fig["breaks"]), 4)
    return 0.0 if "scheduled_priority" in bound else None


def _ratio(a, b) -> float | None:
    return None if a is None or not b else round(a / b, 4)


def child(spec: str, time_limit: float) -> dict:
    """Run greedy and the real solver on one instance; return the JSON row."""
    from matchmaking.scheduler import solve
    from matchmaking.scheduler.greedy import greedy
    from matchmaking.scheduler.validate import validate

    inst = _load(spec)
    base = greedy(inst)
    g = _figures(base, validate(inst, base))
    first: list[float] = []
    best: list[tuple[float, dict]] = []  # LNS: (seconds, best objective) per report
    start = time.perf_counter()

    def progress(event: dict) -> None:
        if not first and event.get("valid", True):
            first.append(time.perf_counter() - start)
        if "best" in event and event.get("valid", True):
            best.append((time.perf_counter() - start, event["best"]))

    sol = solve(inst, time_limit=time_limit, workers=2, seed=1, on_progress=progress)
    wall = time.perf_counter() - start
    fig = _figures(sol, validate(inst, sol))
    usage = resource.getrusage(resource.RUSAGE_SELF)
    row = {
        "instance": inst.name,
        "meetings": len(inst.meetings),
        "participants": len(inst.participants),
        **fig,
        "bound": sol.bound,
        "gap": _gap(fig, sol.bound or {}),
        "gap_level": "breaks"
        if "breaks" in (sol.bound or {})
        else "scheduled_priority",
        "first_valid_seconds": round(first[0], 3) if first else None,
        "time_limit": time_limit,
        "overrun_seconds": round(wall - time_limit, 2),
        "breaks_proved_seconds": sol.extra.get("seconds_slots")
        if "breaks" in (sol.bound or {})
        else None,
        "table_stage": sol.extra.get("table_stage"),
        "checkpoints": _checkpoints(best, time_limit),
        "peak_mb": round(usage.ru_maxrss / 1024, 1),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),
        "load_avg_1min": round(os.getloadavg()[0], 1),
        "greedy": g,
        "priority_ratio": _ratio(fig["scheduled_priority"], g["scheduled_priority"]),
        "breaks_ratio": _ratio(fig["breaks"], g["breaks"]),
    }
    if inst.name in OPTIMA:
        row["published_optimum_breaks"] = OPTIMA[inst.name]
        row["matched"] = fig["valid"] and fig["breaks"] == OPTIMA[inst.name]
    return row


CHECKPOINTS = (30, 60, 120, 300)


def _checkpoints(best: list[tuple[float, dict]], limit: float) -> dict | None:
    """The best valid objective reported by each checkpoint (seconds) in the limit."""
    if not best:
        return None
    out = {}
    for cp in (c for c in CHECKPOINTS if c <= limit):
        seen = [b for t, b in best if t <= cp]
        out[f"{cp}s"] = seen[-1] if seen else None
    return out


def _summary(rows: list[dict]) -> list[dict]:
    """One line per kind of run: the B2B originals' sums, the variants' statuses."""
    out = []
    b2b = [r for r in rows if "published_optimum_breaks" in r]
    if b2b:
        out.append(
            {
                "summary": "b2b originals",
                "instances": len(b2b),
                "matched": sum(bool(r["matched"]) for r in b2b),
                "breaks_proved": sum("breaks" in r["bound"] for r in b2b),
                "wall_seconds_sum": round(sum(r["seconds"] for r in b2b), 1),
                "breaks_proved_seconds_sum": round(
                    sum(r["breaks_proved_seconds"] or 0 for r in b2b), 1
                ),
                "max_overrun_seconds": max(r["overrun_seconds"] for r in b2b),
            }
        )
    variants = [r for r in rows if r.get("variant")]
    if variants:
        statuses: dict[str, int] = {}
        for r in variants:
            statuses[r["status"]] = statuses.get(r["status"], 0) + 1
        undecided = sorted(r["instance"] for r in variants if not _decided(r))
        out.append(
            {
                "summary": "b2b variants",
                "instances": len(variants),
                "decided": len(variants) - len(undecided),
                "statuses": statuses,
                "undecided": undecided,
                "wall_seconds_sum": round(
                    sum(r.get("seconds") or 0 for r in variants), 1
                ),
                "max_overrun_seconds": max(r["overrun_seconds"] for r in variants),
            }
        )
    return out


def _decided(row: dict) -> bool:
    """Proved infeasible, or its breaks proved optimal (table changes are a third
    level, never proved on these, so the status stays FEASIBLE)."""
    if row["status"] in ("INFEASIBLE", "OPTIMAL"):
        return True
    bound = row.get("bound") or {}
    return row["valid"] and bound.get("breaks") == row["breaks"]


def _specs(args) -> list[tuple[str, float]]:
    out = []
    if args.only in (None, "b2b"):
        for path in sorted(Path(args.b2b_dir).glob("*.original.dzn")):
            out.append((f"b2b:{path}", args.time_limit or LIMITS["b2b"]))
    if args.only in (
        None,
        "variants",
    ):  # forb, fixed, prec: solved or proved infeasible
        for path in sorted(Path(args.b2b_dir).glob("*.dzn")):
            if not path.name.endswith(".original.dzn"):
                out.append((f"b2b:{path}", args.time_limit or LIMITS["variant"]))
    if args.only in (None, "tight"):
        for arg in TIGHT:
            out.append((f"tight:{arg}", args.time_limit or LIMITS["tight"]))
    if args.only in (None, "generated"):
        for size in filter(None, args.sizes.split(",")):
            out.append((f"gen:{size}", args.time_limit or LIMITS.get(size, 60.0)))
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--b2b-dir", default=str(DEFAULT_B2B))
    parser.add_argument("--sizes", default="1000,5000,bio")
    parser.add_argument("--time-limit", type=float, default=None)
    parser.add_argument(
        "--only", choices=("b2b", "tight", "generated", "variants"), default=None
    )
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.time_limit or 10.0)), flush=True)
        return
    rows = []
    for spec, limit in _specs(args):
        cmd = [sys.executable, "-m", "benchmarks.bench_scheduler", "--child", spec]
        done = subprocess.run(
            [*cmd, "--time-limit", str(limit)],
            capture_output=True,
            text=True,
            check=False,
        )
        line = done.stdout.strip().splitlines()[-1:] if done.returncode == 0 else []
        if line:
            print(line[0], flush=True)
            rows.append(json.loads(line[0]))
            rows[-1]["variant"] = spec.startswith("b2b:") and ".original." not in spec
        else:
            tail = done.stderr.strip().splitlines()[-1:] or ["no output"]
            print(json.dumps({"instance": spec, "error": tail[0]}), flush=True)
    for line in _summary(rows):
        print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
