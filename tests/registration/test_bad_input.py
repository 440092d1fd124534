"""Registration and sign-in forms refuse what their columns cannot hold with a form
error beside the field, keep what was typed, and store nothing."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from accounts.models import User
from registration import services as registration
from registration.models import Order, Registration
from registration.services import Attendee, OrderItem
from tests.registration.test_pages import _form

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

TOO_LONG_254 = "Ensure this value has at most 254 characters"


def address(length: int) -> str:
    """A well-formed e-mail address of `length` characters (64-character local
    part, labels of at most 63): valid but for its length."""
    labels, left = [], length - 65 - len(".org")
    while left > 63:
        labels.append("b" * 63)
        left -= 64
    labels.append("c" * left)
    email = "a" * 64 + "@" + ".".join(labels) + ".org"
    assert len(email) == length
    return email


def test_register_with_long_billing_fields_keeps_the_input_and_says_why(
    client, event, ticket, buyer
):
    client.force_login(buyer)
    data = _form(
        ticket,
        buyer,
        **{
            "order-billing_name": "N" * 201,
            "order-billing_organisation": "O" * 201,
            "order-billing_tax_id": "T" * 51,
            "order-billing_address": "Seoul",
        },
    )
    response = client.post(f"/en/register/{event.slug}/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("Ensure this value has at most 200 characters (it has 201).") == 2
    assert "Ensure this value has at most 50 characters (it has 51)." in html
    assert 'value="' + "N" * 201 + '"' in html
    assert 'value="' + "O" * 201 + '"' in html
    assert 'value="' + "T" * 51 + '"' in html
    assert "Seoul</textarea>" in html
    assert 'value="Min"' in html
    assert Order.objects.count() == 0


@pytest.mark.parametrize(
    ("total", "error"),
    [("3", "This field is required."), ("1000000", "Please submit at most 20 forms.")],
)
def test_register_with_a_crafted_form_count_is_a_form_error(
    client, event, ticket, buyer, total, error
):
    client.force_login(buyer)
    data = _form(ticket, buyer, **{"attendee-TOTAL_FORMS": total})
    response = client.post(f"/en/register/{event.slug}/", data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert Order.objects.count() == 0


@pytest.mark.parametrize("length", [255, 320])
def test_register_a_colleague_with_an_overlong_address_is_a_form_error(
    client, event, ticket, buyer, length
):
    client.force_login(buyer)
    colleague = address(length)
    data = _form(
        ticket,
        buyer,
        **{
            "attendee-TOTAL_FORMS": "2",
            "attendee-1-ticket_type": str(ticket.pk),
            "attendee-1-email": colleague,
            "attendee-1-first_name": "Jisoo",
            "attendee-1-last_name": "Park",
        },
    )
    response = client.post(f"/en/register/{event.slug}/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"{TOO_LONG_254} (it has {length})." in html
    assert f'value="{colleague}"' in html
    assert Order.objects.count() == 0
    assert not User.objects.filter(first_name="Jisoo").exists()


@pytest.mark.parametrize("length", [255, 320])
def test_sign_up_with_an_overlong_address_is_a_form_error(client, length):
    email = address(length)
    response = client.post(
        "/en/accounts/signup/",
        {
            "email": email,
            "first_name": "Long",
            "last_name": "Address",
            "password": "a-long-enough-passphrase-42",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f"{TOO_LONG_254} (it has {length})." in html
    assert f'value="{email}"' in html
    assert not User.objects.filter(first_name="Long").exists()


@pytest.mark.parametrize("length", [255, 320])
def test_sign_in_link_for_an_overlong_address_is_a_form_error(client, length):
    email = address(length)
    response = client.post("/en/accounts/login/link/", {"email": email})
    html = response.content.decode()
    assert response.status_code == 200
    assert f"{TOO_LONG_254} (it has {length})." in html
    assert f'value="{email}"' in html
    assert mail.outbox == []
    assert User.objects.count() == 0


def test_a_nul_byte_in_a_form_is_a_form_error_with_the_input_kept(client):
    response = client.post(
        "/en/accounts/signup/",
        {
            "email": "nul@example.org",
            "first_name": "a\x00b",
            "last_name": "Kim",
            "password": "a-long-enough-passphrase-42",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Null characters are not allowed." in html
    assert 'value="nul@example.org"' in html
    assert not User.objects.filter(email="nul@example.org").exists()


def test_an_order_refused_half_way_leaves_nothing_behind(event, ticket, buyer):
    """The second seat fails its model check after the order, the first seat and
    a colleague's new account were written: all of it rolls back."""
    items = [
        OrderItem(
            ticket_type_id=ticket.pk,
            attendee=Attendee(email="new.colleague@example.org", first_name="Jisoo"),
        ),
        OrderItem(
            ticket_type_id=ticket.pk,
            attendee=Attendee(email=buyer.email, organisation_name="O" * 201),
        ),
    ]
    with pytest.raises(ValidationError) as refused:
        registration.order_create(
            event=event, buyer=buyer, items=items, method="invoice"
        )
    assert list(refused.value.message_dict) == ["organisation_name"]
    assert Order.objects.count() == 0
    assert Registration.objects.count() == 0
    assert not User.objects.filter(email="new.colleague@example.org").exists()
