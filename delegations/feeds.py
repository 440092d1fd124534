"""A delegate's itinerary as calendar items: the items that apply to her (those
assigned to nobody, and those assigned to her; never another delegate's shifts)
and her partnering meetings in the programme's event, on the host city's clock.

The same items go into the itinerary's `.ics` download and, through
`calendars.sources`, into her personal subscription feed.
"""

from django.db.models import Count, Max, Q

from accounts.models import User
from calendars import selectors as calendar_selectors
from calendars.ics import Item
from calendars.meetings import meetings_version, personal_meeting_items
from calendars.sources import PersonalSource
from delegations.enums import ApplicationStatus
from delegations.models import Delegate
from events.models import Session


def _mine(delegate: Delegate) -> Q:
    return Q(assigned_delegates__isnull=True) | Q(assigned_delegates=delegate)


def itinerary_items(*, delegate: Delegate) -> list[Item]:
    event = delegate.application.programme.event
    sessions = (
        calendar_selectors.event_sessions(event=event)
        .filter(_mine(delegate))
        .distinct()
    )
    items = [calendar_selectors.session_item(s) for s in sessions]
    return items + personal_meeting_items(
        user=delegate.user,
        host=calendar_selectors.HOST,
        since=calendar_selectors.recent(),
        event=event,
    )


def itinerary_version(*, delegate: Delegate) -> tuple:
    """Changes when an item, its assignment or one of her meetings does."""
    event = delegate.application.programme.event
    assigned = Session.objects.filter(
        event=event, assigned_delegates=delegate
    ).aggregate(n=Count("id"), last=Max("id"))
    return (
        "itinerary",
        delegate.pk,
        calendar_selectors.event_version(event=event),
        tuple(assigned.values()),
        meetings_version(registration__user=delegate.user, event=event),
    )


def _confirmed(user: User):
    return Delegate.objects.filter(
        user=user, application__status=ApplicationStatus.CONFIRMED
    )


def _delegates(user: User):
    return _confirmed(user).select_related("user", "application__programme__event")


def _personal_items(user: User) -> list[Item]:
    return [i for d in _delegates(user) for i in itinerary_items(delegate=d)]


def _personal_version(user: User) -> tuple:
    return tuple(itinerary_version(delegate=d) for d in _delegates(user))


PERSONAL_SOURCE = PersonalSource(
    name="delegations.itinerary",
    items=_personal_items,
    version=_personal_version,
    applies=_confirmed,
)
