"""The registration form people trust: a summary priced as the order will be,
access codes that unlock their ticket, colleagues added without losing what was
typed, errors once beside their field, sold-out pages without a Register button,
invoices whose lines add up, and a cancel step that says the refund first."""

import re
from decimal import Decimal
from html import unescape

import pypdfium2
import pytest

from registration import services
from registration.enums import PaymentMethod, VoucherKind
from registration.models import EventBilling, Order, Registration, WaitlistEntry
from registration.pdf import invoice_pdf
from registration.services import Attendee, OrderItem
from tests.factories.events import EventFactory
from tests.factories.registration import TicketTypeFactory, VoucherFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def student(event):
    return TicketTypeFactory(
        event=event,
        name_en="Student",
        price=Decimal("50000"),
        is_hidden=True,
        access_code="STUDENT",
    )


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
        "order-method": "invoice",
    }
    data.update(extra)
    return data


def _colleague(ticket, **extra):
    return {
        "attendee-TOTAL_FORMS": "2",
        "attendee-1-ticket_type": str(ticket.pk),
        "attendee-1-email": "jisoo@example.org",
        "attendee-1-first_name": "Jisoo",
        "attendee-1-last_name": "Park",
        **extra,
    }


def _page(client, event, data) -> str:
    response = client.post(f"/en/register/{event.slug}/", data)
    assert response.status_code == 200
    return unescape(response.content.decode())


