import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from registration.enums import OrderStatus
from registration.models import Order
from tests.confirm import admin_fields, confirm_post
from tests.factories.accounts import UserFactory
from tests.spreadsheets import csv_rows

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _form(ticket, buyer, **extra):
    data = {
        "attendee-TOTAL_FORMS": "1",
        "attendee-INITIAL_FORMS": "1",
        "attendee-MIN_NUM_FORMS": "1",
        "attendee-MAX_NUM_FORMS": "20",
        "attendee-0-ticket_type": str(ticket.pk),
        "attendee-0-email": buyer.email,
        "attendee-0-first_name": "Min",
        "attendee-0-last_name": "Kim",
        "attendee-0-dietary_needs": "Vegetarian",
        "order-method": "invoice",
        "order-billing_tax_id": "123-45-67890",
    }
    data.update(extra)
    return data


def test_register_page_asks_to_sign_in(client, event, ticket):
    response = client.get(f"/en/register/{event.slug}/")
    assert response.status_code == 302
    assert (
        response["Location"] == f"/en/accounts/login/?next=/en/register/{event.slug}/"
    )


def test_register_by_invoice_end_to_end(
    client, event, ticket, buyer, django_capture_on_commit_callbacks
):
    client.force_login(buyer)
    page = client.get(f"/en/register/{event.slug}/")
    assert "KRW 150,000" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/register/{event.slug}/", _form(ticket, buyer))
    order = Order.objects.get()
    assert response["Location"] == f"/en/orders/{order.code}/"
    assert order.billing_tax_id == "123-45-67890"
    assert order.registrations.get().dietary_needs == "Vegetarian"
    detail = client.get(response["Location"]).content.decode()
    assert order.code in detail
    assert "bank transfer" in detail
    assert mail.outbox[0].attachments[0][0] == f"invoice-{order.code}.pdf"
    invoice = client.get(f"/en/orders/{order.code}/invoice.pdf")
    assert invoice["Content-Type"] == "application/pdf"
    assert invoice.content.startswith(b"%PDF")
    area = client.get("/en/me/registrations/").content.decode()
    assert order.code in area
    confirm_post(client, f"/en/orders/{order.code}/cancel/")
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED


def test_too_few_seats_left_shows_the_reason_on_the_form(client, event, ticket, buyer):
    ticket.capacity = 1
    ticket.save()
    client.force_login(buyer)
    data = _form(
        ticket,
        buyer,
        **{
            "attendee-TOTAL_FORMS": "2",
            "attendee-1-ticket_type": str(ticket.pk),
            "attendee-1-email": "colleague@example.org",
            "attendee-1-first_name": "Jisoo",
            "attendee-1-last_name": "Park",
        },
    )
    response = client.post(f"/en/register/{event.slug}/", data)
    assert "Only 1 of Regular left." in response.content.decode()
    assert Order.objects.count() == 0


def test_someone_elses_order_is_404(client, event, ticket, buyer):
    client.force_login(buyer)
    client.post(f"/en/register/{event.slug}/", _form(ticket, buyer))
    code = Order.objects.get().code
    client.force_login(UserFactory())
    assert client.get(f"/en/orders/{code}/").status_code == 404
    assert client.get(f"/en/orders/{code}/invoice.pdf").status_code == 404


def test_signup_then_login_page(client):
    response = client.post(
        "/en/accounts/signup/",
        {
            "email": "New@Example.org",
            "first_name": "New",
            "last_name": "Person",
            "password": "a-long-enough-passphrase",
        },
    )
    assert response["Location"] == "/en/me/registrations/"
    assert client.get("/en/me/registrations/").status_code == 200
    assert client.get("/en/accounts/login/").status_code == 200


def test_admin_exports_orders_as_csv_and_marks_paid(admin_client, event, ticket, buyer):
    admin_client.force_login(UserFactory(is_staff=True, is_superuser=True))
    from registration import services as registration
    from registration.services import Attendee, OrderItem

    order = registration.order_create(
        event=event,
        buyer=buyer,
        items=[OrderItem(ticket_type_id=ticket.pk, attendee=Attendee(buyer.email))],
        method="invoice",
    )
    url = reverse("admin:registration_order_changelist")
    exported = admin_client.post(
        url, {"action": "export_csv", "_selected_action": [order.pk]}
    )
    rows = csv_rows(exported)
    assert rows[1][:3] == [order.code, event.slug, "Pending payment"]
    asked = admin_client.post(
        url, {"action": "mark_paid", "_selected_action": [order.pk]}
    )
    admin_client.post(url, admin_fields(asked.content.decode()))
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert admin_client.get(url + "?status=paid&q=" + order.code).status_code == 200


@pytest.mark.parametrize(
    ("language", "deadline"),
    [("en", "by March 2, 2027."), ("ko", "2027년 3월 2일까지")],
)
def test_the_payment_deadline_is_a_day_on_the_event_s_clock_in_the_page_s_language(
    client, event, ticket, buyer, language, deadline
):
    # 23:30 UTC on 1 March is already 2 March in Seoul.
    client.force_login(buyer)
    client.post(f"/{language}/register/{event.slug}/", _form(ticket, buyer))
    order = Order.objects.get()
    order.expires_at = dt.datetime(2027, 3, 1, 23, 30, tzinfo=dt.UTC)
    order.save(update_fields=["expires_at"])

    page = client.get(f"/{language}/orders/{order.code}/").content.decode()

    assert deadline in page
    assert "2027-03-0" not in page
