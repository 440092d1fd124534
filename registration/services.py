"""Registration services: orders, seats held and released, vouchers, cancellations.

Never oversold: every write that takes or returns seats runs in one transaction
with the ticket type rows locked (`select_for_update`, in primary-key order so two
orders for the same tickets never deadlock); the capacity check counts paid seats
plus seats held by pending orders whose hold has not expired. On SQLite the whole
database is locked by the IMMEDIATE transaction instead.
"""

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import user_upsert
from config.queue import enqueue
from config.services import model_update
from events import services
from events.authority import is_organiser  # noqa: F401  (re-exported: one rule)
from events.models import (
    Event,
)
from events.money import percent_of, quantize
from registration.enums import (
    OrderStatus,
    PaymentMethod,
    PaymentState,
    RegistrationCategory,
    RegistrationStatus,
    VoucherKind,
    WaitlistStatus,
)
from registration.models import (
    EventBilling,
    Order,
    Payment,
    Registration,
    TicketType,
    Voucher,
    WaitlistEntry,
)

CARD_HOLD = dt.timedelta(minutes=30)


class RegistrationError(Exception):
    """A purchase or change the rules refuse; the message is shown to the user."""

    status = 409


class SoldOut(RegistrationError):
    pass


class SaleClosed(RegistrationError):
    pass


class VoucherInvalid(RegistrationError):
    status = 400


class NotAllowed(RegistrationError):
    status = 403


@dataclass(frozen=True)
class Attendee:
    """Who sits in a seat, with their answers to the event's questions."""

    email: str
    first_name: str = ""
    last_name: str = ""
    organisation_name: str = ""
    job_role: str = ""
    dietary_needs: str = ""
    directory_consent: bool = False


@dataclass(frozen=True)
class OrderItem:
    ticket_type_id: int
    attendee: Attendee


@dataclass(frozen=True)
class Billing:
    name: str = ""
    organisation: str = ""
    address: str = ""
    tax_id: str = ""


@dataclass
class _Priced:
    subtotal: Decimal = Decimal(0)
    discount: Decimal = Decimal(0)
    lines: list[Decimal] = field(default_factory=list)


def _holding(now: dt.datetime) -> Q:
    """Orders whose seats count: paid, or pending with a live hold."""
    return Q(status=OrderStatus.PAID) | (
        Q(status=OrderStatus.PENDING)
        & (Q(expires_at__isnull=True) | Q(expires_at__gt=now))
    )


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


def _lock_tickets(*, event: Event, ids: Sequence[int]) -> dict[int, TicketType]:
    locked = (
        TicketType.objects.select_for_update()
        .filter(event=event, pk__in=sorted(set(ids)))
        .order_by("pk")
    )
    tickets = {ticket.pk: ticket for ticket in locked}
    if len(tickets) != len(set(ids)):
        raise RegistrationError(_("That ticket is not sold for this event."))
    return tickets


