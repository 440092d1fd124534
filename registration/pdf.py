"""The invoice PDF (reportlab): a pure function from an order to bytes."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from events.money import format_money
from registration.models import EventBilling, Order

# Reportlab's built-in fonts have no Hangul; the invoice is issued in English.
FONT, BOLD = "Helvetica", "Helvetica-Bold"
PAGE_HEIGHT = A4[1]


def text_lines(
    c: canvas.Canvas, x: float, y: float, lines: list[str], size=10
) -> float:
    c.setFont(FONT, size)
    for line in lines:
        for part in str(line).splitlines() or [""]:
            c.drawString(x, y, part)
            y -= size * 1.4
    return y


def invoice_pdf(*, order: Order) -> bytes:
    """An invoice with the issuer's and buyer's details, tax ids and the payment
    reference (the order code) the buyer quotes on the bank transfer."""
    billing = EventBilling.objects.filter(event=order.event).first()
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    paid = order.paid_at is not None and order.total > 0
    c.setTitle(f"{'Receipt' if paid else 'Invoice'} {order.code}")
    _heading(c, order, paid=paid)
    _issuer(c, billing)
    _buyer(c, order)
    y = _ticket_lines(c, order)
    y = _totals(c, order, y)
    _payment(c, order, billing, y - 8 * mm, paid=paid)
    c.showPage()
    c.save()
    return buffer.getvalue()


def _heading(c: canvas.Canvas, order: Order, *, paid: bool) -> None:
    c.setFont(BOLD, 18)
    # Once paid, the same document is the buyer's receipt.
    c.drawString(20 * mm, PAGE_HEIGHT - 25 * mm, "RECEIPT" if paid else "INVOICE")
    issued = timezone.localtime(order.created_at, order.event.tz).date().isoformat()
    text_lines(
        c,
        130 * mm,
        PAGE_HEIGHT - 25 * mm,
        [f"Invoice no. {order.code}", f"Date: {issued}", f"Reference: {order.code}"],
    )


def _issuer(c: canvas.Canvas, billing: EventBilling | None) -> None:
    """Without the event's billing details the platform issues the invoice."""
    issuer = [
        billing.issuer_name if billing else "Convene",
        *(billing.issuer_address.splitlines() if billing else []),
        f"Tax id: {billing.issuer_tax_id}" if billing and billing.issuer_tax_id else "",
    ]
    c.setFont(BOLD, 10)
    c.drawString(20 * mm, PAGE_HEIGHT - 45 * mm, "From")
    text_lines(c, 20 * mm, PAGE_HEIGHT - 51 * mm, issuer)


def _buyer(c: canvas.Canvas, order: Order) -> None:
    buyer = [
        order.billing_name,
        order.billing_organisation,
        *order.billing_address.splitlines(),
        f"Tax id: {order.billing_tax_id}" if order.billing_tax_id else "",
        order.buyer.email,
    ]
    c.setFont(BOLD, 10)
    c.drawString(110 * mm, PAGE_HEIGHT - 45 * mm, "Bill to")
    text_lines(c, 110 * mm, PAGE_HEIGHT - 51 * mm, [line for line in buyer if line])


def _ticket_lines(c: canvas.Canvas, order: Order) -> float:
    event = order.event
    y = PAGE_HEIGHT - 95 * mm
    c.setFont(BOLD, 10)
    c.drawString(
        20 * mm, y, f"{event.name_en} ({event.start_date} to {event.end_date})"
    )
    y -= 8 * mm
    for registration in order.registrations.select_related("ticket_type", "user"):
        ticket = registration.ticket_type.name_en if registration.ticket_type else ""
        c.setFont(FONT, 10)
        c.drawString(20 * mm, y, f"{ticket} · {registration.user.get_full_name()}")
        c.drawRightString(
            190 * mm, y, format_money(registration.price or 0, order.currency)
        )
        y -= 6 * mm
    return y - 4 * mm


def _totals(c: canvas.Canvas, order: Order, y: float) -> float:
    rows = [("Subtotal", order.subtotal), ("Discount", -order.discount)]
    rows += [("Total due", order.total)]
    for label, amount in rows:
        c.setFont(BOLD if label == "Total due" else FONT, 10)
        c.drawString(130 * mm, y, label)
        c.drawRightString(190 * mm, y, format_money(amount, order.currency))
        y -= 6 * mm
    return y


def _payment(
    c: canvas.Canvas,
    order: Order,
    billing: EventBilling | None,
    y: float,
    *,
    paid: bool,
) -> None:
    tz = order.event.tz
    due = (
        timezone.localtime(order.expires_at, tz).date().isoformat()
        if order.expires_at
        else ""
    )
    payment = [
        f"Please pay by bank transfer by {due}, quoting reference {order.code}."
        if due and not paid
        else "",
        f"Paid on {timezone.localtime(order.paid_at, tz).date()}." if paid else "",
        *(billing.bank_details.splitlines() if billing else []),
        f"Status: {order.get_status_display()}",
    ]
    text_lines(c, 20 * mm, y, [line for line in payment if line])


def invoice_filename(*, order: Order) -> str:
    return _("invoice-%(code)s.pdf") % {"code": order.code}
