"""Reads that turn sessions, bookmarks and registrations into calendar items.

Each function runs a fixed number of queries whatever the number of items.
"""

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from urllib.parse import urlencode, urlparse

from django.conf import settings
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.models import User
from calendars import ics, selectors
from calendars.ics import Item, google_link, outlook_link
from calendars.meetings import (
    company_meeting_items,
    meeting_title,
    meetings_overlapping,
    meetings_version_parts,
    personal_meeting_items,
)
from calendars.models import CalendarFeed, SessionBookmark, SessionTombstone
from calendars.sources import personal_sources
from config.compiled import (
    ANY_TEXT,
    Compiled,
    VersionQuery,
    instances,
    model_columns,
    scalar,
)
from events.enums import SessionStatus
from events.models import Event, Organisation, Session, SessionSpeaker, Venue
from events.selectors import event_list_visible
from registration.models import Registration

# How long a removed or deleted item is still sent, as cancelled.
TOMBSTONE_DAYS = 30
HOST = urlparse(settings.SITE_URL).hostname or "convene"


def session_uid(session_id: int) -> str:
    return f"session-{session_id}@{HOST}"


def _sessions() -> QuerySet[Session]:
    speakers = SessionSpeaker.objects.select_related("speaker__user").order_by("order")
    return Session.objects.select_related("event__venue", "room").prefetch_related(
        Prefetch("session_speakers", queryset=speakers)
    )


def _speaker_name(user: User) -> str:
    """The name in the calendar's language order; never the e-mail address (a
    public calendar must not show it), so "" for someone without a name."""
    if not (user.first_name or user.last_name or user.name_ko):
        return ""
    return user.display_name()


def session_item(session: Session, *, cancelled: bool = False) -> Item:
    event = session.event
    names = ", ".join(
        _speaker_name(link.speaker.user) for link in session.session_speakers.all()
    )
    where = [
        session.room.name if session.room else "",
        event.venue.name if event.venue else "",
    ]
    description = "\n\n".join(part for part in (names, session.abstract or "") if part)
    return Item(
        uid=session_uid(session.pk),
        summary=session.title,
        start=session.start.astimezone(event.tz),
        end=session.end.astimezone(event.tz),
        sequence=session.sequence,
        modified=session.updated_at,
        description=description,
        location=", ".join(part for part in where if part),
        url=f"{settings.SITE_URL}/go/session/{session.pk}/",
        cancelled=cancelled or session.status == SessionStatus.CANCELLED,
    )


def _tombstone_item(tombstone: SessionTombstone) -> Item:
    tz = tombstone.event.tz
    return Item(
        uid=session_uid(tombstone.session_id),
        summary=tombstone.title,
        start=tombstone.start.astimezone(tz),
        end=tombstone.end.astimezone(tz),
        sequence=int(tombstone.deleted_at.timestamp()),
        modified=tombstone.deleted_at,
        cancelled=True,
    )


def recent() -> dt.datetime:
    return timezone.now() - dt.timedelta(days=TOMBSTONE_DAYS)


def session_visible_get(*, user: User, session_id: int) -> Session:
    """A session of an event this person may see (published, or their team's)."""
    return Session.objects.get(pk=session_id, event__in=event_list_visible(user=user))


def bookmark_exists(*, user: User, session: Session) -> bool:
    """Whether the session is on the person's agenda now; one query."""
    if not user.is_authenticated:
        return False
    return SessionBookmark.objects.filter(
        user=user, session=session, removed_at=None
    ).exists()


@dataclass(frozen=True)
class Clash:
    """Another item of the person's agenda at the same time, on its event's clock."""

    title: str
    start: dt.datetime
    end: dt.datetime
    zone: object


def agenda_clashes(*, user: User, session: Session) -> list[Clash]:
    """Sessions on the person's agenda and their partnering meetings that overlap
    `session`, in time order; a fixed number of queries."""
    sessions = (
        Session.objects.filter(bookmarks__user=user, bookmarks__removed_at=None)
        .filter(start__lt=session.end, end__gt=session.start)
        .exclude(pk=session.pk)
        .select_related("event")
    )
    clashes = [Clash(s.title, s.start, s.end, s.event.tz) for s in sessions]
    meetings = meetings_overlapping(user=user, start=session.start, end=session.end)
    clashes += [
        Clash(meeting_title(m, user=user), m.slot.start, m.slot.end, m.event.tz)
        for m in meetings
    ]
    return sorted(clashes, key=lambda c: c.start)


