"""Reads: querysets with their joins already applied, so callers never add N+1s."""

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, Min, OuterRef, Prefetch, Q, QuerySet

from accounts.models import User
from config.compiled import ANY_ID, ANY_TEXT, Compiled, instances, model_columns
from events.enums import SessionKind, SessionLanguage
from events.models import (
    Event,
    EventTeamMember,
    Organisation,
    Room,
    Session,
    SessionSpeaker,
    Speaker,
    Sponsor,
    Track,
    Venue,
)


class FilterError(ValueError):
    """A filter value that names nothing in this event; the API answers 400."""


def _visible(member_id: int | None, *, superuser: bool = False) -> Q:
    """Which events a person sees, the one rule for lists and lookups: published
    ones; a superuser every one; a team member also the unpublished events they
    work on (`member_id`: the signed-in person's id, None for a visitor)."""
    if superuser:
        return Q()
    visible = Q(is_published=True)
    if member_id is not None:
        team = EventTeamMember.objects.filter(event=OuterRef("pk"), user_id=member_id)
        visible |= Exists(team)
    return visible


def _viewer(user: User | None) -> tuple[int | None, bool]:
    """(the signed-in person's id or None, whether a superuser) for `_visible`."""
    if user is None or not user.is_authenticated:
        return None, False
    return user.pk, user.is_superuser


def event_list_visible(*, user: User | None = None) -> QuerySet[Event]:
    """Published events, plus unpublished ones the user works on."""
    member_id, superuser = _viewer(user)
    visible = _visible(member_id, superuser=superuser)
    return Event.objects.filter(visible).select_related("venue").distinct()


def event_list_published() -> QuerySet[Event]:
    return event_list_visible(user=None)


def _event_by_slug(slug: str, visible: Q) -> QuerySet:
    # Columns named when first compiled: translated fields are added to the
    # models only once the apps are loaded.
    columns = [*model_columns(Event), *model_columns(Venue, "venue__")]
    return Event.objects.rewrite(False).filter(visible, slug=slug).values_list(*columns)


# The event and its venue by slug, as `event_list_visible` shows them, compiled
# once (`config.compiled`) for each kind of viewer: every API call and page of an
# event asks it, and building the query cost more than the rest of a sold-out answer.
_EVENT_PUBLISHED = Compiled(
    lambda slug: _event_by_slug(slug, _visible(None)), placeholders=(ANY_TEXT,)
)
_EVENT_ANY = Compiled(
    lambda slug: _event_by_slug(slug, _visible(None, superuser=True)),
    placeholders=(ANY_TEXT,),
)
_EVENT_FOR_MEMBER = Compiled(
    lambda slug, member_id: _event_by_slug(slug, _visible(member_id)),
    placeholders=(ANY_TEXT, ANY_ID),
)


def event_get(*, slug: str, user: User | None = None) -> Event:
    """The event `event_list_visible` shows this user; Event.DoesNotExist if none."""
    member_id, superuser = _viewer(user)
    if superuser:
        rows = _EVENT_ANY.rows(slug)
    elif member_id is None:
        rows = _EVENT_PUBLISHED.rows(slug)
    else:
        rows = _EVENT_FOR_MEMBER.rows(slug, member_id)
    if not rows:
        raise Event.DoesNotExist("No visible event with this slug.")
    event, venue = instances(rows[0], Event, Venue)
    event.venue = venue if event.venue_id else None
    return event


def _speaker_roles() -> Prefetch:
    roles = SessionSpeaker.objects.select_related("speaker__user__organisation")
    return Prefetch("session_speakers", queryset=roles.order_by("order", "id"))


def session_list_for_agenda(
    *,
    event: Event,
    day: dt.date | None = None,
    track: str | None = None,
    room: int | None = None,
    kind: str | None = None,
    language: str | None = None,
    q: str | None = None,
) -> QuerySet[Session]:
    """The event's sessions in time order, filtered; `day` is a local calendar day."""
    sessions = event.sessions.select_related("room", "track").prefetch_related(
        _speaker_roles()
    )
    if day is not None:
        sessions = sessions.filter(**_day_bounds(event, day))
    if track:
        sessions = sessions.filter(track=_track(event, track))
    if room is not None:
        sessions = sessions.filter(room=_room(event, room))
    if kind:
        sessions = sessions.filter(kind=kind)
    if language:
        sessions = sessions.filter(language=language)
    if q:
        sessions = sessions.filter(_session_text(q)).distinct()
    return sessions.order_by("start", "room__order", "id")


