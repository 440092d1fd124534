"""Badge printing: 5,000 badges into one PDF, on A4 sheets and one per page.

Seeded synthetic people (English and Korean names, organisations, categories),
real signed tokens, the shipped fonts. Prints one JSON line per layout: seconds,
badges per second, PDF size, pages and the peak memory of the run (Python heap
via tracemalloc in a second pass, so the timing pass runs at full speed, plus
the process's peak RSS). Compare with a Latin-only run (no Korean names, one
font) as the baseline, measured in the same process.

With `--print-run`, one more line: the whole background print run
(`badges.services.badge_batch_run`: query, issue and mark every badge, render,
store the file) on 5,000 registrations seeded into a throw-away SQLite database,
after its migrations.

    python -m benchmarks.bench_badges [--badges 5000] [--size a6] [--print-run]
"""

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ARGS = argparse.ArgumentParser()
ARGS.add_argument("--badges", type=int, default=5000)
ARGS.add_argument("--size", default="a6", choices=["a6", "4x3in", "cr80"])
ARGS.add_argument("--print-run", action="store_true")
TMP = Path(tempfile.mkdtemp(prefix="bench-badges-"))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key")
# Always a scratch database and media folder: the print run writes badges.
os.environ["DATABASE_URL"] = f"sqlite:///{TMP / 'bench.sqlite3'}"
os.environ["MEDIA_ROOT"] = str(TMP / "media")

import django  # noqa: E402

django.setup()

from badges.rendering import BadgeFace, BadgeStyle, batch_pdf  # noqa: E402
from badges.tokens import token_make  # noqa: E402

FAMILY = ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim"]
FAMILY_KO = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"]
GIVEN = ["Minji", "Seojun", "Jiwoo", "Hana", "Taeho", "Yuna", "Daniel", "Sora"]
GIVEN_KO = ["민지", "서준", "지우", "하나", "태호", "유나", "다니엘", "소라"]
ORGS = ["Seoul CRO", "한국임상시험센터", "Daewoong Bio", "KCTA", "Asan Medical Center"]
CATEGORIES = ["attendee", "speaker", "investor", "exhibitor", "press", "staff"]


def faces(count: int, *, korean: bool, seed: int = 8) -> list[BadgeFace]:
    rng = random.Random(seed)
    out = []
    for i in range(count):
        f, g = rng.randrange(len(FAMILY)), rng.randrange(len(GIVEN))
        category = rng.choice(CATEGORIES)
        out.append(
            BadgeFace(
                name=f"{GIVEN[g]} {FAMILY[f]}",
                name_ko=FAMILY_KO[f] + GIVEN_KO[g] if korean else "",
                organisation=rng.choice(ORGS) if korean else "Seoul CRO",
                ticket="Regular",
                category=category,
                category_label=category.upper(),
                token=token_make(registration_id=100000 + i, version=1),
            )
        )
    return out


def measure(
    people: list[BadgeFace], style: BadgeStyle, layout: str, *, memory: bool = True
) -> dict:
    started = time.perf_counter()
    pdf = batch_pdf(people, style, layout=layout)
    seconds = time.perf_counter() - started
    peak = 0
    if memory:  # a second, traced pass (several times slower)
        tracemalloc.start()
        batch_pdf(people, style, layout=layout)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return {
        "badges": len(people),
        "seconds": round(seconds, 2),
        "badges_per_second": round(len(people) / seconds),
        "pdf_mib": round(len(pdf) / 2**20, 2),
        "pages": pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page"),
        "python_peak_mib": round(peak / 2**20, 1),
        "process_peak_rss_mib": round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
        ),
    }


def seed(count: int):
    """An event with `count` confirmed registrations; returns a queued print run."""
    import datetime as dt

    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command

    from accounts.models import User
    from badges.models import BadgeBatch
    from events.models import Event
    from registration.models import Registration

    call_command("migrate", verbosity=0)
    event = Event.objects.create(
        kind="conference",
        slug="bench-badges",
        name_en="KIC 2027",
        timezone="Asia/Seoul",
        start_date=dt.date(2027, 9, 14),
        end_date=dt.date(2027, 9, 16),
    )
    people = faces(count, korean=True)
    users = User.objects.bulk_create(
        User(
            email=f"person{i}@bench.test",
            first_name=f.name.split()[0],
            last_name=f.name.split()[1],
            name_ko=f.name_ko,
            password=make_password(None),
        )
        for i, f in enumerate(people)
    )
    Registration.objects.bulk_create(
        Registration(
            event=event,
            user=u,
            category=f.category,
            status="confirmed",
            organisation_name=f.organisation,
        )
        for u, f in zip(users, people, strict=True)
    )
    return BadgeBatch.objects.create(event=event, layout="a4")


def print_run(count: int) -> dict:
    from badges.services import badge_batch_run

    batch = seed(count)
    started = time.perf_counter()
    batch = badge_batch_run(batch=batch)
    seconds = time.perf_counter() - started
    return {
        "benchmark": "badges_print_run",
        "badges": batch.total,
        "seconds": round(seconds, 2),
        "badges_per_second": round(batch.total / seconds),
        "pdf_mib": round(batch.file.size / 2**20, 2),
        "process_peak_rss_mib": round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
        ),
        "database": "sqlite",
    }


def main() -> None:
    args = ARGS.parse_args()
    style = BadgeStyle(size=args.size, event_name="KIC 2027 · 국제임상시험 컨퍼런스")
    korean = faces(args.badges, korean=True)
    latin = faces(args.badges, korean=False)
    batch_pdf(korean[:1], style)  # load and register the fonts once, untimed
    for layout in ("a4", "single"):
        row = measure(korean, style, layout)
        baseline = measure(latin, style, layout, memory=False)
        row.update(
            benchmark="badges_pdf",
            size=args.size,
            layout=layout,
            latin_only_seconds=baseline["seconds"],
            ratio_to_latin_only=round(row["seconds"] / baseline["seconds"], 2),
        )
        print(json.dumps(row), flush=True)
    if args.print_run:
        print(json.dumps(print_run(args.badges)), flush=True)
    print(f"(scratch files in {TMP})", file=sys.stderr)


if __name__ == "__main__":
    main()
