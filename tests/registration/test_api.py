from decimal import Decimal

import pytest

from registration.enums import OrderStatus
from registration.models import Order
from tests.factories.accounts import UserFactory
from tests.factories.registration import TicketTypeFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

BASE = "/api/registration"


def _order_body(ticket, *emails, **extra):
    return {
        "attendees": [
            {"ticket_type_id": ticket.pk, "email": e, "first_name": "Min"}
            for e in emails
        ],
        "method": "invoice",
        **extra,
    }


@pytest.fixture
def signed_in(client, buyer):
    client.force_login(buyer)
    return client


def test_ticket_list_shows_price_as_decimal_string_and_seats_left(
    client, event, ticket
):
    TicketTypeFactory(event=event, is_hidden=True, access_code="SPEAKER")
    response = client.get(f"{BASE}/events/{event.slug}/tickets")
    (only,) = response.json()["items"]
    assert only["price"] == "150000.00"
    assert (only["currency"], only["seats_left"]) == ("KRW", 3)
    with_code = client.get(f"{BASE}/events/{event.slug}/tickets?access_code=SPEAKER")
    assert len(with_code.json()) == 2


def test_create_order_needs_sign_in(client, event, ticket):
    response = client.post(
        f"{BASE}/events/{event.slug}/orders",
        _order_body(ticket, "a@example.org"),
        content_type="application/json",
    )
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_create_group_order(signed_in, event, ticket, buyer):
    response = signed_in.post(
        f"{BASE}/events/{event.slug}/orders",
        _order_body(ticket, buyer.email, "colleague@example.org"),
        content_type="application/json",
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["total"], body["currency"]) == (
        "pending",
        "300000.00",
        "KRW",
    )
    assert [r["email"] for r in body["registrations"]] == [
        buyer.email,
        "colleague@example.org",
    ]
    assert body["invoice_url"] == f"/en/orders/{body['code']}/invoice.pdf"
    # The answer is built from the rows just written, not loaded again: it says
    # what loading the order says.
    again = signed_in.get(f"{BASE}/orders/{body['code']}")
    assert again.json() == body


def test_buying_answers_in_a_fixed_number_of_queries(
    signed_in, event, ticket, buyer, django_assert_max_num_queries
):
    signed_in.get(f"{BASE}/events/{event.slug}/tickets")  # as buyers wait for the sale
    # Session, user, event, tickets; then the seat, the billing terms, the order,
    # the seat and two audit entries, the ticket lock and the count, and the
    # transaction's own statements on PostgreSQL.
    with django_assert_max_num_queries(15):
        response = signed_in.post(
            f"{BASE}/events/{event.slug}/orders",
            _order_body(ticket, buyer.email),
            content_type="application/json",
        )
    assert response.status_code == 201


def test_sold_out_is_409_problem_with_a_message(signed_in, event, ticket):
    ticket.capacity = 1
    ticket.save()
    signed_in.post(
        f"{BASE}/events/{event.slug}/orders",
        _order_body(ticket, "a@example.org"),
        content_type="application/json",
    )
    response = signed_in.post(
        f"{BASE}/events/{event.slug}/orders",
        _order_body(ticket, "b@example.org"),
        content_type="application/json",
    )
    assert response.status_code == 409
    assert response.json()["detail"] == "Regular is sold out."


def test_bad_voucher_is_400(signed_in, event, ticket):
    response = signed_in.post(
        f"{BASE}/events/{event.slug}/orders",
        _order_body(ticket, "a@example.org", voucher_code="NOPE"),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "This voucher code is not valid."


def test_my_orders_only_mine_and_someone_elses_is_404(signed_in, event, ticket):
    signed_in.post(
        f"{BASE}/events/{event.slug}/orders",
        _order_body(ticket, "a@example.org"),
        content_type="application/json",
    )
    other = Order.objects.create(
        event=event,
        buyer=UserFactory(),
        method="invoice",
        currency="KRW",
        subtotal=Decimal(1),
        total=Decimal(1),
    )
    mine = signed_in.get(f"{BASE}/orders").json()
    assert (len(mine["items"]), mine["count"]) == (1, 1)
    response = signed_in.get(f"{BASE}/orders/{other.code}")
    assert response.status_code == 404
    assert response.json()["detail"] == "Order not found."


def test_cancel_my_order(signed_in, event, ticket):
    code = signed_in.post(
        f"{BASE}/events/{event.slug}/orders",
        _order_body(ticket, "a@example.org"),
        content_type="application/json",
    ).json()["code"]
    response = signed_in.post(f"{BASE}/orders/{code}/cancel")
    assert response.json()["status"] == "cancelled"


def test_organiser_lists_marks_paid_and_refunds(
    client, signed_in, event, ticket, organiser
):
    code = signed_in.post(
        f"{BASE}/events/{event.slug}/orders",
        _order_body(ticket, "a@example.org"),
        content_type="application/json",
    ).json()["code"]
    assert signed_in.get(f"{BASE}/events/{event.slug}/all-orders").status_code == 403
    assert signed_in.post(f"{BASE}/orders/{code}/mark-paid").status_code == 404
    client.force_login(organiser)
    listed = client.get(f"{BASE}/events/{event.slug}/all-orders?status=pending")
    assert [o["code"] for o in listed.json()["items"]] == [code]
    assert client.post(f"{BASE}/orders/{code}/mark-paid").json()["status"] == "paid"
    refunded = client.post(
        f"{BASE}/orders/{code}/refund",
        {"amount": "50000"},
        content_type="application/json",
    ).json()
    assert (refunded["status"], refunded["refunded_amount"]) == ("paid", "50000.00")
    assert Order.objects.get(code=code).status == OrderStatus.PAID


def test_card_payment_without_keys_is_a_clear_400(signed_in, event, ticket, settings):
    settings.STRIPE_SECRET_KEY = ""
    code = signed_in.post(
        f"{BASE}/events/{event.slug}/orders",
        _order_body(ticket, "a@example.org", method="card"),
        content_type="application/json",
    ).json()["code"]
    response = signed_in.post(f"{BASE}/orders/{code}/card-payment")
    assert response.status_code == 400
    assert response.json()["detail"] == "Card payments are not configured."