def session_get(*, event: Event, session_id: int) -> Session:
    return session_list_for_agenda(event=event).get(pk=session_id)


def _day_bounds(event: Event, day: dt.date) -> dict:
    if not event.start_date <= day <= event.end_date:
        raise FilterError(
            f"day {day.isoformat()} is outside the event "
            f"({event.start_date.isoformat()} to {event.end_date.isoformat()})."
        )
    start = dt.datetime.combine(day, dt.time.min, tzinfo=event.tz)
    return {"start__gte": start, "start__lt": start + dt.timedelta(days=1)}


def _track(event: Event, slug: str) -> Track:
    try:
        return event.tracks.get(slug=slug)
    except Track.DoesNotExist:
        known = ", ".join(event.tracks.values_list("slug", flat=True))
        raise FilterError(
            f"No track '{slug}' in this event. Tracks: {known}."
        ) from None


def _room(event: Event, room_id: int) -> Room:
    try:
        return event.rooms.get(pk=room_id)
    except Room.DoesNotExist:
        raise FilterError(f"No room {room_id} in this event.") from None


def _session_text(q: str) -> Q:
    words = Q()
    for field in ("title_en", "title_ko", "abstract_en", "abstract_ko"):
        words |= Q(**{f"{field}__icontains": q})
    for field in ("first_name", "last_name", "name_ko"):
        words |= Q(**{f"speakers__user__{field}__icontains": q})
    return words


def speaker_list(*, event: Event, q: str | None = None) -> QuerySet[Speaker]:
    sessions = Session.objects.select_related("room", "event").order_by("start")
    speakers = (
        event.speakers.select_related("user__organisation")
        .prefetch_related(Prefetch("sessions", queryset=sessions))
        .order_by("user__last_name", "user__first_name", "id")
    )
    if q:
        text = Q()
        for field in ("first_name", "last_name", "name_ko", "organisation__name_en"):
            text |= Q(**{f"user__{field}__icontains": q})
        speakers = speakers.filter(text)
    return speakers


def speaker_get(*, event: Event, speaker_id: int) -> Speaker:
    return speaker_list(event=event).get(pk=speaker_id)


def room_list(*, event: Event) -> QuerySet[Room]:
    return event.rooms.order_by("order", "name")


def track_list(*, event: Event) -> QuerySet[Track]:
    return event.tracks.order_by("name")


def sponsor_list(*, event: Event) -> QuerySet[Sponsor]:
    return event.sponsors.select_related("organisation").order_by(
        "order", "organisation__name"
    )


def organisation_list(
    *, kind: str | None = None, country: str | None = None, q: str | None = None
) -> QuerySet[Organisation]:
    organisations = Organisation.objects.order_by("name", "id")
    if kind:
        organisations = organisations.filter(kind=kind)
    if country:
        organisations = organisations.filter(country=country.upper())
    if q:
        organisations = organisations.filter(
            Q(name_en__icontains=q)
            | Q(name_ko__icontains=q)
            | Q(description_en__icontains=q)
            | Q(description_ko__icontains=q)
        )
    return organisations


def organisation_get(*, slug: str) -> Organisation:
    return Organisation.objects.get(slug=slug)


# The public site (Wagtail pages): agenda grid, now-and-next, filters, members.


@dataclass(frozen=True)
class AgendaDay:
    """One local day of the agenda as a room-by-time grid.

    `rows` holds (local start time, [session or None per room]); a session appears in
    the row where it starts. Rooms without a session that day are left out.
    """

    day: dt.date
    rooms: list[Room]
    rows: list[tuple[dt.datetime, list[Session | None]]]
    unplaced: list[Session] = dataclasses.field(default_factory=list)
    sessions: list[Session] = dataclasses.field(default_factory=list)


