"""Partnering meetings as calendar items, for the personal and company feeds.

Only meetings of the published schedule (those with a slot) are sent; a cancelled
one stays, as cancelled, for as long as removed sessions do. SEQUENCE counts seconds
from creation to the last change, so a moved meeting always carries a higher one.
"""

from collections.abc import Callable

from django.conf import settings
from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from calendars.ics import Item
from calendars.versions import scalar
from events.models import Event, Organisation
from matchmaking.enums import MeetingStatus
from matchmaking.models import Meeting, Participant


def meeting_uid(meeting_id: int, host: str) -> str:
    return f"meeting-{meeting_id}@{host}"


def _meetings(*, since) -> QuerySet[Meeting]:
    """Placed meetings; cancelled ones only if changed since `since` (None: none)."""
    people = Participant.objects.select_related("registration__user__organisation")
    kept = ~Q(status=MeetingStatus.CANCELLED)
    if since is not None:
        kept |= Q(updated_at__gte=since)
    return (
        Meeting.objects.exclude(slot=None)
        .filter(kept)
        .select_related("event__venue", "slot", "table")
        .prefetch_related(Prefetch("participants", queryset=people))
        .order_by("slot__start", "id")
    )


def _who(participant: Participant) -> str:
    """ "Minji Kim (Hanbit)"; "김민지 (한빛)" in a Korean calendar."""
    user = participant.registration.user
    org = user.organisation
    return f"{user.display_name()} ({org.name})" if org else user.display_name()


def meeting_item(
    meeting: Meeting, *, host: str, ours: Callable[[Participant], bool]
) -> Item:
    """`ours` tells the feed's own people from their counterparts."""
    event = meeting.event
    people = list(meeting.participants.all())
    counterparts = [p for p in people if not ours(p)] or people
    table = str(meeting.table) if meeting.table else ""
    lines = [_("Partnering meeting at %(table)s") % {"table": table}] if table else []
    lines += [_who(p) for p in people]
    return Item(
        uid=meeting_uid(meeting.pk, host),
        summary=_("Meeting: %(names)s") % {"names": ", ".join(map(_who, counterparts))},
        start=meeting.slot.start.astimezone(event.tz),
        end=meeting.slot.end.astimezone(event.tz),
        sequence=max(0, int((meeting.updated_at - meeting.created_at).total_seconds())),
        modified=meeting.updated_at,
        description="\n".join(lines),
        location=", ".join(p for p in (table, event.venue and event.venue.name) if p),
        url=settings.SITE_URL + reverse("matchmaking:my_meetings", args=[event.slug]),
        cancelled=meeting.status == MeetingStatus.CANCELLED,
    )


def personal_meeting_items(
    *, user: User, host: str, since, event: Event | None = None
) -> list[Item]:
    """The person's meetings; only one event's with `event`."""
    meetings = _meetings(since=since).filter(
        pk__in=_meeting_ids(registration__user=user)
    )
    if event is not None:
        meetings = meetings.filter(event=event)

    def ours(participant: Participant) -> bool:
        return participant.registration.user_id == user.pk

    return [meeting_item(m, host=host, ours=ours) for m in meetings]


def _meeting_ids(**lookup) -> QuerySet:
    """Ids of the meetings of these participants (`lookup` on Participant): a
    subquery, not a join and DISTINCT over every selected column."""
    through = Meeting.participants.through.objects
    prefixed = {f"participant__{key}": value for key, value in lookup.items()}
    return through.filter(**prefixed).values("meeting_id")


def company_meeting_items(
    *, organisation: Organisation, host: str, since
) -> list[Item]:
    meetings = _meetings(since=since).filter(
        pk__in=_meeting_ids(registration__user__organisation=organisation)
    )

    def ours(participant: Participant) -> bool:
        return participant.registration.user.organisation_id == organisation.pk

    return [meeting_item(m, host=host, ours=ours) for m in meetings]


def meetings_overlapping(*, user: User, start, end) -> list[Meeting]:
    """The person's scheduled meetings (not cancelled) that overlap start–end;
    their participants prefetched for `meeting_title`."""
    return list(
        _meetings(since=None)
        .filter(
            participants__registration__user=user,
            slot__start__lt=end,
            slot__end__gt=start,
        )
        .distinct()
    )


def meeting_title(meeting: Meeting, *, user: User) -> str:
    """ "Meeting: Minji Kim (Hanbit)": the counterparts of `user`."""
    people = list(meeting.participants.all())
    others = [p for p in people if p.registration.user_id != user.pk] or people
    return _("Meeting: %(names)s") % {"names": ", ".join(map(_who, others))}


def _meetings_of(*, event: Event | None, **lookup) -> QuerySet[Meeting]:
    prefixed = {f"participants__{key}": value for key, value in lookup.items()}
    meetings = Meeting.objects.filter(**prefixed)
    if event is not None:
        meetings = meetings.filter(event=event)
    return meetings


def meetings_version(*, event: Event | None = None, **lookup) -> tuple:
    """Changes whenever one of these meetings does; one query. `lookup` filters
    meetings through their participants, e.g. `registration__user=user`; `event`
    keeps one event's."""
    stats = _meetings_of(event=event, **lookup).aggregate(
        n=Count("id", distinct=True), changed=Max("updated_at")
    )
    return (stats["n"], stats["changed"])


def meetings_version_parts(*, event: Event | None = None, **lookup) -> dict:
    """The same as `meetings_version`, as subqueries for `calendars.versions.VersionQuery`."""
    meetings = _meetings_of(event=event, **lookup)
    return {
        "meetings_n": scalar(meetings, Count("id", distinct=True)),
        "meetings_changed": scalar(meetings, Max("updated_at")),
    }
