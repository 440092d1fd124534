"""Meeting requests and meetings: every change is valid only from the right state.

Repeating a change that already happened (accept twice, cancel twice) returns the
object unchanged instead of failing, so a double click or a retried API call is safe.
"""

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from events.authority import is_organiser
from events.dates import date_text
from events.localtime import local_text
from events.models import Event
from matchmaking.enums import (
    MeetingSource,
    MeetingStatus,
    NotificationKind,
    Priority,
)
from matchmaking.enums import RequestStatus as S
from matchmaking.models import (
    Meeting,
    MeetingFeedback,
    MeetingRequest,
    Participant,
    Slot,
)
from matchmaking.models.meetings import CHECK_IN_OPENS_BEFORE
from matchmaking.services.common import (
    PartneringError,
    notify,
    require_organiser,
    save,
)


def _requests_url(event: Event) -> str:
    return reverse("matchmaking:my_requests", kwargs={"slug": event.slug})


def _meetings_url(event: Event) -> str:
    return reverse("matchmaking:my_meetings", kwargs={"slug": event.slug})


def _check_may_send(sender: Participant, recipient: Participant, now) -> None:
    setup = sender.event.partnering
    if recipient.event_id != sender.event_id or not recipient.is_active:
        raise PartneringError(_("That participant is not in this event."), 404)
    if recipient.pk == sender.pk:
        raise PartneringError(_("You cannot request a meeting with yourself."), 400)
    if not setup.window_open(now):
        raise PartneringError(_("Meeting requests are closed at the moment."), 403)
    if not setup.may_request(sender.kind, recipient.kind):
        raise PartneringError(
            _("At this event, %(a)s participants may not request %(b)s participants.")
            % {"a": sender.kind or "-", "b": recipient.kind or "-"},
            403,
        )
    _check_not_asked(sender, recipient)
    sent = MeetingRequest.objects.filter(sender=sender).exclude(status=S.CANCELLED)
    if sent.count() >= setup.request_cap:
        raise PartneringError(
            _("You have sent the most requests allowed (%(cap)s).")
            % {"cap": setup.request_cap},
            403,
        )


def _check_not_asked(sender: Participant, recipient: Participant) -> None:
    """One request per pair: open, accepted or declined, it stands (a cancelled
    one does not); a second is refused, naming the first."""
    earlier = (
        MeetingRequest.objects.filter(
            sender__in=[sender, recipient], recipient__in=[sender, recipient]
        )
        .exclude(status=S.CANCELLED)
        .order_by("-created_at", "-pk")
        .first()
    )
    if earlier is None:
        return
    values = {
        "date": date_text(earlier.created_at, "MEDIUM_DATE_FORMAT", sender.event),
        "status": earlier.get_status_display().lower(),
    }
    if earlier.sender_id == sender.pk:
        message = _("You already asked on %(date)s: the request is %(status)s.")
    else:
        message = _("They already asked you on %(date)s: the request is %(status)s.")
    raise PartneringError(message % values)


@transaction.atomic
def meeting_request_send(
    *,
    sender: Participant,
    recipient: Participant,
    message: str = "",
    priority: int = Priority.NORMAL,
    now: dt.datetime | None = None,
) -> MeetingRequest:
    # Lock the sender so two requests sent at once cannot both pass the cap.
    sender = Participant.objects.select_for_update().get(pk=sender.pk)
    _check_may_send(sender, recipient, now or timezone.now())
    request = save(
        MeetingRequest(event_id=sender.event_id, sender=sender, recipient=recipient),
        message=message,
        priority=priority,
    )
    notify(
        users=[recipient.user],
        event=sender.event,
        kind=NotificationKind.REQUEST_RECEIVED,
        actor=sender.user,
        params={"message": message} if message else None,
        url=_requests_url(sender.event),
    )
    return request


def _locked(request: MeetingRequest) -> MeetingRequest:
    return (
        MeetingRequest.objects.select_for_update()
        .select_related(
            "event", "sender__registration__user", "recipient__registration__user"
        )
        .get(pk=request.pk)
    )


def _side(request: MeetingRequest, user: User) -> str:
    if request.sender.registration.user_id == user.pk:
        return "sender"
    if request.recipient.registration.user_id == user.pk:
        return "recipient"
    raise MeetingRequest.DoesNotExist  # someone else's request is not there at all


