"""The ticket rush: N signed-in buyers at once for M seats, over HTTP, on PostgreSQL.

Needs DATABASE_URL pointing at a PostgreSQL server (SQLite serialises writers, so
the question does not arise there); the benchmark works in a database of its own on
that server (`--database`, created if missing, kept between runs: each run seeds an
event of its own). It serves the app as production does, gunicorn with
`config/gunicorn.py` (WEB_CONCURRENCY workers x WEB_THREADS threads), and:

1. warm-up: every buyer opens the event's ticket list (as they wait for the sale to
   open), and a few buyers of another event buy and are refused, so each worker
   has served the purchase path once;
2. the rush: all N purchases sent through the API at the same moment, each on a
   connection of its own, from one asyncio loop (as N browsers would: a client of
   N threads in one Python process took more of the two cores than the server's
   bare view, and its queue for the GIL showed up as the buyers' wait);
3. the bare Django view (`benchmarks/pages_site.py`, `/bench/bare`) sent the same
   way with the same buyers' cookies: the floor of a signed-in request on this
   stack, for the ratio.

E-mails and other tasks: with REDIS_URL they are queued on RQ (as in production)
and an RQ worker sends them to nowhere after the rush (the time it took is
printed); without it they run on the web process's threads during the rush.

JSON lines: `purchase` (throughput, p50/p95/p99 for all answers, for 201 held and
for 409 sold out, statuses, errors, seats held versus capacity), `purchase_bare`
(the bare view and the ratios), `purchase_lock` (how long each order waited for
and held the ticket row's lock, from the server's log) and, with RQ,
`purchase_mail`. The machine's load average is printed on every line; nothing here
asserts a time.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \\
        python -m benchmarks.bench_purchase [--buyers 200] [--seats 50]
        [--workers 2] [--threads 4] [--database NAME]
"""

import argparse
import asyncio
import http.client
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from benchmarks.http_load import ROOT, django, free_port, stop

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
    s[SESSION_KEY], s[BACKEND_SESSION_KEY] = str(user.pk), "accounts.backends.PasswordBackend"
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

# What the rush left: seats counted as the service counts them, and the rows.
TALLY = """
import json, sys, django
django.setup()
from registration.models import Order, Registration, TicketType
from registration.services import seats_taken
ticket = TicketType.objects.get(pk=int(sys.argv[1]))
print(json.dumps({"held": seats_taken(ticket_type=ticket),
    "registrations": Registration.objects.filter(ticket_type=ticket).count(),
    "orders": Order.objects.filter(registrations__ticket_type=ticket).distinct().count()}))
"""

MAIL_QUEUED = """
import django
django.setup()
import django_rq
print(django_rq.get_queue("mail").count)
"""


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


def _headers(session: str, body: str | None) -> dict[str, str]:
    """A signed-in buyer's headers, with a CSRF token for a body."""
    csrf = secrets.token_hex(16)
    headers = {
        "Cookie": f"sessionid={session}; csrftoken={csrf}",
        "Accept-Language": "en",  # a sold-out answer is told by its English words
    }
    if body is not None:
        headers |= {"Content-Type": "application/json", "X-CSRFToken": csrf}
    return headers


def _request(port: int, method: str, path: str, session: str, body: str | None):
    """(status, seconds, body), or ("error", seconds, the exception's name)."""
    headers = _headers(session, body)
    started = time.perf_counter()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read()
        conn.close()
    except OSError as exc:
        return "error", time.perf_counter() - started, type(exc).__name__.encode()
    return response.status, time.perf_counter() - started, text


def _order_body(ticket: int, email: str) -> str:
    attendee = {"ticket_type_id": ticket, "email": email}
    return json.dumps({"attendees": [attendee], "method": "invoice"})


def _order(port: int, slug: str, ticket: int, session: str, email: str):
    path = f"/api/registration/events/{slug}/orders"
    return _request(port, "POST", path, session, _order_body(ticket, email))


