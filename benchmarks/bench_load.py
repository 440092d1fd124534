"""The whole stack under load: gunicorn, PostgreSQL and Redis, driven by locust.

Recreates the database named in DATABASE_URL (default `convene_load` on the local
PostgreSQL) and the Redis database in REDIS_URL (default 5), loads the demo
(`bench_pages.load`), signs in the forum's partnering participants (sessions, a
personal calendar feed each), and serves the app with gunicorn
(`config/gunicorn.py`: WEB_CONCURRENCY workers x WEB_THREADS threads). Then:

1. steady load: locust, headless, USERS simulated attendees for DURATION seconds
   over the agenda, a session page, API lists, the personal calendar feed, meeting
   requests (list and send) and ticket purchases. One JSON line per endpoint:
   requests, throughput, p50/p95/p99 in ms, failures and answers by status.
2. registration-opening burst: BUYERS signed-in buyers at once for SEATS seats
   (`bench_purchase`'s seed and request), with the sold count and whether it
   oversold.

    python -m benchmarks.bench_load [--users 30] [--duration 60] [--buyers 300]
        [--seats 50]

Nothing here asserts a time; the machine's load average is printed beside.
"""

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import redis

from benchmarks import bench_purchase
from benchmarks.bench_pages import load
from benchmarks.http_load import ROOT, django, free_port, stop

DEFAULT_DB = "postgresql://postgres@127.0.0.1:5432/convene_load"
DEFAULT_REDIS = "redis://127.0.0.1:6379/5"

SEED = """
import json, django
django.setup()
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from calendars import selectors as calendar_selectors, services as calendar_services
from events.models import Event, Session
from registration.models import TicketType
from matchmaking.models import Participant
forum, kic = Event.objects.get(slug="kbif-2027"), Event.objects.get(slug="kic-2027")
setup = forum.partnering
people = list(Participant.objects.filter(event=forum, is_active=True)
    .select_related("registration__user__organisation").order_by("pk"))
ticket = TicketType.objects.create(event=kic, name_en="Load", price=100000, capacity=100000)
accounts = []
for p in people:
    user = p.user
    recipients = [q.pk for q in people if q.pk != p.pk and setup.may_request(p.kind, q.kind)]
    if not recipients:
        continue
    s = SessionStore()
    s[SESSION_KEY], s[BACKEND_SESSION_KEY] = str(user.pk), "accounts.backends.PasswordBackend"
    s[HASH_SESSION_KEY] = user.get_session_auth_hash()
    s.create()
    feed = calendar_services.calendar_feed_issue(user=user, kind="personal")
    link = calendar_selectors.feed_links(feed)["https"][len(settings.SITE_URL):]
    accounts.append({"session": s.session_key, "email": user.email, "feed": link,
        "recipients": recipients})
sessions = list(Session.objects.filter(event=kic).values_list("pk", flat=True)[:50])
print(json.dumps({
    "accounts": accounts, "sessions": sessions, "ticket": ticket.pk,
    "agenda": "/en/kic-2027/agenda/", "session_page": "/en/kic-2027/agenda/session/%s/",
    "api_sessions": "/api/events/kic-2027/sessions?limit=50",
    "api_participants": "/api/partnering/kbif-2027/participants?limit=50",
    "api_requests": "/api/partnering/kbif-2027/requests",
    "api_orders": "/api/registration/events/kic-2027/orders",
}))
"""


def recreate(database_url: str, redis_url: str) -> None:
    name = urlsplit(database_url).path.lstrip("/")
    admin = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    redis.Redis.from_url(redis_url).flushdb()


def gunicorn(env: dict, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"],
        cwd=ROOT,
        env={**env, "BIND": f"127.0.0.1:{port}", "ACCESS_LOG": "0"},
    )
    bench_purchase._wait(port)
    return server


