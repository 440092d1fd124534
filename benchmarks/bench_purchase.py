"""Registration opening: N buyers at once for M seats, over HTTP, on PostgreSQL.

Needs DATABASE_URL pointing at PostgreSQL (SQLite serialises writers, so the
question does not arise there). Seeds an event with one ticket type of M seats and
N signed-in buyers (sessions written directly), serves the app with gunicorn on
loopback and fires the N purchases through the API with C client threads. Prints
one JSON line: throughput, p50/p95 latency, held versus capacity, answers by
status (201 held, 409 sold out; anything else is a bug).

    DATABASE_URL=postgresql://… python -m benchmarks.bench_purchase [--buyers 200]
        [--seats 50] [--concurrency 50] [--workers 4]
"""

import argparse
import http.client
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SEED = """
import datetime as dt, json, sys, django
django.setup()
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from accounts.models import User
from events.models import Event
from registration.models import TicketType
buyers, seats, run = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
event = Event.objects.create(kind="conference", slug=f"bench-{run}", name_en="Bench",
    timezone="Asia/Seoul", currency="KRW", start_date=dt.date(2027, 9, 14),
    end_date=dt.date(2027, 9, 16), is_published=True)
ticket = TicketType.objects.create(event=event, name_en="Regular", price=150000, capacity=seats)
users = User.objects.bulk_create([User(email=f"b{i}-{run}@bench.example", password="!") for i in range(buyers)])
out = []
for user in users:
    s = SessionStore()
    s[SESSION_KEY], s[BACKEND_SESSION_KEY] = str(user.pk), "django.contrib.auth.backends.ModelBackend"
    s[HASH_SESSION_KEY] = user.get_session_auth_hash()
    s.create()
    out.append([s.session_key, user.email])
print(json.dumps({"slug": event.slug, "ticket": ticket.pk, "sessions": out}))
"""

COUNT = """
import sys, django
django.setup()
from registration.models import TicketType
from registration.services import seats_taken
print(seats_taken(ticket_type=TicketType.objects.get(pk=int(sys.argv[1]))))
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(port: int) -> None:
    for _ in range(200):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("gunicorn did not answer")


def _buy(port: int, slug: str, ticket: int, session: str, email: str):
    csrf = secrets.token_hex(16)
    body = json.dumps(
        {"attendees": [{"ticket_type_id": ticket, "email": email}], "method": "invoice"}
    )
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request(
        "POST",
        f"/api/registration/events/{slug}/orders",
        body=body,
        headers={
            "Content-Type": "application/json",
            "Cookie": f"sessionid={session}; csrftoken={csrf}",
            "X-CSRFToken": csrf,
        },
    )
    status = conn.getresponse()
    status.read()
    conn.close()
    return status.status, time.perf_counter() - started


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--buyers", type=int, default=200)
    parser.add_argument("--seats", type=int, default=50)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4)
    return parser.parse_args()


def _environment() -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-secret-key"),
        "LOG_LEVEL": "WARNING",
        # Plain http on loopback: no redirect to https, cookies over http, and the
        # 200 buyers' burst is what is measured, not the per-person order limit.
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "RATELIMIT_ENABLED": "0",
    }
    env.pop("REDIS_URL", None)  # e-mails and tasks in-process; mail to locmem
    env["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    return env


def _django(env: dict, code: str, *args: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def _seed(env: dict, buyers: int, seats: int) -> dict:
    """The database is kept between runs, so each run seeds an event and buyers
    of its own, named by a random token."""
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True
    )
    run = secrets.token_hex(4)
    seeded = _django(env, SEED, str(buyers), str(seats), run)
    return json.loads(seeded.splitlines()[-1])


def _gunicorn(env: dict, port: int, workers: int) -> subprocess.Popen:
    return subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi",
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )


def _burst(
    env: dict, data: dict, workers: int, concurrency: int
) -> tuple[list[tuple[int, float]], float]:
    port = _free_port()
    server = _gunicorn(env, port, workers)
    try:
        _wait(port)
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            results = list(
                pool.map(
                    lambda s: _buy(port, data["slug"], data["ticket"], *s),
                    data["sessions"],
                )
            )
        return results, time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=20)


def _report(
    args: argparse.Namespace,
    results: list[tuple[int, float]],
    elapsed: float,
    held: int,
) -> dict:
    latencies = sorted(r[1] for r in results)
    return {
        "bench": "purchase",
        "buyers": args.buyers,
        "seats": args.seats,
        "concurrency": args.concurrency,
        "gunicorn_workers": args.workers,
        "requests_per_s": round(len(results) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))] * 1000, 1),
        "held": held,
        "capacity": args.seats,
        "oversold": held > args.seats,
        "answers": dict(Counter(str(r[0]) for r in results)),
    }


def main() -> None:
    args = _arguments()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        print(
            json.dumps(
                {"bench": "purchase", "skipped": "DATABASE_URL is not PostgreSQL"}
            )
        )
        return
    env = _environment()
    data = _seed(env, args.buyers, args.seats)
    results, elapsed = _burst(env, data, args.workers, args.concurrency)
    held = int(_django(env, COUNT, str(data["ticket"])))
    print(json.dumps(_report(args, results, elapsed, held)))


if __name__ == "__main__":
    main()
