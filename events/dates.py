"""Dates as people read them in their language: named formats, not patterns.

`config/formats/<language>/formats.py` gives each name its English and Korean
form (`DAY_TIME_FORMAT`: "Tue 14 Sep 09:00", "9월 14일 (화) 09:00"). Django
spells the Korean short weekday ("D") as the whole word "화요일"; a language
whose formats module sets `WEEKDAY_NARROW` gets that one syllable instead.
Templates use `{{ value|date_as:"DAY_TIME_FORMAT" }}` (event_tags).
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils import dateformat
from django.utils.formats import get_format

from events.localtime import local

_WEEKDAY = re.compile(r"(?<!\\)D")


def date_text(value: dt.date | dt.datetime | None, name: str, zone=None) -> str:
    """`value` in the current language's format `name` ("DAY_FORMAT"); an aware
    datetime on `zone`'s clock when given (an Event, IANA name or ZoneInfo),
    else as it is. "" for no value."""
    if value is None or value == "":
        return ""
    if zone is not None and isinstance(value, dt.datetime):
        value = local(value, zone)
    pattern = str(get_format(name))
    narrow = get_format("WEEKDAY_NARROW")
    if isinstance(narrow, (list, tuple)) and len(narrow) == 7:
        pattern = _WEEKDAY.sub(narrow[value.weekday()], pattern)
    return dateformat.format(value, pattern)
