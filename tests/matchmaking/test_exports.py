"""The meetings export, read as Excel reads it: BOM, local start times as dates
under a heading that names the zone, names in English and in Korean."""

import datetime as dt

import pytest

from tests.factories.matchmaking import accepted_meeting
from tests.spreadsheets import by_heading, csv_rows, xlsx_rows

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def scheduled(event, investor, biotech):
    meeting = accepted_meeting(investor, biotech)
    meeting.slot = event.meeting_slots.order_by("start").first()  # 09:00 local
    meeting.table = event.meeting_tables.first()
    meeting.required = True
    meeting.save()
    biotech.user.name_ko = "김민지"
    biotech.user.save()
    return meeting


def _url(event, fmt):
    return f"/en/partnering/{event.slug}/organiser/export.{fmt}"


def test_meetings_csv_has_local_times_and_both_names(
    client, event, organiser, scheduled
):
    client.force_login(organiser)
    response = client.get(_url(event, "csv"))
    (row,) = by_heading(csv_rows(response))
    label = scheduled.slot.start.astimezone(event.tz).strftime("%Z")
    assert response["Content-Disposition"] == (
        f'attachment; filename="{event.slug}-meetings.csv"'
    )
    assert row[f"Start ({label})"] == f"{event.start_date} 09:00"
    assert "김민지" in row["Participants (Korean names)"].split("; ")
    assert row["Must meet"] == "Yes"
    assert row["Status"] == scheduled.get_status_display()


def test_meetings_xlsx_has_dates_and_numbers(client, event, organiser, scheduled):
    client.force_login(organiser)
    (row,) = by_heading(xlsx_rows(client.get(_url(event, "xlsx"))))
    start = next(v for k, v in row.items() if k.startswith("Start ("))
    assert start == dt.datetime.combine(event.start_date, dt.time(9))  # noqa: DTZ001
    assert row["Meeting"] == scheduled.pk


def test_an_unknown_format_is_a_404(client, event, organiser):
    client.force_login(organiser)
    assert client.get(_url(event, "pdf")).status_code == 404


def test_the_report_writes_korean_names_family_name_first_without_a_korean_name(
    client, event, organiser, scheduled, investor
):
    investor.user.name_ko = ""
    investor.user.first_name, investor.user.last_name = "Minjun", "Kwon"
    investor.user.save()
    client.force_login(organiser)

    (row,) = by_heading(csv_rows(client.get(_url(event, "csv"))))

    assert set(row["Participants (Korean names)"].split("; ")) == {
        "김민지",
        "Kwon Minjun",
    }
