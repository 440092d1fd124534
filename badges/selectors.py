"""Reads for badges and check-in, joins applied."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from badges.enums import CheckInKind
from badges.models import Badge, BadgeDesign, CheckIn
from badges.permissions import Scanner, events_managed, may_check_in
from badges.rendering import BadgeFace
from badges.tokens import token_display
from events.models import Event, Session
from events.today import since_today
from registration.enums import RegistrationCategory, RegistrationStatus
from registration.models import Registration


def _registrations() -> QuerySet[Registration]:
    return Registration.objects.select_related(
        "event", "user", "user__organisation", "ticket_type", "order"
    )


def registration_list_for_print(
    *,
    event: Event,
    only_unprinted: bool = False,
    ticket_type_id: int | None = None,
    category: str = "",
) -> QuerySet[Registration]:
    """Confirmed registrations in alphabetical order, as the pickup desk sorts."""
    registrations = _registrations().filter(
        event=event, status=RegistrationStatus.CONFIRMED
    )
    if only_unprinted:
        printed = Badge.objects.filter(
            registration=OuterRef("pk"), printed_at__isnull=False
        )
        registrations = registrations.exclude(Exists(printed))
    if ticket_type_id:
        registrations = registrations.filter(ticket_type_id=ticket_type_id)
    if category:
        registrations = registrations.filter(category=category)
    return registrations.order_by("user__last_name", "user__first_name", "pk")


def badge_printed(*, registration: Registration) -> Badge | None:
    """The live badge if it was printed (printing again revokes it), else None."""
    return registration.badges.filter(
        revoked_at__isnull=True, printed_at__isnull=False
    ).first()


def design_for(*, event: Event) -> BadgeDesign:
    """The event's design, or an unsaved default one."""
    return BadgeDesign.objects.filter(event=event).first() or BadgeDesign(event=event)


def organisation_of(registration: Registration) -> str:
    if registration.organisation_name:
        return registration.organisation_name
    organisation = registration.user.organisation
    return (organisation.name_en or organisation.name) if organisation else ""


def badge_face(*, registration: Registration, token: str) -> BadgeFace:
    """Badges are printed in English with the Korean name beside it."""
    user, ticket = registration.user, registration.ticket_type
    with translation.override("en"):
        label = str(RegistrationCategory(registration.category).label)
    return BadgeFace(
        name=user.display_name("en"),
        name_ko=user.name_ko,
        organisation=organisation_of(registration),
        ticket=(ticket.name_en or ticket.name) if ticket else "",
        category=registration.category,
        category_label=label,
        token=token,
        code=token_display(token),
    )


def _matching(q: str) -> Q:
    words = Q()
    for word in q.split():
        words &= (
            Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
            | Q(user__name_ko__icontains=word)
            | Q(user__email__icontains=word)
            | Q(organisation_name__icontains=word)
        )
    return words


def registration_search_for_reprint(*, user, q: str, limit: int = 20) -> list:
    """Registrations of the events this organiser runs, to print one badge again."""
    if len(q.strip()) < 2:
        return []
    return list(
        _registrations()
        .filter(_matching(q), event__in=events_managed(user=user))
        .order_by("event__start_date", "user__last_name")[:limit]
    )


def registration_search(
    *, event: Event, q: str, scanner: Scanner, limit: int = 20
) -> list:
    """Registrations matching a name, Korean name, e-mail or organisation.

    Each carries `entered_at`, its entrance check-in time or None.
    """
    if not may_check_in(scanner=scanner, event=event):
        raise PermissionDenied(_("You may not check people in at this event."))
    q = q.strip()
    if len(q) < 2:
        return []
    found = list(
        _registrations()
        .filter(_matching(q), event=event)
        .order_by("user__last_name")[:limit]
    )
    entered = dict(
        CheckIn.objects.filter(
            registration__in=found, kind=CheckInKind.ENTRANCE
        ).values_list("registration_id", "checked_in_at")
    )
    for registration in found:
        registration.entered_at = entered.get(registration.pk)
    return found


def session_list_for_checkin(*, event: Event) -> QuerySet[Session]:
    return (
        Session.objects.filter(event=event, room__isnull=False)
        .select_related("room")
        .order_by("start", "room__order")
    )


@dataclass(frozen=True)
class TicketLine:
    name: str
    registered: int
    checked_in: int


@dataclass(frozen=True)
class SessionLine:
    session: Session
    attendance: int


@dataclass(frozen=True)
class Dashboard:
    registered: int
    checked_in: int
    tickets: list[TicketLine]
    hours: list[tuple[dt.datetime, int]]
    sessions: list[SessionLine]

    @property
    def percent(self) -> int:
        return round(100 * self.checked_in / self.registered) if self.registered else 0


def _hours(event: Event) -> list[tuple[dt.datetime, int]]:
    """Entrance check-ins per hour of the event's local clock, gaps filled."""
    times = CheckIn.objects.filter(event=event, kind=CheckInKind.ENTRANCE).values_list(
        "checked_in_at", flat=True
    )
    counts = Counter(
        timezone.localtime(t, event.tz).replace(minute=0, second=0, microsecond=0)
        for t in times
    )
    if not counts:
        return []
    hour, last, out = min(counts), max(counts), []
    while hour <= last:
        out.append((hour, counts.get(hour, 0)))
        hour += dt.timedelta(hours=1)
    return out


def checkin_dashboard(*, event: Event) -> Dashboard:
    confirmed = Registration.objects.filter(
        event=event, status=RegistrationStatus.CONFIRMED
    )
    entered = CheckIn.objects.filter(event=event, kind=CheckInKind.ENTRANCE)
    per_ticket = (
        confirmed.values("ticket_type__name_en", "category")
        .annotate(
            registered=Count("pk", distinct=True),
            checked_in=Count(
                "check_ins",
                filter=Q(check_ins__kind=CheckInKind.ENTRANCE),
                distinct=True,
            ),
        )
        .order_by("ticket_type__order", "ticket_type__name_en", "category")
    )
    tickets = [
        TicketLine(
            row["ticket_type__name_en"]
            or str(RegistrationCategory(row["category"]).label),
            row["registered"],
            row["checked_in"],
        )
        for row in per_ticket
    ]
    sessions = (
        session_list_for_checkin(event=event)
        .annotate(attendance=Count("check_ins"))
        .filter(attendance__gt=0)
    )
    return Dashboard(
        registered=confirmed.count(),
        checked_in=entered.filter(registration__in=confirmed).count(),
        tickets=tickets,
        hours=_hours(event),
        sessions=[SessionLine(s, s.attendance) for s in sessions],
    )


def checkin_numbers(*, events: list[Event]) -> dict[int, tuple[int, int]]:
    """Per event id: people let in at the entrance today (the event's local
    day) and in all, in one query for all events."""
    rows = (
        CheckIn.objects.filter(event__in=events, kind=CheckInKind.ENTRANCE)
        .values("event_id")
        .annotate(
            total=Count("id"),
            today=Count("id", filter=since_today(events, field="checked_in_at")),
        )
    )
    numbers = {event.pk: (0, 0) for event in events}
    for row in rows:
        numbers[row["event_id"]] = (row["today"], row["total"])
    return numbers
