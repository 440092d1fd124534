"""Stripe card payments and webhooks: the real `stripe` SDK against localstripe on
loopback, and webhook payloads signed with the webhook secret as Stripe signs them."""

import hashlib
import hmac
import json
import time
import uuid
from decimal import Decimal

import pytest
import stripe
from django.core import mail
from django.urls import reverse

from registration import services as registration
from registration.enums import (
    OrderStatus,
    PaymentMethod,
    PaymentState,
    RegistrationStatus,
)
from registration.models import Payment, StripeEvent
from registration.services import Attendee, OrderItem, payments
from tests.factories.events import EventFactory
from tests.factories.registration import TicketTypeFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def usd_ticket(db):
    event = EventFactory(currency="USD", timezone="America/Chicago")
    return TicketTypeFactory(event=event, price=Decimal("495.50"), capacity=5)


@pytest.fixture
def card_order(usd_ticket, buyer, stripe_settings):
    return registration.order_create(
        event=usd_ticket.event,
        buyer=buyer,
        items=[OrderItem(ticket_type_id=usd_ticket.pk, attendee=Attendee(buyer.email))],
        method=PaymentMethod.CARD,
    )


def _client(settings) -> stripe.StripeClient:
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY, base_addresses={"api": settings.STRIPE_API_BASE}
    )


def _pay_with_test_card(settings, intent_id: str) -> None:
    """What Stripe.js does in the browser: a card, then confirm the intent."""
    client = _client(settings)
    method = client.v1.payment_methods.create(
        params={
            "type": "card",
            "card": {
                "number": "4242424242424242",
                "exp_month": 12,
                "exp_year": 2034,
                "cvc": "123",
            },
        }
    )
    # localstripe takes the method by update, then a bare confirm (as Stripe.js may).
    client.v1.payment_intents.update(intent_id, params={"payment_method": method.id})
    client.v1.payment_intents.confirm(intent_id)


def _signed(secret: str, body: str, timestamp: int | None = None) -> str:
    timestamp = timestamp or int(time.time())
    mac = hmac.new(
        secret.encode(), f"{timestamp}.{body}".encode(), hashlib.sha256
    ).hexdigest()
    return f"t={timestamp},v1={mac}"


def _event(kind: str, obj: dict, event_id: str | None = None) -> str:
    return json.dumps(
        {
            "id": event_id or f"evt_{uuid.uuid4().hex[:24]}",
            "object": "event",
            "type": kind,
            "api_version": "2024-06-20",
            "created": int(time.time()),
            "data": {"object": obj},
        }
    )


def _post(client, settings, body: str, signature: str | None = None):
    return client.post(
        reverse("stripe_webhook"),
        data=body,
        content_type="application/json",
        headers={
            "Stripe-Signature": signature
            or _signed(settings.STRIPE_WEBHOOK_SECRET, body)
        },
    )


def _intent_event(kind: str, payment: Payment, event_id=None) -> str:
    return _event(kind, {"id": payment.intent_id, "object": "payment_intent"}, event_id)


def test_payment_intent_created_with_minor_units(card_order, stripe_settings):
    payment, secret = payments.card_payment_start(order=card_order)
    intent = _client(stripe_settings).v1.payment_intents.retrieve(payment.intent_id)
    assert (intent.amount, intent.currency) == (49550, "usd")
    assert intent.metadata["order"] == card_order.code
    assert secret.startswith(payment.intent_id)
    again, _secret = payments.card_payment_start(order=card_order)
    assert again.pk == payment.pk


def test_krw_intent_has_no_minor_unit(buyer, stripe_settings):
    ticket = TicketTypeFactory(price=Decimal("150000"))
    order = registration.order_create(
        event=ticket.event,
        buyer=buyer,
        items=[OrderItem(ticket_type_id=ticket.pk, attendee=Attendee(buyer.email))],
        method=PaymentMethod.CARD,
    )
    payment, _secret = payments.card_payment_start(order=order)
    intent = _client(stripe_settings).v1.payment_intents.retrieve(payment.intent_id)
    assert (intent.amount, intent.currency) == (150000, "krw")