def _refuse(request: MeetingRequest) -> PartneringError:
    return PartneringError(
        _("This request is %(status)s: it cannot change that way.")
        % {"status": request.get_status_display().lower()}
    )


@transaction.atomic
def meeting_request_accept(*, request: MeetingRequest, user: User) -> MeetingRequest:
    """The recipient accepts a request, or the sender accepts the time proposed."""
    request = _locked(request)
    side = _side(request, user)
    if request.status == S.ACCEPTED:
        return request
    expected = S.PENDING if side == "recipient" else S.PROPOSED
    if request.status != expected:
        raise _refuse(request)
    request = save(request, status=S.ACCEPTED, responded_at=timezone.now())
    meeting = save(
        Meeting(event=request.event, request=request, source=MeetingSource.REQUEST),
        priority=request.priority,
        fixed_slot=request.proposed_slot,
    )
    meeting.participants.set([request.sender, request.recipient])
    other = request.sender if side == "recipient" else request.recipient
    notify(
        users=[other.user],
        event=request.event,
        kind=NotificationKind.REQUEST_ACCEPTED,
        actor=user,
        url=_meetings_url(request.event),
    )
    return request


@transaction.atomic
def meeting_request_decline(
    *, request: MeetingRequest, user: User, reason: str = ""
) -> MeetingRequest:
    """The recipient declines; the sender may decline a time proposed to them."""
    request = _locked(request)
    side = _side(request, user)
    if request.status == S.DECLINED:
        return request
    expected = S.PENDING if side == "recipient" else S.PROPOSED
    if request.status != expected:
        raise _refuse(request)
    request = save(
        request, status=S.DECLINED, decline_reason=reason, responded_at=timezone.now()
    )
    other = request.sender if side == "recipient" else request.recipient
    notify(
        users=[other.user],
        event=request.event,
        kind=NotificationKind.REQUEST_DECLINED,
        actor=user,
        url=_requests_url(request.event),
    )
    return request


@transaction.atomic
def meeting_request_propose(
    *, request: MeetingRequest, user: User, slot: Slot
) -> MeetingRequest:
    """The recipient proposes another time; the sender then accepts or declines it."""
    request = _locked(request)
    if _side(request, user) != "recipient" or request.status != S.PENDING:
        raise _refuse(request)
    if slot.event_id != request.event_id:
        raise PartneringError(_("That slot belongs to another event."), 400)
    request = save(request, status=S.PROPOSED, proposed_slot=slot)
    notify(
        users=[request.sender.user],
        event=request.event,
        kind=NotificationKind.TIME_PROPOSED,
        actor=user,
        params={"slot": slot.start.isoformat()},
        url=_requests_url(request.event),
    )
    return request


@transaction.atomic
def meeting_request_cancel(*, request: MeetingRequest, user: User) -> MeetingRequest:
    """The sender withdraws an open request; either side cancels an accepted one."""
    request = _locked(request)
    side = _side(request, user)
    if request.status == S.CANCELLED:
        return request
    if request.status in (S.DECLINED,) or (
        side == "recipient" and request.status != S.ACCEPTED
    ):
        raise _refuse(request)
    was_accepted = request.status == S.ACCEPTED
    request = save(request, status=S.CANCELLED, responded_at=timezone.now())
    if was_accepted:
        Meeting.objects.filter(request=request).update(
            status=MeetingStatus.CANCELLED, updated_at=timezone.now()
        )
    other = request.recipient if side == "sender" else request.sender
    notify(
        users=[other.user],
        event=request.event,
        kind=NotificationKind.MEETING_CANCELLED,
        actor=user,
        url=_requests_url(request.event),
    )
    return request


