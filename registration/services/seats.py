"""Seats: how many are taken, how long a pending order holds them, and whether
the ones asked for may be sold.

Never oversold: every write that takes or returns seats runs in one transaction
with the ticket type rows locked (`select_for_update`, in primary-key order so two
orders for the same tickets never deadlock); the capacity check counts paid seats
plus seats held by pending orders whose hold has not expired. On SQLite the whole
database is locked by the IMMEDIATE transaction instead.
"""

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event
from registration.enums import (
    OrderStatus,
    PaymentMethod,
    RegistrationStatus,
    WaitlistStatus,
)
from registration.models import EventBilling, Registration, TicketType, WaitlistEntry
from registration.services.common import (
    NotAllowed,
    RegistrationError,
    SaleClosed,
    SoldOut,
)

CARD_HOLD = dt.timedelta(minutes=30)


def seats_taken(*, ticket_type: TicketType, now: dt.datetime | None = None) -> int:
    """Confirmed seats, seats held by live pending orders, and seats held for
    waiting-list offers that have not expired."""
    now = now or timezone.now()
    seats = ticket_type.registrations.filter(_live_seat(now)).count()
    return seats + live_offers(ticket_type=ticket_type, now=now).count()


def _live_seat(now: dt.datetime) -> Q:
    """A registration whose seat counts: confirmed, or pending on a live hold."""
    return Q(status=RegistrationStatus.CONFIRMED) | Q(
        status=RegistrationStatus.PENDING,
        order__status=OrderStatus.PENDING,
    ) & (Q(order__expires_at__isnull=True) | Q(order__expires_at__gt=now))


def ticket_types_with_seats_taken(queryset, *, now: dt.datetime | None = None):
    """`queryset` annotated with `seats_taken`, counted as `seats_taken()` counts
    it, in the one query of a list (no lock: for showing, not for selling)."""
    now = now or timezone.now()

    def count(rows):
        per_ticket = rows.filter(ticket_type=OuterRef("pk")).values("ticket_type")
        return Coalesce(Subquery(per_ticket.annotate(n=Count("pk")).values("n")), 0)

    seats = count(Registration.objects.filter(_live_seat(now)))
    offers = count(
        WaitlistEntry.objects.filter(
            status=WaitlistStatus.OFFERED, offer_expires_at__gt=now
        )
    )
    return queryset.annotate(seats_taken=seats + offers)


def live_offers(*, ticket_type: TicketType, now: dt.datetime):
    return WaitlistEntry.objects.filter(
        ticket_type=ticket_type,
        status=WaitlistStatus.OFFERED,
        offer_expires_at__gt=now,
    )


def hold_until(event: Event, method: str, now: dt.datetime) -> dt.datetime | None:
    if method == PaymentMethod.CARD:
        return now + CARD_HOLD
    billing = EventBilling.objects.filter(event=event).first()
    days = billing.invoice_hold_days if billing else 14
    return now + dt.timedelta(days=days)


def lock_tickets(*, event: Event, ids: Sequence[int]) -> dict[int, TicketType]:
    locked = (
        TicketType.objects.select_for_update()
        .filter(event=event, pk__in=sorted(set(ids)))
        .order_by("pk")
    )
    tickets = {ticket.pk: ticket for ticket in locked}
    if len(tickets) != len(set(ids)):
        raise RegistrationError(_("That ticket is not sold for this event."))
    return tickets


def check_tickets(
    tickets: dict[int, TicketType],
    wanted: Counter,
    *,
    access_code: str,
    now: dt.datetime,
    offered: Counter | None = None,
    by_organiser: bool = False,
) -> None:
    for pk, count in wanted.items():
        ticket = tickets[pk]
        if by_organiser:
            check_capacity(ticket, count, now=now, own=(offered or Counter())[pk])
            continue
        if not ticket.on_sale(now):
            raise SaleClosed(
                _("%(ticket)s is not on sale now.") % {"ticket": ticket.name}
            )
        if ticket.access_code and not ticket.accepts_code(access_code):
            raise NotAllowed(
                _("%(ticket)s needs a valid access code.") % {"ticket": ticket.name}
            )
        if count > ticket.max_per_order:
            raise RegistrationError(
                _("At most %(n)s of %(ticket)s per order.")
                % {"n": ticket.max_per_order, "ticket": ticket.name}
            )
        check_capacity(ticket, count, now=now, own=(offered or Counter())[pk])


def check_capacity(
    ticket: TicketType, count: int, *, now: dt.datetime, own: int = 0
) -> None:
    """`own`: seats held for this buyer's own waiting-list offers, which count as
    taken for everyone else."""
    left = ticket.capacity - seats_taken(ticket_type=ticket, now=now) + own
    if count > left:
        if left <= 0:
            message = _("%(ticket)s is sold out.") % {"ticket": ticket.name}
        else:
            message = _("Only %(n)s of %(ticket)s left.") % {
                "n": left,
                "ticket": ticket.name,
            }
        raise SoldOut(message)
