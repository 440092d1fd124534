"""API shapes for tickets and orders. Money leaves as a Decimal string with its
currency; an order's `code` is its public id."""

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema

from registration.enums import (
    OrderStatus,
    PaymentMethod,
    RegistrationStatus,
    WaitlistStatus,
)


class TicketTypeOut(Schema):
    id: int
    name: str
    name_en: str
    name_ko: str | None
    description: str | None
    price: Decimal
    currency: str
    seats_left: int
    sale_starts_at: dt.datetime | None
    sale_ends_at: dt.datetime | None
    needs_access_code: bool

    @staticmethod
    def resolve_needs_access_code(obj) -> bool:
        return bool(obj.access_code)


class AttendeeIn(Schema):
    ticket_type_id: int
    email: str = Field(..., max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    first_name: str = Field("", max_length=150)
    last_name: str = Field("", max_length=150)
    organisation_name: str = Field("", max_length=200)
    job_role: str = Field("", max_length=200)
    dietary_needs: str = Field("", max_length=200)
    directory_consent: bool = False


class BillingIn(Schema):
    name: str = Field("", max_length=200)
    organisation: str = Field("", max_length=200)
    address: str = Field("", max_length=1000)
    tax_id: str = Field("", max_length=50)


class OrderIn(Schema):
    attendees: list[AttendeeIn] = Field(..., min_length=1, max_length=20)
    method: PaymentMethod = PaymentMethod.INVOICE
    voucher_code: str | None = Field(None, max_length=40)
    access_code: str = Field("", max_length=40)
    billing: BillingIn = BillingIn()


class RegistrationOut(Schema):
    id: int
    email: str = Field(..., alias="user.email")
    name: str = Field(..., alias="user.get_full_name")
    ticket_type: str | None
    price: Decimal | None
    status: RegistrationStatus
    organisation_name: str
    job_role: str
    dietary_needs: str
    directory_consent: bool

    @staticmethod
    def resolve_ticket_type(obj) -> str | None:
        return obj.ticket_type.name if obj.ticket_type else None


class OrderOut(Schema):
    code: str
    event: str = Field(..., alias="event.slug")
    status: OrderStatus
    method: PaymentMethod
    currency: str
    subtotal: Decimal
    discount: Decimal
    total: Decimal
    refunded_amount: Decimal
    expires_at: dt.datetime | None
    created_at: dt.datetime
    paid_at: dt.datetime | None
    invoice_url: str
    registrations: list[RegistrationOut]

    @staticmethod
    def resolve_registrations(obj) -> list:
        return list(obj.registrations.all())

    @staticmethod
    def resolve_invoice_url(obj) -> str:
        from django.urls import reverse

        return reverse("registration:order_invoice", kwargs={"code": obj.code})


class CardPaymentOut(Schema):
    client_secret: str
    publishable_key: str
    stripe_js_url: str


class RefundIn(Schema):
    amount: Decimal | None = Field(None, gt=0, max_digits=13, decimal_places=2)


class WaitlistEntryOut(Schema):
    id: int
    ticket_type_id: int
    status: WaitlistStatus
    created_at: dt.datetime
    offer_expires_at: dt.datetime | None


class WaitlistIn(Schema):
    access_code: str = Field("", max_length=40)


class AnswersIn(Schema):
    first_name: str = Field(..., min_length=1, max_length=150)
    last_name: str = Field(..., min_length=1, max_length=150)
    organisation_name: str = Field("", max_length=200)
    job_role: str = Field("", max_length=200)
    dietary_needs: str = Field("", max_length=200)
    directory_consent: bool = False


class ResendOut(Schema):
    sent: str


class RegistrationRowOut(Schema):
    """One attendee of an event, as in the attendee export."""

    id: int
    email: str
    first_name: str
    last_name: str
    ticket: str
    status: str
    category: str
    order_code: str | None
    order_status: str | None
    organisation_name: str
    job_role: str
    dietary_needs: str
    directory_consent: bool
    created_at: dt.datetime

    @staticmethod
    def resolve_email(reg) -> str:
        return reg.user.email

    @staticmethod
    def resolve_first_name(reg) -> str:
        return reg.user.first_name

    @staticmethod
    def resolve_last_name(reg) -> str:
        return reg.user.last_name

    @staticmethod
    def resolve_ticket(reg) -> str:
        return (
            reg.ticket_type.name if reg.ticket_type_id else reg.get_category_display()
        )

    @staticmethod
    def resolve_order_code(reg) -> str | None:
        return reg.order.code if reg.order_id else None

    @staticmethod
    def resolve_order_status(reg) -> str | None:
        return reg.order.status if reg.order_id else None