def _buy(port: int, slug: str, ticket: int, session: str, email: str):
    """(status, seconds) of one purchase (also used by `bench_load`)."""
    status, seconds, _body = _order(port, slug, ticket, session, email)
    return status, seconds


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--buyers", type=int, default=200)
    parser.add_argument("--seats", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--database", default="convene_bench_purchase")
    return parser.parse_args()


def _database_url(url: str, name: str) -> str:
    """The benchmark's own database on DATABASE_URL's server, created if missing."""
    import psycopg  # noqa: PLC0415 (only here: the rest runs without PostgreSQL)

    with psycopg.connect(url, autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def _environment(database_url: str, lock_log: Path) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "benchmarks.purchase_site",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-secret-key"),
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
        # On, as in production: its "ms" is each request's time inside the server.
        "ACCESS_LOG": "1",
        # Plain http on loopback: no redirect to https, cookies over http, and the
        # buyers' rush is what is measured, not the per-person order limit.
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        "RATELIMIT_ENABLED": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "BENCH_LOCK_LOG": str(lock_log),
    }
    return env


def _seed(env: dict, buyers: int, seats: int) -> dict:
    run = secrets.token_hex(4)
    return json.loads(django(env, SEED, str(buyers), str(seats), run).splitlines()[-1])


def _gunicorn(env: dict, port: int, args: argparse.Namespace, log: Path):
    with log.open("ab") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py"]
            + ["config.wsgi"],
            cwd=ROOT,
            env={
                **env,
                "BIND": f"127.0.0.1:{port}",
                "WEB_CONCURRENCY": str(args.workers),
                "WEB_THREADS": str(args.threads),
            },
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    _wait(port)
    return server


def _warm(port: int, data: dict, warm: dict, threads: int) -> None:
    """Every buyer opens the ticket list; the warm-up event's buyers buy its few
    seats (some are refused), so each worker has run both answers once."""
    tickets = f"/api/registration/events/{data['slug']}/tickets"
    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(
            pool.map(
                lambda s: _request(port, "GET", tickets, s[0], None), data["sessions"]
            )
        )
        list(
            pool.map(
                lambda s: _order(port, warm["slug"], warm["ticket"], *s),
                warm["sessions"],
            )
        )


def _raw(port: int, method: str, path: str, session: str, body: str | None) -> bytes:
    """One buyer's request as bytes, as `_request` sends it, closing the connection."""
    data = (body or "").encode()
    headers = {
        "Host": f"127.0.0.1:{port}",
        **_headers(session, body),
        "Connection": "close",
        **({"Content-Length": str(len(data))} if body is not None else {}),
    }
    lines = [f"{method} {path} HTTP/1.1", *(f"{k}: {v}" for k, v in headers.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + data


async def _send(port: int, raw: bytes, started: float):
    """(status, seconds since `started`, body), or ("error", seconds, its name)."""
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(raw)
        await writer.drain()
        answer = await reader.read()  # to the end: the request asked to close
        writer.close()
    except OSError as exc:
        return "error", time.perf_counter() - started, type(exc).__name__.encode()
    seconds = time.perf_counter() - started
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), seconds, body


def _all_at_once(port: int, requests: list[bytes]) -> tuple[list, float]:
    """Every request sent at once, each on its own connection, from one event loop
    (a browser per buyer costs the server nothing; 200 client threads in one
    Python process cost this 2-core machine more than the bare view itself).
    (results in order, each timed from the common start; seconds to the last)."""

    async def burst():
        started = time.perf_counter()
        results = await asyncio.gather(*(_send(port, r, started) for r in requests))
        return results, time.perf_counter() - started

    return asyncio.run(burst())


def _ms(values: list[float]) -> dict:
    """p50/p95/p99/max in milliseconds (nearest rank), or {} for none."""
    if not values:
        return {}
    ordered = sorted(values)

    def rank(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 1)

    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": rank(0.95),
        "p99_ms": rank(0.99),
        "max_ms": round(ordered[-1] * 1000, 1),
    }


def _sold_out(result) -> bool:
    status, _seconds, body = result
    return status == 409 and b"sold out" in body


def _served(log_lines: list[str], path: str) -> dict:
    """Time inside the server (gunicorn's access log: from the request read to the
    answer, without the wait for a free thread), per status, in milliseconds."""
    by_status: dict[str, list[float]] = {}
    for line in log_lines:
        if '"gunicorn.access"' not in line:
            continue
        entry = json.loads(line)
        if entry["path"] == path and entry["method"] == "POST":
            by_status.setdefault(str(entry["status"]), []).append(entry["ms"] / 1000)
    return {status: _ms(values) for status, values in sorted(by_status.items())}


def _burst_line(args, results, elapsed, tally, in_server, setting) -> dict:
    held = [r[1] for r in results if r[0] == 201]
    sold_out = [r[1] for r in results if _sold_out(r)]
    other = [r for r in results if r[0] != 201 and not _sold_out(r)]
    expected = min(args.seats, args.buyers)
    return {
        "bench": "purchase",
        "buyers": args.buyers,
        "seats": args.seats,
        "client": "every buyer at once, one connection each, one asyncio loop",
        **setting,
        "requests_per_s": round(len(results) / elapsed, 1),
        "elapsed_s": round(elapsed, 2),
        "all": _ms([r[1] for r in results]),
        "held_201": {"count": len(held), **_ms(held)},
        "sold_out_409": {"count": len(sold_out), **_ms(sold_out)},
        "answers": dict(Counter(str(r[0]) for r in results)),
        "errors": len(other),
        "in_server": in_server,
        "error_samples": [
            f"{r[0]}: {bytes(r[2])[:200].decode(errors='replace')}" for r in other[:3]
        ],
        **tally,
        "capacity": args.seats,
        "exactly_sold": tally["held"] == expected and len(held) == expected,
        "oversold": tally["held"] > args.seats,
        "load_1m": round(os.getloadavg()[0], 2),
    }


def _bare_line(results, elapsed, burst: dict, setting) -> dict:
    latencies = [r[1] for r in results]
    bare = _ms(latencies)
    return {
        "bench": "purchase_bare",
        "path": "/bench/bare",
        "requests": len(results),
        **setting,
        "requests_per_s": round(len(results) / elapsed, 1),
        **bare,
        "answers": dict(Counter(str(r[0]) for r in results)),
        # The rush against a signed-in request that does nothing, same stack.
        "rush_p95_over_bare_p95": round(burst["all"]["p95_ms"] / bare["p95_ms"], 2),
        "sold_out_p95_over_bare_p95": round(
            burst["sold_out_409"].get("p95_ms", 0) / bare["p95_ms"], 2
        ),
        "bare_rps_over_rush_rps": round(
            len(results) / elapsed / burst["requests_per_s"], 2
        ),
        "load_1m": round(os.getloadavg()[0], 2),
    }


def _lock_line(lines: list[str]) -> dict:
    """Each committed order's wait for the ticket row and time holding it."""
    rows = [json.loads(line) for line in lines if line.strip()]
    waits = [r["wait_ms"] / 1000 for r in rows]
    held = [r["held_ms"] / 1000 for r in rows]
    return {
        "bench": "purchase_lock",
        "locks": len(rows),
        "wait": _ms(waits),
        "held": _ms(held),
        "held_total_ms": round(sum(held) * 1000, 1),
    }


def _drain_mail(env: dict) -> dict:
    """The rush's e-mails, queued on RQ, sent (to nowhere) by one burst worker."""
    queued = int(django(env, MAIL_QUEUED).splitlines()[-1])
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", "rqworker", "mail", "--burst"]
        + ["--job-class", "django_tasks_rq.Job"],
        cwd=ROOT,
        env={**env, "LOG_LEVEL": "ERROR"},
        check=True,
        capture_output=True,
    )
    return {
        "bench": "purchase_mail",
        "queued": queued,
        "left": int(django(env, MAIL_QUEUED).splitlines()[-1]),
        "drain_s": round(time.perf_counter() - started, 2),
    }


