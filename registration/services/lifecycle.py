"""An order after it is placed: paid, expired, cancelled or refunded. Each change
locks the order row first, so a webhook and a person acting at once are applied
one after the other."""

import datetime as dt
from collections import Counter
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from events.authority import is_organiser
from events.money import percent_of, quantize
from registration.enums import (
    OrderStatus,
    PaymentMethod,
    PaymentState,
    RegistrationStatus,
)
from registration.models import EventBilling, Order, Payment
from registration.services.common import NotAllowed, RegistrationError, notify
from registration.services.seats import check_capacity, lock_tickets


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
        tickets = lock_tickets(
            event=order.event, ids=[r.ticket_type_id for r in regs if r.ticket_type_id]
        )
        for pk, count in Counter(r.ticket_type_id for r in regs).items():
            if pk in tickets:
                check_capacity(tickets[pk], count, now=now)
    order.status, order.paid_at, order.closed_at = OrderStatus.PAID, now, None
    order.save(update_fields=["status", "paid_at", "closed_at"])
    order.registrations.update(status=RegistrationStatus.CONFIRMED)
    notify(order, "confirmation")
    return order


@transaction.atomic
def invoice_mark_paid(*, order: Order, actor: User) -> Order:
    """The organiser saw the bank transfer arrive."""
    if not is_organiser(user=actor, event=order.event):
        raise NotAllowed(_("Only the event's organisers may do this."))
    order = _lock_order(order)  # approval may have come since `order` was read
    if order.method != PaymentMethod.INVOICE:
        raise RegistrationError(_("This order is not paid by invoice."))
    if order.awaiting_approval:  # the question comes before the money
        raise RegistrationError(
            _("This order is waiting for approval: approve or decline it first.")
        )
    order = order_mark_paid(order=order)
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
    in them are refunded instead (`registration.services.payments.order_refund`)."""
    now = timezone.now()
    order = _lock_order(order)
    _may_cancel(order, actor, now)
    if order.status not in (OrderStatus.PENDING, OrderStatus.PAID):
        raise RegistrationError(_("This order is already closed."))
    if order.status == OrderStatus.PAID and order.total > 0:
        raise RegistrationError(_("A paid order is refunded, not cancelled."))
    _close(order, OrderStatus.CANCELLED, now)
    notify(order, "cancelled")
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
        notify(order, "cancelled")
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
