"""Korean e-mails greet a person the Korean way: the Korean name as written, else
the family name first ("Kim Minji 님"); English ones keep "Minji Kim"."""

import pytest
from django.core import mail as outbox

from registration import mail
from registration.enums import PaymentMethod
from registration.services import Attendee, OrderItem, order_create
from tests.factories.accounts import UserFactory
from tests.factories.registration import TicketTypeFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _received(event, **buyer) -> str:
    ticket = TicketTypeFactory(event=event, name_en="Regular")
    person = UserFactory(first_name="Minji", last_name="Kim", **buyer)
    order = order_create(
        event=event,
        buyer=person,
        items=[OrderItem(ticket_type_id=ticket.pk, attendee=Attendee(person.email))],
        method=PaymentMethod.INVOICE,
    )
    outbox.outbox.clear()
    mail.order_received_send(order=order)
    (message,) = outbox.outbox
    return message.body


@pytest.mark.parametrize(
    ("buyer", "greeting", "listed"),
    [
        ({"language": "ko", "name_ko": "김민지"}, "김민지 님", ": 김민지"),
        ({"language": "ko", "name_ko": ""}, "Kim Minji 님", ": Kim Minji"),
        ({"language": "en", "name_ko": "김민지"}, "Hello Minji Kim,", ": Minji Kim"),
    ],
)
def test_the_greeting_and_the_attendee_list_name_people_in_the_mails_language(
    event, buyer, greeting, listed
):
    body = _received(event, **buyer)
    assert greeting in body
    assert listed in body
    assert "민지 김" not in body
