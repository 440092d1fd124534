"""A buyer signs in, registers for a paid ticket, pays by test card and sees the
order confirmed: Debian's Chromium through Playwright, against the live server and
localstripe on loopback (its Stripe.js stand-in serves the card form)."""

import re
from decimal import Decimal

import pytest

from registration.enums import OrderStatus
from registration.models import Order
from tests.browser import BROWSER_TEST, PASSWORD, chromium, pay_by_test_card
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory
from tests.factories.registration import TicketTypeFactory

pytestmark = BROWSER_TEST


@pytest.fixture
def ticket(transactional_db, django_db_serialized_rollback):
    event = EventFactory(slug="kic-buy-e2e", currency="KRW")
    return TicketTypeFactory(
        event=event, name_en="Regular", price=Decimal("150000"), capacity=5
    )


@pytest.fixture
def buyer(transactional_db, django_db_serialized_rollback):
    return UserFactory(
        email="card.buyer@example.org", first_name="Min", last_name="Kim"
    )


@pytest.fixture
def card_settings(settings, stripe_settings):
    settings.STRIPE_JS_URL = f"{settings.STRIPE_API_BASE}/js.stripe.com/v3/"
    return settings


@pytest.fixture
def browser_page(ticket, buyer, card_settings):
    with chromium() as browser:
        page = browser.new_page()
        page.set_default_timeout(15_000)
        yield page


def test_buyer_pays_a_ticket_by_test_card(live_server, browser_page, ticket, buyer):
    page = browser_page
    register = f"{live_server.url}/en/register/{ticket.event.slug}/"
    page.goto(register)
    page.wait_for_url(re.compile(r"/en/accounts/login/"))
    page.fill("input[name=username]", buyer.email)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(register)

    assert "KRW 150,000" in page.content()
    page.check("input[name=order-method][value=card]")
    page.get_by_role("button", name="Register").click()
    page.wait_for_url(re.compile(r"/en/orders/[A-Z0-9]+/$"))

    pay_by_test_card(page)

    order = Order.objects.get(buyer=buyer)
    assert order.status == OrderStatus.PAID
    assert order.payments.get().state == "succeeded"
