"""Reads for the organiser dashboard: sales over time, seats per ticket, revenue per
currency. A fixed number of queries whatever the number of orders."""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from events.enums import OrderStatus, RegistrationStatus, WaitlistStatus
from events.models import Event, Order, Registration, TicketType
from events.money import format_money


@dataclass(frozen=True)
class TicketLine:
    ticket: TicketType
    sold: int
    held: int
    capacity: int
    waiting: int


def sales_per_day(*, event: Event) -> tuple[list[dt.date], list[int]]:
    """Seats confirmed per day (by payment date in the event's zone), every day
    from the first sale to the last, gaps filled with 0."""
    paid = Registration.objects.filter(
        event=event,
        status=RegistrationStatus.CONFIRMED,
        order__paid_at__isnull=False,
    ).values_list("order__paid_at", flat=True)
    per_day = Counter(timezone.localtime(at, event.tz).date() for at in paid)
    if not per_day:
        return [], []
    first, last = min(per_day), max(per_day)
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    return days, [per_day.get(day, 0) for day in days]


def ticket_lines(*, event: Event) -> list[TicketLine]:
    now = timezone.now()
    live_hold = Q(
        registrations__status=RegistrationStatus.PENDING,
        registrations__order__status=OrderStatus.PENDING,
        registrations__order__expires_at__gt=now,
    )
    tickets = event.ticket_types.annotate(
        n_sold=Count(
            "registrations",
            filter=Q(registrations__status=RegistrationStatus.CONFIRMED),
            distinct=True,
        ),
        n_held=Count("registrations", filter=live_hold, distinct=True),
        n_waiting=Count(
            "waitlist",
            filter=Q(waitlist__status=WaitlistStatus.WAITING),
            distinct=True,
        ),
    ).order_by("order", "id")
    return [TicketLine(t, t.n_sold, t.n_held, t.capacity, t.n_waiting) for t in tickets]


def revenue_per_currency(*, event: Event) -> list[dict]:
    """Money kept (paid minus refunded) and refunded, per order currency."""
    rows = (
        Order.objects.filter(
            event=event, status__in=[OrderStatus.PAID, OrderStatus.REFUNDED]
        )
        .values("currency")
        .annotate(
            gross=Sum("total"),
            refunded=Sum("refunded_amount"),
            orders=Count("id"),
        )
        .order_by("currency")
    )
    result = []
    for row in rows:
        net = (row["gross"] or Decimal(0)) - (row["refunded"] or Decimal(0))
        result.append(
            {
                "currency": row["currency"],
                "orders": row["orders"],
                "net": format_money(net, row["currency"]),
                "refunded": format_money(row["refunded"] or 0, row["currency"]),
            }
        )
    return result


def orders_awaiting_approval(*, event: Event) -> QuerySet[Order]:
    return (
        Order.objects.filter(
            event=event,
            status=OrderStatus.PENDING,
            needs_approval=True,
            approved_at__isnull=True,
        )
        .select_related("buyer")
        .prefetch_related("registrations__ticket_type", "registrations__user")
        .order_by("created_at")
    )


def status_counts(*, event: Event) -> dict[str, int]:
    counts = defaultdict(int)
    for row in event.orders.values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    return dict(counts)


ATTENDEE_COLUMNS = [
    "email",
    "first_name",
    "last_name",
    "ticket",
    "status",
    "order",
    "order_status",
    "organisation",
    "job_role",
    "dietary_needs",
    "directory_consent",
    "registered_at",
]


def registration_list_for_event(*, event: Event, status: str | None = None):
    """The event's registrations by name, with person, ticket and order loaded."""
    registrations = (
        Registration.objects.filter(event=event)
        .select_related("user", "ticket_type", "order")
        .order_by("user__last_name", "user__first_name", "id")
    )
    return registrations.filter(status=status) if status else registrations


def attendee_rows(*, event: Event, status: str | None = None):
    """One row per registration with the attendee's answers, for the desk, the
    caterer and the badge printer. Two queries whatever the size."""
    for reg in registration_list_for_event(event=event, status=status):
        yield [
            reg.user.email,
            reg.user.first_name,
            reg.user.last_name,
            reg.ticket_type.name if reg.ticket_type else reg.get_category_display(),
            reg.status,
            reg.order.code if reg.order else "",
            reg.order.status if reg.order else "",
            reg.organisation_name,
            reg.job_role,
            reg.dietary_needs,
            "yes" if reg.directory_consent else "no",
            reg.created_at.isoformat(),
        ]
