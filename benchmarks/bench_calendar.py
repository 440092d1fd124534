"""Calendar feeds under load: an event of 5,000 attendees, 500 sessions and
partnering (4,000 participants, 4,000 scheduled meetings between them).

Seeds a throw-away SQLite database (or uses DATABASE_URL), serves it with gunicorn
on loopback and prints one JSON line per endpoint: requests per second, p50/p95/p99
latency and queries per request, for a bare Django view on the same stack (the
ceiling), the agenda JSON, the whole-event feed, personal feeds (each request a
different attendee, so built, not cached) and company feeds (a random company each
time), then each feed again as calendar apps poll it, with the ETag it answered
(If-None-Match, 304). Each line carries `ratio_to_event_feed` and `ratio_to_bare`.
Queries are counted once per endpoint with Django's test client (cold cache, warm,
conditional).

    python -m benchmarks.bench_calendar [--requests 400] [--concurrency 4] [--redis]
"""

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

from benchmarks.http_load import ROOT, django, free_port, serve, stop

ATTENDEES, SESSIONS, BOOKMARKS, SPEAKERS = 5000, 500, 10, 300
# Partnering: 80 % of attendees take part, 4,000 meetings placed on 32 slots.
PARTICIPANTS, MEETINGS, TABLES = 4000, 4000, 150


SEED = f"""
import datetime as dt, random, django
django.setup()
from accounts.models import User
from calendars.models import CalendarFeed, SessionBookmark, new_feed_token
from events.models import Event, Organisation, Room, Session, SessionSpeaker, Speaker
from matchmaking.models import Meeting, MeetingBlock, Participant, PartneringSetup, Slot, Table
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
# Companies of 1-4 people, as at a partnering forum.
sizes = []
while sum(sizes) < {ATTENDEES}:
    sizes.append(random.choices((1, 2, 3, 4), (50, 30, 15, 5))[0])
orgs = Organisation.objects.bulk_create([Organisation(name_en=f"Company {{i}}", slug=f"company-{{i}}",
    kind=random.choice(("biotech", "investor", "pharma", "cro"))) for i in range(len(sizes))])
members = [org for org, size in zip(orgs, sizes) for _ in range(size)][:{ATTENDEES}]
users = User.objects.bulk_create([User(email=f"a{{i}}@bench.example", first_name=f"A{{i}}", password="!",
    organisation=members[i]) for i in range({ATTENDEES})])
SessionBookmark.objects.bulk_create([SessionBookmark(user=u, session=s) for u in users for s in random.sample(sessions, {BOOKMARKS})])
speakers = Speaker.objects.bulk_create([Speaker(event=event, user=u) for u in random.sample(users, {SPEAKERS})])
SessionSpeaker.objects.bulk_create([SessionSpeaker(session=s, speaker=random.choice(speakers), order=0) for s in sessions])
registrations = Registration.objects.bulk_create([Registration(event=event, user=u, status="confirmed") for u in users])
CalendarFeed.objects.bulk_create([CalendarFeed(user=u, kind="personal", token=new_feed_token()) for u in users])
first_members = {{}}
for u in users:
    first_members.setdefault(u.organisation_id, u)
CalendarFeed.objects.bulk_create([CalendarFeed(user=u, kind="company", organisation_id=org, token=new_feed_token())
    for org, u in first_members.items()])
# Partnering in the same event: most attendees take part; meetings are placed greedily
# on two days of two blocks of eight half-hour slots.
PartneringSetup.objects.create(event=event, request_cap=10)
blocks, slots = [], []
for day in range(2):
    for hour in (9, 14):
        date = event.start_date + dt.timedelta(days=day)
        block = MeetingBlock.objects.create(event=event, date=date, start_time=dt.time(hour), end_time=dt.time(hour + 4))
        begin = dt.datetime.combine(date, dt.time(hour), tzinfo=event.tz)
        slots += [Slot(event=event, block=block, start=begin + dt.timedelta(minutes=30 * k),
            end=begin + dt.timedelta(minutes=30 * (k + 1))) for k in range(8)]
slots = Slot.objects.bulk_create(slots)
tables = Table.objects.bulk_create([Table(event=event, number=n + 1) for n in range({TABLES})])
participants = Participant.objects.bulk_create([Participant(event=event, registration=r)
    for r in random.sample(registrations, {PARTICIPANTS})])
busy = {{}}
placed, links = [], []
free_tables = {{s.pk: list(tables) for s in slots}}
while len(placed) < {MEETINGS}:
    a, b = random.sample(participants, 2)
    if a.registration.user.organisation_id == b.registration.user.organisation_id:
        continue
    for s in slots:
        if free_tables[s.pk] and s.pk not in busy.get(a.pk, ()) and s.pk not in busy.get(b.pk, ()):
            break
    else:
        continue
    busy.setdefault(a.pk, set()).add(s.pk)
    busy.setdefault(b.pk, set()).add(s.pk)
    placed.append((Meeting(event=event, slot=s, table=free_tables[s.pk].pop()), a, b))
meetings = Meeting.objects.bulk_create([m for m, _, _ in placed])
Through = Meeting.participants.through
Through.objects.bulk_create([Through(meeting_id=m.pk, participant_id=p.pk) for m, (_, a, b) in zip(meetings, placed) for p in (a, b)])
print("seeded")
"""


