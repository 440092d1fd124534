from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from badges.models import BadgeDesign, ScannerToken
from badges.permissions import key_hash
from registration.enums import (
    OrderStatus,
    PaymentMethod,
    RegistrationCategory,
    RegistrationStatus,
)
from registration.models import Order, Registration
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory
from tests.factories.registration import TicketTypeFactory


class OrderFactory(DjangoModelFactory):
    class Meta:
        model = Order

    event = factory.SubFactory(EventFactory)
    buyer = factory.SubFactory(UserFactory)
    status = OrderStatus.PAID
    method = PaymentMethod.INVOICE
    currency = "KRW"
    subtotal = Decimal("150000")
    total = Decimal("150000")


class RegistrationFactory(DjangoModelFactory):
    """A confirmed attendee with a ticket of the same event."""

    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    ticket_type = factory.SubFactory(
        TicketTypeFactory, event=factory.SelfAttribute("..event")
    )
    category = RegistrationCategory.ATTENDEE
    status = RegistrationStatus.CONFIRMED


class BadgeDesignFactory(DjangoModelFactory):
    class Meta:
        model = BadgeDesign

    event = factory.SubFactory(EventFactory)


class ScannerTokenFactory(DjangoModelFactory):
    """`key` is the plain key to send; only its hash is stored."""

    class Meta:
        model = ScannerToken

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Door {n}")
    key = factory.Sequence(lambda n: f"cvs_test-key-{n:04d}")
    key_hash = factory.LazyAttribute(lambda o: key_hash(o.key))
    prefix = factory.LazyAttribute(lambda o: o.key[:8])

    @classmethod
    def _create(cls, model_class, *args, key: str, **kwargs):
        token = super()._create(model_class, *args, **kwargs)
        token.key = key
        return token
