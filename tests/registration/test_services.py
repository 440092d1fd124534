import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import connection
from django.utils import timezone

from accounts.models import User
from registration import services as registration
from registration.enums import (
    OrderStatus,
    PaymentMethod,
    RegistrationStatus,
    VoucherKind,
)
from registration.models import EventBilling, Order, Registration
from registration.pdf import invoice_pdf
from registration.services import Attendee, OrderItem, registration_upsert
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory
from tests.factories.registration import TicketTypeFactory, VoucherFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _items(ticket, *emails):
    return [
        OrderItem(ticket_type_id=ticket.pk, attendee=Attendee(email=e, first_name="A"))
        for e in emails
    ]


def _buy(event, buyer, ticket, *emails, method=PaymentMethod.INVOICE, **extra):
    return registration.order_create(
        event=event,
        buyer=buyer,
        items=_items(ticket, *(emails or (buyer.email,))),
        method=method,
        **extra,
    )


def test_invoice_order_holds_seats_until_it_expires(event, ticket, buyer):
    order = _buy(event, buyer, ticket)
    assert order.status == OrderStatus.PENDING
    assert order.total == Decimal("150000")
    assert order.currency == "KRW"
    assert order.expires_at > timezone.now() + dt.timedelta(days=13)
    assert registration.seats_taken(ticket_type=ticket) == 1
    assert order.registrations.get().status == RegistrationStatus.PENDING


def test_an_invoice_holds_seats_as_long_as_the_event_gives_to_pay(event, ticket, buyer):
    EventBilling.objects.create(event=event, issuer_name="KoNECT", invoice_hold_days=3)
    order = _buy(event, buyer, ticket)
    held = order.expires_at - timezone.now()
    assert dt.timedelta(days=2, hours=23) < held <= dt.timedelta(days=3)


def test_group_order_registers_each_colleague(event, ticket, buyer):
    order = _buy(event, buyer, ticket, buyer.email, "a@example.org", "b@example.org")
    assert order.total == Decimal("450000")
    emails = sorted(order.registrations.values_list("user__email", flat=True))
    assert emails == ["a@example.org", "b@example.org", "buyer@example.org"]
    assert User.objects.get(email="a@example.org").has_usable_password() is False


def test_one_order_takes_seats_of_two_tickets(event, ticket, buyer):
    student = TicketTypeFactory(event=event, name_en="Student", capacity=1)
    items = _items(ticket, buyer.email) + _items(student, "s@example.org")
    order = registration.order_create(
        event=event, buyer=buyer, items=items, method=PaymentMethod.INVOICE
    )
    assert order.registrations.count() == 2
    assert registration.seats_taken(ticket_type=student) == 1
    with pytest.raises(registration.SoldOut, match="Student is sold out"):
        _buy(event, UserFactory(), student, "t@example.org")


def test_sold_out_is_a_clear_error(event, ticket, buyer):
    _buy(event, buyer, ticket, "a@example.org", "b@example.org", "c@example.org")
    with pytest.raises(registration.SoldOut, match="Regular is sold out"):
        _buy(event, UserFactory(), ticket, "d@example.org")


def test_only_what_is_left_can_be_bought(event, ticket, buyer):
    _buy(event, buyer, ticket, "a@example.org", "b@example.org")
    with pytest.raises(registration.SoldOut, match="Only 1 of Regular left"):
        _buy(event, UserFactory(), ticket, "c@example.org", "d@example.org")


def test_expired_hold_releases_its_seats(event, ticket, buyer):
    order = _buy(
        event, buyer, ticket, "a@example.org", "b@example.org", "c@example.org"
    )
    later = timezone.now() + dt.timedelta(days=15)
    assert registration.seats_taken(ticket_type=ticket, now=later) == 0
    assert registration.order_expire_due(now=later) == 1
    order.refresh_from_db()
    assert order.status == OrderStatus.EXPIRED
    statuses = set(order.registrations.values_list("status", flat=True))
    assert statuses == {RegistrationStatus.CANCELLED}
    assert registration.order_expire_due(now=later) == 0


def test_expired_attendee_may_register_again(event, ticket, buyer):
    _buy(event, buyer, ticket)
    registration.order_expire_due(now=timezone.now() + dt.timedelta(days=15))
    again = _buy(event, buyer, ticket)
    assert again.registrations.get().status == RegistrationStatus.PENDING
    assert Registration.objects.filter(event=event, user=buyer).count() == 1


def test_already_registered_is_refused(event, ticket, buyer):
    _buy(event, buyer, ticket)
    with pytest.raises(registration.RegistrationError, match="already registered"):
        _buy(event, buyer, ticket)


def test_sale_window_closed(event, buyer):
    ticket = TicketTypeFactory(
        event=event, sale_ends_at=timezone.now() - dt.timedelta(hours=1)
    )
    with pytest.raises(registration.SaleClosed):
        _buy(event, buyer, ticket)


