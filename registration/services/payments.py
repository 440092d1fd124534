"""Card payments with Stripe, and refunds.

The browser never tells us a payment succeeded: only a webhook, verified by its
signature on the raw body, stored once by its Stripe event id and followed by a
fresh fetch of the PaymentIntent from Stripe, moves an order to paid. Because every
webhook re-reads the intent's current state, events may arrive in any order and any
number of times. Every create call carries an idempotency key.
"""

import logging
import re
from decimal import Decimal

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from events.authority import is_organiser
from events.money import from_minor_units, to_minor_units
from registration import services
from registration.enums import OrderStatus, PaymentMethod, PaymentState
from registration.models import Order, Payment, StripeEvent

log = logging.getLogger(__name__)

# Stripe's PaymentIntent statuses → ours. Statuses before confirmation are CREATED.
_STATES = {
    "succeeded": PaymentState.SUCCEEDED,
    "processing": PaymentState.PROCESSING,
    "canceled": PaymentState.CANCELED,
}
_INTENT_EVENTS = {
    "payment_intent.succeeded",
    "payment_intent.processing",
    "payment_intent.payment_failed",
    "payment_intent.canceled",
}


class PaymentsDisabled(services.RegistrationError):
    status = 400


class WebhookRejected(Exception):
    """Bad signature or not JSON: answered 400, and nothing is stored."""


def card_enabled() -> bool:
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_PUBLISHABLE_KEY)


def _client() -> stripe.StripeClient:
    if not settings.STRIPE_SECRET_KEY:
        raise PaymentsDisabled(_("Card payments are not configured."))
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses={"api": settings.STRIPE_API_BASE},
        # Retries reuse the call's idempotency key, so a timed-out create that
        # did reach Stripe is not made twice.
        max_network_retries=2,
        http_client=stripe.RequestsClient(timeout=settings.STRIPE_TIMEOUT),
    )


class StripeUnavailable(services.RegistrationError):
    status = 502


def card_payment_start(*, order: Order) -> tuple[Payment, str]:
    """Create (or reuse) the order's PaymentIntent; returns it and its client secret
    for the Payment Element. Stripe being unreachable is a message, not a 500."""
    try:
        return _card_payment_start(order)
    except stripe.StripeError as exc:
        log.warning("Stripe refused or unreachable for %s: %s", order.code, exc)
        raise StripeUnavailable(
            _("Card payments are unavailable at the moment; try again shortly.")
        ) from exc


def _card_payment_start(order: Order) -> tuple[Payment, str]:
    if order.method != PaymentMethod.CARD or not order.is_holding:
        raise services.RegistrationError(_("This order cannot be paid by card."))
    if order.awaiting_approval:
        raise services.NotAllowed(_("The organisers have not approved this order yet."))
    client = _client()
    live = order.payments.filter(
        provider="stripe", state__in=[PaymentState.CREATED, PaymentState.PROCESSING]
    ).first()
    if live is not None:
        intent = client.v1.payment_intents.retrieve(live.intent_id)
        return live, intent.client_secret
    attempt = order.payments.count() + 1
    intent = client.v1.payment_intents.create(
        params={
            "amount": to_minor_units(order.total, order.currency),
            "currency": order.currency.lower(),
            "payment_method_types": ["card"],
            "metadata": {"order": order.code, "event": order.event.slug},
        },
        options={"idempotency_key": f"convene-order-{order.code}-intent-{attempt}"},
    )
    payment = Payment(
        order=order,
        provider="stripe",
        intent_id=intent.id,
        amount=order.total,
        currency=order.currency,
    )
    payment.full_clean()
    payment.save()
    return payment, intent.client_secret


_METHOD_ID = re.compile(r"^(pm|card|src)_[A-Za-z0-9]{6,}$")


def card_payment_confirm(*, order: Order, payment_method: str) -> Payment:
    """Confirm the order's PaymentIntent on the server with a card the browser
    tokenized (for a Stripe.js without the Payment Element, such as localstripe's
    stand-in). The order is confirmed only by what Stripe then says about the
    intent (`payment_sync` fetches it again), never by the browser."""
    if not _METHOD_ID.match(payment_method or ""):
        raise services.RegistrationError(_("That is not a card."))
    payment, _secret = card_payment_start(order=order)
    client = _client()
    try:
        client.v1.payment_intents.update(
            payment.intent_id, params={"payment_method": payment_method}
        )
        client.v1.payment_intents.confirm(
            payment.intent_id,
            options={"idempotency_key": f"convene-confirm-{payment_method}"},
        )
    except stripe.StripeError as exc:
        message = getattr(exc, "user_message", None) or _("The card was declined.")
        raise services.RegistrationError(message) from exc
    payment = payment_sync(intent_id=payment.intent_id)
    if payment.state == PaymentState.FAILED:
        raise services.RegistrationError(_("The card was declined."))
    return payment