def agenda_grid(*, event: Event, sessions: Iterable[Session]) -> list[AgendaDay]:
    """Group already-fetched sessions into per-day grids; issues no queries."""
    by_day: dict[dt.date, list[Session]] = defaultdict(list)
    for session in sessions:
        by_day[session.start.astimezone(event.tz).date()].append(session)
    return [_agenda_day(event, day, by_day[day]) for day in sorted(by_day)]


def _agenda_day(event: Event, day: dt.date, sessions: list[Session]) -> AgendaDay:
    rooms = sorted(
        {s.room.pk: s.room for s in sessions if s.room is not None}.values(),
        key=lambda r: (r.order, r.name, r.pk),
    )
    column = {room.pk: i for i, room in enumerate(rooms)}
    rows: dict[dt.datetime, list[Session | None]] = {}
    for session in sessions:
        if session.room_id is None:
            continue
        start = session.start.astimezone(event.tz)
        row = rows.setdefault(start, [None] * len(rooms))
        row[column[session.room_id]] = session
    unplaced = [s for s in sessions if s.room_id is None]
    return AgendaDay(day, rooms, sorted(rows.items()), unplaced, sessions)


@dataclass(frozen=True)
class NowAndNext:
    now: list[Session]
    next: list[Session]


def agenda_default_day(*, event: Event, now: dt.datetime) -> dt.date:
    """The day a phone's agenda opens on: today on the event's clock while the
    event is on, else its first day."""
    today = now.astimezone(event.tz).date()
    return today if event.start_date <= today <= event.end_date else event.start_date


def agenda_changes_at(*, event: Event, now: dt.datetime) -> dt.datetime:
    """When the agenda's clock-driven parts next change ("Now and next", the
    day a phone opens on): the next session start or end, the event's start or
    end, or the next midnight on the event's clock; one query."""
    moments = event.sessions.aggregate(
        start=Min("start", filter=Q(start__gt=now)),
        end=Min("end", filter=Q(end__gt=now)),
    )
    local = now.astimezone(event.tz)
    midnight = dt.datetime.combine(
        local.date() + dt.timedelta(days=1), dt.time.min, tzinfo=event.tz
    )
    edges = [event.starts_at, event.ends_at, *moments.values()]
    return min([m for m in edges if m is not None and m > now] + [midnight])


def session_now_and_next(*, event: Event, now: dt.datetime) -> NowAndNext | None:
    """What runs at `now` and what starts next; None outside the event's days."""
    if not event.starts_at <= now < event.ends_at:
        return None
    base = session_list_for_agenda(event=event)
    running = list(base.filter(start__lte=now, end__gt=now))
    upcoming = base.filter(start__gt=now)
    first = upcoming.aggregate(first=Min("start"))["first"]
    following = list(upcoming.filter(start=first)) if first else []
    return NowAndNext(now=running, next=following)


def agenda_filter_choices(*, event: Event) -> dict:
    """The values a visitor can filter the agenda by: tracks, rooms, kinds, days."""
    sessions = event.sessions.order_by()
    kinds = set(sessions.values_list("kind", flat=True).distinct())
    languages = set(sessions.values_list("language", flat=True).distinct())
    return {
        "tracks": list(track_list(event=event)),
        "rooms": list(room_list(event=event)),
        "kinds": [(v, label) for v, label in SessionKind.choices if v in kinds],
        "languages": [
            (v, label) for v, label in SessionLanguage.choices if v in languages
        ],
        "days": event.days(),
    }


def session_list_excerpt(
    *, event: Event, kind: str | None = None, limit: int = 5
) -> list[Session]:
    return list(session_list_for_agenda(event=event, kind=kind)[:limit])


def speaker_clash_list(
    *, event_id: int, start: dt.datetime, end: dt.datetime, speaker_ids, exclude=None
) -> QuerySet[Session]:
    """Other sessions of these speakers that overlap [start, end): double bookings."""
    clashes = Session.objects.filter(
        event_id=event_id,
        session_speakers__speaker_id__in=list(speaker_ids),
        start__lt=end,
        end__gt=start,
    )
    if exclude is not None:
        clashes = clashes.exclude(pk=exclude)
    return clashes.distinct().order_by("start")
