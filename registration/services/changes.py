"""Organiser and attendee changes to existing orders: approval of tickets that need
it, manual registration, resending e-mails, invoice reminders, and attendees
completing or editing their own answers."""

import datetime as dt
from dataclasses import replace

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import user_upsert
from config.services import model_update
from events.authority import is_organiser
from events.models import Event
from registration import services
from registration.enums import OrderStatus, PaymentMethod, RegistrationStatus
from registration.models import EventBilling, Order, Registration
from registration.services import NotAllowed, OrderItem, RegistrationError

RESENDABLE = {"confirmation", "received", "cancelled"}


def _require_organiser(actor: User, event: Event) -> None:
    if not is_organiser(user=actor, event=event):
        raise NotAllowed(_("Only the event's organisers may do this."))


@transaction.atomic
def order_approve(*, order: Order, actor: User) -> Order:
    """Let an order whose tickets need approval go ahead: free ones are confirmed,
    paid ones may now be paid, with the hold renewed from now."""
    _require_organiser(actor, order.event)
    order = Order.objects.select_for_update().get(pk=order.pk)
    if not order.awaiting_approval or order.status != OrderStatus.PENDING:
        raise RegistrationError(_("This order is not waiting for approval."))
    now = timezone.now()
    order.approved_at = now
    order.expires_at = services.hold_until(order.event, PaymentMethod.INVOICE, now)
    order.save(update_fields=["approved_at", "expires_at"])
    if order.total == 0:
        return services.order_mark_paid(order=order)
    services.notify(order, "received")
    return order


def order_reject(*, order: Order, actor: User) -> Order:
    """Decline an order waiting for approval; its seats return."""
    _require_organiser(actor, order.event)
    if not order.awaiting_approval:
        raise RegistrationError(_("This order is not waiting for approval."))
    return services.order_cancel(order=order, actor=actor)


@transaction.atomic
def registration_manual_create(
    *,
    event: Event,
    actor: User,
    item: OrderItem,
    method: str,
    complimentary: bool = False,
) -> Order:
    """An organiser registers someone by hand (phone, e-mail, on-site desk). The
    attendee is the buyer; sale windows, access codes and approval do not apply,
    capacity does. Complimentary seats cost nothing."""
    _require_organiser(actor, event)
    ticket = event.ticket_types.filter(pk=item.ticket_type_id).first()
    if ticket is None:
        raise RegistrationError(_("That ticket is not sold for this event."))
    buyer = User.objects.filter(email__iexact=item.attendee.email.strip()).first()
    buyer = buyer or user_upsert(
        email=item.attendee.email,
        first_name=item.attendee.first_name,
        last_name=item.attendee.last_name,
    )
    item = replace(item, attendee=replace(item.attendee, email=buyer.email))
    return services.order_create(
        event=event,
        buyer=buyer,
        items=[item],
        method=PaymentMethod.FREE if complimentary else method,
        created_by=actor,
        complimentary=complimentary,
    )


def order_resend_email(*, order: Order, actor: User, what: str | None = None) -> str:
    """Send the order's current e-mail again (confirmation, reservation with the
    invoice, or cancellation); returns which one."""
    _require_organiser(actor, order.event)
    if what is None:
        what = {
            OrderStatus.PAID: "confirmation",
            OrderStatus.PENDING: "received",
        }.get(order.status, "cancelled")
    if what not in RESENDABLE:
        raise RegistrationError(_("Unknown e-mail."))
    services.notify(order, what)
    return what


def invoice_remind_due(*, now: dt.datetime | None = None, limit: int = 500) -> int:
    """Remind buyers of unpaid invoices once, the event's `invoice_reminder_days`
    before their hold ends (the expiry job then releases the seats)."""
    now = now or timezone.now()
    due = Order.objects.filter(
        status=OrderStatus.PENDING,
        method=PaymentMethod.INVOICE,
        reminded_at__isnull=True,
        expires_at__gt=now,
    ).select_related("event")
    reminded = 0
    for order in due[:limit]:
        if order.awaiting_approval:
            continue
        billing = EventBilling.objects.filter(event=order.event).first()
        days = billing.invoice_reminder_days if billing else 3
        if order.expires_at - dt.timedelta(days=days) > now:
            continue
        with transaction.atomic():
            marked = Order.objects.filter(pk=order.pk, reminded_at__isnull=True)
            if marked.update(reminded_at=now):
                services.notify(order, "reminder")
                reminded += 1
    return reminded


ANSWER_FIELDS = ("organisation_name", "job_role", "dietary_needs", "directory_consent")


@transaction.atomic
def registration_answers_update(
    *,
    reg: Registration,
    actor: User,
    first_name: str,
    last_name: str,
    answers: dict[str, object],
) -> Registration:
    """The attendee (or the buyer who registered them) completes or edits the
    answers; the attendee's own name is theirs to change."""
    reg = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("order")
        .get(pk=reg.pk)
    )
    buyer_id = reg.order.buyer_id if reg.order_id else None
    if actor.pk not in (reg.user_id, buyer_id):
        raise NotAllowed(_("This is not your registration."))
    if reg.status == RegistrationStatus.CANCELLED:
        raise RegistrationError(_("This registration is cancelled."))
    unknown = set(answers) - set(ANSWER_FIELDS)
    if unknown:
        raise RegistrationError(_("Unknown question."))
    model_update(reg, **answers)
    if actor.pk == reg.user_id:
        model_update(reg.user, first_name=first_name, last_name=last_name)
    return reg