@transaction.atomic
def meeting_create_by_organiser(
    *,
    event: Event,
    user: User,
    participants: Iterable[Participant],
    required: bool = True,
    priority: int = Priority.HIGH,
) -> Meeting:
    """A "must meet" meeting the organiser sets directly, without a request."""
    require_organiser(user=user, event=event)
    participants = list(participants)
    if len({p.pk for p in participants}) < 2 or any(
        p.event_id != event.pk for p in participants
    ):
        raise PartneringError(_("A meeting needs two participants of this event."), 400)
    meeting = save(
        Meeting(event=event, source=MeetingSource.ORGANISER, created_by=user),
        required=required,
        priority=priority,
    )
    meeting.participants.set(participants)
    notify(
        users=[p.user for p in participants],
        event=event,
        kind=NotificationKind.MEETING_ADDED,
        actor=user,
        url=_meetings_url(event),
    )
    return meeting


def _meeting_side(meeting: Meeting, user: User) -> Participant:
    for participant in meeting.participants.select_related("registration__user"):
        if participant.registration.user_id == user.pk:
            return participant
    raise Meeting.DoesNotExist


@transaction.atomic
def meeting_colleague_add(*, meeting: Meeting, user: User, colleague: Participant):
    """A participant brings a colleague of their own organisation to a meeting."""
    me = _meeting_side(meeting, user)
    if meeting.status == MeetingStatus.CANCELLED:
        raise PartneringError(_("This meeting is cancelled."))
    same_org = colleague.organisation and colleague.organisation == me.organisation
    if colleague.event_id != meeting.event_id or not same_org:
        raise PartneringError(
            _("Only colleagues of your organisation taking part here may join."), 400
        )
    meeting.participants.add(colleague)
    Meeting.objects.filter(pk=meeting.pk).update(updated_at=timezone.now())
    return meeting


def _may_mark(meeting: Meeting, user: User) -> None:
    if not is_organiser(user=user, event=meeting.event):
        _meeting_side(meeting, user)


def _check_window(meeting: Meeting, now: dt.datetime | None) -> None:
    """Check-in and no-shows open shortly before the start, until the event ends."""
    state = meeting.check_in_state(now)
    if state == "early":
        opens = meeting.slot.start - CHECK_IN_OPENS_BEFORE
        raise PartneringError(
            _("Check-in opens at %(time)s, shortly before the meeting.")
            % {"time": local_text(opens, meeting.event)},
            400,
        )
    if state == "closed":
        raise PartneringError(_("The event is over: check-in is closed."), 400)


def _markable(meeting: Meeting, user: User) -> Meeting:
    _may_mark(meeting, user)
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("event", "slot")
        .get(pk=meeting.pk)
    )


@transaction.atomic
def meeting_check_in(
    *, meeting: Meeting, user: User, now: dt.datetime | None = None
) -> Meeting:
    meeting = _markable(meeting, user)
    if meeting.status == MeetingStatus.HELD:
        return meeting
    if meeting.status != MeetingStatus.CONFIRMED or meeting.slot_id is None:
        raise PartneringError(_("Only a scheduled meeting can be checked in."))
    _check_window(meeting, now)
    return save(meeting, status=MeetingStatus.HELD, checked_in_at=timezone.now())


@transaction.atomic
def meeting_no_show(
    *, meeting: Meeting, user: User, now: dt.datetime | None = None
) -> Meeting:
    meeting = _markable(meeting, user)
    if meeting.status == MeetingStatus.NO_SHOW:
        return meeting
    if meeting.status != MeetingStatus.CONFIRMED or meeting.slot_id is None:
        raise PartneringError(_("Only a scheduled meeting can be marked a no-show."))
    _check_window(meeting, now)
    return save(meeting, status=MeetingStatus.NO_SHOW)


@transaction.atomic
def meeting_feedback_record(
    *,
    meeting: Meeting,
    user: User,
    outcome: str,
    rating: int | None = None,
    comment: str = "",
    now: dt.datetime | None = None,
) -> MeetingFeedback:
    """Each side records its own feedback once the meeting was held and has
    started (editable); the outcome is always chosen, never assumed."""
    me = _meeting_side(meeting, user)
    meeting = Meeting.objects.select_related("slot").get(pk=meeting.pk)
    if not meeting.feedback_open(now):
        raise PartneringError(_("Feedback is for meetings that took place."))
    feedback = MeetingFeedback.objects.filter(meeting=meeting, participant=me).first()
    feedback = feedback or MeetingFeedback(meeting=meeting, participant=me)
    return save(feedback, outcome=outcome, rating=rating, comment=comment)
