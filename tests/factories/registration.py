from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from registration.enums import VoucherKind
from registration.models import TicketType, Voucher
from tests.factories.events import EventFactory


class TicketTypeFactory(DjangoModelFactory):
    """A regular ticket on sale now; the price is in the event's currency (KRW)."""

    class Meta:
        model = TicketType

    event = factory.SubFactory(EventFactory)
    name_en = factory.Sequence(lambda n: f"Ticket {n}")
    name_ko = factory.Sequence(lambda n: f"티켓 {n}")
    price = Decimal("150000")
    capacity = 10


class VoucherFactory(DjangoModelFactory):
    class Meta:
        model = Voucher

    event = factory.SubFactory(EventFactory)
    code = factory.Sequence(lambda n: f"SAVE{n}")
    kind = VoucherKind.PERCENT
    value = Decimal("10")
    max_uses = 1
