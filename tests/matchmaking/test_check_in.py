"""Check-in ("we met") and no-shows open shortly before a meeting, until the event
ends; feedback opens once it has started, and never assumes an outcome."""

import pytest
from django.contrib.messages import get_messages
from freezegun import freeze_time

from matchmaking import services
from matchmaking.enums import MeetingStatus
from matchmaking.forms import FeedbackForm
from matchmaking.models import MeetingFeedback
from matchmaking.models.meetings import CHECK_IN_OPENS_BEFORE
from matchmaking.services import PartneringError
from tests.factories.matchmaking import ParticipantFactory, accepted_meeting

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _url(event, rest: str = "") -> str:
    return f"/en/partnering/{event.slug}/meetings/{rest}"


@pytest.fixture
def meeting(event, investor, biotech):
    meeting = accepted_meeting(investor, biotech)
    meeting.slot = event.meeting_slots.order_by("start").first()
    meeting.table = event.meeting_tables.first()
    meeting.save()
    return meeting


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_check_in_is_refused_before_the_window_opens(meeting, biotech):
    early = meeting.slot.start - CHECK_IN_OPENS_BEFORE - CHECK_IN_OPENS_BEFORE / 15

    with pytest.raises(PartneringError) as refused:
        services.meeting_check_in(meeting=meeting, user=biotech.user, now=early)
    meeting.refresh_from_db()

    assert str(refused.value) == (
        "Check-in opens at 2027-03-16 08:45 KST, shortly before the meeting."
    )
    assert refused.value.status == 400
    assert meeting.status == MeetingStatus.CONFIRMED


def test_check_in_opens_shortly_before_the_start_and_closes_with_the_event(
    meeting, biotech, event
):
    opens = meeting.slot.start - CHECK_IN_OPENS_BEFORE

    with pytest.raises(PartneringError) as closed:
        services.meeting_no_show(meeting=meeting, user=biotech.user, now=event.ends_at)
    services.meeting_check_in(meeting=meeting, user=biotech.user, now=opens)
    meeting.refresh_from_db()

    assert str(closed.value) == "The event is over: check-in is closed."
    assert meeting.status == MeetingStatus.HELD


def test_a_crafted_early_check_in_gets_a_message_and_changes_nothing(
    client, meeting, biotech
):
    with freeze_time(meeting.slot.start - 2 * CHECK_IN_OPENS_BEFORE):
        client.force_login(biotech.user)
        page = client.get(_url(meeting.event)).content.decode()
        response = client.post(_url(meeting.event, f"{meeting.pk}/check-in/"))
        no_show = client.post(_url(meeting.event, f"{meeting.pk}/no-show/"))
    meeting.refresh_from_db()

    assert "check-in/" not in page
    assert "Check-in opens 15 minutes before the meeting starts." in page
    assert response["Location"] == _url(meeting.event)
    assert _messages(response) == [
        "Check-in opens at 2027-03-16 08:45 KST, shortly before the meeting."
    ]
    assert no_show.status_code == 302  # no confirmation step: nothing to confirm
    assert meeting.status == MeetingStatus.CONFIRMED


def test_checking_in_in_the_window_says_what_was_recorded(
    client, meeting, biotech, investor
):
    with freeze_time(meeting.slot.start):
        client.force_login(biotech.user)
        page = client.get(_url(meeting.event)).content.decode()
        response = client.post(_url(meeting.event, f"{meeting.pk}/check-in/"))
    meeting.refresh_from_db()

    assert f"{meeting.pk}/check-in/" in page
    assert _messages(response) == [
        f"Checked in: your meeting with {investor.user.get_full_name()} "
        f"({investor.organisation}) is held."
    ]
    assert meeting.status == MeetingStatus.HELD


def test_the_feedback_form_presets_no_outcome():
    form = FeedbackForm(data={"rating": "", "comment": ""})

    assert FeedbackForm().fields["outcome"].initial is None
    assert FeedbackForm().fields["outcome"].choices[0] == ("", "—")
    assert form.is_valid() is False
    assert list(form.errors) == ["outcome"]


def test_an_untouched_feedback_post_records_nothing(client, meeting, biotech):
    services.meeting_check_in(
        meeting=meeting, user=biotech.user, now=meeting.slot.start
    )
    with freeze_time(meeting.slot.end):
        client.force_login(biotech.user)
        page = client.get(_url(meeting.event)).content.decode()
        response = client.post(
            _url(meeting.event, f"{meeting.pk}/feedback/"), {"rating": ""}
        )

    assert '<option value="" selected>—</option>' in page
    assert _messages(response) == [
        "Choose the meeting's outcome: your feedback is not saved yet."
    ]
    assert MeetingFeedback.objects.count() == 0


def test_feedback_opens_only_once_the_meeting_has_started(meeting, biotech):
    opens = meeting.slot.start - CHECK_IN_OPENS_BEFORE
    services.meeting_check_in(meeting=meeting, user=biotech.user, now=opens)

    with pytest.raises(PartneringError):
        services.meeting_feedback_record(
            meeting=meeting, user=biotech.user, outcome="follow_up", now=opens
        )
    feedback = services.meeting_feedback_record(
        meeting=meeting, user=biotech.user, outcome="cda", now=meeting.slot.start
    )

    assert feedback.outcome == "cda"


@pytest.mark.parametrize("count", [1, 3])
def test_my_meetings_page_queries_do_not_grow(
    client, event, investor, count, django_assert_max_num_queries
):
    slots = list(event.meeting_slots.order_by("start"))
    for n in range(count):
        meeting = accepted_meeting(investor, ParticipantFactory(event=event))
        meeting.slot, meeting.table = slots[n], event.meeting_tables.first()
        meeting.save()
    client.force_login(investor.user)

    # 20 for the page; 2 for the header (partnering links, event navigation).
    with django_assert_max_num_queries(22):
        page = client.get(_url(event)).content.decode()

    assert page.count("Check-in opens 15 minutes before the meeting starts.") == count
