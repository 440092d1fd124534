"""What partnering holds about a person: profiles, requests, meetings and
notifications. Meetings stay in the other side's history; a meeting still to
come blocks deletion."""

import datetime as dt

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.privacy import PersonalData, row
from matchmaking.enums import MeetingStatus
from matchmaking.models import Meeting, MeetingRequest, Notification, Participant


def _export(user) -> dict[str, list[dict]]:
    participants = list(Participant.objects.filter(registration__user=user))
    requests = MeetingRequest.objects.filter(
        Q(sender__in=participants) | Q(recipient__in=participants)
    ).order_by("pk")
    meetings = (
        Meeting.objects.filter(participants__in=participants)
        .distinct()
        .prefetch_related("participants")
        .order_by("pk")
    )
    return {
        "partnering_profiles": [
            row(p)
            | {
                "offers": list(p.offers.values_list("slug", flat=True)),
                "seeks": list(p.seeks.values_list("slug", flat=True)),
            }
            for p in participants
        ],
        "meeting_requests": [row(r) for r in requests],
        "meetings": [
            row(m) | {"participants": [p.pk for p in m.participants.all()]}
            for m in meetings
        ],
        "notifications": [
            row(n) for n in Notification.objects.filter(user=user).order_by("pk")
        ],
    }


def _upcoming_meetings(user):
    now = timezone.now()
    return Meeting.objects.filter(
        participants__registration__user=user,
        status=MeetingStatus.CONFIRMED,
        event__end_date__gte=(now - dt.timedelta(days=1)).date(),
    ).filter(Q(slot__isnull=True) | Q(slot__start__gt=now))


def _blockers(user) -> list[str]:
    if _upcoming_meetings(user).exists():
        return [_("You have partnering meetings still to come: cancel them first.")]
    return []


def _erase(user) -> None:
    participants = Participant.objects.filter(registration__user=user)
    MeetingRequest.objects.filter(sender__in=participants).update(message="")
    participants.update(is_active=False, pitch_en="", pitch_ko="", investment_focus="")
    Notification.objects.filter(user=user).delete()


SECTION = PersonalData(export=_export, blockers=_blockers, erase=_erase)