def webhook_receive(*, payload: bytes, signature: str) -> bool:
    """Verify, store once, act. Returns False for a duplicate (already processed).

    Storing and acting share one transaction: if acting fails (Stripe unreachable),
    nothing is stored and Stripe's retry is processed afresh.
    """
    try:
        event = stripe.Webhook.construct_event(
            payload, signature, settings.STRIPE_WEBHOOK_SECRET
        )
    except (ValueError, stripe.SignatureVerificationError) as exc:
        raise WebhookRejected(str(exc)) from exc
    try:
        with transaction.atomic():
            stored = StripeEvent.objects.create(
                stripe_id=event.id, type=event.type, payload=event.to_dict()
            )
            _act(event)
            stored.processed_at = timezone.now()
            stored.save(update_fields=["processed_at"])
    except IntegrityError:
        if StripeEvent.objects.filter(stripe_id=event.id).exists():
            return False
        raise
    return True


def _act(event) -> None:
    obj = event.data.object.to_dict()
    if event.type in _INTENT_EVENTS:
        payment_sync(intent_id=obj["id"])
    elif event.type == "charge.refunded" and obj.get("payment_intent"):
        payment_sync(intent_id=obj["payment_intent"])
    else:
        log.info("Stripe event %s (%s) needs nothing from us", event.id, event.type)


@transaction.atomic
def payment_sync(*, intent_id: str) -> Payment | None:
    """Bring our payment and order in line with the PaymentIntent as Stripe has it
    now. Unknown intents (not ours) are ignored."""
    payment = (
        Payment.objects.select_for_update()
        .select_related("order")
        .filter(intent_id=intent_id)
        .first()
    )
    if payment is None:
        return None
    client = _client()
    intent = client.v1.payment_intents.retrieve(intent_id).to_dict()
    state = _STATES.get(intent["status"])
    if state is None:
        # requires_payment_method after a decline; the buyer may try again.
        failed = intent.get("last_payment_error") is not None
        state = PaymentState.FAILED if failed else PaymentState.CREATED
    if payment.state not in (PaymentState.SUCCEEDED, PaymentState.REFUNDED):
        payment.state = state
        payment.save(update_fields=["state", "updated_at"])
    if intent["status"] == "succeeded":
        _paid(client, payment, intent)
    return payment


def _paid(client: stripe.StripeClient, payment: Payment, intent: dict) -> None:
    order = payment.order
    if order.status != OrderStatus.REFUNDED:
        try:
            services.order_mark_paid(order=order)
        except services.SoldOut:
            # Paid after the hold expired and the seats went to someone else.
            log.warning("Order %s paid late and sold out: refunding", order.code)
            _refund_intent(client, payment, payment.amount, key="late")
            payment.state = PaymentState.REFUNDED
            payment.save(update_fields=["state", "updated_at"])
            return
    charge = intent.get("latest_charge")
    if charge:
        # An id, or the charge itself when the API expands it.
        charge_id = charge if isinstance(charge, str) else charge["id"]
        charge = client.v1.charges.retrieve(charge_id)
        refunded = from_minor_units(charge.amount_refunded, payment.currency)
        if refunded > payment.refunded_amount:
            payment.refunded_amount = refunded
            if refunded >= payment.amount:
                payment.state = PaymentState.REFUNDED
            payment.save(update_fields=["refunded_amount", "state", "updated_at"])
            order.refresh_from_db()
            if order.status in (OrderStatus.PAID, OrderStatus.REFUNDED):
                services.order_refund_record(order=order, refunded_total=refunded)


def _refund_intent(client, payment: Payment, amount: Decimal, *, key: str) -> None:
    client.v1.refunds.create(
        params={
            "payment_intent": payment.intent_id,
            "amount": to_minor_units(amount, payment.currency),
        },
        options={"idempotency_key": f"convene-refund-{payment.intent_id}-{key}"},
    )


@transaction.atomic
def order_refund(
    *,
    order: Order,
    actor: User,
    amount: Decimal | None = None,
    close: bool = False,
) -> Order:
    """Refund all (default) or part of a paid order. Card money goes back through
    Stripe; invoice money is sent back by the organiser's bank and recorded here.
    `close` ends the order (and frees its seats) even when the refund is partial."""
    order = Order.objects.select_for_update().get(pk=order.pk)
    amount = order.total - order.refunded_amount if amount is None else amount
    new_total = services.check_refund_allowed(order=order, actor=actor, amount=amount)
    if order.method == PaymentMethod.CARD and new_total > order.refunded_amount:
        payment = order.payments.filter(
            provider="stripe", state=PaymentState.SUCCEEDED
        ).first()
        if payment is None:
            raise services.RegistrationError(_("No card payment to refund."))
        _refund_intent(_client(), payment, amount, key=str(new_total))
        payment.refunded_amount = new_total
        if new_total >= payment.amount:
            payment.state = PaymentState.REFUNDED
        payment.save(update_fields=["refunded_amount", "state", "updated_at"])
    return services.order_refund_record(
        order=order, refunded_total=new_total, close=close
    )


def order_withdraw(*, order: Order, actor: User) -> Order:
    """The attendee's "cancel" button: unpaid or free orders are cancelled, paid
    ones refunded (in full, or less the event's cancellation fee) and closed,
    within the event's cancellation period."""
    order = Order.objects.get(pk=order.pk)
    if order.status == OrderStatus.PAID and order.total > 0:
        organiser = is_organiser(user=actor, event=order.event)
        amount = None if organiser else services.attendee_refund_amount(order=order)
        return order_refund(order=order, actor=actor, amount=amount, close=True)
    return services.order_cancel(order=order, actor=actor)
