"""Calendar files as calendar programs see them: a golden file for each kind of feed,
and each feed imported by khal (Debian's calendar program) at the right local times.

Golden files hold the exact bytes, with database ids replaced by their order of first
appearance (ids differ between SQLite and PostgreSQL). `UPDATE_GOLDEN=1` rewrites them.
"""

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from calendars import services as calendar_services
from events.models import Session
from registration.models import Registration
from registration.services import registration_upsert
from tests.factories.accounts import UserFactory
from tests.factories.events import (
    EventFactory,
    OrganisationFactory,
    SessionFactory,
    SessionSpeakerFactory,
    VenueFactory,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

GOLDEN = Path(__file__).parent / "golden"
CREATED = dt.datetime(2027, 1, 4, 9, 0, tzinfo=dt.UTC)
CHICAGO = "America/Chicago"


def _at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """Local Chicago time in March 2027; the clocks go forward on Sunday the 14th."""
    return dt.datetime(2027, 3, day, hour, minute, tzinfo=ZoneInfo(CHICAGO))


@pytest.fixture
def delegation():
    """A delegation in Chicago across the daylight-saving change, with fixed times."""
    company = OrganisationFactory(name_en="Hanbit Bio", slug="hanbit-bio")
    delegate = UserFactory(
        email="delegate@hanbit.test",
        first_name="Minji",
        last_name="Kim",
        name_ko="김민지",
        organisation=company,
    )
    event = EventFactory(
        slug="asco-golden",
        name_en="Korea Delegation to ASCO",
        kind="delegation",
        timezone=CHICAGO,
        venue=VenueFactory(name_en="McCormick Place", city="Chicago", country="US"),
        start_date=dt.date(2027, 3, 12),
        end_date=dt.date(2027, 3, 16),
        currency="USD",
    )
    briefing = SessionFactory(
        event=event,
        title_en="대표단 브리핑: 시카고 일정과 파트너링 준비 (Delegation briefing)",
        abstract_en="Before the clocks change: Friday, Central Standard Time.",
        start=_at(12, 9),
        end=_at(12, 10, 30),
    )
    shift = SessionFactory(
        event=event,
        title_en="Korea Pavilion: morning shift",
        kind="booth_shift",
        start=_at(15, 9),
        end=_at(15, 13),
    )
    SessionSpeakerFactory(session=shift, speaker__user=delegate)
    calendar_services.bookmark_add(user=delegate, session=briefing)
    registration_upsert(event=event, user=delegate)
    Session.objects.filter(event=event).update(
        created_at=CREATED, updated_at=CREATED + dt.timedelta(hours=2)
    )
    Registration.objects.filter(event=event).update(created_at=CREATED)
    return event, delegate


def _normalise(ics: bytes) -> bytes:
    """Replace each database id by its order of first appearance."""
    seen: dict[bytes, bytes] = {}

    def stable(match: re.Match) -> bytes:
        number = str(len(seen) + 1).encode()
        return seen.setdefault(match[0], match[1] + number + match[3])

    return re.sub(rb"([a-z]+-|/go/session/)(\d+)(@|/)", stable, ics)


def _assert_golden(name: str, ics: bytes) -> None:
    path = GOLDEN / name
    ics = _normalise(ics)
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_bytes(ics)
    assert ics == path.read_bytes()


def _feeds(client, event, delegate) -> dict[str, bytes]:
    personal = calendar_services.calendar_feed_issue(user=delegate, kind="personal")
    company = calendar_services.calendar_feed_issue(user=delegate, kind="company")
    paths = {
        "event": f"/calendar/events/{event.slug}.ics",
        "session": f"/calendar/events/{event.slug}/sessions/"
        f"{event.sessions.order_by('start').first().pk}.ics",
        "personal": f"/calendar/feeds/{personal.token}.ics",
        "company": f"/calendar/feeds/{company.token}.ics",
    }
    files = {}
    for kind, path in paths.items():
        response = client.get(path)
        assert response.status_code == 200, kind
        files[kind] = (
            b"".join(response.streaming_content)
            if response.streaming
            else response.content
        )
    return files


@pytest.mark.parametrize("kind", ["event", "session", "personal", "company"])
def test_feed_matches_its_golden_file(client, delegation, kind):
    event, delegate = delegation
    _assert_golden(f"{kind}.ics", _feeds(client, event, delegate)[kind])


# khal ---------------------------------------------------------------------------

KHAL = shutil.which("khal")
needs_khal = pytest.mark.skipif(
    KHAL is None, reason="khal is not installed (apt-get install khal; .ci/run does)"
)


def _khal_list(tmp_path: Path, ics: bytes, zone: str) -> list[str]:
    """Import a file into a fresh khal calendar and list March 2027 in `zone`."""
    home = tmp_path / zone.replace("/", "-")
    (home / "calendar").mkdir(parents=True)
    config = home / "config"
    config.write_text(
        "[calendars]\n[[convene]]\n"
        f"path = {home / 'calendar'}\n"
        f"[locale]\nlocal_timezone = {zone}\ndefault_timezone = {zone}\n"
        "timeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
        f"[sqlite]\npath = {home / 'khal.db'}\n"
    )
    feed = home / "feed.ics"
    feed.write_bytes(ics)
    run = {"check": True, "capture_output": True, "text": True, "timeout": 60}
    subprocess.run([KHAL, "-c", config, "import", "--batch", feed], **run)  # noqa: S603
    listing = subprocess.run(  # noqa: S603
        [
            KHAL,
            "-c",
            config,
            "list",
            "--format",
            "{start} {end} {title}",
            "--day-format",
            "",
            "2027-03-01",
            "40d",
        ],
        **run,
    ).stdout
    return sorted({line for line in listing.splitlines() if line.strip()})


@needs_khal
def test_event_feed_lands_at_local_times_across_the_clock_change(
    client, delegation, tmp_path
):
    event, delegate = delegation
    ics = _feeds(client, event, delegate)["event"]
    in_chicago = _khal_list(tmp_path, ics, CHICAGO)
    in_seoul = _khal_list(tmp_path, ics, "Asia/Seoul")
    briefing = "대표단 브리핑: 시카고 일정과 파트너링 준비 (Delegation briefing)"
    assert in_chicago == [
        f"2027-03-12 09:00 2027-03-12 10:30 {briefing}",
        "2027-03-15 09:00 2027-03-15 13:00 Korea Pavilion: morning shift",
    ]
    # CST is UTC-6 before the change (Seoul +15 h), CDT UTC-5 after it (+14 h).
    assert in_seoul == [
        f"2027-03-13 00:00 2027-03-13 01:30 {briefing}",
        "2027-03-15 23:00 2027-03-16 03:00 Korea Pavilion: morning shift",
    ]


@needs_khal
def test_personal_and_company_feeds_import_into_khal(client, delegation, tmp_path):
    event, delegate = delegation
    files = _feeds(client, event, delegate)
    personal = _khal_list(tmp_path / "personal", files["personal"], CHICAGO)
    company = _khal_list(tmp_path / "company", files["company"], CHICAGO)
    assert "2027-03-15 09:00 2027-03-15 13:00 Korea Pavilion: morning shift" in personal
    assert any("Korea Delegation to ASCO" in line for line in personal)
    assert company == [
        "2027-03-15 09:00 2027-03-15 13:00 Korea Pavilion: morning shift"
    ]
