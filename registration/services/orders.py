"""Placing an order: seats are claimed under lock, priced, and given to each
attendee in one transaction, so a failed check leaves nothing behind."""

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import user_upsert
from config.services import model_update
from events.models import Event
from events.money import quantize
from registration.enums import (
    OrderStatus,
    PaymentMethod,
    RegistrationStatus,
    WaitlistStatus,
)
from registration.models import Order, Registration, TicketType, Voucher, WaitlistEntry
from registration.services.common import (
    Attendee,
    Billing,
    OrderItem,
    RegistrationError,
    notify,
)
from registration.services.pricing import Priced, lock_voucher, price_items
from registration.services.seats import check_tickets, hold_until, lock_tickets


@transaction.atomic
def order_create(
    *,
    event: Event,
    buyer: User,
    items: Sequence[OrderItem],
    method: str,
    voucher_code: str | None = None,
    access_code: str = "",
    billing: Billing | None = None,
    created_by: User | None = None,
    complimentary: bool = False,
) -> Order:
    """Hold seats for `items` (one per attendee); a free order is confirmed at once,
    unless a ticket in it needs the organiser's approval.

    `created_by` (an organiser, checked by the caller) registers someone by hand:
    sale windows, access codes and approval then do not apply, capacity does;
    `complimentary` makes the seats free.

    Raises `SoldOut`, `SaleClosed`, `VoucherInvalid`, `NotAllowed` or
    `RegistrationError`, all with a message for the buyer.
    """
    now = timezone.now()
    _check_attendees(items)
    tickets, offers = _claim_seats(
        event, items, access_code, now, by_organiser=created_by is not None
    )
    voucher, priced = _price(
        event, items, tickets, voucher_code, complimentary=complimentary, now=now
    )
    needs_approval = created_by is None and any(
        tickets[i.ticket_type_id].requires_approval for i in items
    )
    order = Order(
        event=event,
        buyer=buyer,
        voucher=voucher,
        needs_approval=needs_approval,
        created_by=created_by,
        **_order_terms(event, method, priced, needs_approval=needs_approval, now=now),
        **_billing_fields(billing or Billing(), buyer),
    )
    order.full_clean()
    order.save()
    _seat_attendees(order, items, tickets, priced, offers)
    notify(order, "confirmation" if order.status == OrderStatus.PAID else "received")
    return order


def _check_attendees(items: Sequence[OrderItem]) -> None:
    if not items:
        raise RegistrationError(_("Choose at least one ticket."))
    emails = [item.attendee.email.strip().lower() for item in items]
    if len(set(emails)) != len(emails):
        raise RegistrationError(_("Each attendee needs their own e-mail address."))


def _claim_seats(
    event: Event,
    items: Sequence[OrderItem],
    access_code: str,
    now: dt.datetime,
    *,
    by_organiser: bool,
) -> tuple[dict[int, TicketType], list[WaitlistEntry]]:
    """Ticket rows are locked before the attendees' offers, the order the
    waiting-list job locks them in, so the two never deadlock."""
    tickets = lock_tickets(event=event, ids=[i.ticket_type_id for i in items])
    offers = _own_offers(items, now)
    check_tickets(
        tickets,
        Counter(i.ticket_type_id for i in items),
        access_code=access_code,
        now=now,
        offered=Counter(offer.ticket_type_id for offer in offers),
        by_organiser=by_organiser,
    )
    return tickets, offers


def _own_offers(items: Sequence[OrderItem], now: dt.datetime) -> list[WaitlistEntry]:
    """The attendees' live waiting-list offers for the tickets they are buying."""
    wanted = {(i.attendee.email.strip().lower(), i.ticket_type_id) for i in items}
    offers = WaitlistEntry.objects.select_for_update(of=("self",)).filter(
        status=WaitlistStatus.OFFERED,
        offer_expires_at__gt=now,
        ticket_type_id__in={t for _e, t in wanted},
        user__email__in={e for e, _t in wanted},
    )
    return [
        o
        for o in offers.select_related("user")
        if (o.user.email.lower(), o.ticket_type_id) in wanted
    ]


