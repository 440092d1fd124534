"""What every registration write shares: its errors, its inputs and its e-mails."""

from dataclasses import dataclass

from django.db import transaction

from config.queue import enqueue
from registration.models import Order


class RegistrationError(Exception):
    """A purchase or change the rules refuse; the message is shown to the user."""

    status = 409


class SoldOut(RegistrationError):
    pass


class SaleClosed(RegistrationError):
    pass


class VoucherInvalid(RegistrationError):
    status = 400


class NotAllowed(RegistrationError):
    status = 403


@dataclass(frozen=True)
class Attendee:
    """Who sits in a seat, with their answers to the event's questions."""

    email: str
    first_name: str = ""
    last_name: str = ""
    organisation_name: str = ""
    job_role: str = ""
    dietary_needs: str = ""
    directory_consent: bool = False


@dataclass(frozen=True)
class OrderItem:
    ticket_type_id: int
    attendee: Attendee


@dataclass(frozen=True)
class Billing:
    name: str = ""
    organisation: str = ""
    address: str = ""
    tax_id: str = ""


def notify(order: Order, what: str) -> None:
    """E-mail after commit, so a worker never reads an order that rolled back."""
    task = {
        "confirmation": "registration.tasks.order_confirmation_email",
        "received": "registration.tasks.order_received_email",
        "cancelled": "registration.tasks.order_cancelled_email",
        "reminder": "registration.tasks.order_reminder_email",
    }[what]
    pk = order.pk
    transaction.on_commit(lambda: enqueue(task, pk))
