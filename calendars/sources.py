"""Items other apps add to a person's own calendar feed.

Calendars sits below delegations, so it cannot ask for a delegate's itinerary
itself: delegations registers a source here when it starts (`AppConfig.ready`),
and the personal feed takes its items and its part of the cache version.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet

from accounts.models import User
from calendars.ics import Item


@dataclass(frozen=True)
class PersonalSource:
    """`items(user)` builds the items; `version(user)` changes whenever they do
    (a fixed number of queries each). `applies(user)`, when given, is a queryset
    that is empty for people the source has nothing for: the feed's version query
    asks it (as EXISTS, in the same query) and skips `version` for them."""

    name: str
    items: Callable[[User], list[Item]]
    version: Callable[[User], tuple]
    applies: Callable[[User], QuerySet] | None = None


_SOURCES: dict[str, PersonalSource] = {}


def register(source: PersonalSource) -> None:
    _SOURCES[source.name] = source


def personal_sources() -> tuple[PersonalSource, ...]:
    return tuple(_SOURCES.values())