def _price(
    event: Event,
    items: Sequence[OrderItem],
    tickets: dict[int, TicketType],
    voucher_code: str | None,
    *,
    complimentary: bool,
    now: dt.datetime,
) -> tuple[Voucher | None, Priced]:
    voucher = (
        lock_voucher(event=event, code=voucher_code, now=now) if voucher_code else None
    )
    priced = price_items(items, tickets, voucher, event.currency)
    return voucher, priced.waived() if complimentary else priced


def _order_terms(
    event: Event,
    method: str,
    priced: Priced,
    *,
    needs_approval: bool,
    now: dt.datetime,
) -> dict[str, object]:
    """A free order that needs no approval is paid the moment it is placed."""
    total = quantize(sum(priced.lines, Decimal(0)), event.currency)
    method = _payment_method(method, total)
    terms = {
        "method": method,
        "currency": event.currency,
        "subtotal": quantize(priced.subtotal, event.currency),
        "discount": quantize(priced.discount, event.currency),
        "total": total,
        "expires_at": _hold(event, method, now, total=total, approval=needs_approval),
    }
    if total == 0 and not needs_approval:
        terms.update(status=OrderStatus.PAID, paid_at=now)
    return terms


def _billing_fields(billing: Billing, buyer: User) -> dict[str, str]:
    return {
        "billing_name": billing.name or str(buyer),
        "billing_organisation": billing.organisation,
        "billing_address": billing.address,
        "billing_tax_id": billing.tax_id,
    }


def _payment_method(method: str, total: Decimal) -> str:
    """Nothing to pay is settled as free, whatever the buyer picked."""
    if total == 0:
        return PaymentMethod.FREE
    if method not in (PaymentMethod.CARD, PaymentMethod.INVOICE):
        raise RegistrationError(_("Choose how to pay."))
    return method


def _hold(event, method, now, *, total: Decimal, approval: bool):
    """Free orders hold nothing unless they wait for approval; orders awaiting
    approval hold as long as an invoice does, so the organiser has time to look."""
    if approval:
        return hold_until(event, PaymentMethod.INVOICE, now)
    return None if total == 0 else hold_until(event, method, now)


def _seat_attendees(
    order: Order,
    items: Sequence[OrderItem],
    tickets: dict[int, TicketType],
    priced: Priced,
    offers: list[WaitlistEntry],
) -> None:
    """The attendees' waiting-list offers become these seats, so they stop being
    counted as taken on their own."""
    paid = order.status == OrderStatus.PAID
    status = RegistrationStatus.CONFIRMED if paid else RegistrationStatus.PENDING
    prices = zip(priced.lines, priced.list_prices, strict=True)
    for item, (price, list_price) in zip(items, prices, strict=True):
        ticket = tickets[item.ticket_type_id]
        _seat(order, ticket, item.attendee, (price, list_price), status)
    WaitlistEntry.objects.filter(pk__in=[o.pk for o in offers]).update(
        status=WaitlistStatus.ACCEPTED
    )


def _seat(order, ticket, attendee: Attendee, prices: tuple, status: str) -> None:
    """`prices`: what the seat costs after the voucher, and before it."""
    registration = _registration(order.event, _attendee_user(attendee, order.buyer))
    model_update(
        registration,
        order=order,
        ticket_type=ticket,
        category=ticket.category,
        price=prices[0],
        list_price=prices[1],
        status=status,
        organisation_name=attendee.organisation_name,
        job_role=attendee.job_role,
        dietary_needs=attendee.dietary_needs,
        directory_consent=attendee.directory_consent,
    )


def _registration(event: Event, user: User) -> Registration:
    existing = Registration.objects.filter(event=event, user=user).first()
    if existing is None:
        return Registration(event=event, user=user)
    if existing.status != RegistrationStatus.CANCELLED:
        raise RegistrationError(
            _("%(email)s is already registered for this event.") % {"email": user.email}
        )
    return existing


def _attendee_user(attendee: Attendee, buyer: User) -> User:
    email = attendee.email.strip().lower()
    if email == buyer.email.lower():
        return buyer
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = user_upsert(
            email=email, first_name=attendee.first_name, last_name=attendee.last_name
        )
    return user
