"""Attendee e-mails name deadlines on the event's clock, labelled with its zone
("2027-09-02 00:00 KST"), not the server's UTC."""

import datetime as dt

import pytest
from django.core import mail as outbox

from registration import mail
from registration.enums import PaymentMethod, WaitlistStatus
from registration.models import WaitlistEntry
from registration.services import Attendee, OrderItem, order_create
from tests.factories.accounts import UserFactory
from tests.factories.registration import TicketTypeFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

DEADLINE = dt.datetime(2027, 9, 1, 15, 0, tzinfo=dt.UTC)  # midnight in Seoul
LOCAL = "2027-09-02 00:00 KST"


@pytest.fixture
def order(event):
    ticket = TicketTypeFactory(event=event, name_en="Regular")
    buyer = UserFactory(email="buyer@example.org")
    order = order_create(
        event=event,
        buyer=buyer,
        items=[OrderItem(ticket_type_id=ticket.pk, attendee=Attendee(buyer.email))],
        method=PaymentMethod.INVOICE,
    )
    order.expires_at = DEADLINE
    order.save(update_fields=["expires_at"])
    outbox.outbox.clear()
    return order


@pytest.mark.parametrize("language", ["en", "ko"])
@pytest.mark.parametrize(
    "send",
    [mail.order_received_send, mail.order_reminder_send],
    ids=["received", "reminder"],
)
def test_an_invoice_deadline_is_on_the_event_clock(order, send, language):
    order.buyer.language = language
    order.buyer.save(update_fields=["language"])
    send(order=order)
    (message,) = outbox.outbox
    assert LOCAL in message.body
    assert "15:00" not in message.body


def test_a_waiting_list_offer_is_on_the_event_clock(event):
    entry = WaitlistEntry.objects.create(
        ticket_type=TicketTypeFactory(event=event),
        user=UserFactory(),
        status=WaitlistStatus.OFFERED,
        offer_expires_at=DEADLINE,
    )
    mail.waitlist_offer_send(entry=entry)
    (message,) = outbox.outbox
    assert f"held for you until {LOCAL}" in message.body