def steady(env: dict, port: int, data_path: str, users: int, duration: int) -> list:
    out = Path(tempfile.mkdtemp(prefix="convene-load-"))
    status_path = out / "status.json"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(ROOT / "benchmarks" / "bench_load_locustfile.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(max(1, users // 5)),
            "--run-time",
            f"{duration}s",
            "--host",
            f"http://127.0.0.1:{port}",
            "--csv",
            str(out / "load"),
            "--only-summary",
            "--loglevel",
            "WARNING",
            "--exit-code-on-error",
            "0",
        ],
        cwd=ROOT,
        env={**env, "LOAD_DATA": data_path, "LOAD_STATUS": str(status_path)},
        check=True,
        stdout=subprocess.DEVNULL,
    )
    answers = json.loads(status_path.read_text())
    rows = []
    with (out / "load_stats.csv").open() as stats:
        for row in csv.DictReader(stats):
            name = row["Name"]
            rows.append(
                {
                    "bench": "load",
                    "endpoint": name,
                    "requests": int(row["Request Count"]),
                    "failures": int(row["Failure Count"]),
                    "rps": round(float(row["Requests/s"]), 1),
                    "p50_ms": float(row["50%"] or 0),
                    "p95_ms": float(row["95%"] or 0),
                    "p99_ms": float(row["99%"] or 0),
                    "answers": {
                        k.rsplit(" ", 1)[1]: v
                        for k, v in answers.items()
                        if k.rsplit(" ", 1)[0] == name
                    }
                    if name != "Aggregated"
                    else None,
                }
            )
    return rows


def burst(env: dict, port: int, buyers: int, seats: int) -> dict:
    """bench_purchase's opening: every buyer at once, on the live Redis stack."""
    run = os.urandom(4).hex()
    data = json.loads(
        django(env, bench_purchase.SEED, str(buyers), str(seats), run).splitlines()[-1]
    )
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=min(buyers, 100)) as pool:
        results = list(
            pool.map(
                lambda s: bench_purchase._buy(port, data["slug"], data["ticket"], *s),
                data["sessions"],
            )
        )
    elapsed = time.perf_counter() - started
    held = int(django(env, bench_purchase.COUNT, str(data["ticket"])))
    latencies = sorted(r[1] for r in results)
    return {
        "bench": "load_burst",
        "buyers": buyers,
        "seats": seats,
        "requests_per_s": round(len(results) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))] * 1000, 1),
        "p99_ms": round(latencies[int(0.99 * (len(latencies) - 1))] * 1000, 1),
        "sold": held,
        "oversold": held > seats,
        "answers": dict(Counter(str(r[0]) for r in results)),
    }


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--buyers", type=int, default=300)
    parser.add_argument("--seats", type=int, default=50)
    return parser.parse_args()


def _environment(database_url: str, redis_url: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-secret-key"),
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_COOKIES": "0",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "2"),
        "WEB_THREADS": os.environ.get("WEB_THREADS", "4"),
    }


def _prepare(env: dict, database_url: str, redis_url: str) -> Path:
    """Every run starts from empty databases and the same demo, so runs compare;
    the seed's file is what the locust users read (LOAD_DATA)."""
    recreate(database_url, redis_url)
    load(env)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    data_path = Path(tempfile.mkdtemp(prefix="convene-load-")) / "data.json"
    data_path.write_text(django(env, SEED).splitlines()[-1])
    return data_path


def _measure(env: dict, port: int, data_path: Path, args: argparse.Namespace) -> None:
    """Prints the setting beside every line, and the machine's load before and
    after, since nothing here asserts a time."""
    accounts = len(json.loads(data_path.read_text())["accounts"])
    setting = {
        "server": f"gunicorn {env['WEB_CONCURRENCY']} workers x "
        f"{env['WEB_THREADS']} threads",
        "database": "postgresql",
        "cache_and_queue": "redis",
    }
    before = os.getloadavg()[0]
    for row in steady(env, port, str(data_path), args.users, args.duration):
        print(json.dumps({**row, **setting, "users": args.users, "accounts": accounts}))
    print(json.dumps({**burst(env, port, args.buyers, args.seats), **setting}))
    print(
        json.dumps(
            {
                "bench": "load_machine",
                "cores": os.cpu_count(),
                "load_before": round(before, 2),
                "load_after": round(os.getloadavg()[0], 2),
            }
        )
    )


def main() -> None:
    args = _arguments()
    database_url = os.environ.get("DATABASE_URL") or DEFAULT_DB
    redis_url = os.environ.get("REDIS_URL") or DEFAULT_REDIS
    if not database_url.startswith(("postgres://", "postgresql://")):
        print(
            json.dumps({"bench": "load", "skipped": "DATABASE_URL is not PostgreSQL"})
        )
        return
    env = _environment(database_url, redis_url)
    data_path = _prepare(env, database_url, redis_url)
    port = free_port()
    server = gunicorn(env, port)
    try:
        _measure(env, port, data_path, args)
    finally:
        stop(server)


if __name__ == "__main__":
    main()