def _run(args: argparse.Namespace, env: dict, lock_log: Path, logs: Path) -> list:
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True
    )
    data = _seed(env, args.buyers, args.seats)
    spare = args.workers * args.threads * 2
    warm = _seed(env, spare, spare // 2)
    setting = {
        "server": f"gunicorn {args.workers} workers x {args.threads} threads",
        "tasks": "rq" if env.get("REDIS_URL") else "web-process threads",
    }
    port = free_port()
    server = _gunicorn(env, port, args, logs)
    try:
        _warm(port, data, warm, args.workers * args.threads)
        time.sleep(2)  # the warm-up's e-mails, when they run in the web process
        before = len(lock_log.read_text().splitlines())
        path = f"/api/registration/events/{data['slug']}/orders"
        orders = [
            _raw(port, "POST", path, session, _order_body(data["ticket"], email))
            for session, email in data["sessions"]
        ]
        results, elapsed = _all_at_once(port, orders)
        locks = lock_log.read_text().splitlines()[before:]
        served = logs.read_text().splitlines()
        bare, bare_elapsed = _all_at_once(
            port,
            [
                _raw(port, "GET", "/bench/bare", session, None)
                for session, _email in data["sessions"]
            ],
        )
    finally:
        stop(server)
    tally = json.loads(django(env, TALLY, str(data["ticket"])).splitlines()[-1])
    in_server = _served(served, f"/api/registration/events/{data['slug']}/orders")
    burst = _burst_line(args, results, elapsed, tally, in_server, setting)
    lines = [burst, _bare_line(bare, bare_elapsed, burst, setting), _lock_line(locks)]
    if env.get("REDIS_URL"):
        lines.append(_drain_mail(env))
    return lines


def main() -> None:
    args = _arguments()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        skipped = (
            "needs DATABASE_URL of a PostgreSQL server, e.g. "
            "postgresql://postgres@127.0.0.1:5432/postgres (it works in a database "
            "of its own there)"
        )
        print(json.dumps({"bench": "purchase", "skipped": skipped}))
        return
    work = Path(tempfile.mkdtemp(prefix="convene-purchase-"))
    lock_log = work / "locks.jsonl"
    lock_log.touch()
    env = _environment(_database_url(url, args.database), lock_log)
    for line in _run(args, env, lock_log, work / "gunicorn.log"):
        print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