def bookmarked_sessions(*, user: User) -> QuerySet[Session]:
    speakers = SessionSpeaker.objects.select_related("speaker__user__organisation")
    return (
        Session.objects.filter(bookmarks__user=user, bookmarks__removed_at=None)
        .select_related("event", "room", "track")
        .prefetch_related(Prefetch("session_speakers", queryset=speakers))
        .order_by("start", "id")
    )


def event_sessions(
    *, event: Event, day: dt.date | None = None, track: str | None = None
) -> QuerySet[Session]:
    sessions = _sessions().filter(event=event)
    if day is not None:
        start = dt.datetime.combine(day, dt.time.min, tzinfo=event.tz)
        sessions = sessions.filter(
            start__gte=start, start__lt=start + dt.timedelta(days=1)
        )
    if track:
        sessions = sessions.filter(track__slug=track)
    return sessions.order_by("start", "id")


def event_items(
    *, event: Event, day: dt.date | None = None, track: str | None = None
) -> list[Item]:
    items = [session_item(s) for s in event_sessions(event=event, day=day, track=track)]
    if day is None and not track:
        tombstones = event.tombstones.filter(deleted_at__gte=recent())
        items += [_tombstone_item(t) for t in tombstones.select_related("event")]
    return items


def event_version(*, event: Event) -> tuple:
    """Changes whenever any item of the event's calendar changes; one query."""
    stats = Event.objects.filter(pk=event.pk).aggregate(
        n_sessions=Count("sessions", distinct=True),
        last_change=Max("sessions__updated_at"),
        last_delete=Max("tombstones__deleted_at"),
        # Speaker links carry no timestamp: their count and newest id stand in.
        n_speakers=Count("sessions__session_speakers", distinct=True),
        last_speaker=Max("sessions__session_speakers__id"),
    )
    return (event.pk, *stats.values())


# Each process keeps the session items it built, under the session's last change
# and the language, so personal feeds take the sessions they share (a popular
# talk is in thousands) from there instead of loading and rendering them again.
# A miss loads every session of its event at once, as the whole-event feed does:
# one load a minute per process instead of one per feed, since feeds polled in the
# same minute share most of their sessions. A session's edit shows at once (its
# `updated_at` moves); what that does not see (a room renamed, a speaker added)
# within this many seconds, like the feeds' cache.
SESSION_ITEM_SECONDS = 60
_SESSION_ITEMS: dict[tuple[int, str], tuple[dt.datetime, float, Item]] = {}


def session_items(*, updated: dict[int, dt.datetime]) -> dict[int, Item]:
    """Items of these sessions (id: its `updated_at`) by id, in time order; when
    this process has not built one since its last change, it builds its event's
    in two queries."""
    language, now, found = get_language(), time.monotonic(), {}
    for pk, changed in updated.items():
        kept = _SESSION_ITEMS.get((pk, language))
        if kept and kept[0] == changed and now - kept[1] <= SESSION_ITEM_SECONDS:
            found[pk] = kept[2]
    missing = updated.keys() - found.keys()
    if missing:
        if len(_SESSION_ITEMS) > 20_000:  # many events seen: start again
            _SESSION_ITEMS.clear()
        events = Session.objects.filter(pk__in=missing).values("event_id")
        for session in _sessions().filter(event__in=events):
            item = session_item(session)
            _SESSION_ITEMS[(session.pk, language)] = (session.updated_at, now, item)
            if session.pk in missing:
                found[session.pk] = item
    return dict(sorted(found.items(), key=lambda pair: (pair[1].start, pair[0])))


# The personal feed's own reads, compiled once (`config.compiled`): each is a
# few rows, and building them in the ORM cost more than running them.
_BOOKMARKS = Compiled(
    lambda me: SessionBookmark.objects.filter(user_id=me).values_list(
        "session_id", "session__updated_at", "removed_at"
    )
)
_TALKS = Compiled(
    lambda me: SessionSpeaker.objects.filter(speaker__user_id=me).values_list(
        "session_id", "session__updated_at"
    )
)
_REGISTRATIONS = Compiled(
    lambda me: (
        Registration.objects.filter(user_id=me)
        .exclude(status="cancelled")
        .order_by("event__start_date", "id")
        .values_list(
            "id",
            "created_at",
            "event__name_en",
            "event__name_ko",
            "event__start_date",
            "event__end_date",
            "event__venue__name_en",
            "event__venue__name_ko",
        )
    )
)