def test_hidden_ticket_needs_its_access_code(event, buyer):
    ticket = TicketTypeFactory(event=event, is_hidden=True, access_code="STUDENT")
    with pytest.raises(registration.NotAllowed):
        _buy(event, buyer, ticket)
    order = _buy(event, buyer, ticket, access_code="STUDENT")
    assert order.registrations.count() == 1


def test_percent_voucher_rounds_to_whole_won(event, buyer):
    ticket = TicketTypeFactory(event=event, price=Decimal("99999"))
    VoucherFactory(event=event, code="KIC15", value=Decimal("15"))
    order = _buy(event, buyer, ticket, voucher_code="kic15")
    assert order.discount == Decimal("15000")
    assert order.total == Decimal("84999")


def test_voucher_used_up(event, ticket, buyer):
    VoucherFactory(event=event, code="ONCE", max_uses=1)
    _buy(event, buyer, ticket, voucher_code="ONCE")
    with pytest.raises(registration.VoucherInvalid, match="used up"):
        _buy(event, UserFactory(), ticket, "x@example.org", voucher_code="ONCE")


def test_voucher_use_returns_when_the_order_expires(event, ticket, buyer):
    VoucherFactory(event=event, code="ONCE", max_uses=1)
    _buy(event, buyer, ticket, voucher_code="ONCE")
    registration.order_expire_due(now=timezone.now() + dt.timedelta(days=15))
    order = _buy(event, UserFactory(), ticket, "x@example.org", voucher_code="ONCE")
    assert order.voucher.code == "ONCE"


def test_voucher_restricted_to_other_tickets_is_refused(event, ticket, buyer):
    other = TicketTypeFactory(event=event)
    voucher = VoucherFactory(event=event, code="VIP", kind=VoucherKind.FIXED)
    voucher.ticket_types.set([other])
    with pytest.raises(registration.VoucherInvalid, match="not valid for these"):
        _buy(event, buyer, ticket, voucher_code="VIP")


def test_unknown_voucher(event, ticket, buyer):
    with pytest.raises(registration.VoucherInvalid, match="not valid"):
        _buy(event, buyer, ticket, voucher_code="NOPE")


def test_free_order_is_confirmed_at_once_with_an_email(
    event, buyer, django_capture_on_commit_callbacks
):
    ticket = TicketTypeFactory(event=event, price=Decimal("0"))
    with django_capture_on_commit_callbacks(execute=True):
        order = _buy(event, buyer, ticket, method=PaymentMethod.CARD)
    assert (order.status, order.method) == (OrderStatus.PAID, PaymentMethod.FREE)
    assert order.registrations.get().status == RegistrationStatus.CONFIRMED
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "is confirmed" in body
    assert "/en/me/registrations/" in body
    assert event.name_en in body


def test_invoice_order_mail_carries_the_invoice(
    event, ticket, buyer, django_capture_on_commit_callbacks
):
    EventBilling.objects.create(
        event=event,
        issuer_name="Korea Clinical Trials Agency",
        issuer_tax_id="123-45-67890",
        bank_details="Hana Bank 123-456789-01",
    )
    with django_capture_on_commit_callbacks(execute=True):
        order = _buy(event, buyer, ticket)
    (message,) = mail.outbox
    assert order.code in message.subject
    (name, content, mimetype) = message.attachments[0]
    assert (name, mimetype) == (f"invoice-{order.code}.pdf", "application/pdf")
    assert content.startswith(b"%PDF")


def test_invoice_pdf_names_both_parties_and_the_reference(event, ticket, buyer):
    EventBilling.objects.create(
        event=event, issuer_name="KCTA", issuer_tax_id="123-45-67890"
    )
    order = _buy(event, buyer, ticket, billing=registration.Billing(tax_id="987-65"))
    pdf = invoice_pdf(order=order)
    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 1000


def test_organiser_marks_invoice_paid(
    event, ticket, buyer, organiser, django_capture_on_commit_callbacks
):
    order = _buy(event, buyer, ticket)
    with pytest.raises(registration.NotAllowed):
        registration.invoice_mark_paid(order=order, actor=buyer)
    with django_capture_on_commit_callbacks(execute=True):
        registration.invoice_mark_paid(order=order, actor=organiser)
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert order.payments.get().amount == Decimal("150000")
    assert order.registrations.get().status == RegistrationStatus.CONFIRMED
    assert "confirmed" in mail.outbox[-1].body


def test_cancel_returns_seats(event, ticket, buyer):
    order = _buy(event, buyer, ticket, "a@example.org", "b@example.org")
    registration.order_cancel(order=order, actor=buyer)
    assert registration.seats_taken(ticket_type=ticket) == 0
    assert Order.objects.get(pk=order.pk).status == OrderStatus.CANCELLED


def test_someone_else_cannot_cancel(event, ticket, buyer):
    order = _buy(event, buyer, ticket)
    with pytest.raises(registration.NotAllowed):
        registration.order_cancel(order=order, actor=UserFactory())


