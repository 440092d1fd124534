"""Calendar feeds under load: an event of 5,000 attendees and 500 sessions.

Seeds a throw-away SQLite database (or uses DATABASE_URL), serves it with gunicorn
on loopback and prints one JSON line per endpoint: median and p95 latency and
requests per second, for the whole-event feed, personal feeds (each request a
different attendee, so mostly uncached) and the agenda JSON as the baseline.

    python -m benchmarks.bench_calendar [--requests 400] [--concurrency 4]
"""

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ATTENDEES, SESSIONS, BOOKMARKS = 5000, 500, 10


def seed(env: dict) -> None:
    code = f"""
import datetime as dt, random, django
django.setup()
from accounts.models import User
from calendars.models import CalendarFeed, SessionBookmark, new_feed_token
from events.models import Event, Room, Session
from registration.models import Registration
random.seed(1)
event = Event.objects.create(kind="conference", slug="bench", name_en="Bench", timezone="Asia/Seoul",
    start_date=dt.date(2027, 9, 14), end_date=dt.date(2027, 9, 16), is_published=True)
rooms = [Room.objects.create(event=event, name_en=f"Room {{i}}") for i in range(10)]
sessions = []
for i in range({SESSIONS}):
    day, slot, room = i // 170, (i % 170) // 10, i % 10
    start = dt.datetime.combine(event.start_date + dt.timedelta(days=day), dt.time(8), tzinfo=event.tz) + dt.timedelta(minutes=40 * slot)
    sessions.append(Session(event=event, kind="talk", title_en=f"Session {{i}}", title_ko=f"세션 {{i}}",
        abstract_en="Abstract " * 20, start=start, end=start + dt.timedelta(minutes=35), room=rooms[room]))
sessions = Session.objects.bulk_create(sessions)
users = User.objects.bulk_create([User(email=f"a{{i}}@bench.example", first_name=f"A{{i}}", password="!") for i in range({ATTENDEES})])
SessionBookmark.objects.bulk_create([SessionBookmark(user=u, session=s) for u in users for s in random.sample(sessions, {BOOKMARKS})])
Registration.objects.bulk_create([Registration(event=event, user=u, status="confirmed") for u in users])
CalendarFeed.objects.bulk_create([CalendarFeed(user=u, kind="personal", token=new_feed_token()) for u in users])
print("seeded")
"""
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True)


def tokens(env: dict) -> list[str]:
    code = "import django; django.setup(); from calendars.models import CalendarFeed; print('\\n'.join(CalendarFeed.objects.values_list('token', flat=True)))"
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return out.split()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(env: dict, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("gunicorn did not start")


def stop(server: subprocess.Popen) -> None:
    """Gunicorn finishes its requests on SIGTERM; on a loaded machine that can take
    a while, and a benchmark must not fail after it has measured."""
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def fetch(port: int, path: str) -> float:
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    conn.close()
    if response.status != 200:
        raise RuntimeError(f"{path} answered {response.status}")
    return time.perf_counter() - start


def measure(port: int, name: str, paths: list[str], concurrency: int) -> dict:
    fetch(port, paths[0])  # warm the worker
    start = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        latencies = sorted(pool.map(lambda p: fetch(port, p), paths))
    elapsed = time.perf_counter() - start
    return {
        "endpoint": name,
        "requests": len(paths),
        "median_ms": round(statistics.median(latencies) * 1000, 2),
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))] * 1000, 2),
        "rps": round(len(paths) / elapsed, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="convene-bench-")
    env = {
        **os.environ,
        "SECRET_KEY": "bench",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_COOKIES": "0",
        "SECURE_SSL_REDIRECT": "0",  # plain http on loopback
        "LOG_LEVEL": "WARNING",
        # The demo's orders send e-mails; nothing here may need an SMTP server.
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    seed(env)
    feed_tokens = tokens(env)
    random.seed(2)
    port = free_port()
    server = serve(env, port)
    try:
        n = args.requests
        runs = [
            ("agenda_json (baseline)", ["/api/events/bench/sessions?limit=200"] * n),
            ("event_feed", ["/calendar/events/bench.ics"] * n),
            (
                "personal_feed",
                [f"/calendar/feeds/{t}.ics" for t in random.sample(feed_tokens, n)],
            ),
        ]
        results = [measure(port, name, paths, args.concurrency) for name, paths in runs]
    finally:
        stop(server)
    baseline = results[0]
    for result in results:
        result["rps_vs_baseline"] = round(result["rps"] / baseline["rps"], 2)
        result["median_vs_baseline"] = round(
            result["median_ms"] / baseline["median_ms"], 2
        )
        result.update(
            attendees=ATTENDEES,
            sessions=SESSIONS,
            database=env["DATABASE_URL"].split(":")[0],
        )
        print(json.dumps(result))


if __name__ == "__main__":
    main()
