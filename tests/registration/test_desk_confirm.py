"""Nothing on the registration desk or in My registrations that cannot be taken
back happens on one click: the confirmation step names the order, the person and
the amount (`config.confirm`); a POST without it does nothing, with it once."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages

from registration import services as registration
from registration.enums import OrderStatus, PaymentMethod
from registration.services import Attendee, OrderItem
from registration.services import changes as order_manage
from tests.confirm import confirm_fields
from tests.factories.registration import TicketTypeFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def ticket(event):
    return TicketTypeFactory(
        event=event, name_en="Regular", price=Decimal("1350000"), capacity=5
    )


def _buy(ticket, buyer, **kwargs):
    return registration.order_create(
        event=ticket.event,
        buyer=buyer,
        items=[OrderItem(ticket.pk, Attendee(buyer.email, "Min", "Kim"))],
        method=PaymentMethod.INVOICE,
        **kwargs,
    )


@pytest.fixture
def paid(ticket, buyer, organiser):
    order = _buy(ticket, buyer)
    registration.invoice_mark_paid(order=order, actor=organiser)
    return order


def _url(order, action):
    return f"/en/organiser/{order.event.slug}/orders/{order.code}/{action}/"


def _said(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_refund_asks_with_the_amount_spelled_out_then_refunds_once(
    client, paid, organiser
):
    client.force_login(organiser)
    step = client.post(_url(paid, "refund"), {"amount": "350000"})
    page = step.content.decode()
    paid.refresh_from_db()
    assert paid.refunded_amount == 0  # asking changed nothing
    assert (
        "Record that KRW 350,000 went back to buyer@example.org by bank transfer"
        in page
    )
    assert "left after this refund: KRW 1,000,000" in page
    assert "This cannot be undone." in page
    fields = confirm_fields(page)
    assert fields["amount"] == ["350000"]

    done = client.post(_url(paid, "refund"), fields)
    again = client.post(_url(paid, "refund"), fields)  # a double click

    paid.refresh_from_db()
    assert paid.refunded_amount == Decimal("350000")
    assert f"{paid.code}: refunded KRW 350,000." in _said(done)
    assert any("Nothing was done" in m for m in _said(again))


def test_an_empty_refund_amount_is_shown_as_the_full_amount(client, paid, organiser):
    client.force_login(organiser)
    page = client.post(_url(paid, "refund"), {"amount": ""}).content.decode()
    assert "the full amount, KRW 1,350,000," in page
    assert confirm_fields(page)["amount"] == ["1350000"]


@pytest.mark.parametrize(
    ("amount", "error"),
    [
        ("1350001", "At most KRW 1,350,000 can still be refunded."),
        ("100.50", "The smallest amount in KRW is KRW 1."),
        ("0", "Enter an amount above zero."),
        ("lots", "Enter a number."),
    ],
)
def test_a_bad_refund_amount_is_a_form_error_with_the_input_kept(
    client, paid, organiser, amount, error
):
    client.force_login(organiser)
    # Even with `confirm`: the step re-validates what it is given.
    response = client.post(
        _url(paid, "refund"), {"amount": amount, "confirm": "yes", "state": "x"}
    )
    page = response.content.decode()
    paid.refresh_from_db()
    assert (response.status_code, paid.refunded_amount) == (200, 0)
    assert error in page
    assert f'value="{amount}"' in page


def test_a_confirmation_against_a_changed_order_does_nothing(client, paid, organiser):
    client.force_login(organiser)
    page = client.post(_url(paid, "refund"), {"amount": "1000"}).content.decode()
    registration.payments.order_refund(  # meanwhile, at the other desk
        order=paid, actor=organiser, amount=Decimal("5000")
    )
    stale = client.post(_url(paid, "refund"), confirm_fields(page))
    crafted = client.post(_url(paid, "refund"), {"amount": "1000", "confirm": "yes"})
    paid.refresh_from_db()
    assert paid.refunded_amount == Decimal("5000")
    assert any("Nothing was done" in m for m in _said(stale))
    assert any("Nothing was done" in m for m in _said(crafted))


def test_cancel_asks_first_then_cancels(client, ticket, buyer, organiser):
    order = _buy(ticket, buyer)
    client.force_login(organiser)
    asked = client.get(_url(order, "cancel")).content.decode()
    client.post(_url(order, "cancel"))
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING
    assert (
        f"Cancel order {order.code} from buyer@example.org "
        "(KRW 1,350,000, Pending payment)?"
    ) in asked
    client.post(_url(order, "cancel"), confirm_fields(asked))
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED


def test_mark_paid_asks_with_the_amount(client, ticket, buyer, organiser):
    order = _buy(ticket, buyer)
    client.force_login(organiser)
    asked = client.get(_url(order, "mark-paid")).content.decode()
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING
    assert "KRW 1,350,000 received from buyer@example.org" in asked
    client.post(_url(order, "mark-paid"), confirm_fields(asked))
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID


def test_an_order_waiting_for_approval_offers_approve_and_decline_not_mark_paid(
    client, event, buyer, organiser
):
    member = TicketTypeFactory(
        event=event, name_en="Member", price=Decimal("90000"), requires_approval=True
    )
    order = _buy(member, buyer)
    client.force_login(organiser)
    dashboard = f"/en/organiser/{event.slug}/registrations/"

    waiting = client.get(dashboard).content.decode()
    refused = client.post(
        _url(order, "mark-paid"),
        confirm_fields(client.get(_url(order, "mark-paid")).content.decode()),
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING
    assert any("approve or decline it first" in m for m in _said(refused))
    assert _url(order, "mark-paid") not in waiting
    assert _url(order, "approve") in waiting
    assert _url(order, "reject") in waiting

    client.post(_url(order, "approve"))
    approved = client.get(dashboard).content.decode()
    assert _url(order, "mark-paid") in approved
    assert _url(order, "approve") not in approved


def test_the_service_refuses_to_mark_an_unapproved_order_paid(event, buyer, organiser):
    member = TicketTypeFactory(
        event=event, price=Decimal("90000"), requires_approval=True
    )
    order = _buy(member, buyer)
    with pytest.raises(registration.RegistrationError, match="approve or decline"):
        registration.invoice_mark_paid(order=order, actor=organiser)
    order_manage.order_approve(order=order, actor=organiser)
    assert registration.invoice_mark_paid(order=order, actor=organiser).status == (
        OrderStatus.PAID
    )


def test_decline_asks_first(client, event, buyer, organiser):
    member = TicketTypeFactory(
        event=event, price=Decimal("90000"), requires_approval=True
    )
    order = _buy(member, buyer)
    client.force_login(organiser)
    asked = client.get(_url(order, "reject")).content.decode()
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING
    assert f"Decline order {order.code} from buyer@example.org?" in asked
    client.post(_url(order, "reject"), confirm_fields(asked))
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED


def test_the_desk_shows_money_formatted(client, paid, organiser):
    registration.payments.order_refund(
        order=paid, actor=organiser, amount=Decimal("100000")
    )
    client.force_login(organiser)
    page = client.get(f"/en/organiser/{paid.event.slug}/registrations/").content
    page = page.decode()
    assert "KRW 1,350,000 (refunded KRW 100,000)" in page
    assert "1350000.00" not in page
    assert "100000.00" not in page


def test_an_attendee_cancels_only_after_seeing_what_comes_back(client, paid, buyer):
    client.force_login(buyer)
    url = f"/en/orders/{paid.code}/cancel/"
    asked = client.get(url).content.decode()
    client.post(url)
    paid.refresh_from_db()
    assert paid.status == OrderStatus.PAID
    assert "You paid KRW 1,350,000; KRW 1,350,000 goes back to you." in asked
    client.post(url, confirm_fields(asked))
    paid.refresh_from_db()
    assert paid.status == OrderStatus.REFUNDED


def test_unknown_actions_and_orders_are_not_found(client, paid, organiser):
    client.force_login(organiser)
    assert client.get(_url(paid, "explode")).status_code == 404
    base = f"/en/organiser/{paid.event.slug}/orders/NOPE/refund/"
    assert client.post(base, {"confirm": "yes"}).status_code == 404
    assert client.get(_url(paid, "resend")).status_code == 405
