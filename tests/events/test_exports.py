"""Spreadsheets organisers download (events.exports): CSV with a BOM that Excel on
a Korean Windows reads, XLSX with numbers, local dates and the zone in the heading;
the Wagtail sessions list's export with the event, both titles and the speakers."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from events import exports
from events.exports import DATETIME, MONEY, Column, Money
from events.models import EventTeamMember
from tests.factories.accounts import UserFactory
from tests.factories.events import (
    EventFactory,
    RoomFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SpeakerFactory,
    local,
)
from tests.spreadsheets import BOM, by_heading, csv_rows, xlsx_rows, xlsx_sheet

pytestmark = pytest.mark.integration

SEOUL_NINE = dt.datetime(2027, 9, 14, 0, 0, tzinfo=dt.UTC)
# What Excel shows for it: 09:00 on the Seoul clock, without a zone.
NINE_IN_SEOUL = dt.datetime.fromisoformat("2027-09-14T09:00")


def _sheet(rows, zone="Asia/Seoul"):
    columns = [
        Column("Name"),
        Column("Price", MONEY),
        Column("Seats"),
        Column("Start", DATETIME),
    ]
    return exports.Sheet(title="Test", columns=columns, rows=rows, zone=zone)


def test_csv_has_a_bom_quotes_and_local_times():
    sheet = _sheet(
        [
            ['김민지, "MJ"', Money(Decimal("350000.00"), "KRW"), 3, SEOUL_NINE],
            ["Line\nbreak", Money(Decimal("12.5"), "USD"), 0, None],
        ]
    )
    body = exports.csv_bytes(sheet)
    assert body.startswith(BOM)
    text = body.decode("utf-8-sig")
    assert text.splitlines()[0] == "Name,Price,Seats,Start (KST)"
    assert '"김민지, ""MJ"""' in text
    assert '350000,3,2027-09-14 09:00\r\n"Line\nbreak",12.50,0,\r\n' in text


@pytest.mark.parametrize("text", ["=1+1", "+82 10", "-2", "@SUM(A1)", "=HYPERLINK()"])
def test_formulas_stay_text(text):
    sheet = _sheet([[text, None, None, None]])
    assert (
        exports.csv_bytes(sheet)
        .decode("utf-8-sig")
        .splitlines()[1]
        .startswith("'" + text[:3])
    )
    cell = load_workbook(io.BytesIO(exports.xlsx_bytes(sheet))).active["A2"]
    assert (cell.value, cell.data_type) == (text, "s")


def test_xlsx_has_numbers_local_dates_and_a_frozen_heading():
    sheet = _sheet(
        [
            ["김민지", Money(Decimal("350000.00"), "KRW"), 3, SEOUL_NINE],
            ["Ann", Money(Decimal("12.5"), "USD"), 0, None],
        ]
    )
    ws = load_workbook(io.BytesIO(exports.xlsx_bytes(sheet))).active
    assert [c.value for c in ws[1]] == ["Name", "Price", "Seats", "Start (KST)"]
    assert (ws["B2"].value, ws["B2"].number_format) == (350000, "#,##0")
    assert (ws["B3"].value, ws["B3"].number_format) == (12.5, "#,##0.00")
    assert ws["C2"].value == 3
    assert isinstance(ws["C2"].value, int)
    assert ws["D2"].value == NINE_IN_SEOUL
    assert ws["D2"].is_date
    assert ws["D3"].value is None
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["A"].width >= len("김민지") * 2


def test_a_zone_with_summer_time_is_named_as_on_the_day():
    chicago = dt.datetime(2027, 6, 1, 14, 0, tzinfo=dt.UTC)
    sheet = _sheet([["A", None, 1, chicago]], zone="America/Chicago")
    assert sheet.headings()[-1] == "Start (CDT)"


def test_an_unknown_format_is_refused():
    with pytest.raises(exports.ExportFormatError):
        exports.export_response(_sheet([]), fmt="pdf", filename="x")


# The sessions list of the Wagtail admin ------------------------------------------


@pytest.fixture
def agenda(db):
    event = EventFactory(slug="kic-2027", name_en="KIC 2027", timezone="Asia/Seoul")
    room = RoomFactory(event=event, name_en="Hall A", name_ko="A홀")
    session = SessionFactory(
        event=event,
        room=room,
        title_en="Opening keynote",
        title_ko="개회 기조연설",
        start=local(event, 0, 9),
        end=local(event, 0, 10),
    )
    for order, (first, last, korean) in enumerate(
        [("Minji", "Kim", "김민지"), ("Ann", "Lee", "")]
    ):
        user = UserFactory(first_name=first, last_name=last, name_ko=korean)
        speaker = SpeakerFactory(event=event, user=user)
        SessionSpeakerFactory(session=session, speaker=speaker, order=order)
    SessionFactory(event=EventFactory(slug="other"), title_en="Not ours")
    return event


@pytest.fixture
def organiser_client(client, agenda):
    user = UserFactory(is_staff=False)
    EventTeamMember.objects.create(event=agenda, user=user, role="organiser")
    client.force_login(user)
    return client


URL = "/admin/snippets/events/session/"


def test_sessions_csv_has_event_speakers_and_local_times(organiser_client):
    response = organiser_client.get(URL + "?export=csv")
    rows = by_heading(csv_rows(response))
    assert response["Content-Disposition"] == (
        'attachment; filename="kic-2027-sessions.csv"'
    )
    assert rows == [
        {
            "Event": "KIC 2027",
            "Title (English)": "Opening keynote",
            "Title (Korean)": "개회 기조연설",
            "Kind": "Talk",
            "Start (KST)": "2027-09-14 09:00",
            "End (KST)": "2027-09-14 10:00",
            "Room (English)": "Hall A",
            "Room (Korean)": "A홀",
            "Track": "",
            "Speakers": "Minji Kim; Ann Lee",
            "Speakers (Korean names)": "김민지",
            "Language": "English",
            "Capacity": "",
        }
    ]


def test_sessions_xlsx_has_real_local_dates(organiser_client):
    response = organiser_client.get(URL + "?export=xlsx")
    rows = by_heading(xlsx_rows(response))
    assert len(rows) == 1
    assert rows[0]["Start (KST)"] == NINE_IN_SEOUL
    assert rows[0]["Speakers"] == "Minji Kim; Ann Lee"
    assert xlsx_sheet(organiser_client.get(URL + "?export=xlsx")).freeze_panes == "A2"


def test_sessions_of_events_in_two_zones_each_on_their_own_clock(client, agenda):
    chicago = EventFactory(slug="asco", timezone="America/Chicago")
    SessionFactory(event=chicago, title_en="Welcome", start=local(chicago, 0, 9))
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    rows = by_heading(csv_rows(client.get(URL + "?export=csv")))
    starts = {r["Title (English)"]: r["Start (local time)"] for r in rows}
    assert starts["Opening keynote"] == "2027-09-14 09:00"
    assert starts["Welcome"] == "2027-09-14 09:00"


def test_sessions_export_queries_do_not_grow(
    organiser_client, agenda, django_assert_max_num_queries
):
    organiser_client.get(URL + "?export=csv")
    with django_assert_max_num_queries(25) as one:
        organiser_client.get(URL + "?export=xlsx")
    for _ in range(5):
        session = SessionFactory(event=agenda)
        SessionSpeakerFactory(session=session)
    with django_assert_max_num_queries(len(one.captured_queries)):
        organiser_client.get(URL + "?export=xlsx")