def _summary(html: str) -> str:
    """The summary table's text, one space between words."""
    table = re.search(r'<table class="summary-table">(.*?)</table>', html, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", table.group(1)).split())


def test_summary_totals_two_seats_in_won_with_a_voucher(client, event, ticket, buyer):
    VoucherFactory(event=event, code="EARLY", kind=VoucherKind.PERCENT, value=20)
    client.force_login(buyer)
    data = _form(ticket, buyer, **_colleague(ticket), **{"order-voucher_code": "early"})
    summary = _summary(_page(client, event, {**data, "apply": "1"}))
    assert summary == (
        "Item Amount Regular × 2 at KRW 150,000 KRW 300,000 Subtotal KRW 300,000 "
        "Discount (voucher EARLY) −KRW 60,000 Total KRW 240,000"
    )
    assert Order.objects.count() == 0


def test_summary_on_first_view_is_one_seat_at_the_first_ticket(
    client, event, ticket, buyer
):
    client.force_login(buyer)
    html = client.get(f"/en/register/{event.slug}/").content.decode()
    assert _summary(unescape(html)).endswith("Total KRW 150,000")


def test_summary_in_dollars_keeps_the_cents(client, buyer):
    event = EventFactory(currency="USD")
    ticket = TicketTypeFactory(event=event, name_en="Day pass", price=Decimal("99.50"))
    VoucherFactory(event=event, code="TEN", kind=VoucherKind.PERCENT, value=10)
    client.force_login(buyer)
    data = _form(ticket, buyer, **{"order-voucher_code": "TEN", "apply": "1"})
    assert _summary(_page(client, event, data)).endswith(
        "Subtotal USD 99.50 Discount (voucher TEN) −USD 9.95 Total USD 89.55"
    )


def test_an_invalid_voucher_is_an_error_beside_it_and_nothing_is_stored(
    client, event, ticket, buyer
):
    client.force_login(buyer)
    html = _page(client, event, _form(ticket, buyer, **{"order-voucher_code": "NOPE"}))
    assert html.count("This voucher code is not valid.") == 1
    assert 'value="NOPE"' in html
    assert '<div class="errors" role="alert">' not in html  # not repeated on top
    assert Order.objects.count() == 0


def test_applying_an_access_code_shows_its_ticket_to_choose(
    client, event, ticket, student, buyer
):
    client.force_login(buyer)
    before = client.get(f"/en/register/{event.slug}/").content.decode()
    assert "Student" not in before
    data = _form(ticket, buyer, **{"order-access_code": "student", "apply": "1"})
    html = _page(client, event, data)
    assert f'<option value="{student.pk}">Student · KRW 50,000</option>' in html
    assert 'value="student"' in html
    assert Order.objects.count() == 0


def test_an_unknown_access_code_is_an_error_with_the_input_kept(
    client, event, ticket, student, buyer
):
    client.force_login(buyer)
    data = _form(ticket, buyer, **{"order-access_code": "STUDNT"})
    html = _page(client, event, data)
    assert html.count("This access code is not valid.") == 1
    assert 'value="STUDNT"' in html
    assert 'value="Min"' in html
    assert Order.objects.count() == 0
    assert Registration.objects.count() == 0


def test_a_code_for_another_ticket_places_no_order(
    client, event, ticket, student, buyer
):
    client.force_login(buyer)
    data = _form(ticket, buyer, **{"order-access_code": "STUDENT"})
    html = _page(client, event, data)
    assert html.count("This code unlocks: Student. Choose it above.") == 1
    assert Order.objects.count() == 0


def test_the_unlocked_ticket_chosen_is_sold_at_its_price(client, event, student, buyer):
    client.force_login(buyer)
    data = _form(student, buyer, **{"order-access_code": "STUDENT"})
    response = client.post(f"/en/register/{event.slug}/", data)
    order = Order.objects.get()
    assert response["Location"] == order.get_absolute_url()
    assert (order.total, order.currency) == (Decimal("50000"), "KRW")


def test_adding_a_colleague_keeps_what_was_typed(client, event, ticket, buyer):
    client.force_login(buyer)
    data = _form(
        ticket,
        buyer,
        **{
            "attendee-0-dietary_needs": "Halal",
            "order-billing_name": "서울임상연구소",
            "order-voucher_code": "",
            "add_colleague": "1",
        },
    )
    html = _page(client, event, data)
    assert 'name="attendee-TOTAL_FORMS" value="2"' in html
    assert 'name="attendee-1-email"' in html
    for typed in (
        'value="Min"',
        'value="Kim"',
        'value="Halal"',
        'value="서울임상연구소"',
    ):
        assert typed in html
    assert "This field is required." not in html  # the new colleague is not judged yet
    assert Order.objects.count() == 0


def test_removing_a_colleague_keeps_the_others(client, event, ticket, buyer):
    client.force_login(buyer)
    data = _form(ticket, buyer, **_colleague(ticket), remove_colleague="1")
    html = _page(client, event, data)
    assert 'name="attendee-TOTAL_FORMS" value="1"' in html
    assert 'value="Min"' in html
    assert "Jisoo" not in html


@pytest.mark.parametrize("total", ["999999", "-1", "many"])
def test_a_crafted_form_count_when_adding_is_a_form_error(
    client, event, ticket, buyer, total
):
    client.force_login(buyer)
    data = _form(ticket, buyer, **{"attendee-TOTAL_FORMS": total, "add_colleague": "1"})
    html = _page(client, event, data)
    assert "The list of attendees was damaged; check it and try again." in html
    assert Order.objects.count() == 0


@pytest.mark.parametrize(
    ("total", "error"),
    [
        ("999999", "Please submit at most 20 forms."),
        ("-1", "Please submit at least 1 form."),
    ],
)
def test_a_crafted_form_count_when_registering_is_a_form_error_once(
    client, event, ticket, buyer, total, error
):
    client.force_login(buyer)
    html = _page(client, event, _form(ticket, buyer, **{"attendee-TOTAL_FORMS": total}))
    assert html.count(error) == 1
    assert Order.objects.count() == 0


def test_a_field_error_shows_once_beside_its_field(client, event, ticket, buyer):
    client.force_login(buyer)
    html = _page(
        client, event, _form(ticket, buyer, **{"attendee-0-email": "not-mail"})
    )
    assert html.count("Enter a valid email address.") == 1
    assert '<div class="errors" role="alert">' not in html


def test_an_order_refusal_shows_once_on_top_as_an_alert(client, event, ticket, buyer):
    client.force_login(buyer)
    colleague = _colleague(ticket, **{"attendee-1-email": buyer.email})
    html = _page(client, event, _form(ticket, buyer, **colleague))
    assert html.count("Each attendee needs their own e-mail address.") == 1
    alert = re.search(r'<div class="errors" role="alert">(.*?)</div>', html, re.S)
    assert "Each attendee needs their own e-mail address." in alert.group(1)


def test_a_sold_out_event_offers_the_list_and_no_register_button(
    client, event, ticket, buyer
):
    ticket.capacity = 0
    ticket.save()
    client.force_login(buyer)
    html = client.get(f"/en/register/{event.slug}/").content.decode()
    assert "Sold out: every ticket on sale is taken." in html
    assert "Join the waiting list" in html
    assert ">Register</button>" not in html
    assert Order.objects.count() == 0
    client.post(f"/en/register/{event.slug}/", _form(ticket, buyer))
    assert Order.objects.count() == 0


def test_a_sold_out_ticket_is_not_a_choice(client, event, ticket, buyer):
    TicketTypeFactory(event=event, name_en="Workshop", capacity=0)
    client.force_login(buyer)
    html = client.get(f"/en/register/{event.slug}/").content.decode()
    assert "Workshop · " not in html  # not among the options
    assert (
        f'<option value="{ticket.pk}" selected>Regular · KRW 150,000</option>' in html
    )
    assert ">Register</button>" in html


def _order_with_voucher(event, ticket, buyer, *, count=2):
    voucher = VoucherFactory(
        event=event, code="EARLY", kind=VoucherKind.PERCENT, value=20
    )
    items = [
        OrderItem(
            ticket_type_id=ticket.pk, attendee=Attendee(email=f"p{i}@example.org")
        )
        for i in range(count)
    ]
    return services.order_create(
        event=event,
        buyer=buyer,
        items=items,
        method=PaymentMethod.INVOICE,
        voucher_code=voucher.code,
    )


def _pdf_text(pdf: bytes) -> str:
    text = "".join(
        p.get_textpage().get_text_range() for p in pypdfium2.PdfDocument(pdf)
    )
    return " ".join(text.split())


def test_invoice_lines_add_up_to_the_subtotal_then_discount_then_total(
    event, ticket, buyer
):
    order = _order_with_voucher(event, ticket, buyer, count=2)
    text = _pdf_text(invoice_pdf(order=order))
    assert text.count("KRW 150,000") == 2  # each seat at its list price
    assert "KRW 120,000" not in text
    totals = text[text.index("Subtotal") :]
    assert totals.startswith(
        "Subtotal KRW 300,000 Discount -KRW 60,000 Total due KRW 240,000"
    )
    assert (order.subtotal, order.discount, order.total) == (
        Decimal("300000"),
        Decimal("60000"),
        Decimal("240000"),
    )


def test_order_page_lists_lines_subtotal_discount_total_in_order(
    client, event, ticket, buyer
):
    order = _order_with_voucher(event, ticket, buyer, count=1)
    client.force_login(buyer)
    html = unescape(client.get(order.get_absolute_url()).content.decode())
    assert _summary(html) == (
        "Item Amount Regular × 1 at KRW 150,000 KRW 150,000 Subtotal KRW 150,000 "
        "Discount (voucher EARLY) −KRW 30,000 Total KRW 120,000"
    )


def test_receipt_of_a_paid_order_adds_up(event, ticket, buyer):
    order = _order_with_voucher(event, ticket, buyer, count=1)
    services.order_mark_paid(order=order)
    order.refresh_from_db()
    text = _pdf_text(invoice_pdf(order=order))
    assert text.startswith("RECEIPT")
    assert "Subtotal KRW 150,000 Discount -KRW 30,000 Total due KRW 120,000" in text


def test_cancel_asks_first_and_states_the_refund(client, event, ticket, buyer):
    EventBilling.objects.create(
        event=event, issuer_name="KoNECT", attendee_refund_percent=80
    )
    order = _order_with_voucher(event, ticket, buyer, count=1)
    services.order_mark_paid(order=order)
    client.force_login(buyer)
    url = f"/en/orders/{order.code}/cancel/"
    asked = unescape(client.get(url).content.decode())
    assert "You paid KRW 120,000; KRW 96,000 goes back to you." in asked
    assert "KRW 24,000 is kept under the event's cancellation policy." in asked
    order.refresh_from_db()
    assert order.status == "paid"
    assert order.refunded_amount == 0
    posted = client.post(url)  # a POST without the Confirm button only asks
    assert "KRW 96,000 goes back to you" in unescape(posted.content.decode())
    order.refresh_from_db()
    assert order.status == "paid"


def test_the_seat_waiting_list_is_untouched_by_a_sold_out_view(
    client, event, ticket, buyer
):
    ticket.capacity = 0
    ticket.save()
    client.force_login(buyer)
    client.get(f"/en/register/{event.slug}/")
    assert WaitlistEntry.objects.count() == 0


def test_a_voucher_for_other_tickets_is_an_error_beside_it(
    client, event, ticket, student, buyer
):
    voucher = VoucherFactory(event=event, code="STUDY", value=50)
    voucher.ticket_types.set([student])
    client.force_login(buyer)
    data = _form(ticket, buyer, **{"order-voucher_code": "STUDY", "apply": "1"})
    html = _page(client, event, data)
    assert html.count("This voucher is not valid for these tickets.") == 1
    assert _summary(html).endswith("Total KRW 150,000")
    registering = _page(client, event, {**data, "apply": ""} | {"register": "1"})
    assert registering.count("This voucher is not valid for these tickets.") == 1
    assert Order.objects.count() == 0


def test_the_page_keeps_a_hidden_default_register_button_first(
    client, event, ticket, buyer
):
    """Enter in any field presses the form's first submit button: it must be
    Register, not Remove or Apply."""
    client.force_login(buyer)
    html = client.get(f"/en/register/{event.slug}/").content.decode()
    form = html[html.index('<form method="post" class="register"') :]
    first = re.search(r"<button[^>]*>", form).group(0)
    assert 'name="register"' in first


def test_the_form_buttons_post_to_the_edit_url_which_never_orders(
    client, event, ticket, buyer
):
    """Adding colleagues and applying codes do not use up the order rate limit:
    they post elsewhere, and what is posted there is only shown again."""
    client.force_login(buyer)
    page = client.get(f"/en/register/{event.slug}/").content.decode()
    edit = f"/en/register/{event.slug}/edit/"
    assert f'action="/en/register/{event.slug}/"' in page
    # add, apply, update total, and remove in the colleague form's <template>
    assert page.count(f'formaction="{edit}"') == 4
    html = _page_at(client, edit, _form(ticket, buyer))
    assert 'value="Min"' in html
    assert Order.objects.count() == 0
    assert client.get(edit)["Location"] == f"/en/register/{event.slug}/"


def _page_at(client, url, data) -> str:
    response = client.post(url, data)
    assert response.status_code == 200
    return unescape(response.content.decode())


@pytest.mark.parametrize("junk", ["²", "9" * 5000, "-1", "x"])
def test_crafted_row_numbers_and_ticket_ids_only_show_the_form_again(
    client, event, ticket, buyer, junk
):
    client.force_login(buyer)
    data = _form(
        ticket,
        buyer,
        **_colleague(ticket, **{"attendee-1-ticket_type": junk}),
        remove_colleague=junk,
    )
    html = _page_at(client, f"/en/register/{event.slug}/edit/", data)
    assert 'name="attendee-TOTAL_FORMS" value="2"' in html
    assert _summary(html).endswith("Total KRW 150,000")  # the junk row is not priced
