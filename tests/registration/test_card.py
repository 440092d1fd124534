"""Card payments confirmed on the server with a card tokenized in the browser (the
path a Stripe.js stand-in such as localstripe's takes): the real `stripe` SDK
against localstripe, the order paid only by what Stripe says afterwards."""

from decimal import Decimal

import pytest
import stripe

from registration import services as registration
from registration.enums import OrderStatus, PaymentMethod
from registration.services import Attendee, OrderItem, payments
from tests.factories.events import EventFactory
from tests.factories.registration import TicketTypeFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def card_order(buyer, stripe_settings):
    ticket = TicketTypeFactory(
        event=EventFactory(currency="USD"), price=Decimal("120.00"), capacity=2
    )
    return registration.order_create(
        event=ticket.event,
        buyer=buyer,
        items=[OrderItem(ticket.pk, Attendee(buyer.email))],
        method=PaymentMethod.CARD,
    )


def _card(settings, number="4242424242424242") -> str:
    client = stripe.StripeClient(
        settings.STRIPE_SECRET_KEY, base_addresses={"api": settings.STRIPE_API_BASE}
    )
    token = client.v1.tokens.create(
        params={
            "card": {"number": number, "exp_month": 12, "exp_year": 2034, "cvc": "123"}
        }
    )
    return token.card.id


def test_server_confirm_pays_the_order(card_order, stripe_settings):
    payment = payments.card_payment_confirm(
        order=card_order, payment_method=_card(stripe_settings)
    )
    card_order.refresh_from_db()
    assert (card_order.status, payment.state) == (OrderStatus.PAID, "succeeded")


def test_declined_card_is_a_message_and_the_order_waits(card_order, stripe_settings):
    with pytest.raises(registration.RegistrationError):
        payments.card_payment_confirm(
            order=card_order,
            payment_method=_card(stripe_settings, "4000000000000341"),
        )
    card_order.refresh_from_db()
    assert card_order.status == OrderStatus.PENDING


def test_confirm_view_refuses_garbage(client, card_order, buyer, stripe_settings):
    client.force_login(buyer)
    response = client.post(
        f"/en/orders/{card_order.code}/card-confirm/", {"payment_method": "'; drop"}
    )
    assert response.status_code == 409
    assert response.json() == {"error": "That is not a card."}