def test_attendee_cannot_cancel_after_the_policy_deadline(event, ticket, buyer):
    EventBilling.objects.create(
        event=event,
        issuer_name="KCTA",
        attendee_cancel_until=timezone.now() - dt.timedelta(days=1),
    )
    order = _buy(event, buyer, ticket)
    with pytest.raises(registration.NotAllowed, match="cancellation period"):
        registration.order_cancel(order=order, actor=buyer)


def test_partial_refund_keeps_seats_full_refund_returns_them(
    event, ticket, buyer, organiser
):
    from registration.services import payments

    order = _buy(event, buyer, ticket)
    registration.invoice_mark_paid(order=order, actor=organiser)
    payments.order_refund(order=order, actor=organiser, amount=Decimal("50000"))
    order.refresh_from_db()
    assert (order.status, order.refunded_amount) == (OrderStatus.PAID, Decimal("50000"))
    assert registration.seats_taken(ticket_type=ticket) == 1
    with pytest.raises(registration.NotAllowed, match="whole order"):
        payments.order_refund(order=order, actor=buyer, amount=Decimal("1"))
    payments.order_withdraw(order=order, actor=buyer)
    order.refresh_from_db()
    assert (order.status, order.refunded_amount) == (
        OrderStatus.REFUNDED,
        Decimal("150000"),
    )
    assert registration.seats_taken(ticket_type=ticket) == 0


def test_late_payment_revives_an_expired_order_if_seats_are_free(event, ticket, buyer):
    order = _buy(event, buyer, ticket)
    registration.order_expire_due(now=timezone.now() + dt.timedelta(days=15))
    registration.order_mark_paid(order=order)
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert order.registrations.get().status == RegistrationStatus.CONFIRMED


def test_late_payment_for_sold_out_seats_is_refused(event, ticket, buyer):
    order = _buy(event, buyer, ticket)
    registration.order_expire_due(now=timezone.now() + dt.timedelta(days=15))
    _buy(event, UserFactory(), ticket, "a@x.org", "b@x.org", "c@x.org")
    with pytest.raises(registration.SoldOut):
        registration.order_mark_paid(order=order)


def test_expire_task_runs_the_service(event, ticket, buyer):
    from registration.tasks import order_expire_due

    order = _buy(event, buyer, ticket)
    Order.objects.filter(pk=order.pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    result = order_expire_due.enqueue()
    assert result.return_value == 1
    assert Order.objects.get(pk=order.pk).status == OrderStatus.EXPIRED


def test_registration_upsert_one_per_person_and_event():
    event, person = EventFactory(), UserFactory()
    registration_upsert(event=event, user=person)
    registration_upsert(event=event, user=person, category="speaker")
    assert event.registrations.get().category == "speaker"


# The ticket rush: what an order costs the database, and what it does under lock.


def _sql(captured) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if "SAVEPOINT" not in q["sql"]]


@pytest.fixture
def audited():
    """The audit log's content types, cached as in a server that has run a while."""
    ContentType.objects.get_for_models(Order, Registration)


def test_a_sold_out_answer_is_one_read_and_takes_no_lock(
    event, ticket, buyer, django_assert_max_num_queries
):
    _buy(event, buyer, ticket, "a@example.org", "b@example.org", "c@example.org")
    late = UserFactory()
    with (
        django_assert_max_num_queries(1) as captured,
        pytest.raises(registration.SoldOut, match="Regular is sold out"),
    ):
        _buy(event, late, ticket)
    assert not any("FOR UPDATE" in sql for sql in _sql(captured))


# Savepoints included; colleagues new to the site cost their account's queries.
@pytest.mark.parametrize(("seats", "most"), [(1, 11), (3, 27)])
def test_an_order_costs_a_few_queries_a_seat(
    event, ticket, buyer, audited, seats, most, django_assert_max_num_queries
):
    emails = [buyer.email, "a@example.org", "b@example.org"][:seats]
    with django_assert_max_num_queries(most):
        order = _buy(event, buyer, ticket, *emails)
    assert order.registrations.count() == seats
    assert registration.seats_taken(ticket_type=ticket) == seats


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite locks the whole database for the transaction instead",
)
def test_under_the_lock_an_order_only_counts_its_seats(
    event, ticket, buyer, audited, django_assert_max_num_queries
):
    with django_assert_max_num_queries(11) as captured:
        _buy(event, buyer, ticket)
    sql = _sql(captured)
    ticket_lock = 'FROM "registration_tickettype"'
    locked = next(
        i for i, s in enumerate(sql) if "FOR UPDATE" in s and ticket_lock in s
    )
    (count,) = sql[locked + 1 :]
    assert count.startswith("SELECT")
    assert "COUNT(" in count
    assert all(s.startswith("INSERT") for s in sql[locked - 4 : locked])
