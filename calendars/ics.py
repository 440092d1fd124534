"""iCalendar (RFC 5545) files from agenda items.

Items carry aware datetimes in the event's own zone, so each DTSTART/DTEND has a
TZID and the file a matching VTIMEZONE (daylight-saving rules included, e.g. for
America/Chicago). UIDs never change; SEQUENCE only grows; removed items are sent
with STATUS:CANCELLED instead of vanishing, so subscribed calendars drop them.
"""

import datetime as dt
import functools
from dataclasses import dataclass
from urllib.parse import urlencode

from icalendar import Calendar, Timezone, vCalAddress
from icalendar import Event as VEvent

PRODID = "-//Convene//Convene Calendar//EN"
REFRESH = dt.timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class Item:
    uid: str
    summary: str
    start: dt.datetime | dt.date  # a date for all-day items (a registration)
    end: dt.datetime | dt.date
    sequence: int
    modified: dt.datetime
    description: str = ""
    location: str = ""
    url: str = ""
    cancelled: bool = False


def build(
    *, uid: str, name: str, items: list[Item], organizer: tuple[str, str] | None = None
) -> bytes:
    """One VCALENDAR with METHOD:PUBLISH, name and refresh hints, and a VTIMEZONE
    for every zone its items use. The same data always gives the same bytes."""
    calendar = Calendar.new(
        prodid=PRODID, method="PUBLISH", name=name, refresh_interval=REFRESH, uid=uid
    )
    calendar.add("X-PUBLISHED-TTL", "PT1H")
    events = [_vevent_ical(item, organizer) for item in items]
    if items:
        # Zone rules for the items' own years only: a VTIMEZONE from 1970 to 2038
        # would be most of the file.
        margin = dt.timedelta(days=366)
        first = min(_day(i.start) for i in items) - margin
        last = max(_day(i.end) for i in items) + margin
        tzids = sorted(set().union(*(zones for _, zones in events)))
        for position, tzid in enumerate(tzids):
            timezone = _timezone(tzid, first, last)
            if timezone is not None:
                calendar.subcomponents.insert(position, timezone)
    # The events' lines go where icalendar would put them: after the zones,
    # before the calendar's END.
    head = calendar.to_ical()
    end = b"END:VCALENDAR\r\n"
    return head.removesuffix(end) + b"".join(text for text, _ in events) + end


@functools.lru_cache(maxsize=4096)
def _vevent_ical(
    item: Item, organizer: tuple[str, str] | None
) -> tuple[bytes, frozenset[str]]:
    """One item's VEVENT lines and the zones they name, built once per process:
    a session is in the whole-event feed and in every personal feed that holds
    it, and rendering VEVENTs was a third of a personal feed's time."""
    event = _vevent(item, organizer)
    holder = Calendar()
    holder.add_component(event)
    return event.to_ical(), frozenset(holder.get_used_tzids() - {"UTC"})


@functools.lru_cache(maxsize=256)
def _timezone(tzid: str, first: dt.date, last: dt.date) -> Timezone | None:
    """A zone's VTIMEZONE between two days, built once per process: icalendar
    walks the zone's offsets hour by hour (about 12 ms for a three-year window,
    more than the rest of a personal feed). Shared read-only by the calendars."""
    try:
        return Timezone.from_tzid(tzid, first_date=first, last_date=last)
    except ValueError:  # a zone icalendar does not know: left out, as before
        return None


def _day(moment: dt.date) -> dt.date:
    return moment.date() if isinstance(moment, dt.datetime) else moment


def _vevent(item: Item, organizer: tuple[str, str] | None) -> VEvent:
    event = VEvent.new(
        uid=item.uid,
        summary=("[Cancelled] " if item.cancelled else "") + item.summary,
        start=item.start,
        end=item.end,
        sequence=item.sequence,
        stamp=item.modified,
        last_modified=item.modified,
        status="CANCELLED" if item.cancelled else "CONFIRMED",
        description=item.description or None,
        location=item.location or None,
        url=item.url or None,
    )
    if organizer:
        name, email = organizer
        address = vCalAddress(f"mailto:{email}")
        address.params["CN"] = name
        event.add("ORGANIZER", address)
    return event


def google_link(item: Item) -> str:
    """Google Calendar's "add event" template URL (times in UTC)."""
    utc = "%Y%m%dT%H%M%SZ"
    query = {
        "action": "TEMPLATE",
        "text": item.summary,
        "dates": f"{item.start.astimezone(dt.UTC):{utc}}/{item.end.astimezone(dt.UTC):{utc}}",
        "details": item.description,
        "location": item.location,
    }
    return "https://calendar.google.com/calendar/render?" + urlencode(query)


def outlook_link(item: Item) -> str:
    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": item.summary,
        "startdt": item.start.isoformat(),
        "enddt": item.end.isoformat(),
        "body": item.description,
        "location": item.location,
    }
    return "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(query)
