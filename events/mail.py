"""E-mails to buyers. Plain text, rendered in the buyer's language at send time.

The event's `.ics` attachment waits for the calendar issue (`events/calendar.py`).
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from events.models import Order
from events.money import format_money
from events.pdf import invoice_filename, invoice_pdf


def _context(order: Order) -> dict:
    return {
        "order": order,
        "event": order.event,
        "registrations": order.registrations.select_related("user", "ticket_type"),
        "total": format_money(order.total, order.currency),
        "personal_area_url": settings.SITE_URL + reverse("events:my_registrations"),
        "order_url": settings.SITE_URL + order.get_absolute_url(),
    }


def _send(order: Order, template: str, subject: str, attach_invoice=False) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(f"events/email/{template}.txt", _context(order))
        message = EmailMessage(
            subject=f"{subject} · {order.event.name} · {order.code}",
            body=body,
            to=[order.buyer.email],
        )
        if attach_invoice:
            message.attach(
                invoice_filename(order=order),
                invoice_pdf(order=order),
                "application/pdf",
            )
        message.send()


def order_confirmation_send(*, order: Order) -> None:
    _send(order, "confirmation", "Your registration is confirmed")


def order_received_send(*, order: Order) -> None:
    """For invoice orders: the invoice is attached and the hold's end stated."""
    _send(
        order,
        "received",
        "Your order is reserved",
        attach_invoice=order.method == "invoice",
    )


def order_cancelled_send(*, order: Order) -> None:
    _send(order, "cancelled", "Your order is cancelled")
