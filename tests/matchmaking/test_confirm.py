"""Cancelling a meeting, marking a no-show and publishing a schedule ask first (`config.confirm`):
a POST without the confirmation does nothing, with it the thing happens once."""

import pytest
from django.contrib.messages import get_messages
from freezegun import freeze_time

from matchmaking.enums import MeetingStatus, RequestStatus, RunStatus
from matchmaking.models import ScheduleRun
from tests.confirm import confirm_fields
from tests.factories.matchmaking import MeetingRequestFactory, accepted_meeting

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _url(event, rest: str) -> str:
    return f"/en/partnering/{event.slug}/{rest}"


def test_cancelling_a_meeting_names_the_other_side_first(
    client, event, investor, biotech
):
    request = MeetingRequestFactory(
        sender=investor, recipient=biotech, status=RequestStatus.ACCEPTED
    )
    url = _url(event, f"requests/{request.pk}/cancel/")
    client.force_login(biotech.user)

    asked = client.post(url).content.decode()
    request.refresh_from_db()
    still = request.status
    client.post(url, confirm_fields(asked))
    request.refresh_from_db()

    assert f"Cancel your meeting with {investor.user} ({investor.organisation})?" in (
        asked
    )
    assert still == RequestStatus.ACCEPTED
    assert request.status == RequestStatus.CANCELLED


def test_a_stale_cancellation_does_nothing(client, event, investor, biotech):
    request = MeetingRequestFactory(sender=investor, recipient=biotech)
    url = _url(event, f"requests/{request.pk}/cancel/")
    client.force_login(investor.user)
    asked = client.post(url).content.decode()
    request.status = RequestStatus.ACCEPTED  # the other side answered meanwhile
    request.save()
    stale = client.post(url, confirm_fields(asked))
    request.refresh_from_db()
    assert "Withdraw your meeting request" in asked
    assert request.status == RequestStatus.ACCEPTED
    assert any("Nothing was done" in str(m) for m in get_messages(stale.wsgi_request))


def test_publishing_asks_with_the_counts(client, event, organiser):
    run = ScheduleRun.objects.create(
        event=event, status=RunStatus.DRAFT, solution={"assignments": []}
    )
    url = _url(event, f"organiser/schedule/{run.pk}/publish/")
    client.force_login(organiser)

    asked = client.get(url).content.decode()
    client.post(url)
    run.refresh_from_db()
    draft = run.status
    client.post(url, confirm_fields(asked))
    run.refresh_from_db()

    assert f"Publish run {run.pk} as the meeting schedule" in asked
    assert "0 meetings move, 0 people told" in asked
    assert "0 meetings in the schedule." in asked
    assert draft == RunStatus.DRAFT
    assert run.status == RunStatus.PUBLISHED


def _scheduled_meeting(event, investor, biotech):
    meeting = accepted_meeting(investor, biotech)
    meeting.slot = event.meeting_slots.order_by("start").first()
    meeting.table = event.meeting_tables.first()
    meeting.save()
    return meeting


def test_marking_a_no_show_names_the_meeting_on_the_events_clock_first(
    client, event, investor, biotech
):
    meeting = _scheduled_meeting(event, investor, biotech)
    url = _url(event, f"meetings/{meeting.pk}/no-show/")

    with freeze_time(meeting.slot.start):
        client.force_login(biotech.user)
        asked = client.post(url).content.decode()
        meeting.refresh_from_db()
        still = meeting.status
        client.post(url, confirm_fields(asked))
    meeting.refresh_from_db()

    assert (
        f"Mark your meeting with {investor.user} ({investor.organisation}) "
        "as a no-show?"
    ) in asked
    assert f"{event.start_date:%Y-%m-%d} 09:00 KST at {meeting.table}" in asked
    assert still == MeetingStatus.CONFIRMED
    assert meeting.status == MeetingStatus.NO_SHOW


def test_a_no_show_on_a_meeting_checked_in_meanwhile_does_nothing(
    client, event, investor, biotech
):
    meeting = _scheduled_meeting(event, investor, biotech)
    url = _url(event, f"meetings/{meeting.pk}/no-show/")
    with freeze_time(meeting.slot.start):
        client.force_login(biotech.user)
        asked = client.post(url).content.decode()
        client.post(_url(event, f"meetings/{meeting.pk}/check-in/"))
        late = client.post(url, confirm_fields(asked))
    meeting.refresh_from_db()

    assert late.status_code == 302
    assert meeting.status == MeetingStatus.HELD