def personal_items(*, user: User, sources=None) -> list[Item]:
    """Bookmarked sessions, own talks, each registered event as all-day days,
    partnering meetings, and what other apps add (`calendars.sources`: a
    delegate's itinerary; only `sources` when given)."""
    since = recent()
    bookmarks = [
        (session, changed, removed_at)
        for session, changed, removed_at in _BOOKMARKS.rows(user.pk)
        if removed_at is None or removed_at >= since
    ]
    talks = dict(_TALKS.rows(user.pk))
    updated = {session: changed for session, changed, _ in bookmarks} | talks
    # A removed bookmark is sent as cancelled, unless the person gives the talk.
    removed = {s for s, _, removed_at in bookmarks if removed_at} - talks.keys()
    items = [
        replace(item, cancelled=True) if pk in removed else item
        for pk, item in session_items(updated=updated).items()
    ]
    items += [_registration_item(*row) for row in _REGISTRATIONS.rows(user.pk)]
    items += personal_meeting_items(user=user, host=HOST, since=since)
    for source in personal_sources() if sources is None else sources:
        items += source.items(user)
    return _unique(items)


def _unique(items: list[Item]) -> list[Item]:
    """One item per UID (a session both bookmarked and on an itinerary), the
    first kept: a calendar file must not repeat a UID."""
    seen: set[str] = set()
    return [i for i in items if not (i.uid in seen or seen.add(i.uid))]


def _registration_item(
    pk, created, name_en, name_ko, start, end, venue_en, venue_ko
) -> Item:
    """The registered event's days, all day (a row of `_REGISTRATIONS`)."""
    event = Event(name_en=name_en, name_ko=name_ko)
    venue = Venue(name_en=venue_en, name_ko=venue_ko).name if venue_en else ""
    return Item(
        uid=f"registration-{pk}@{HOST}",
        summary=event.name,
        start=start,
        end=end + dt.timedelta(days=1),
        sequence=0,
        modified=created,
        description=_("You are registered for %(event)s.") % {"event": event.name},
        location=venue,
    )


def _personal_version_parts() -> dict:
    me = OuterRef("pk")
    bookmarks = SessionBookmark.objects.filter(user=me)
    talks = Session.objects.filter(session_speakers__speaker__user=me)
    registrations = Registration.objects.filter(user=me)
    return {
        "bookmarks_n": scalar(bookmarks, Count("id")),
        "bookmarks_changed": scalar(bookmarks, Max("updated_at")),
        "sessions_changed": scalar(bookmarks, Max("session__updated_at")),
        "talks_n": scalar(talks, Count("id")),
        "talks_changed": scalar(talks, Max("updated_at")),
        "registrations_n": scalar(registrations, Count("id")),
        "registrations_changed": scalar(registrations, Max("created_at")),
        **meetings_version_parts(registration__user=me),
        # Whether each source has anything for the person (sources register
        # when the apps are ready, before the first feed compiles this).
        **{
            f"source_{source.name}": Exists(source.applies(me))
            for source in personal_sources()
            if source.applies is not None
        },
    }


_PERSONAL_VERSION = VersionQuery(User, _personal_version_parts)


def personal_calendar(*, user: User) -> tuple[tuple, Callable[[], list[Item]]]:
    """The personal feed's version (one query, and a source's own only for the
    people it has something for: a delegate's itinerary) and a builder of its
    items that asks only those sources."""
    row = _PERSONAL_VERSION(user.pk)
    sources = [s for s in personal_sources() if row.get(f"source_{s.name}", True)]
    version = (
        "me",
        user.pk,
        *(value for key, value in row.items() if not key.startswith("source_")),
        tuple((source.name, source.version(user)) for source in sources),
    )
    return version, lambda: personal_items(user=user, sources=sources)


_COMPANY_SESSIONS = Compiled(
    lambda company: (
        Session.objects.rewrite(False)
        .filter(session_speakers__speaker__user__organisation_id=company)
        .order_by()
        .values_list("id", "updated_at")
        .distinct()
    )
)


