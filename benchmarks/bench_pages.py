"""Public pages under load: the demo site under gunicorn, beside a bare Django view.

Loads the demo (`load_demo`) into a throw-away SQLite database (or DATABASE_URL;
REDIS_URL, when set, is the cache), serves it with the production gunicorn
settings (config/gunicorn.py) on 127.0.0.1 and prints one JSON line per page:

- `rps`, `p50_ms`, `p90_ms`, `p99_ms` at 16 connections (wrk);
- `one_client_p50_ms` / `one_client_p99_ms`: one request after another on one
  connection, where pauses (garbage collection) show;
- `queries_cold` (a render after a content change) and `queries_warm` (from the
  page cache), counted in-process with the same settings;
- `rps_vs_ceiling`: the page's req/s over the bare Django view's, measured the
  same way in the same run (the same stack, minus Wagtail, the database and
  templates).

Then the same for a few pages with the page cache off (`"cache": "off"`): the
cost of a render itself.

    python -m benchmarks.bench_pages [--seconds 5] [--connections 16]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

from benchmarks.http_load import (
    ROOT,
    django,
    free_port,
    one_client,
    serve,
    stop,
    throughput,
)

# Finds the demo's addresses and counts each page's queries, cold and warm.
PROBE = """
import json, django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale
from cms import page_cache
from cms.models import AgendaPage, EventPage, HomePage, SpeakerIndexPage
from events.models import Session

def url(model, language, **kw):
    return model.objects.live().filter(locale__language_code=language, **kw).first().url

event = dict(event__slug="kic-2027")
agenda = {l: url(AgendaPage, l, **event) for l in ("en", "ko")}
session = Session.objects.filter(event__slug="kic-2027").order_by("start", "id")[10]
speaker = session.session_speakers.first().speaker_id
pages = {
    "home": url(HomePage, "en"), "home_ko": url(HomePage, "ko"),
    "event": url(EventPage, "en", **event), "event_ko": url(EventPage, "ko", **event),
    "agenda": agenda["en"], "agenda_ko": agenda["ko"],
    "agenda_list": agenda["en"] + "?view=list",
    "agenda_list_ko": agenda["ko"] + "?view=list",
    "agenda_day": agenda["en"] + f"day/{session.event.start_date.isoformat()}/",
    "agenda_track": agenda["en"] + f"track/{session.track.slug}/" if session.track else None,
    "agenda_room": agenda["en"] + f"room/{session.room_id}/",
    "session": agenda["en"] + f"session/{session.pk}/",
    "session_ko": agenda["ko"] + f"session/{session.pk}/",
    "speaker": agenda["en"] + f"speaker/{speaker}/",
    "speakers": url(SpeakerIndexPage, "en", **event),
    "speakers_ko": url(SpeakerIndexPage, "ko", **event),
}
client = Client(HTTP_HOST="127.0.0.1")
out = {}
for name, path in pages.items():
    if path is None:
        continue
    page_cache.bump()
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            status = client.get(path).status_code
        assert status == 200, (path, status)
        counts.append(len(queries))
    out[name] = {"path": path, "queries_cold": counts[0], "queries_warm": counts[1]}
print(json.dumps(out))
"""

UNCACHED = ("agenda", "agenda_list_ko", "session", "speakers")


def load(env: dict) -> None:
    for command in (["migrate", "-v0"], ["load_demo"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )


def probe(env: dict) -> dict:
    return json.loads(django(env, PROBE).splitlines()[-1])


def run(env: dict, pages: dict, args) -> list[dict]:
    port = free_port()
    server = serve(env, port)
    try:
        results = []
        for name, page in pages.items():
            path = page["path"]
            result = {"page": name, **page}
            # One client first: it also warms the workers and the page.
            result.update(one_client(port, path, args.one_client))
            result.update(throughput(port, path, args.connections, args.seconds))
            results.append(result)
        return results
    finally:
        stop(server)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--one-client", type=int, default=300)
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="convene-bench-pages-")
    env = {
        **os.environ,
        "SECRET_KEY": "bench",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_COOKIES": "0",
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "WARNING",
        "PYTHONWARNINGS": "ignore",  # whitenoise: no collected static files here
        # The demo's orders send e-mails; nothing here may need an SMTP server.
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DATABASE_URL": os.environ.get("DATABASE_URL")
        or f"sqlite:///{workdir}/bench.sqlite3",
        "CACHE_DIR": f"{workdir}/cache",
        "DJANGO_SETTINGS_MODULE": "benchmarks.pages_site",
    }
    load(env)
    pages = probe(env)
    bare = {"bare_django_view": {"path": "/bench/bare", "queries_cold": 0}}
    results = run(env, {**bare, **pages}, args)
    off = {name: pages[name] for name in UNCACHED}
    results += [
        {**r, "cache": "off"} for r in run({**env, "PAGE_CACHE": "0"}, off, args)
    ]
    ceiling = results[0]["rps"] or 1
    database = env["DATABASE_URL"].split(":", 1)[0]
    cache = "redis" if env.get("REDIS_URL") else "files"
    for result in results:
        result.setdefault("cache", "on")
        result.update(
            bench="pages",
            rps_vs_ceiling=round(result["rps"] / ceiling, 3),
            connections=args.connections,
            workers=os.environ.get("WEB_CONCURRENCY", "2"),
            threads=os.environ.get("WEB_THREADS", "4"),
            database=database,
            cache_backend=cache,
            load_avg_1min=round(os.getloadavg()[0], 2),
        )
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
