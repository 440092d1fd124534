"""A delegate's "Add to my calendar" and subscription feed hold her itinerary:
items for everyone, her own shifts and her partnering meetings, never another
company's shifts; read back by khal at Chicago times."""

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from calendars import services as calendar_services
from delegations import services as svc
from delegations.enums import ApplicationStatus as S
from delegations.services import itinerary
from events.enums import SessionKind
from matchmaking import services
from matchmaking.models import Meeting
from tests.factories.accounts import UserFactory
from tests.factories.delegations import ApplicationFactory
from tests.factories.matchmaking import ParticipantFactory, PartneringSetupFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

CHICAGO_0900 = dt.datetime(2027, 6, 2, 14, tzinfo=dt.UTC)  # 09:00 CDT
KHAL = shutil.which("khal")
needs_khal = pytest.mark.skipif(KHAL is None, reason="khal is not installed")


def _delegate(programme, first_name: str):
    application = ApplicationFactory(programme=programme, status=S.ACCEPTED)
    svc.application_confirm(
        application=application,
        user=application.applicant,
        delegates=[
            svc.DelegateIn(
                email=application.applicant.email,
                first_name=first_name,
                last_name="Han",
                role="business",
            )
        ],
    )
    return application.delegates.get()


def _item(programme, organiser, title, delegates, hours: int):
    start = CHICAGO_0900 + dt.timedelta(hours=hours)
    itinerary.itinerary_item_save(
        programme=programme,
        actor=organiser,
        delegates=delegates,
        title_en=title,
        kind=SessionKind.BOOTH_SHIFT if delegates else SessionKind.RECEPTION,
        start=start,
        end=start + dt.timedelta(hours=1),
    )


@pytest.fixture
def delegation(programme, organiser):
    """Her shift, another company's shift, a reception for all, and a meeting
    with a pharma company at 09:00 on 2 June."""
    event = programme.event
    PartneringSetupFactory(
        event=event, allowed_pairs=[["pharma", "biotech"], ["biotech", "pharma"]]
    )
    services.block_upsert(
        event=event,
        date=dt.date(2027, 6, 2),
        start_time=dt.time(9),
        end_time=dt.time(10),
        label="Korea Pavilion meeting rooms",
    )
    services.grid_build(event=event)
    services.tables_ensure(event=event, count=1)
    her, other = _delegate(programme, "Jiwoo"), _delegate(programme, "Other")
    _item(programme, organiser, "Welcome reception", [], 8)
    _item(programme, organiser, "Her pavilion shift", [her], 2)
    _item(programme, organiser, "Their pavilion shift", [other], 3)
    mine = services.participant_join(registration=her.registration)
    pharma = ParticipantFactory(event=event, kind="pharma")
    request = services.meeting_request_send(sender=pharma, recipient=mine)
    services.meeting_request_accept(request=request, user=her.user)
    Meeting.objects.filter(request=request).update(
        slot=event.meeting_slots.order_by("start").first(),
        table=event.meeting_tables.first(),
    )
    return her, pharma


def _khal_list(tmp_path: Path, ics: bytes) -> list[str]:
    """Import into a fresh khal calendar; list June 2027 on Chicago's clock."""
    (tmp_path / "calendar").mkdir(parents=True)
    config = tmp_path / "config"
    config.write_text(
        "[calendars]\n[[convene]]\n"
        f"path = {tmp_path / 'calendar'}\n"
        "[locale]\nlocal_timezone = America/Chicago\n"
        "default_timezone = America/Chicago\n"
        "timeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
        f"[sqlite]\npath = {tmp_path / 'khal.db'}\n"
    )
    feed = tmp_path / "feed.ics"
    feed.write_bytes(ics)
    run = {"check": True, "capture_output": True, "text": True, "timeout": 60}
    subprocess.run([KHAL, "-c", config, "import", "--batch", feed], **run)  # noqa: S603
    listing = subprocess.run(  # noqa: S603
        [KHAL, "-c", config, "list", "--format", "{start} {end} {title}"]
        + ["--day-format", "", "2027-05-31", "6d"],
        **run,
    ).stdout
    return sorted({line for line in listing.splitlines() if line.strip()})


def _meeting_line(pharma) -> str:
    who = f"{pharma.user.get_full_name()} ({pharma.organisation})"
    return f"2027-06-02 09:00 2027-06-02 09:30 Meeting: {who}"


EXPECTED = [
    "2027-06-02 11:00 2027-06-02 12:00 Her pavilion shift",
    "2027-06-02 17:00 2027-06-02 18:00 Welcome reception",
]


@needs_khal
def test_the_itinerary_download_holds_her_items_and_meetings_only(
    client, delegation, programme, tmp_path
):
    her, pharma = delegation
    client.force_login(her.user)

    response = client.get(
        reverse("delegation:itinerary_ics", args=[programme.event.slug])
    )

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "private" in response["Cache-Control"]
    assert _khal_list(tmp_path, response.content) == sorted(
        [*EXPECTED, _meeting_line(pharma)]
    )


@needs_khal
def test_her_subscription_feed_holds_the_same_itinerary(client, delegation, tmp_path):
    her, pharma = delegation
    feed = calendar_services.calendar_feed_issue(user=her.user, kind="personal")

    response = client.get(f"/calendar/feeds/{feed.token}.ics")
    listing = _khal_list(tmp_path, response.content)

    assert [*EXPECTED, _meeting_line(pharma)] == [
        line for line in listing if "Welcome" in line or "shift" in line
    ] + [line for line in listing if "Meeting:" in line]
    assert not any("Their pavilion shift" in line for line in listing)


def test_the_itinerary_page_offers_her_calendar_not_the_whole_programme(
    client, delegation, programme
):
    her, _pharma = delegation
    client.force_login(her.user)

    page = client.get(reverse("delegation:itinerary", args=[programme.event.slug]))

    html = page.content.decode()
    assert (
        f'href="/en/delegation/{programme.event.slug}/itinerary.ics" download' in html
    )
    assert f"/calendar/events/{programme.event.slug}.ics" not in html


def test_someone_not_in_the_delegation_gets_no_itinerary_file(client, programme):
    client.force_login(UserFactory())

    response = client.get(
        reverse("delegation:itinerary_ics", args=[programme.event.slug])
    )

    assert response.status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_the_itinerary_download_queries_do_not_grow(
    client, delegation, programme, organiser, count, django_assert_max_num_queries
):
    her, _pharma = delegation
    for n in range(count):
        _item(programme, organiser, f"Extra {n}", [her], 4 + n)
    client.force_login(her.user)

    with django_assert_max_num_queries(16):
        response = client.get(
            reverse("delegation:itinerary_ics", args=[programme.event.slug])
        )

    assert response.content.count(b"BEGIN:VEVENT") == 3 + count


def test_the_itinerary_download_answers_a_conditional_request_with_304(
    client, delegation, programme
):
    her, _pharma = delegation
    client.force_login(her.user)
    path = reverse("delegation:itinerary_ics", args=[programme.event.slug])
    first = client.get(path)

    again = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])

    assert (first.status_code, again.status_code, again.content) == (200, 304, b"")


def test_the_itinerary_download_queries_are_fixed_warm(
    client, delegation, programme, django_assert_max_num_queries
):
    her, _pharma = delegation
    client.force_login(her.user)
    path = reverse("delegation:itinerary_ics", args=[programme.event.slug])
    client.get(path)
    # The session and its user, the programme, her delegate row, and the
    # itinerary's version (the event's, her shifts, her meetings).
    with django_assert_max_num_queries(8):
        response = client.get(path)
    assert response.status_code == 200
