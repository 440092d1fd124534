"""Partnering meetings as calendar items, for the personal and company feeds.

Only meetings of the published schedule (those with a slot) are sent; a cancelled
one stays, as cancelled, for as long as removed sessions do. SEQUENCE counts seconds
from creation to the last change, so a moved meeting always carries a higher one.
"""

from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from calendars.ics import Item
from config.compiled import Compiled, scalar
from events.models import Event, Organisation, Venue
from matchmaking.enums import MeetingStatus
from matchmaking.models import Meeting, Participant, Table


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
    user = participant.registration.user
    return _name(user, user.organisation)


def _name(user: User, organisation: Organisation | None) -> str:
    """ "Minji Kim (Hanbit)"; "김민지 (한빛)" in a Korean calendar."""
    name = user.display_name()
    return f"{name} ({organisation.name})" if organisation else name


# A feed's meetings are read as rows, one per meeting and participant, by a query
# compiled once (`config.compiled`): loading them as models with their
# participants prefetched was more than half of building a personal feed.
_MEETING = (
    "meeting_id",
    "meeting__event_id",
    "meeting__event__slug",
    "meeting__event__timezone",
    "meeting__event__venue__name_en",
    "meeting__event__venue__name_ko",
    "meeting__slot__start",
    "meeting__slot__end",
    "meeting__table__number",
    "meeting__created_at",
    "meeting__updated_at",
    "meeting__status",
)
_PERSON = (
    "participant__registration__user_id",
    "participant__registration__user__email",
    "participant__registration__user__first_name",
    "participant__registration__user__last_name",
    "participant__registration__user__name_ko",
    "participant__registration__user__organisation_id",
    "participant__registration__user__organisation__name_en",
    "participant__registration__user__organisation__name_ko",
)


def _meeting_rows(by: str) -> Compiled:
    """Rows of the placed meetings of the participants found by `by` (a lookup on
    Participant, given the call's value), with all their participants."""

    def build(value) -> QuerySet:
        return (
            Meeting.participants.through.objects.filter(
                meeting_id__in=_meeting_ids(**{by: value})
            )
            .exclude(meeting__slot=None)
            .order_by("meeting__slot__start", "meeting_id", "participant_id")
            .values_list(*_MEETING, *_PERSON)
        )

    return Compiled(build)


_PERSONAL_ROWS = _meeting_rows("registration__user_id")
_COMPANY_ROWS = _meeting_rows("registration__user__organisation_id")


@dataclass(frozen=True)
class _Person:
    user: User
    organisation: Organisation | None

    @property
    def name(self) -> str:
        return _name(self.user, self.organisation)


def _person(row: tuple) -> _Person:
    user_id, email, first, last, name_ko, org_id, org_en, org_ko = row
    user = User(
        pk=user_id, email=email, first_name=first, last_name=last, name_ko=name_ko
    )
    org = Organisation(pk=org_id, name_en=org_en, name_ko=org_ko) if org_id else None
    return _Person(user, org)


def _company_order(person: _Person) -> str:
    return person.organisation.name_en if person.organisation else ""


def _meeting_items(
    rows: list[tuple], *, host: str, since, ours: Callable[[_Person], bool]
) -> list[Item]:
    """One item per meeting in `rows`, unless it was cancelled before `since`;
    `ours` tells the feed's own people from their counterparts."""
    meetings: dict[int, tuple] = {}
    people: dict[int, list[_Person]] = {}
    width = len(_MEETING)
    for row in rows:
        meetings.setdefault(row[0], row[:width])
        people.setdefault(row[0], []).append(_person(row[width:]))
    items = []
    for pk, meeting in meetings.items():
        (_pk, _event, slug, zone, venue_en, venue_ko, start, end, table, created, changed,
         status) = meeting  # fmt: skip
        cancelled = status == MeetingStatus.CANCELLED
        if cancelled and changed < since:
            continue
        # In Participant's order: by company (as stored), then as placed.
        present = sorted(people[pk], key=_company_order)
        counterparts = [p for p in present if not ours(p)] or present
        table_name = str(Table(number=table)) if table else ""
        venue = Venue(name_en=venue_en, name_ko=venue_ko).name if venue_en else ""
        lines = (
            [_("Partnering meeting at %(table)s") % {"table": table_name}]
            if table
            else []
        )
        tz = ZoneInfo(zone)
        items.append(
            Item(
                uid=meeting_uid(pk, host),
                summary=_("Meeting: %(names)s")
                % {"names": ", ".join(p.name for p in counterparts)},
                start=start.astimezone(tz),
                end=end.astimezone(tz),
                sequence=max(0, int((changed - created).total_seconds())),
                modified=changed,
                description="\n".join(lines + [p.name for p in present]),
                location=", ".join(p for p in (table_name, venue) if p),
                url=settings.SITE_URL + reverse("matchmaking:my_meetings", args=[slug]),
                cancelled=cancelled,
            )
        )
    return items


def personal_meeting_items(
    *, user: User, host: str, since, event: Event | None = None
) -> list[Item]:
    """The person's meetings; only one event's with `event`."""
    rows = _PERSONAL_ROWS.rows(user.pk)
    if event is not None:
        rows = [row for row in rows if row[1] == event.pk]
    return _meeting_items(
        rows, host=host, since=since, ours=lambda p: p.user.pk == user.pk
    )


def _meeting_ids(**lookup) -> QuerySet:
    """Ids of the meetings of these participants (`lookup` on Participant): a
    subquery, not a join and DISTINCT over every selected column."""
    through = Meeting.participants.through.objects
    prefixed = {f"participant__{key}": value for key, value in lookup.items()}
    return through.filter(**prefixed).values("meeting_id")


def company_meeting_items(
    *, organisation: Organisation, host: str, since
) -> list[Item]:
    def ours(person: _Person) -> bool:
        return bool(person.organisation) and person.organisation.pk == organisation.pk

    rows = _COMPANY_ROWS.rows(organisation.pk)
    return _meeting_items(rows, host=host, since=since, ours=ours)


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
    """The same as `meetings_version`, as subqueries for `config.compiled.VersionQuery`."""
    meetings = _meetings_of(event=event, **lookup)
    return {
        "meetings_n": scalar(meetings, Count("id", distinct=True)),
        "meetings_changed": scalar(meetings, Max("updated_at")),
    }