def test_succeeded_webhook_confirms_the_order_after_refetching(
    client, card_order, stripe_settings, django_capture_on_commit_callbacks
):
    payment, _secret = payments.card_payment_start(order=card_order)
    _pay_with_test_card(stripe_settings, payment.intent_id)
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(
            client, stripe_settings, _intent_event("payment_intent.succeeded", payment)
        )
    assert response.json() == {"received": True, "duplicate": False}
    card_order.refresh_from_db()
    payment.refresh_from_db()
    assert (card_order.status, payment.state) == (
        OrderStatus.PAID,
        PaymentState.SUCCEEDED,
    )
    assert card_order.registrations.get().status == RegistrationStatus.CONFIRMED
    assert "is confirmed" in mail.outbox[-1].body


def test_succeeded_webhook_for_an_unpaid_intent_changes_nothing(
    client, card_order, stripe_settings
):
    """A forged-in-content (but validly signed) claim is checked against Stripe."""
    payment, _secret = payments.card_payment_start(order=card_order)
    _post(client, stripe_settings, _intent_event("payment_intent.succeeded", payment))
    card_order.refresh_from_db()
    assert card_order.status == OrderStatus.PENDING


def test_replayed_event_is_processed_once(client, card_order, stripe_settings):
    payment, _secret = payments.card_payment_start(order=card_order)
    _pay_with_test_card(stripe_settings, payment.intent_id)
    body = _intent_event("payment_intent.succeeded", payment, "evt_replayed_once")
    first = _post(client, stripe_settings, body)
    second = _post(client, stripe_settings, body)
    assert first.json()["duplicate"] is False
    assert second.json() == {"received": True, "duplicate": True}
    assert StripeEvent.objects.filter(stripe_id="evt_replayed_once").count() == 1


def test_out_of_order_failure_after_success_keeps_the_order_paid(
    client, card_order, stripe_settings
):
    payment, _secret = payments.card_payment_start(order=card_order)
    _pay_with_test_card(stripe_settings, payment.intent_id)
    for kind in (
        "payment_intent.succeeded",
        "payment_intent.payment_failed",
        "payment_intent.processing",
        "payment_intent.canceled",
    ):
        _post(client, stripe_settings, _intent_event(kind, payment))
    card_order.refresh_from_db()
    payment.refresh_from_db()
    assert (card_order.status, payment.state) == (
        OrderStatus.PAID,
        PaymentState.SUCCEEDED,
    )


def test_failure_event_arriving_first_then_success(client, card_order, stripe_settings):
    payment, _secret = payments.card_payment_start(order=card_order)
    _post(client, stripe_settings, _intent_event("payment_intent.processing", payment))
    payment.refresh_from_db()
    assert payment.state == PaymentState.CREATED
    _pay_with_test_card(stripe_settings, payment.intent_id)
    _post(client, stripe_settings, _intent_event("payment_intent.succeeded", payment))
    card_order.refresh_from_db()
    assert card_order.status == OrderStatus.PAID


def test_unknown_event_type_is_stored_and_ignored(client, stripe_settings):
    body = _event("customer.created", {"id": "cus_123", "object": "customer"})
    response = _post(client, stripe_settings, body)
    assert response.json() == {"received": True, "duplicate": False}
    assert StripeEvent.objects.get().type == "customer.created"


def test_intent_of_someone_else_is_ignored(client, stripe_settings):
    body = _event(
        "payment_intent.succeeded", {"id": "pi_not_ours", "object": "payment_intent"}
    )
    assert _post(client, stripe_settings, body).json()["received"] is True


