"""Never oversold: many buyers at once for few seats, on PostgreSQL's row locks."""

import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.db import connection, connections

from registration import services as registration
from registration.enums import PaymentMethod
from registration.models import Order
from registration.services import Attendee, OrderItem
from tests.factories.accounts import UserFactory
from tests.factories.registration import TicketTypeFactory, VoucherFactory

pytestmark = [
    pytest.mark.serial,
    pytest.mark.integration,
    pytest.mark.slow,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises all writers; row locks are exercised on PostgreSQL",
    ),
]

BUYERS, SEATS = 50, 10


def _race(ticket, buyers, **extra) -> list[str]:
    start = threading.Barrier(len(buyers))

    def buy(user) -> str:
        try:
            start.wait(timeout=30)
            registration.order_create(
                event=ticket.event,
                buyer=user,
                items=[
                    OrderItem(ticket_type_id=ticket.pk, attendee=Attendee(user.email))
                ],
                method=PaymentMethod.INVOICE,
                **extra,
            )
            return "held"
        except registration.SoldOut:
            return "sold out"
        except registration.VoucherInvalid:
            return "voucher used up"
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(buyers)) as pool:
        return list(pool.map(buy, buyers))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_buyers_for_ten_seats_get_exactly_ten():
    ticket = TicketTypeFactory(capacity=SEATS, price=Decimal("150000"))
    buyers = [UserFactory() for _ in range(BUYERS)]
    outcomes = _race(ticket, buyers)
    assert outcomes.count("held") == SEATS
    assert outcomes.count("sold out") == BUYERS - SEATS
    assert registration.seats_taken(ticket_type=ticket) == SEATS
    assert Order.objects.count() == SEATS


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_voucher_limit_holds_under_concurrency():
    ticket = TicketTypeFactory(capacity=100)
    VoucherFactory(event=ticket.event, code="FIRST5", max_uses=5)
    buyers = [UserFactory() for _ in range(20)]
    outcomes = _race(ticket, buyers, voucher_code="FIRST5")
    assert outcomes.count("held") == 5
    assert outcomes.count("voucher used up") == 15
    assert Order.objects.filter(voucher__code="FIRST5").count() == 5
