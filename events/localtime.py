"""Times as an event's organisers and attendees read them: on the event's clock,
labelled with its zone ("2027-09-14 09:00 KST").

Stored times are UTC; every page, admin list, export, scanner and e-mail that shows
a time to an organiser goes through here, so the label and the format are the same
everywhere. `zone` is an `Event`, anything with a `tz` or a `timezone` attribute, a
`ZoneInfo` or an IANA name.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

DATE_TIME = "%Y-%m-%d %H:%M"
TIME = "%H:%M"


def zone_of(zone) -> ZoneInfo:
    if isinstance(zone, ZoneInfo):
        return zone
    if isinstance(zone, str):
        return ZoneInfo(zone)
    tz = getattr(zone, "tz", None)
    if isinstance(tz, ZoneInfo):
        return tz
    return ZoneInfo(zone.timezone)


def local(value: dt.datetime, zone) -> dt.datetime:
    """`value` (aware) on the zone's clock."""
    return value.astimezone(zone_of(zone))


def zone_label(value: dt.datetime, zone) -> str:
    """The zone's abbreviation at that moment ("KST", "CDT"), or its UTC offset
    where the zone has no letters ("+04")."""
    return local(value, zone).strftime("%Z")


def local_text(value: dt.datetime | None, zone, fmt: str = DATE_TIME) -> str:
    """ "2027-09-14 09:00 KST"; "" for no time."""
    if value is None:
        return ""
    moment = local(value, zone)
    return f"{moment.strftime(fmt)} {moment.strftime('%Z')}"


def local_time_text(value: dt.datetime | None, zone) -> str:
    """ "09:00 KST"."""
    return local_text(value, zone, TIME)


def naive_local(value: dt.datetime | None, zone) -> dt.datetime | None:
    """The wall-clock time without a zone, for spreadsheets (Excel has no zones;
    the column heading names it)."""
    if value is None:
        return None
    return local(value, zone).replace(tzinfo=None)


def zone_caption(zone, at: dt.datetime | None = None) -> str:
    """ "KST (Asia/Seoul)": the zone's letters at `at` (its first moment of
    summer or winter time matters for "CDT"/"CST"; now if not given) and its
    IANA name, for a form's help text or a page's note."""
    tz = zone_of(zone)
    moment = (at or dt.datetime.now(dt.UTC)).astimezone(tz)
    return f"{moment.strftime('%Z')} ({tz.key})"
