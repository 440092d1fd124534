"""Public pages under load: the demo site served by gunicorn on loopback.

Loads the demo (`load_demo`) into a throw-away SQLite database (or DATABASE_URL),
serves it with gunicorn on 127.0.0.1 and prints one JSON line per page: requests per
second, median and p95 latency for the home page, the conference agenda (about a
hundred sessions) and one session page, beside a bare Django view (the ceiling:
the same stack minus Wagtail, the database and templates).

    python -m benchmarks.bench_pages [--requests 300] [--concurrency 4]
"""

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile

from benchmarks.bench_calendar import ROOT, free_port, measure, serve, stop


def load(env: dict) -> None:
    for command in (["migrate", "-v0"], ["load_demo"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )


def a_session_id(database: str) -> int:
    with sqlite3.connect(database) as db:
        row = db.execute(
            "SELECT s.id FROM events_session s JOIN events_event e ON e.id = s.event_id"
            " WHERE e.slug = 'kic-2027' ORDER BY s.start, s.id LIMIT 1 OFFSET 10"
        ).fetchone()
    return row[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="convene-bench-pages-")
    database = f"{workdir}/bench.sqlite3"
    env = {
        **os.environ,
        "SECRET_KEY": "bench",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_COOKIES": "0",
        "LOG_LEVEL": "WARNING",
        # The demo's orders send e-mails; nothing here may need an SMTP server.
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "benchmarks.pages_site",
    }
    env.pop("REDIS_URL", None)
    load(env)
    session = a_session_id(database)
    port = free_port()
    server = serve(env, port)
    n = args.requests
    pages = [
        ("bare_django_view (ceiling)", "/bench/bare"),
        ("home", "/en/"),
        ("agenda", "/en/kic-2027/agenda/"),
        ("agenda_ko_list", "/ko/kic-2027/agenda/?view=list"),
        ("session", f"/en/kic-2027/agenda/session/{session}/"),
    ]
    try:
        results = [
            {**measure(port, name, [path] * n, args.concurrency), "path": path}
            for name, path in pages
        ]
    finally:
        stop(server)
    ceiling = results[0]
    for result in results:
        result["rps_vs_ceiling"] = round(result["rps"] / ceiling["rps"], 3)
        result.update(
            bench="pages",
            concurrency=args.concurrency,
            server="gunicorn 2 workers x 2 threads",
            database="sqlite",
        )
        print(json.dumps(result))


if __name__ == "__main__":
    main()
