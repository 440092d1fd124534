"""E-mails to buyers and attendees. Plain text, rendered in the recipient's language
(`User.mail_language`) at send time.

A confirmation carries each attendee's ticket (PDF) and the event's calendar
(`.ics`, built by `calendars.ics` from the same items as the event's feed).
The buyer receives every ticket of the order; each colleague registered by the
buyer receives their own, with a link to complete their own details.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from events.money import format_money
from registration.models import Order, Registration, WaitlistEntry
from registration.pdf import invoice_filename, invoice_pdf
from registration.signals import ticket_attachments


def _url(name: str, **kwargs) -> str:
    return settings.SITE_URL + reverse(name, kwargs=kwargs or None)


def _context(order: Order) -> dict:
    return {
        "order": order,
        "event": order.event,
        "registrations": order.registrations.select_related("user", "ticket_type"),
        "total": format_money(order.total, order.currency),
        "personal_area_url": _url("registration:my_registrations"),
        "order_url": settings.SITE_URL + order.get_absolute_url(),
    }


def _message(subject: str, template: str, context: dict, to: str) -> EmailMessage:
    body = render_to_string(f"registration/email/{template}.txt", context)
    return EmailMessage(subject=subject, body=body, to=[to])


def _subject(what: str, order: Order) -> str:
    return f"{what} · {order.event.name} · {order.code}"


def _attach_tickets(message, order: Order, registrations) -> None:
    replies = ticket_attachments.send(
        sender=Order, order=order, registrations=registrations
    )
    for _receiver, files in replies:
        for name, content, mimetype in files:
            message.attach(name, content, mimetype)


def order_confirmation_send(*, order: Order) -> None:
    with translation.override(order.buyer.mail_language):
        context = _context(order)
        regs = list(context["registrations"])
        message = _message(
            _subject(_("Your registration is confirmed"), order),
            "confirmation",
            context,
            order.buyer.email,
        )
        _attach_tickets(message, order, regs)
        message.send()
        for reg in regs:
            if reg.user_id != order.buyer_id:
                _colleague_send(order, reg, context)


def _colleague_send(order: Order, reg: Registration, context: dict) -> None:
    edit = reverse("registration:registration_edit", kwargs={"pk": reg.pk})
    query = urlencode({"email": reg.user.email, "next": edit})
    with translation.override(reg.user.mail_language):
        link = _url("accounts:signin_link") + "?" + query
        context = {**context, "registration": reg, "complete_url": link}
        message = _message(
            _subject(_("You are registered"), order),
            "colleague",
            context,
            reg.user.email,
        )
        _attach_tickets(message, order, [reg])
        message.send()


def _with_invoice(order: Order, template: str, subject: str) -> None:
    with translation.override(order.buyer.mail_language):
        message = _message(
            _subject(subject, order), template, _context(order), order.buyer.email
        )
        if order.method == "invoice" and not order.awaiting_approval:
            message.attach(
                invoice_filename(order=order),
                invoice_pdf(order=order),
                "application/pdf",
            )
        message.send()


def order_received_send(*, order: Order) -> None:
    """For invoice orders: the invoice is attached and the hold's end stated."""
    _with_invoice(order, "received", _("Your order is reserved"))


def order_reminder_send(*, order: Order) -> None:
    _with_invoice(order, "reminder", _("Reminder: your invoice is due"))


def order_cancelled_send(*, order: Order) -> None:
    with translation.override(order.buyer.mail_language):
        _message(
            _subject(_("Your order is cancelled"), order),
            "cancelled",
            _context(order),
            order.buyer.email,
        ).send()


def waitlist_offer_send(*, entry: WaitlistEntry) -> None:
    event = entry.ticket_type.event
    with translation.override(entry.user.mail_language):
        register = reverse("registration:register", kwargs={"slug": event.slug})
        context = {
            "entry": entry,
            "event": event,
            "ticket": entry.ticket_type,
            "register_url": settings.SITE_URL + register,
        }
        _message(
            f"{_('A seat is free for you')} · {event.name}",
            "waitlist_offer",
            context,
            entry.user.email,
        ).send()