def _check_tickets(
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
            _check_capacity(ticket, count, now=now, own=(offered or Counter())[pk])
            continue
        if not ticket.on_sale(now):
            raise SaleClosed(
                _("%(ticket)s is not on sale now.") % {"ticket": ticket.name}
            )
        if ticket.access_code and access_code.strip() != ticket.access_code:
            raise NotAllowed(
                _("%(ticket)s needs a valid access code.") % {"ticket": ticket.name}
            )
        if count > ticket.max_per_order:
            raise RegistrationError(
                _("At most %(n)s of %(ticket)s per order.")
                % {"n": ticket.max_per_order, "ticket": ticket.name}
            )
        _check_capacity(ticket, count, now=now, own=(offered or Counter())[pk])


def _check_capacity(
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


def _lock_voucher(*, event: Event, code: str, now: dt.datetime) -> Voucher:
    voucher = (
        Voucher.objects.select_for_update()
        .filter(event=event, code__iexact=code.strip())
        .first()
    )
    if voucher is None or not voucher.is_valid_at(now):
        raise VoucherInvalid(_("This voucher code is not valid."))
    if voucher.orders.filter(_holding(now)).count() >= voucher.max_uses:
        raise VoucherInvalid(_("This voucher has been used up."))
    return voucher


def _price(
    items: Sequence[OrderItem],
    tickets: dict[int, TicketType],
    voucher: Voucher | None,
    currency: str,
) -> _Priced:
    allowed = set(voucher.ticket_types.values_list("pk", flat=True)) if voucher else ()
    priced = _Priced()
    for item in items:
        price = tickets[item.ticket_type_id].price
        off = Decimal(0)
        if voucher and (not allowed or item.ticket_type_id in allowed):
            if voucher.kind == VoucherKind.PERCENT:
                off = percent_of(price, voucher.value, currency)
            else:
                off = min(price, voucher.value)
        priced.subtotal += price
        priced.discount += off
        priced.lines.append(quantize(price - off, currency))
    if voucher and not priced.discount and allowed:
        raise VoucherInvalid(_("This voucher is not valid for these tickets."))
    return priced


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


def _registration(event: Event, user: User) -> Registration:
    existing = Registration.objects.filter(event=event, user=user).first()
    if existing is None:
        return Registration(event=event, user=user)
    if existing.status != RegistrationStatus.CANCELLED:
        raise RegistrationError(
            _("%(email)s is already registered for this event.") % {"email": user.email}
        )
    return existing


def _hold_until(event: Event, method: str, now: dt.datetime) -> dt.datetime | None:
    if method == PaymentMethod.CARD:
        return now + CARD_HOLD
    billing = EventBilling.objects.filter(event=event).first()
    days = billing.invoice_hold_days if billing else 14
    return now + dt.timedelta(days=days)


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
    if not items:
        raise RegistrationError(_("Choose at least one ticket."))
    emails = [item.attendee.email.strip().lower() for item in items]
    if len(set(emails)) != len(emails):
        raise RegistrationError(_("Each attendee needs their own e-mail address."))
    tickets = _lock_tickets(event=event, ids=[i.ticket_type_id for i in items])
    offers = _own_offers(items, now)
    _check_tickets(
        tickets,
        Counter(i.ticket_type_id for i in items),
        access_code=access_code,
        now=now,
        offered=Counter(offer.ticket_type_id for offer in offers),
        by_organiser=created_by is not None,
    )
    voucher = (
        _lock_voucher(event=event, code=voucher_code, now=now) if voucher_code else None
    )
    priced = _price(items, tickets, voucher, event.currency)
    if complimentary:
        priced = _Priced(priced.subtotal, priced.subtotal, [Decimal(0)] * len(items))
    needs_approval = created_by is None and any(
        tickets[i.ticket_type_id].requires_approval for i in items
    )
    total = quantize(sum(priced.lines, Decimal(0)), event.currency)
    if total == 0:
        method = PaymentMethod.FREE
    elif method not in (PaymentMethod.CARD, PaymentMethod.INVOICE):
        raise RegistrationError(_("Choose how to pay."))
    billing = billing or Billing()
    order = Order(
        event=event,
        buyer=buyer,
        method=method,
        currency=event.currency,
        subtotal=quantize(priced.subtotal, event.currency),
        discount=quantize(priced.discount, event.currency),
        total=total,
        voucher=voucher,
        needs_approval=needs_approval,
        created_by=created_by,
        expires_at=_hold(event, method, now, total=total, approval=needs_approval),
        billing_name=billing.name or str(buyer),
        billing_organisation=billing.organisation,
        billing_address=billing.address,
        billing_tax_id=billing.tax_id,
    )
    confirmed = total == 0 and not needs_approval
    if confirmed:
        order.status, order.paid_at = OrderStatus.PAID, now
    order.full_clean()
    order.save()
    status = RegistrationStatus.CONFIRMED if confirmed else RegistrationStatus.PENDING
    for item, price in zip(items, priced.lines, strict=True):
        _seat(order, tickets[item.ticket_type_id], item.attendee, price, status)
    WaitlistEntry.objects.filter(pk__in=[o.pk for o in offers]).update(
        status=WaitlistStatus.ACCEPTED
    )
    _notify(order, "confirmation" if confirmed else "received")
    return order


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


def _hold(event, method, now, *, total: Decimal, approval: bool):
    """Free orders hold nothing unless they wait for approval; orders awaiting
    approval hold as long as an invoice does, so the organiser has time to look."""
    if approval:
        return _hold_until(event, PaymentMethod.INVOICE, now)
    return None if total == 0 else _hold_until(event, method, now)


def _seat(order, ticket, attendee: Attendee, price: Decimal, status: str) -> None:
    registration = _registration(order.event, _attendee_user(attendee, order.buyer))
    services.model_update(
        registration,
        order=order,
        ticket_type=ticket,
        category=ticket.category,
        price=price,
        status=status,
        organisation_name=attendee.organisation_name,
        job_role=attendee.job_role,
        dietary_needs=attendee.dietary_needs,
        directory_consent=attendee.directory_consent,
    )


def _notify(order: Order, what: str) -> None:
    """E-mail after commit, so a worker never reads an order that rolled back."""
    task = {
        "confirmation": "registration.tasks.order_confirmation_email",
        "received": "registration.tasks.order_received_email",
        "cancelled": "registration.tasks.order_cancelled_email",
        "reminder": "registration.tasks.order_reminder_email",
    }[what]
    pk = order.pk
    transaction.on_commit(lambda: enqueue(task, pk))


def _lock_order(order: Order) -> Order:
    return Order.objects.select_for_update().select_related("event").get(pk=order.pk)


def _close(order: Order, status: str, now: dt.datetime) -> None:
    order.status, order.closed_at = status, now
    order.save(update_fields=["status", "closed_at"])
    order.registrations.update(status=RegistrationStatus.CANCELLED)


@transaction.atomic
def order_mark_paid(*, order: Order, paid_at: dt.datetime | None = None) -> Order:
    """Confirm an order's seats. Idempotent; a late payment for an expired or
    cancelled order revives it only if its seats are still free (else `SoldOut`,
    and the caller refunds)."""
    order = _lock_order(order)
    now = paid_at or timezone.now()
    if order.status == OrderStatus.PAID:
        return order
    if order.status == OrderStatus.REFUNDED:
        raise RegistrationError(_("This order has been refunded."))
    if order.status in (OrderStatus.EXPIRED, OrderStatus.CANCELLED):
        regs = list(order.registrations.select_related("ticket_type"))
        tickets = _lock_tickets(
            event=order.event, ids=[r.ticket_type_id for r in regs if r.ticket_type_id]
        )
        for pk, count in Counter(r.ticket_type_id for r in regs).items():
            if pk in tickets:
                _check_capacity(tickets[pk], count, now=now)
    order.status, order.paid_at, order.closed_at = OrderStatus.PAID, now, None
    order.save(update_fields=["status", "paid_at", "closed_at"])
    order.registrations.update(status=RegistrationStatus.CONFIRMED)
    _notify(order, "confirmation")
    return order


@transaction.atomic
def invoice_mark_paid(*, order: Order, actor: User) -> Order:
    """The organiser saw the bank transfer arrive."""
    if not is_organiser(user=actor, event=order.event):
        raise NotAllowed(_("Only the event's organisers may do this."))
    if order.method != PaymentMethod.INVOICE:
        raise RegistrationError(_("This order is not paid by invoice."))
    order = order_mark_paid(order=order)
    if order.awaiting_approval:  # paying by transfer settles the question
        order.approved_at = timezone.now()
        order.save(update_fields=["approved_at"])
    Payment.objects.get_or_create(
        order=order,
        provider="bank_transfer",
        defaults={
            "amount": order.total,
            "currency": order.currency,
            "state": PaymentState.SUCCEEDED,
        },
    )
    return order


def order_expire_due(*, now: dt.datetime | None = None, limit: int = 500) -> int:
    """Release the seats of pending orders whose hold has passed; returns how many."""
    now = now or timezone.now()
    due = Order.objects.filter(
        status=OrderStatus.PENDING, expires_at__lte=now
    ).values_list("pk", flat=True)[:limit]
    expired = 0
    for pk in list(due):
        with transaction.atomic():
            order = Order.objects.select_for_update().get(pk=pk)
            if order.status == OrderStatus.PENDING and order.expires_at <= now:
                _close(order, OrderStatus.EXPIRED, now)
                expired += 1
    return expired


def _may_cancel(order: Order, actor: User, now: dt.datetime) -> None:
    if is_organiser(user=actor, event=order.event):
        return
    if actor.pk != order.buyer_id:
        raise NotAllowed(_("This is not your order."))
    billing = EventBilling.objects.filter(event=order.event).first()
    deadline = (billing and billing.attendee_cancel_until) or order.event.starts_at
    if now >= deadline:
        raise NotAllowed(_("The event's cancellation period is over."))


@transaction.atomic
def order_cancel(*, order: Order, actor: User) -> Order:
    """Cancel an unpaid or free order and return its seats. Paid orders with money
    in them are refunded instead (`registration.payments.order_refund`)."""
    now = timezone.now()
    order = _lock_order(order)
    _may_cancel(order, actor, now)
    if order.status not in (OrderStatus.PENDING, OrderStatus.PAID):
        raise RegistrationError(_("This order is already closed."))
    if order.status == OrderStatus.PAID and order.total > 0:
        raise RegistrationError(_("A paid order is refunded, not cancelled."))
    _close(order, OrderStatus.CANCELLED, now)
    _notify(order, "cancelled")
    return order


@transaction.atomic
def order_refund_record(
    *,
    order: Order,
    refunded_total: Decimal,
    actor: User | None = None,
    close: bool = False,
) -> Order:
    """Record that `refunded_total` (absolute, not a delta: webhooks may repeat) has
    gone back to the buyer. A full refund cancels the seats; a partial one keeps
    them, unless `close` (an attendee's cancellation under a policy that keeps a
    fee) says the order ends here."""
    order = _lock_order(order)
    refunded_total = quantize(refunded_total, order.currency)
    if refunded_total > order.total:
        raise RegistrationError(_("You cannot refund more than was paid."))
    if refunded_total > order.refunded_amount:
        order.refunded_amount = refunded_total
        order.save(update_fields=["refunded_amount"])
    elif not close:
        return order
    if order.status == OrderStatus.PAID and (close or refunded_total == order.total):
        _close(order, OrderStatus.REFUNDED, timezone.now())
        _notify(order, "cancelled")
    return order


def attendee_refund_amount(*, order: Order) -> Decimal:
    """What an attendee who cancels gets back under the event's policy."""
    billing = EventBilling.objects.filter(event=order.event).first()
    percent = billing.attendee_refund_percent if billing else 100
    left = order.total - order.refunded_amount
    return percent_of(left, Decimal(percent), order.currency)


def check_refund_allowed(*, order: Order, actor: User, amount: Decimal) -> Decimal:
    """Who may refund how much: organisers any part, attendees the whole order
    (less the event's cancellation fee) within the cancellation period. Returns the
    new refunded total."""
    _may_cancel(order, actor, timezone.now())
    if order.status != OrderStatus.PAID or order.total == 0:
        raise RegistrationError(_("Only paid orders can be refunded."))
    amount = quantize(amount, order.currency)
    left = order.total - order.refunded_amount
    organiser = is_organiser(user=actor, event=order.event)
    if not organiser and amount != attendee_refund_amount(order=order):
        raise NotAllowed(_("Attendees may only cancel the whole order."))
    if amount < 0 or amount > left or (organiser and amount == 0):
        raise RegistrationError(_("Refund between 0 and what is left to refund."))
    return order.refunded_amount + amount


def registration_upsert(
    *,
    event: Event,
    user: User,
    category: str = RegistrationCategory.ATTENDEE,
    status: str = RegistrationStatus.CONFIRMED,
) -> Registration:
    registration = Registration.objects.filter(event=event, user=user).first()
    registration = registration or Registration(event=event, user=user)
    return model_update(registration, category=category, status=status)
