"""An event's "today": from midnight in the event's own zone, not the server's.

The organiser's numbers (sold today, checked in today) count from the start of
the local day at the event, whatever zone the server or the organiser is in.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Sequence
from functools import reduce

from django.db.models import Q
from django.utils import timezone

from events.models import Event


def day_start(event: Event, now: dt.datetime | None = None) -> dt.datetime:
    """Midnight of today in the event's zone (an aware datetime)."""
    local = timezone.localtime(now or timezone.now(), event.tz)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def since_today(
    events: Sequence[Event], *, field: str, event_field: str = "event_id"
) -> Q:
    """Rows of these events whose `field` falls in each one's local today, as
    one condition, so one aggregate query counts every event's today."""
    now = timezone.now()
    conditions = [
        Q(**{event_field: event.pk, f"{field}__gte": day_start(event, now)})
        for event in events
    ]
    return reduce(operator.or_, conditions, Q(pk__in=[]))
