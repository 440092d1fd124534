"""iCalendar (RFC 5545) files from agenda items.

Items carry aware datetimes in the event's own zone, so each DTSTART/DTEND has a
TZID and the file a matching VTIMEZONE (daylight-saving rules included, e.g. for
America/Chicago). UIDs never change; SEQUENCE only grows; removed items are sent
with STATUS:CANCELLED instead of vanishing, so subscribed calendars drop them.
"""

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from icalendar import Calendar, vCalAddress
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
    for item in items:
        calendar.add_component(_vevent(item, organizer))
    if items:
        # Zone rules for the items' own years only: a VTIMEZONE from 1970 to 2038
        # would be most of the file.
        margin = dt.timedelta(days=366)
        calendar.add_missing_timezones(
            first_date=min(_day(i.start) for i in items) - margin,
            last_date=max(_day(i.end) for i in items) + margin,
        )
    return calendar.to_ical()


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