def seed(env: dict) -> None:
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True
    )
    subprocess.run([sys.executable, "-c", SEED], cwd=ROOT, env=env, check=True)


def tokens(env: dict, kind: str) -> list[str]:
    code = (
        "import django; django.setup(); from calendars.models import CalendarFeed;"
        f" print('\\n'.join(CalendarFeed.objects.filter(kind='{kind}')"
        ".order_by('id').values_list('token', flat=True)))"
    )
    return django(env, code).split()


def fetch(port: int, path: str, headers: dict | None = None) -> float:
    return request(port, path, headers)[0]


def request(
    port: int, path: str, headers: dict | None = None, expect: int = 200
) -> tuple[float, str]:
    """One GET on a fresh connection: (seconds, ETag)."""
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    response.read()
    conn.close()
    if response.status != expect:
        raise RuntimeError(f"{path} answered {response.status}, not {expect}")
    return time.perf_counter() - start, response.getheader("ETag") or ""


def _percentile(latencies: list[float], share: float) -> float:
    return round(latencies[int(share * (len(latencies) - 1))] * 1000, 2)


def measure(
    port: int,
    name: str,
    paths: list,
    concurrency: int,
    *,
    expect: int = 200,
    etags: dict | None = None,
) -> dict:
    """`paths` are paths or (path, headers) pairs; the ETags answered are kept in
    `etags` (path -> ETag) for a conditional pass."""
    requests = [p if isinstance(p, tuple) else (p, {}) for p in paths]
    # Warm every worker (a whole-event feed is built once in each).
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(lambda _: request(port, *requests[0], expect=expect), range(8)))

    def one(item):
        seconds, etag = request(port, *item, expect=expect)
        if etags is not None:
            etags[item[0]] = etag
        return seconds

    start = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        latencies = sorted(pool.map(one, requests))
    elapsed = time.perf_counter() - start
    return {
        "endpoint": name,
        "requests": len(requests),
        "median_ms": round(statistics.median(latencies) * 1000, 2),
        "p50_ms": _percentile(latencies, 0.5),
        "p95_ms": _percentile(latencies, 0.95),
        "p99_ms": _percentile(latencies, 0.99),
        "rps": round(len(requests) / elapsed, 1),
    }


# Queries per request, counted in one process with Django's test client: a cold
# request (empty cache), the same again (warm) and a conditional one (304).
COUNT = """
import json, sys, django
django.setup()
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_HOST="127.0.0.1")
counts = {}
for name, path in json.loads(sys.argv[1]).items():
    cache.clear()
    row = {}
    for step in ("cold", "warm", "conditional"):
        headers = {"HTTP_IF_NONE_MATCH": etag} if step == "conditional" else {}
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, **headers)
        etag = response.get("ETag", "")
        row[step] = len(queries)
        row[step + "_status"] = response.status_code
    counts[name] = row
print(json.dumps(counts))
"""


