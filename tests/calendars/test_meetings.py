"""Partnering meetings in the personal and company feeds: placed by the published
schedule, moved with a higher SEQUENCE, cancelled as STATUS:CANCELLED."""

import datetime as dt

import pytest
from django.utils import timezone, translation
from icalendar import Calendar

from calendars import services as calendar_services
from calendars.meetings import personal_meeting_items
from events.enums import OrganisationKind
from matchmaking import services
from matchmaking.models import Meeting
from tests.factories.accounts import UserFactory
from tests.factories.matchmaking import (
    ParticipantFactory,
    accepted_meeting,
    partnering_event,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def event():
    return partnering_event(slots=4, tables=2).event


@pytest.fixture
def investor(event):
    return ParticipantFactory(event=event, kind=OrganisationKind.INVESTOR)


@pytest.fixture
def biotech(event):
    return ParticipantFactory(event=event)


def _publish(event, assignments=None) -> None:
    run = services.schedule_run(event=event, time_limit=5)
    if assignments is not None:
        run.solution = {**run.solution, "assignments": assignments}
        run.save(update_fields=["solution"])
    services.schedule_publish(run=run, user=None)


def _an_hour_ago(meeting: Meeting) -> None:
    """As if the meeting had last changed an hour ago, so a change now shows."""
    earlier = timezone.now() - dt.timedelta(hours=1)
    Meeting.objects.filter(pk=meeting.pk).update(
        created_at=earlier - dt.timedelta(hours=1), updated_at=earlier
    )


def _meeting_vevents(client, token: str) -> list:
    response = client.get(f"/calendar/feeds/{token}.ics")
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    return [e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("meeting-")]


def test_published_meeting_is_in_both_sides_feeds_with_table_and_counterpart(
    client, event, investor, biotech
):
    meeting = accepted_meeting(investor, biotech)
    _publish(event)
    meeting.refresh_from_db()
    personal = calendar_services.calendar_feed_issue(
        user=investor.user, kind="personal"
    )
    company = calendar_services.calendar_feed_issue(user=biotech.user, kind="company")

    (mine,) = _meeting_vevents(client, personal.token)
    (theirs,) = _meeting_vevents(client, company.token)

    biotech_name = f"{biotech.user.get_full_name()} ({biotech.organisation.name})"
    assert mine["SUMMARY"] == f"Meeting: {biotech_name}"
    assert mine["DTSTART"].dt == meeting.slot.start.astimezone(event.tz)
    assert mine["DTSTART"].params["TZID"] == "Asia/Seoul"
    assert mine["LOCATION"] == f"Table {meeting.table.number}, COEX"
    assert str(theirs["UID"]) == str(mine["UID"])
    assert theirs["SUMMARY"].startswith("Meeting: " + investor.user.get_full_name())


def test_moved_meeting_has_a_higher_sequence_and_cancelled_one_stays_cancelled(
    client, event, investor, biotech
):
    meeting = accepted_meeting(investor, biotech)
    _publish(event)
    _an_hour_ago(meeting)
    feed = calendar_services.calendar_feed_issue(user=investor.user, kind="personal")
    (before,) = _meeting_vevents(client, feed.token)
    meeting.refresh_from_db()
    other = event.meeting_slots.exclude(pk=meeting.slot_id).last()

    _publish(
        event, [{"meeting": f"m{meeting.pk}", "slot": f"s{other.pk}", "table": "T2"}]
    )
    (moved,) = _meeting_vevents(client, feed.token)
    _an_hour_ago(meeting)
    services.meeting_request_cancel(request=meeting.request, user=investor.user)
    (cancelled,) = _meeting_vevents(client, feed.token)

    assert moved["UID"] == before["UID"]
    assert moved["DTSTART"].dt == other.start.astimezone(event.tz)
    assert moved["LOCATION"] == "Table 2, COEX"
    assert moved["SEQUENCE"] > before["SEQUENCE"]
    assert cancelled["STATUS"] == "CANCELLED"
    assert cancelled["SEQUENCE"] > before["SEQUENCE"]


def test_unpublished_meetings_and_other_companies_stay_out(
    client, event, investor, biotech
):
    accepted_meeting(investor, biotech)
    outsider = UserFactory()
    feed = calendar_services.calendar_feed_issue(user=investor.user, kind="personal")
    assert _meeting_vevents(client, feed.token) == []  # no published schedule yet
    _publish(event)
    other = calendar_services.calendar_feed_issue(user=outsider, kind="company")
    assert _meeting_vevents(client, other.token) == []
    assert len(_meeting_vevents(client, feed.token)) == 1


@pytest.mark.parametrize("count", [1, 3])
def test_personal_feed_queries_do_not_grow_with_meetings(
    client, event, investor, count, django_assert_max_num_queries
):
    for _ in range(count):
        accepted_meeting(investor, ParticipantFactory(event=event))
    _publish(event)
    feed = calendar_services.calendar_feed_issue(user=investor.user, kind="personal")
    with django_assert_max_num_queries(14):
        assert len(_meeting_vevents(client, feed.token)) == count


def test_a_korean_calendar_names_the_counterpart_family_name_first(
    event, investor, biotech
):
    biotech.user.name_ko = ""
    biotech.user.first_name, biotech.user.last_name = "Minjun", "Kwon"
    biotech.user.save()
    accepted_meeting(investor, biotech)
    _publish(event)

    with translation.override("ko"):
        (item,) = personal_meeting_items(
            user=investor.user, host="x", since=timezone.now()
        )
        org = str(biotech.organisation)
    with translation.override("en"):
        (english,) = personal_meeting_items(
            user=investor.user, host="x", since=timezone.now()
        )

    assert f"Kwon Minjun ({org})" in item.summary
    assert f"Minjun Kwon ({biotech.organisation})" in english.summary
