import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from events.enums import OrganisationKind
from matchmaking import services
from matchmaking.enums import MeetingStatus, RequestStatus
from matchmaking.models import Meeting, MeetingRequest, Notification
from matchmaking.services import PartneringError
from tests.factories.matchmaking import (
    MeetingRequestFactory,
    ParticipantFactory,
    accepted_meeting,
    colleague_of,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_send_creates_pending_request_and_notifies_recipient(
    investor, biotech, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = services.meeting_request_send(
            sender=investor, recipient=biotech, message="Hello", priority=3
        )
    assert (request.status, request.priority, request.message) == (
        RequestStatus.PENDING,
        3,
        "Hello",
    )
    note = Notification.objects.get(user=biotech.user)
    assert str(investor.user) in note.text
    assert note.url == f"/en/partnering/{biotech.event.slug}/requests/"
    assert [m.to for m in mail.outbox] == [[biotech.user.email]]


def test_accept_creates_one_meeting_and_double_accept_changes_nothing(
    investor, biotech
):
    request = MeetingRequestFactory(sender=investor, recipient=biotech, priority=3)
    services.meeting_request_accept(request=request, user=biotech.user)
    again = services.meeting_request_accept(request=request, user=biotech.user)
    assert again.status == RequestStatus.ACCEPTED
    meeting = Meeting.objects.get()
    assert meeting.request_id == request.pk
    assert meeting.priority == 3
    assert set(meeting.participants.all()) == {investor, biotech}


def test_sender_cannot_accept_own_request(investor, biotech):
    request = MeetingRequestFactory(sender=investor, recipient=biotech)
    with pytest.raises(PartneringError):
        services.meeting_request_accept(request=request, user=investor.user)
    assert MeetingRequest.objects.get().status == RequestStatus.PENDING


def test_no_accept_after_cancel(investor, biotech):
    request = MeetingRequestFactory(sender=investor, recipient=biotech)
    services.meeting_request_cancel(request=request, user=investor.user)
    with pytest.raises(PartneringError, match="cancelled"):
        services.meeting_request_accept(request=request, user=biotech.user)
    assert Meeting.objects.count() == 0
    assert services.meeting_request_cancel(
        request=request, user=investor.user
    ).status == (RequestStatus.CANCELLED)


def test_decline_records_reason_and_blocks_accept(investor, biotech):
    request = MeetingRequestFactory(sender=investor, recipient=biotech)
    services.meeting_request_decline(request=request, user=biotech.user, reason="Busy")
    request.refresh_from_db()
    assert (request.status, request.decline_reason) == (RequestStatus.DECLINED, "Busy")
    with pytest.raises(PartneringError):
        services.meeting_request_accept(request=request, user=biotech.user)


def test_counter_proposal_accepted_by_sender_fixes_the_slot(investor, biotech, event):
    request = MeetingRequestFactory(sender=investor, recipient=biotech)
    slot = event.meeting_slots.all()[2]
    services.meeting_request_propose(request=request, user=biotech.user, slot=slot)
    with pytest.raises(PartneringError):  # the recipient waits for the sender now
        services.meeting_request_accept(request=request, user=biotech.user)
    services.meeting_request_accept(request=request, user=investor.user)
    assert Meeting.objects.get().fixed_slot == slot


def test_cancel_of_accepted_request_cancels_the_meeting(investor, biotech):
    meeting = accepted_meeting(investor, biotech)
    services.meeting_request_cancel(request=meeting.request, user=biotech.user)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED


def test_someone_else_cannot_touch_a_request(investor, biotech, event):
    stranger = ParticipantFactory(event=event)
    request = MeetingRequestFactory(sender=investor, recipient=biotech)
    with pytest.raises(MeetingRequest.DoesNotExist):
        services.meeting_request_accept(request=request, user=stranger.user)


def test_cap_limits_requests_sent_but_cancelled_ones_do_not_count(event, investor):
    event.partnering.request_cap = 2
    event.partnering.save()
    first, second, third = (ParticipantFactory(event=event) for _ in range(3))
    sent = services.meeting_request_send(sender=investor, recipient=first)
    services.meeting_request_send(sender=investor, recipient=second)
    with pytest.raises(PartneringError, match="most requests allowed") as refused:
        services.meeting_request_send(sender=investor, recipient=third)
    assert refused.value.status == 403
    services.meeting_request_cancel(request=sent, user=investor.user)
    assert services.meeting_request_send(sender=investor, recipient=third).pk


def test_window_closed_refuses_requests(event, investor, biotech):
    now = timezone.now()
    event.partnering.requests_close_at = now - dt.timedelta(hours=1)
    event.partnering.requests_open_at = now - dt.timedelta(days=1)
    event.partnering.save()
    with pytest.raises(PartneringError, match="closed"):
        services.meeting_request_send(sender=investor, recipient=biotech)
    early = now - dt.timedelta(hours=12)
    assert services.meeting_request_send(sender=investor, recipient=biotech, now=early)


def test_rules_say_who_may_request_whom(event, investor):
    other_investor = ParticipantFactory(event=event, kind=OrganisationKind.INVESTOR)
    with pytest.raises(PartneringError, match="may not request"):
        services.meeting_request_send(sender=investor, recipient=other_investor)


def test_one_open_request_per_pair_in_either_direction(investor, biotech):
    services.meeting_request_send(sender=investor, recipient=biotech)
    with pytest.raises(PartneringError, match="already"):
        services.meeting_request_send(sender=biotech, recipient=investor)


def test_organiser_must_meet_is_required_and_others_may_not(
    event, investor, biotech, organiser
):
    meeting = services.meeting_create_by_organiser(
        event=event, user=organiser, participants=[investor, biotech]
    )
    assert (meeting.required, meeting.source) == (True, "organiser")
    with pytest.raises(PartneringError) as refused:
        services.meeting_create_by_organiser(
            event=event, user=investor.user, participants=[investor, biotech]
        )
    assert refused.value.status == 403


def test_colleague_joins_only_from_the_same_organisation(investor, biotech, event):
    meeting = accepted_meeting(investor, biotech)
    colleague = colleague_of(biotech)
    services.meeting_colleague_add(
        meeting=meeting, user=biotech.user, colleague=colleague
    )
    assert set(meeting.participants.all()) == {investor, biotech, colleague}
    outsider = ParticipantFactory(event=event)
    with pytest.raises(PartneringError):
        services.meeting_colleague_add(
            meeting=meeting, user=biotech.user, colleague=outsider
        )


def test_check_in_then_feedback_and_outcome(investor, biotech, event):
    meeting = accepted_meeting(investor, biotech)
    with pytest.raises(PartneringError):  # not scheduled yet
        services.meeting_check_in(meeting=meeting, user=biotech.user)
    meeting.slot, meeting.table = (
        event.meeting_slots.first(),
        event.meeting_tables.first(),
    )
    meeting.save()
    start = meeting.slot.start
    with pytest.raises(PartneringError):  # not held yet
        services.meeting_feedback_record(
            meeting=meeting, user=biotech.user, outcome="cda", now=start
        )
    services.meeting_check_in(meeting=meeting, user=biotech.user, now=start)
    feedback = services.meeting_feedback_record(
        meeting=meeting, user=biotech.user, outcome="cda", rating=5, now=start
    )
    assert (feedback.participant, feedback.outcome, feedback.rating) == (
        biotech,
        "cda",
        5,
    )
    with pytest.raises(PartneringError):
        services.meeting_no_show(meeting=meeting, user=investor.user, now=start)