def query_counts(env: dict, paths: dict[str, str]) -> dict[str, dict]:
    return json.loads(django(env, COUNT, json.dumps(paths)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument(
        "--redis",
        action="store_true",
        help="keep REDIS_URL from the environment as the cache; by default the"
        " embedded one (files, shared by the workers) in the run's own directory",
    )
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
        # The real site plus /bench/bare, a bare Django view on the same stack.
        "DJANGO_SETTINGS_MODULE": "benchmarks.pages_site",
    }
    if not args.redis:
        env.pop("REDIS_URL", None)
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    env["CACHE_DIR"] = f"{workdir}/cache"  # nothing left from an earlier run
    seed(env)
    personal, company = tokens(env, "personal"), tokens(env, "company")
    random.seed(2)
    n = args.requests
    # Each request a different person (or company), so personal feeds are built,
    # not served from the cache, as the first poll of each calendar app is.
    people = [f"/calendar/feeds/{t}.ics" for t in random.sample(personal, n)]
    companies = [f"/calendar/feeds/{t}.ics" for t in random.choices(company, k=n)]
    counts = query_counts(
        env,
        {
            "bare_django_view": "/bench/bare",
            "agenda_json": "/api/events/bench/sessions?limit=200",
            "event_feed": "/calendar/events/bench.ics",
            "personal_feed": people[0],
            "company_feed": companies[0],
        },
    )
    port = free_port()
    # The production settings (config/gunicorn.py), at 2 workers x 2 threads.
    server = serve({**env, "WEB_CONCURRENCY": "2", "WEB_THREADS": "2"}, port)
    etags: dict[str, str] = {}
    try:
        runs = [
            ("bare_django_view", ["/bench/bare"] * n, 200),
            ("agenda_json", ["/api/events/bench/sessions?limit=200"] * n, 200),
            ("event_feed", ["/calendar/events/bench.ics"] * n, 200),
            ("personal_feed", people, 200),
            ("company_feed", companies, 200),
            # The same people polling again without a validator (as some
            # calendar servers do): the bytes come from the cache.
            ("personal_feed_repeat", people, 200),
            ("company_feed_repeat", companies, 200),
        ]
        results = [
            measure(port, name, paths, args.concurrency, expect=code, etags=etags)
            for name, paths, code in runs
        ]
        # Calendar apps poll with the ETag they hold: answered 304, no body.
        conditional = [
            ("event_feed_304", ["/calendar/events/bench.ics"] * n),
            ("personal_feed_304", people),
            ("company_feed_304", companies),
        ]
        results += [
            measure(
                port,
                name,
                [(p, {"If-None-Match": etags[p]}) for p in paths],
                args.concurrency,
                expect=304,
            )
            for name, paths in conditional
        ]
    finally:
        stop(server)
    bare = results[0]["rps"]
    event = next(r for r in results if r["endpoint"] == "event_feed")["rps"]
    for result in results:
        kind = result["endpoint"].removesuffix("_304").removesuffix("_repeat")
        row = counts.get(kind, {})
        # As each run meets the cache: the same path again and again (warm), a
        # different person each time (cold), or a conditional request.
        step = (
            "warm"
            if kind in ("bare_django_view", "agenda_json", "event_feed")
            else "cold"
        )
        if result["endpoint"].endswith("_304"):
            step = "conditional"
        elif result["endpoint"].endswith("_repeat"):
            step = "warm"
        result.update(
            bench="calendar",
            queries_per_request=row.get(step),
            queries_cold=row.get("cold"),
            queries_warm=row.get("warm"),
            ratio_to_event_feed=round(result["rps"] / event, 2),
            ratio_to_bare=round(result["rps"] / bare, 3),
            attendees=ATTENDEES,
            sessions=SESSIONS,
            meetings=MEETINGS,
            concurrency=args.concurrency,
            server="gunicorn 2 workers x 2 threads",
            cache="redis" if env.get("REDIS_URL") else "files",
            database=env["DATABASE_URL"].split(":")[0],
        )
        print(json.dumps(result))


if __name__ == "__main__":
    main()