def test_forged_signature_is_refused_and_nothing_stored(
    client, card_order, stripe_settings
):
    payment, _secret = payments.card_payment_start(order=card_order)
    _pay_with_test_card(stripe_settings, payment.intent_id)
    body = _intent_event("payment_intent.succeeded", payment)
    forged = _signed("whsec_someone_else", body)
    response = _post(client, stripe_settings, body, signature=forged)
    assert response.status_code == 400
    assert response.json() == {"detail": "Invalid signature or payload."}
    assert StripeEvent.objects.count() == 0
    card_order.refresh_from_db()
    assert card_order.status == OrderStatus.PENDING


def test_stale_signature_is_refused(client, stripe_settings):
    body = _event("customer.created", {"id": "cus_1"})
    old = _signed(stripe_settings.STRIPE_WEBHOOK_SECRET, body, int(time.time()) - 3600)
    assert _post(client, stripe_settings, body, signature=old).status_code == 400


def test_tampered_body_is_refused(client, stripe_settings):
    body = _event("customer.created", {"id": "cus_1"})
    signature = _signed(stripe_settings.STRIPE_WEBHOOK_SECRET, body)
    tampered = body.replace("cus_1", "cus_2")
    response = _post(client, stripe_settings, tampered, signature=signature)
    assert response.status_code == 400


def test_refund_through_stripe_returns_seats_and_webhook_agrees(
    client, card_order, buyer, stripe_settings
):
    payment, _secret = payments.card_payment_start(order=card_order)
    _pay_with_test_card(stripe_settings, payment.intent_id)
    _post(client, stripe_settings, _intent_event("payment_intent.succeeded", payment))
    payments.order_withdraw(order=card_order, actor=buyer)
    card_order.refresh_from_db()
    assert (card_order.status, card_order.refunded_amount) == (
        OrderStatus.REFUNDED,
        Decimal("495.50"),
    )
    intent = _client(stripe_settings).v1.payment_intents.retrieve(payment.intent_id)
    charge_id = intent.latest_charge
    charge_id = charge_id if isinstance(charge_id, str) else charge_id["id"]
    refunded = _event(
        "charge.refunded",
        {"id": charge_id, "object": "charge", "payment_intent": payment.intent_id},
    )
    assert _post(client, stripe_settings, refunded).json()["received"] is True
    card_order.refresh_from_db()
    assert card_order.status == OrderStatus.REFUNDED
    assert (
        registration.seats_taken(ticket_type=card_order.registrations.get().ticket_type)
        == 0
    )


def test_refund_made_in_the_stripe_dashboard_reaches_the_order(
    client, card_order, organiser, stripe_settings
):
    payment, _secret = payments.card_payment_start(order=card_order)
    _pay_with_test_card(stripe_settings, payment.intent_id)
    _post(client, stripe_settings, _intent_event("payment_intent.succeeded", payment))
    _client(stripe_settings).v1.refunds.create(
        params={"payment_intent": payment.intent_id, "amount": 10000}
    )
    body = _event(
        "charge.refunded",
        {"id": "ch_x", "object": "charge", "payment_intent": payment.intent_id},
    )
    _post(client, stripe_settings, body)
    card_order.refresh_from_db()
    assert (card_order.status, card_order.refunded_amount) == (
        OrderStatus.PAID,
        Decimal("100.00"),
    )


def test_card_payment_needs_keys(card_order, settings):
    settings.STRIPE_SECRET_KEY = ""
    with pytest.raises(payments.PaymentsDisabled):
        payments.card_payment_start(order=card_order)


def test_order_page_shows_the_payment_element(
    client, card_order, buyer, stripe_settings
):
    stripe_settings.STRIPE_JS_URL = (
        f"{stripe_settings.STRIPE_API_BASE}/js.stripe.com/v3/"
    )
    client.force_login(buyer)
    page = client.get(f"/en/orders/{card_order.code}/").content.decode()
    payment = card_order.payments.get()
    assert f'data-secret="{payment.intent_id}_secret_' in page
    assert f'src="{stripe_settings.STRIPE_JS_URL}"' in page
    assert 'data-key="pk_test_convene"' in page
