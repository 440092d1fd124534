"""The Django admin's bulk order actions that cannot be taken back ask first,
like `delete_selected`: which orders, how much in all per currency, which
selected ones are left alone; nothing happens until the confirmation, and a
stale confirmation does nothing."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from registration import services
from registration.enums import OrderStatus, PaymentMethod
from registration.services import Attendee, OrderItem, payments
from tests.confirm import admin_fields
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory
from tests.factories.registration import TicketTypeFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

URL = "/django-admin/registration/order/"


@pytest.fixture
def superuser(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def _order(event, price, superuser, *, paid=True):
    ticket = TicketTypeFactory(event=event, price=Decimal(price))
    buyer = UserFactory()
    order = services.order_create(
        event=event,
        buyer=buyer,
        items=[OrderItem(ticket_type_id=ticket.pk, attendee=Attendee(buyer.email))],
        method=PaymentMethod.INVOICE,
    )
    if paid:
        order = services.invoice_mark_paid(order=order, actor=superuser)
    return order


def _act(client, action, orders):
    return client.post(
        URL, {"action": action, "_selected_action": [o.pk for o in orders]}
    )


def _statuses(orders):
    for order in orders:
        order.refresh_from_db()
    return [order.status for order in orders]


def test_refund_in_full_names_the_orders_and_the_totals_per_currency(client, superuser):
    seoul = EventFactory(currency="KRW")
    boston = EventFactory(currency="USD")
    orders = [
        _order(seoul, "350000", superuser),
        _order(seoul, "1000000", superuser),
        _order(boston, "200", superuser),
    ]
    unpaid = _order(seoul, "150000", superuser, paid=False)

    asked = _act(client, "refund_in_full", [*orders, unpaid])
    page = asked.content.decode()
    assert asked.status_code == 200
    assert "Refund 3 orders in full?" in page
    assert "KRW 1,350,000" in page
    assert "USD 200.00" in page
    assert all(o.code in page for o in orders)
    assert f"{unpaid.code} · {unpaid.buyer.email} · Pending payment" in page
    assert "This cannot be undone." in page
    assert _statuses(orders) == [OrderStatus.PAID] * 3

    done = client.post(URL, admin_fields(page))
    assert done.status_code == 302
    assert _statuses(orders) == [OrderStatus.REFUNDED] * 3
    assert [o.refunded_amount for o in orders] == [o.total for o in orders]
    assert _statuses([unpaid]) == [OrderStatus.PENDING]
    said = [str(m) for m in get_messages(done.wsgi_request)]
    assert "3 orders updated." in said


def test_a_stale_refund_confirmation_does_nothing(client, superuser):
    event = EventFactory(currency="KRW")
    order = _order(event, "350000", superuser)
    page = _act(client, "refund_in_full", [order]).content.decode()
    assert "Refund 1 order in full?" in page
    payments.order_refund(order=order, actor=superuser, amount=Decimal("50000"))
    stale = client.post(URL, admin_fields(page))
    order.refresh_from_db()
    assert order.refunded_amount == Decimal("50000")  # only the refund meanwhile
    said = [str(m) for m in get_messages(stale.wsgi_request)]
    assert any("Nothing was done" in m for m in said)


def test_nothing_to_refund_offers_no_button(client, superuser):
    event = EventFactory(currency="KRW")
    unpaid = _order(event, "150000", superuser, paid=False)
    page = _act(client, "refund_in_full", [unpaid]).content.decode()
    assert "Refund 0 orders in full?" in page
    assert 'name="post"' not in page


def test_mark_paid_and_approve_ask_first_with_the_amount(client, superuser):
    event = EventFactory(currency="KRW")
    order = _order(event, "1350000", superuser, paid=False)
    page = _act(client, "mark_paid", [order]).content.decode()
    assert "Mark 1 invoice order paid?" in page
    assert "KRW 1,350,000" in page
    assert _statuses([order]) == [OrderStatus.PENDING]
    client.post(URL, admin_fields(page))
    assert _statuses([order]) == [OrderStatus.PAID]


def test_the_confirmation_page_is_the_admins_own(client, superuser):
    event = EventFactory(currency="KRW")
    order = _order(event, "350000", superuser)
    page = _act(client, "refund_in_full", [order]).content.decode()
    assert reverse("admin:registration_order_changelist") in page  # breadcrumbs
    assert "No, take me back" in page
