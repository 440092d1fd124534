"""Who may see and change which event's data: the one rule every interface asks.

An organiser holds a role on an event (`EventTeamMember`, role *organiser*) and
sees and changes that event's data only: in the organiser pages, the API, the
Wagtail admin (snippets, choosers, pages, collections) and exports. Superusers
(the agency's administrators) see every event; the Django admin is theirs alone.

Each event-owned model is reached from its event by a lookup path: `event` for
most; a model reached another way says so in its `EVENT_PATH` (`order__event`
for a payment, `session__event` for a speaker assignment), so a form's choices,
a list's rows and one object's check all follow the same path.
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import QuerySet

from accounts.models import User
from events.enums import TeamRole
from events.models import Event, EventTeamMember


def organised_events(*, user: User) -> QuerySet[Event]:
    """The events this person organises (every event for a superuser)."""
    if not user.is_authenticated or not user.is_active:
        return Event.objects.none()
    if user.is_superuser:
        return Event.objects.all()
    return Event.objects.filter(
        members__user=user, members__role=TeamRole.ORGANISER
    ).distinct()


def organises_any(user: User) -> bool:
    """Whether this person organises some event (then two-factor sign-in is due)."""
    return EventTeamMember.objects.filter(user=user, role=TeamRole.ORGANISER).exists()


def is_organiser(*, user: User, event: Event) -> bool:
    if user.is_authenticated and user.is_active and user.is_superuser:
        return True
    return organised_events(user=user).filter(pk=event.pk).exists()


def event_path(model: type[models.Model]) -> str | None:
    """The lookup from `model` to its `Event`; "pk" for the event itself; None
    for what no event owns (people, organisations, venues)."""
    if issubclass(model, Event):
        return "pk"
    declared = getattr(model, "EVENT_PATH", None)
    if declared:
        return declared
    try:
        field = model._meta.get_field("event")
    except FieldDoesNotExist:
        return None
    if field.is_relation and field.related_model is Event:
        return "event"
    return None


def scope(queryset: QuerySet, *, user: User) -> QuerySet:
    """`queryset` narrowed to rows of events `user` organises.

    A model no event owns is returned whole to superusers and empty to everyone
    else: unknown means refused, so a new model cannot leak by default.
    """
    path = event_path(queryset.model)
    if user.is_authenticated and user.is_active and user.is_superuser:
        return queryset
    if path is None:
        return queryset.none()
    lookup = "pk__in" if path == "pk" else f"{path}__in"
    return queryset.filter(**{lookup: organised_events(user=user).values("pk")})


def may_manage(*, user: User, obj: models.Model) -> bool:
    """Whether `obj` belongs to an event `user` organises."""
    if obj.pk is None:
        return True
    manager = type(obj)._default_manager
    return scope(manager.filter(pk=obj.pk), user=user).exists()


def event_id_of(obj: models.Model) -> int | None:
    """The id of the event `obj` belongs to, read off the object itself (so it
    still answers while the object is being deleted)."""
    path = event_path(type(obj))
    if path is None:
        return None
    if path == "pk":
        return obj.pk
    *hops, last = path.split("__")
    for hop in hops:
        obj = getattr(obj, hop, None)
        if obj is None:
            return None
    return getattr(obj, f"{last}_id", None)
