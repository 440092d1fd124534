"""Reads for registration: orders and registrations with their joins applied."""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from events.authority import is_organiser
from events.exports import DATETIME, MONEY, Column, Money
from events.models import (
    Event,
    Organisation,
)
from events.money import format_money
from events.today import since_today
from registration.enums import (
    OrderStatus,
    PaymentMethod,
    RegistrationCategory,
    RegistrationStatus,
    WaitlistStatus,
)
from registration.models import Order, Registration, TicketType, WaitlistEntry
from registration.services import seats_taken


def ticket_type_list_on_sale(
    *, event: Event, access_code: str = "", user: User | None = None
) -> list[TicketType]:
    """Tickets a buyer may choose now; hidden ones only with their access code.

    Each carries `seats_left` (paid, live holds and live waiting-list offers
    subtracted from capacity; the user's own offers count as left for them) and
    `offer`, the user's live waiting-list offer for it, if any.
    """
    now = timezone.now()
    offers = {}
    if user is not None and user.is_authenticated:
        mine = WaitlistEntry.objects.filter(
            user=user,
            ticket_type__event=event,
            status=WaitlistStatus.OFFERED,
            offer_expires_at__gt=now,
        )
        offers = {entry.ticket_type_id: entry for entry in mine}
    tickets = []
    for ticket in event.ticket_types.select_related("event").order_by("order", "id"):
        if not ticket.on_sale(now):
            continue
        if ticket.is_hidden and not ticket.accepts_code(access_code):
            continue
        ticket.offer = offers.get(ticket.pk)
        left = ticket.capacity - seats_taken(ticket_type=ticket, now=now)
        ticket.seats_left = max(0, left + (1 if ticket.offer else 0))
        tickets.append(ticket)
    return tickets


def ticket_type_list_for_code(*, event: Event, code: str) -> list[TicketType]:
    """The tickets on sale now that `code` unlocks: empty for an unknown code."""
    now = timezone.now()
    if not code.strip():
        return []
    tickets = event.ticket_types.exclude(access_code="").order_by("order", "id")
    return [t for t in tickets if t.accepts_code(code) and t.on_sale(now)]


def waitlist_list_for_user(*, user: User) -> QuerySet[WaitlistEntry]:
    return (
        WaitlistEntry.objects.filter(
            user=user, status__in=[WaitlistStatus.WAITING, WaitlistStatus.OFFERED]
        )
        .select_related("ticket_type__event")
        .order_by("created_at")
    )


def registration_get_for_user(*, user: User, pk: int) -> Registration:
    """The attendee's own registration, or one the user bought for a colleague."""
    return (
        Registration.objects.select_related(
            "event__venue", "ticket_type", "order", "user"
        )
        .filter(Q(user=user) | Q(order__buyer=user))
        .get(pk=pk)
    )


def _orders() -> QuerySet[Order]:
    registrations = Registration.objects.select_related("user", "ticket_type")
    return Order.objects.select_related("event", "buyer", "voucher").prefetch_related(
        Prefetch("registrations", queryset=registrations.order_by("id")),
        "payments",
    )


def order_list_for_buyer(*, user: User) -> QuerySet[Order]:
    return _orders().filter(buyer=user).order_by("-created_at")


def order_get_for_buyer(*, user: User, code: str) -> Order:
    """Another person's order does not exist, as far as this user can tell."""
    return order_list_for_buyer(user=user).get(code=code)


def order_get_for_organiser(*, user: User, code: str) -> Order:
    order = _orders().get(code=code)
    if not is_organiser(user=user, event=order.event):
        raise Order.DoesNotExist
    return order


def order_list_for_event(
    *, event: Event, status: str | None = None, q: str | None = None
) -> QuerySet[Order]:
    orders = _orders().filter(event=event).order_by("-created_at")
    if status:
        orders = orders.filter(status=status)
    if q:
        orders = orders.filter(code__icontains=q) | orders.filter(
            buyer__email__icontains=q
        )
    return orders


def registration_list_for_user(*, user: User) -> QuerySet[Registration]:
    """The user's own registrations and those they bought for colleagues."""
    return (
        Registration.objects.filter(Q(user=user) | Q(order__buyer=user))
        .select_related("event", "ticket_type", "order", "user")
        .order_by("-created_at")
    )


def invoices_awaiting_payment(*, event: Event) -> QuerySet[Order]:
    return _orders().filter(
        event=event, method=PaymentMethod.INVOICE, status=OrderStatus.PENDING
    )


def delegation_member_list(*, event: Event) -> QuerySet[Organisation]:
    """Member companies: organisations of people registered as delegation members."""
    return (
        Organisation.objects.filter(
            people__registrations__event=event,
            people__registrations__category=RegistrationCategory.DELEGATION,
        )
        .exclude(people__registrations__status=RegistrationStatus.CANCELLED)
        .distinct()
        .order_by("name", "id")
    )


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
    Column(_("E-mail address")),
    Column(_("First name")),
    Column(_("Last name")),
    Column(_("Name in Korean")),
    Column(_("Ticket (English)")),
    Column(_("Ticket (Korean)")),
    Column(_("Registration status")),
    Column(_("Order")),
    Column(_("Order status")),
    Column(_("Price paid"), MONEY),
    Column(_("Organisation")),
    Column(_("Job role")),
    Column(_("Dietary needs")),
    Column(_("In the partnering directory")),
    Column(_("Registered"), DATETIME),
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
    caterer and the badge printer (`ATTENDEE_COLUMNS`; times aware, amounts in
    the order's currency). Two queries whatever the size."""
    for reg in registration_list_for_event(event=event, status=status):
        ticket, order = reg.ticket_type, reg.order
        price = None
        if reg.price is not None:
            price = Money(reg.price, order.currency if order else event.currency)
        yield [
            reg.user.email,
            reg.user.first_name,
            reg.user.last_name,
            reg.user.name_ko,
            ticket.name_en if ticket else reg.get_category_display(),
            ticket.name_ko if ticket else "",
            reg.get_status_display(),
            order.code if order else "",
            order.get_status_display() if order else "",
            price,
            reg.organisation_name,
            reg.job_role,
            reg.dietary_needs,
            reg.directory_consent,
            reg.created_at,
        ]


def sales_today(*, events: list[Event]) -> dict[int, tuple[int, int, list]]:
    """Per event id: seats sold, seats paid today (the event's local day) and
    money kept per currency [(code, Decimal)], in two queries for all events."""
    seats = (
        Registration.objects.filter(
            event__in=events, status=RegistrationStatus.CONFIRMED
        )
        .values("event_id")
        .annotate(
            sold=Count("id"),
            today=Count("id", filter=since_today(events, field="order__paid_at")),
        )
    )
    numbers = {event.pk: (0, 0, []) for event in events}
    for row in seats:
        numbers[row["event_id"]] = (row["sold"], row["today"], [])
    money = (
        Order.objects.filter(
            event__in=events, status__in=[OrderStatus.PAID, OrderStatus.REFUNDED]
        )
        .values("event_id", "currency")
        .annotate(gross=Sum("total"), refunded=Sum("refunded_amount"))
        .order_by("event_id", "currency")
    )
    for row in money:
        net = (row["gross"] or Decimal(0)) - (row["refunded"] or Decimal(0))
        numbers[row["event_id"]][2].append((row["currency"], net))
    return numbers
