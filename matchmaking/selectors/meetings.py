"""A participant's own requests, meetings and notifications; nobody else's."""

from django.db.models import F, Prefetch, Q, QuerySet

from accounts.models import User
from events.models import Event
from matchmaking.enums import MeetingStatus, RequestStatus
from matchmaking.models import (
    Meeting,
    MeetingRequest,
    Notification,
    Participant,
    PartneringSetup,
    Slot,
)

PEOPLE = "registration__user__organisation"


def setup_get(*, event: Event) -> PartneringSetup:
    return PartneringSetup.objects.select_related("event").get(event=event)


def participant_get_for_user(*, event: Event, user: User) -> Participant:
    """The user's participant record (active or not); DoesNotExist if none."""
    if not user.is_authenticated:
        raise Participant.DoesNotExist
    return Participant.objects.select_related(PEOPLE, "event__partnering").get(
        event=event, registration__user=user
    )


def slot_list(*, event: Event) -> QuerySet[Slot]:
    return Slot.objects.filter(event=event).select_related("event", "block")


def _requests() -> QuerySet[MeetingRequest]:
    return MeetingRequest.objects.select_related(
        "event",
        f"sender__{PEOPLE}",
        f"recipient__{PEOPLE}",
        "proposed_slot__event",
        "meeting",
    )


def request_list_for(
    *, participant: Participant, box: str | None = None
) -> QuerySet[MeetingRequest]:
    """`box` is "sent", "received" or None for both."""
    mine = {
        "sent": Q(sender=participant),
        "received": Q(recipient=participant),
    }.get(box, Q(sender=participant) | Q(recipient=participant))
    return _requests().filter(mine)


def request_get_for(*, participant: Participant, request_id: int) -> MeetingRequest:
    return request_list_for(participant=participant).get(pk=request_id)


def request_between(*, me: Participant, other: Participant) -> MeetingRequest | None:
    """The latest request between two people that still stands (open, or
    declined: asking again is not offered), sent by either; None if none."""
    pair = Q(sender=me, recipient=other) | Q(sender=other, recipient=me)
    return (
        _requests()
        .filter(pair)
        .exclude(status=RequestStatus.CANCELLED)
        .order_by("-created_at", "-pk")
        .first()
    )


def _meetings() -> QuerySet[Meeting]:
    people = Participant.objects.select_related(PEOPLE).order_by("pk")
    return Meeting.objects.select_related(
        "event", "slot__event", "table", "fixed_slot__event", "request"
    ).prefetch_related(Prefetch("participants", queryset=people), "feedback")


def meeting_list_for(*, participant: Participant) -> QuerySet[Meeting]:
    return _meetings().filter(participants=participant)


def meeting_get_for(*, participant: Participant, meeting_id: int) -> Meeting:
    return meeting_list_for(participant=participant).get(pk=meeting_id)


def meeting_list_for_event(*, event: Event) -> QuerySet[Meeting]:
    return _meetings().filter(event=event)


def notification_list_for(
    *, user: User, event: Event, unread: bool | None = None
) -> QuerySet[Notification]:
    """The user's own notifications at the event, newest first; `unread` filters."""
    notes = Notification.objects.filter(user=user, event=event).select_related(
        "event", "actor__organisation"
    )
    if unread is not None:
        notes = notes.filter(read_at__isnull=unread)
    return notes


def notification_get_for(*, user: User, event: Event, notification_id: int):
    """One of the user's own; another's raises DoesNotExist (a 404)."""
    return notification_list_for(user=user, event=event).get(pk=notification_id)


def notification_unread_count(*, user: User, event: Event) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(
        user=user, event=event, read_at__isnull=True
    ).count()


def meeting_list_for_organiser(
    *, event: Event, person: Participant | None = None, day=None
) -> QuerySet[Meeting]:
    """The event's confirmed meetings, placed first in time order, then the rest;
    one person's or one day's when asked."""
    meetings = _meetings().filter(event=event, status=MeetingStatus.CONFIRMED)
    if person is not None:
        meetings = meetings.filter(participants=person)
    if day is not None:
        meetings = meetings.filter(slot__block__date=day)
    return meetings.order_by(
        F("slot__start").asc(nulls_last=True), "table__number", "pk"
    )
