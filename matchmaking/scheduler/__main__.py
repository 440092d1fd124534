"""Command line: ``python -m matchmaking.scheduler solve|validate ...``.

Exit codes of ``validate``: 0 valid (prints the objective), 1 invalid (prints the
reasons), 2 unreadable input (prints what is wrong, never a traceback).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import solve
from .io import load_instance, load_solution
from .parse import InstanceError
from .validate import objective, validate
from .write import solution_to_dict


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m matchmaking.scheduler")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("solve", help="schedule an instance (.json or B2B .dzn)")
    run.add_argument("instance")
    run.add_argument("--time-limit", type=float, default=60.0)
    run.add_argument("--workers", type=int, default=2)
    run.add_argument("--seed", type=int, default=0)
    run.add_argument("--out", help="write the solution JSON here too")
    run.add_argument("--published", help="a published solution to repair")
    check = sub.add_parser("validate", help="check a solution against an instance")
    check.add_argument("instance")
    check.add_argument("solution")
    args = parser.parse_args(argv)
    try:
        if args.command == "solve":
            return _solve(args)
        return _validate(args)
    except InstanceError as exc:
        print(f"error: {exc}", file=sys.stderr)  # noqa: T201
        return 2


def _solve(args: argparse.Namespace) -> int:
    instance = load_instance(args.instance)
    published = load_solution(instance, args.published) if args.published else None
    sol = solve(
        instance,
        time_limit=args.time_limit,
        workers=args.workers,
        seed=args.seed,
        published=published,
    )
    text = json.dumps(solution_to_dict(instance, sol), indent=1)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    print(text)  # noqa: T201
    return 0


def _validate(args: argparse.Namespace) -> int:
    instance = load_instance(args.instance)
    sol = load_solution(instance, args.solution)
    problems = validate(instance, sol)
    if problems:
        for problem in problems:
            print(problem)  # noqa: T201
        return 1
    obj = objective(instance, sol.assignments)
    print(  # noqa: T201
        f"valid ({sol.status}): scheduled_priority={obj.scheduled_priority} "
        f"breaks={obj.breaks} table_changes={obj.table_changes}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
