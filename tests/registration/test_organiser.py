"""The organiser's side: approval, manual registration, resending e-mails, invoice
reminders, the dashboard; and the attendee refund policy with a cancellation fee."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from registration import services as registration
from registration.charts import sales_chart_svg
from registration.enums import OrderStatus, PaymentMethod, RegistrationStatus
from registration.models import EventBilling, Order
from registration.services import Attendee, OrderItem, payments
from registration.services import changes as order_manage
from tests.confirm import confirm_post
from tests.factories.accounts import UserFactory
from tests.factories.registration import TicketTypeFactory
from tests.spreadsheets import csv_rows, xlsx_sheet

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _buy(ticket, buyer, method=PaymentMethod.INVOICE):
    return registration.order_create(
        event=ticket.event,
        buyer=buyer,
        items=[OrderItem(ticket.pk, Attendee(buyer.email, "Min", "Kim"))],
        method=method,
    )


@pytest.fixture
def member_ticket(event):
    return TicketTypeFactory(
        event=event, name_en="Member", price=Decimal("90000"), requires_approval=True
    )


def test_order_needing_approval_cannot_be_paid_until_approved(
    member_ticket, buyer, organiser, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        order = _buy(member_ticket, buyer, PaymentMethod.CARD)
    assert order.awaiting_approval
    assert mail.outbox[-1].attachments == []  # no invoice before approval
    assert "need the organisers' approval" in mail.outbox[-1].body
    with pytest.raises(registration.NotAllowed, match="not approved"):
        payments.card_payment_start(order=order)
    with pytest.raises(registration.NotAllowed):
        order_manage.order_approve(order=order, actor=buyer)
    with django_capture_on_commit_callbacks(execute=True):
        order_manage.order_approve(order=order, actor=organiser)
    order.refresh_from_db()
    assert not order.awaiting_approval
    assert order.expires_at > timezone.now() + dt.timedelta(days=13)
    assert "reserved" in mail.outbox[-1].subject


def test_free_ticket_needing_approval_is_confirmed_on_approval(event, buyer, organiser):
    speaker = TicketTypeFactory(event=event, price=Decimal("0"), requires_approval=True)
    order = _buy(speaker, buyer)
    assert order.status == OrderStatus.PENDING
    assert registration.seats_taken(ticket_type=speaker) == 1
    order_manage.order_approve(order=order, actor=organiser)
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert order.registrations.get().status == RegistrationStatus.CONFIRMED


def test_rejected_order_returns_its_seat(member_ticket, buyer, organiser):
    order = _buy(member_ticket, buyer)
    order_manage.order_reject(order=order, actor=organiser)
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert registration.seats_taken(ticket_type=member_ticket) == 0
    with pytest.raises(registration.RegistrationError):
        order_manage.order_approve(order=order, actor=organiser)


def test_manual_registration_ignores_sale_window_not_capacity(
    event, organiser, django_capture_on_commit_callbacks
):
    closed = TicketTypeFactory(
        event=event,
        capacity=1,
        access_code="SECRET",
        sale_ends_at=timezone.now() - dt.timedelta(days=1),
        requires_approval=True,
    )
    item = OrderItem(closed.pk, Attendee("walk.in@example.org", "Walk", "In"))
    with django_capture_on_commit_callbacks(execute=True):
        order = order_manage.registration_manual_create(
            event=event,
            actor=organiser,
            item=item,
            method="invoice",
            complimentary=True,
        )
    assert (order.status, order.method, order.total) == (
        OrderStatus.PAID,
        PaymentMethod.FREE,
        Decimal("0"),
    )
    assert order.buyer.email == "walk.in@example.org"
    assert order.created_by == organiser
    assert mail.outbox[0].to == ["walk.in@example.org"]
    other = OrderItem(closed.pk, Attendee("late@example.org"))
    with pytest.raises(registration.SoldOut):
        order_manage.registration_manual_create(
            event=event, actor=organiser, item=other, method="invoice"
        )
    with pytest.raises(registration.NotAllowed):
        order_manage.registration_manual_create(
            event=event, actor=UserFactory(), item=other, method="invoice"
        )


def test_resend_sends_the_current_email(
    ticket, buyer, organiser, django_capture_on_commit_callbacks
):
    order = _buy(ticket, buyer)
    with django_capture_on_commit_callbacks(execute=True):
        assert order_manage.order_resend_email(order=order, actor=organiser) == (
            "received"
        )
    assert mail.outbox[-1].to == [buyer.email]
    assert mail.outbox[-1].attachments[0][0] == f"invoice-{order.code}.pdf"
    with pytest.raises(registration.NotAllowed):
        order_manage.order_resend_email(order=order, actor=buyer)


def test_invoice_reminder_once_before_expiry(
    ticket, buyer, django_capture_on_commit_callbacks
):
    order = _buy(ticket, buyer)
    assert order_manage.invoice_remind_due() == 0  # 14 days left, reminds at 3
    soon = order.expires_at - dt.timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        assert order_manage.invoice_remind_due(now=soon) == 1
    assert order_manage.invoice_remind_due(now=soon) == 0
    assert "Reminder" in mail.outbox[-1].subject
    assert order.code in mail.outbox[-1].body
    assert mail.outbox[-1].attachments[0][0] == f"invoice-{order.code}.pdf"


def test_reminder_job_task_runs(ticket, buyer):
    from registration.tasks import invoice_remind_due

    order = _buy(ticket, buyer)
    Order.objects.filter(pk=order.pk).update(
        expires_at=timezone.now() + dt.timedelta(days=1)
    )
    assert invoice_remind_due.enqueue().return_value == 1


def test_attendee_cancellation_keeps_the_policy_fee_and_frees_the_seat(
    ticket, buyer, organiser
):
    EventBilling.objects.create(
        event=ticket.event, issuer_name="KCTA", attendee_refund_percent=80
    )
    order = _buy(ticket, buyer)
    registration.invoice_mark_paid(order=order, actor=organiser)
    payments.order_withdraw(order=order, actor=buyer)
    order.refresh_from_db()
    assert (order.status, order.refunded_amount) == (
        OrderStatus.REFUNDED,
        Decimal("120000"),
    )
    assert registration.seats_taken(ticket_type=ticket) == 0


def test_dashboard_shows_chart_seats_and_revenue(client, ticket, buyer, organiser):
    order = _buy(ticket, buyer)
    registration.invoice_mark_paid(order=order, actor=organiser)
    _buy(ticket, UserFactory())
    client.force_login(organiser)
    page = client.get(f"/en/organiser/{ticket.event.slug}/registrations/")
    html = page.content.decode()
    assert "<svg" in html
    assert 'class="sales-chart"' in html
    assert "<script" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "<td>Regular</td><td>1</td><td>1</td><td>3</td><td>0</td>" in html
    assert "KRW 150,000" in html
    client.force_login(buyer)
    assert (
        client.get(f"/en/organiser/{ticket.event.slug}/registrations/").status_code
        == 404
    )


def test_dashboard_actions_and_bad_input(client, ticket, buyer, organiser):
    order = _buy(ticket, buyer)
    client.force_login(organiser)
    base = f"/en/organiser/{ticket.event.slug}"
    confirm_post(client, f"{base}/orders/{order.code}/mark-paid/")
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    response = client.post(f"{base}/orders/{order.code}/refund/", {"amount": "lots"})
    assert "Enter a number" in response.content.decode()
    response = client.post(f"{base}/orders/{order.code}/refund/", {"amount": "999999"})
    assert "At most KRW 150,000 can still be refunded." in response.content.decode()
    assert 'value="999999"' in response.content.decode()
    confirm_post(client, f"{base}/orders/{order.code}/refund/", {"amount": "50000"})
    order.refresh_from_db()
    assert order.refunded_amount == Decimal("50000")
    assert client.post(f"{base}/orders/{order.code}/explode/").status_code == 404
    response = client.post(
        f"{base}/registrations/add/",
        {"ticket_type": ticket.pk, "email": "not-an-email", "payment": "invoice"},
        follow=True,
    )
    assert "Not registered" in response.content.decode()
    client.post(
        f"{base}/registrations/add/",
        {
            "ticket_type": ticket.pk,
            "email": "desk@example.org",
            "first_name": "Desk",
            "last_name": "Guest",
            "payment": "invoice",
        },
    )
    assert Order.objects.get(buyer__email="desk@example.org").status == "pending"


def test_chart_is_plain_svg():
    days = [dt.date(2027, 3, 1) + dt.timedelta(days=i) for i in range(3)]
    svg = sales_chart_svg(days=days, counts=[2, 0, 5], title="Sales <all>")
    assert svg.startswith("<svg")
    assert svg.endswith("</svg>")
    assert svg.count("<rect") == 3
    assert "Sales &lt;all&gt;" in svg
    assert ">7<" in svg  # the running total on the axis
    assert sales_chart_svg(days=[], counts=[], title="x") == ""


def test_api_approve_resend_and_answers(client, member_ticket, buyer, organiser):
    order = _buy(member_ticket, buyer)
    reg = order.registrations.get()
    client.force_login(buyer)
    forbidden = client.post(f"/api/registration/orders/{order.code}/approve")
    assert forbidden.status_code == 404
    answers = client.put(
        f"/api/registration/registrations/{reg.pk}/answers",
        {"first_name": "Min", "last_name": "Kim", "job_role": "PI"},
        content_type="application/json",
    )
    assert answers.json()["job_role"] == "PI"
    bad = client.put(
        f"/api/registration/registrations/{reg.pk}/answers",
        {"first_name": ""},
        content_type="application/json",
    )
    assert bad.status_code == 422
    client.force_login(organiser)
    approved = client.post(f"/api/registration/orders/{order.code}/approve")
    assert approved.status_code == 200
    resent = client.post(f"/api/registration/orders/{order.code}/resend")
    assert resent.json() == {"sent": "received"}


def test_attendee_export_with_answers(client, ticket, buyer, organiser):
    registration.order_create(
        event=ticket.event,
        buyer=buyer,
        items=[
            OrderItem(
                ticket.pk,
                Attendee(buyer.email, "Min", "Kim", dietary_needs="Vegan"),
            )
        ],
        method=PaymentMethod.INVOICE,
    )
    client.force_login(organiser)
    base = f"/en/organiser/{ticket.event.slug}/attendees"
    rows = csv_rows(client.get(f"{base}.csv"))
    assert rows[0][:4] == [
        "E-mail address",
        "First name",
        "Last name",
        "Name in Korean",
    ]
    assert rows[1][0] == buyer.email
    assert rows[1][12] == "Vegan"
    assert xlsx_sheet(client.get(f"{base}.xlsx")).max_row == 2
    assert client.get(f"{base}.pdf").status_code == 404
    client.force_login(buyer)
    assert client.get(f"{base}.csv").status_code == 404
