"""Reads for registration: orders and registrations with their joins applied."""

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from events.enums import OrderStatus, PaymentMethod, WaitlistStatus
from events.models import Event, Order, Registration, TicketType, User, WaitlistEntry
from events.registration import is_organiser, seats_taken


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
        if ticket.is_hidden and (not access_code or access_code != ticket.access_code):
            continue
        ticket.offer = offers.get(ticket.pk)
        left = ticket.capacity - seats_taken(ticket_type=ticket, now=now)
        ticket.seats_left = max(0, left + (1 if ticket.offer else 0))
        tickets.append(ticket)
    return tickets


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
