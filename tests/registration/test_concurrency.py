"""Never oversold: many buyers at once for few seats, on PostgreSQL's row locks."""

import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.db import connection, connections

from registration import services as registration
from registration.enums import PaymentMethod
from registration.models import Order, Registration
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


def _race(ticket, buyers, *, colleagues: int = 0, **extra) -> list[str]:
    """Every buyer orders at the same moment, for themselves and `colleagues`."""
    start = threading.Barrier(len(buyers))

    def buy(user) -> str:
        emails = [user.email] + [f"{n}.{user.email}" for n in range(colleagues)]
        try:
            start.wait(timeout=30)
            registration.order_create(
                event=ticket.event,
                buyer=user,
                items=[
                    OrderItem(ticket_type_id=ticket.pk, attendee=Attendee(e))
                    for e in emails
                ],
                method=PaymentMethod.INVOICE,
                **extra,
            )
            return "held"
        except registration.SoldOut:
            return "sold out"
        except registration.VoucherInvalid:
            return "voucher used up"
        except registration.RegistrationError as exc:
            return str(exc)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(buyers)) as pool:
        return list(pool.map(buy, buyers))


def _seats_counted(ticket) -> int:
    """The count the service sells by, checked against the rows themselves."""
    taken = registration.seats_taken(ticket_type=ticket)
    assert taken == Registration.objects.filter(ticket_type=ticket).count()
    return taken


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_buyers_for_ten_seats_get_exactly_ten():
    ticket = TicketTypeFactory(capacity=SEATS, price=Decimal("150000"))
    buyers = [UserFactory() for _ in range(BUYERS)]
    outcomes = _race(ticket, buyers)
    assert outcomes.count("held") == SEATS
    assert outcomes.count("sold out") == BUYERS - SEATS
    assert _seats_counted(ticket) == SEATS
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


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_group_orders_at_once_never_split_or_oversell():
    """Seven seats, ten buyers of two seats each: three orders fit whole, the rest
    are refused whole (the last seat is not sold on its own)."""
    ticket = TicketTypeFactory(capacity=7, price=Decimal("150000"))
    outcomes = _race(ticket, [UserFactory() for _ in range(10)], colleagues=1)
    assert outcomes.count("held") == 3
    assert outcomes.count("sold out") == 7
    assert _seats_counted(ticket) == 6
    assert all(order.registrations.count() == 2 for order in Order.objects.all())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_double_click_makes_one_order():
    """The same buyer's two orders at once: one seat, and the other told why."""
    ticket = TicketTypeFactory(capacity=10)
    buyer = UserFactory()
    outcomes = _race(ticket, [buyer, buyer])
    assert sorted(outcomes) == [
        "held",
        f"{buyer.email} is already registered for this event.",
    ]
    assert _seats_counted(ticket) == 1