def company_items(*, organisation: Organisation) -> list[Item]:
    """Every session a person of the company speaks at, pitches in or staffs, in
    time order, and all their meetings."""
    sessions = session_items(updated=dict(_COMPANY_SESSIONS.rows(organisation.pk)))
    meetings = company_meeting_items(
        organisation=organisation, host=HOST, since=recent()
    )
    return list(sessions.values()) + meetings


def _company_version_parts() -> dict:
    company = OuterRef("pk")
    sessions = Session.objects.filter(
        session_speakers__speaker__user__organisation=company
    )
    return {
        "sessions_n": scalar(sessions, Count("id", distinct=True)),
        "sessions_changed": scalar(sessions, Max("updated_at")),
        **meetings_version_parts(registration__user__organisation=company),
    }


_COMPANY_VERSION = VersionQuery(Organisation, _company_version_parts)


def company_version(*, organisation: Organisation) -> tuple:
    """Changes whenever an item of the company's feed does; one query."""
    return ("company", organisation.pk, *_COMPANY_VERSION(organisation.pk).values())


_FEED_PARTS = ((CalendarFeed, ""), (User, "user__"), (Organisation, "organisation__"))
_FEED = Compiled(
    lambda token: CalendarFeed.objects.filter(token=token).values_list(
        *(
            column
            for model, prefix in _FEED_PARTS
            for column in model_columns(model, prefix)
        )
    ),
    placeholders=(ANY_TEXT,),
)


def feed_get(*, token: str) -> CalendarFeed | None:
    """The feed of this secret token, with its person and company; one query,
    compiled once (calendar apps poll every feed)."""
    rows = _FEED.rows(token)
    if not rows:
        return None
    models = (model for model, _prefix in _FEED_PARTS)
    feed, user, organisation = instances(rows[0], *models, db=CalendarFeed.objects.db)
    feed.user = user
    feed.organisation = organisation if feed.organisation_id else None
    return feed


def feed_links(feed: CalendarFeed) -> dict[str, str]:
    """The https and webcal addresses of a feed, and Google's subscribe link."""
    url = settings.SITE_URL + reverse("calendar:feed", args=[feed.token])
    webcal = "webcal://" + url.split("://", 1)[1]
    return {
        "https": url,
        "webcal": webcal,
        "google": "https://calendar.google.com/calendar/r?"
        + urlencode({"cid": webcal}),
        "created_at": feed.created_at,
    }


def session_links(session: Session) -> dict[str, str]:
    """Download, Google and Outlook links for one session's "add to calendar"."""
    item = session_item(session)
    return {
        "ics": reverse("calendar:session", args=[session.event.slug, session.pk]),
        "google": google_link(item),
        "outlook": outlook_link(item),
    }


def event_links(event: Event) -> dict[str, str]:
    """Download, subscribe (webcal), and subscribe in Google or Outlook."""
    path = reverse("calendar:event", args=[event.slug])
    https = settings.SITE_URL + path
    webcal = "webcal://" + https.split("://", 1)[1]
    outlook = {"url": webcal, "name": event.name}
    return {
        "ics": path,
        "webcal": webcal,
        "google": "https://calendar.google.com/calendar/r?"
        + urlencode({"cid": webcal}),
        "outlook": "https://outlook.live.com/calendar/0/addfromweb?"
        + urlencode(outlook),
    }


def event_ics(*, event: Event) -> bytes:
    """The event's calendar: its sessions, or its days when none are scheduled."""
    items = selectors.event_items(event=event)
    if not items:
        items = [
            ics.Item(
                uid=f"event-days-{event.pk}@{selectors.HOST}",
                summary=event.name,
                start=event.start_date,
                end=event.end_date + dt.timedelta(days=1),
                sequence=0,
                modified=timezone.now().replace(microsecond=0),
                location=event.venue.name if event.venue else "",
            )
        ]
    return ics.build(
        uid=f"event-{event.pk}@{selectors.HOST}", name=event.name, items=items
    )


def event_ics_attachment(*, order, **kwargs) -> list[tuple[str, bytes, str]]:
    """The event's calendar, for registration's ticket e-mails."""
    event = order.event
    return [(f"{event.slug}.ics", event_ics(event=event), "text/calendar")]
