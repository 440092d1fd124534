"""The invoice PDF (reportlab): a pure function from an order to bytes.

Written in the active language (the buyer's e-mail language, or the page's), with
dates as that language writes them ("2027년 9월 14일"); text is set by `typeset`,
so Korean names and addresses show in Hangul and long lines wrap.
"""

import datetime as dt
import io

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from config import typeset
from events.money import format_money
from registration.models import EventBilling, Order
from registration.services import Summary, order_summary

PAGE_HEIGHT = A4[1]
SIZE, LEADING = 10, 1.4


def date_text(value: dt.date) -> str:
    """ "14 September 2027"-style in English, "2027년 9월 14일" in Korean."""
    return formats.date_format(value, "DATE_FORMAT")


def date_span(start: dt.date, end: dt.date) -> str:
    if start == end:
        return date_text(start)
    return f"{date_text(start)} – {date_text(end)}"


def text_lines(
    c: canvas.Canvas, x: float, y: float, lines: list[str], *, room: float, size=SIZE
) -> float:
    """Each line wrapped to `room`; returns the baseline below the last."""
    for line in lines:
        y = typeset.draw_wrapped(c, line, x, y, size=size, room=room, leading=LEADING)
    return y


def invoice_pdf(*, order: Order) -> bytes:
    """An invoice with the issuer's and buyer's details, tax ids and the payment
    reference (the order code) the buyer quotes on the bank transfer."""
    billing = EventBilling.objects.filter(event=order.event).first()
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    paid = order.paid_at is not None and order.total > 0
    title = _("Receipt %(code)s") if paid else _("Invoice %(code)s")
    c.setTitle(title % {"code": order.code})
    _heading(c, order, paid=paid)
    bottom = min(_issuer(c, billing), _buyer(c, order))
    y = _ticket_lines(c, order, min(bottom - 8 * mm, PAGE_HEIGHT - 95 * mm))
    y = _totals(c, order_summary(order=order), y)
    _payment(c, order, billing, y - 8 * mm, paid=paid)
    c.showPage()
    c.save()
    return buffer.getvalue()


def _local_date(value: dt.datetime, order: Order) -> str:
    return date_text(timezone.localtime(value, order.event.tz).date())


def _heading(c: canvas.Canvas, order: Order, *, paid: bool) -> None:
    # Once paid, the same document is the buyer's receipt.
    heading = _("RECEIPT") if paid else _("INVOICE")
    typeset.draw(c, heading, 20 * mm, PAGE_HEIGHT - 25 * mm, size=18, bold=True)
    text_lines(
        c,
        130 * mm,
        PAGE_HEIGHT - 25 * mm,
        [
            _("Invoice no. %(code)s") % {"code": order.code},
            _("Date: %(date)s") % {"date": _local_date(order.created_at, order)},
            _("Reference: %(code)s") % {"code": order.code},
        ],
        room=60 * mm,
    )


def _issuer(c: canvas.Canvas, billing: EventBilling | None) -> float:
    """Without the event's billing details the platform issues the invoice."""
    issuer = [
        billing.issuer_name if billing else "Convene",
        *(billing.issuer_address.splitlines() if billing else []),
        _("Tax id: %(id)s") % {"id": billing.issuer_tax_id}
        if billing and billing.issuer_tax_id
        else "",
    ]
    return _party(
        c, pgettext("invoice issuer", "From"), issuer, x=20 * mm, room=85 * mm
    )


def _buyer(c: canvas.Canvas, order: Order) -> float:
    buyer = [
        order.billing_name,
        order.billing_organisation,
        *order.billing_address.splitlines(),
        _("Tax id: %(id)s") % {"id": order.billing_tax_id}
        if order.billing_tax_id
        else "",
        order.buyer.email,
    ]
    return _party(
        c, pgettext("invoice buyer", "Bill to"), buyer, x=110 * mm, room=80 * mm
    )


def _party(c: canvas.Canvas, heading: str, lines: list, *, x: float, room: float):
    """One side of the invoice's head: a bold heading, then its non-empty lines;
    returns where the text ends."""
    typeset.draw(c, heading, x, PAGE_HEIGHT - 45 * mm, size=SIZE, bold=True)
    return text_lines(
        c, x, PAGE_HEIGHT - 51 * mm, [li for li in lines if li], room=room
    )


def _person(user) -> str:
    """The English name with the Korean one beside it: 'Kim Minji (김민지)'."""
    name = user.display_name("en")
    return f"{name} ({user.name_ko})" if user.name_ko else name


def _ticket_lines(c: canvas.Canvas, order: Order, y: float) -> float:
    event = order.event
    heading = f"{event.name} ({date_span(event.start_date, event.end_date)})"
    y = typeset.draw_wrapped(
        c, heading, 20 * mm, y, size=SIZE, room=170 * mm, bold=True
    )
    y -= 3 * mm
    for registration in order.registrations.select_related("ticket_type", "user"):
        ticket = registration.ticket_type.name if registration.ticket_type else ""
        # Each seat at its list price: the lines add up to the subtotal, and the
        # discount is taken off below it.
        listed = registration.list_price
        listed = (registration.price or 0) if listed is None else listed
        amount = format_money(listed, order.currency)
        typeset.draw(c, amount, 190 * mm, y, size=SIZE, align="right")
        line = f"{ticket} · {_person(registration.user)}"
        y = typeset.draw_wrapped(c, line, 20 * mm, y, size=SIZE, room=130 * mm)
        y -= 6 * mm - SIZE * 1.3
    return y - 4 * mm


def _totals(c: canvas.Canvas, summary: Summary, y: float) -> float:
    """Subtotal, the discount taken off it, and the total, in reading order."""
    currency = summary.currency
    rows = [(_("Subtotal"), format_money(summary.subtotal, currency), False)]
    if summary.discount:
        off = format_money(summary.discount, currency)
        rows.append((_("Discount"), f"-{off}", False))
    rows.append((_("Total due"), format_money(summary.total, currency), True))
    for label, amount, bold in rows:
        typeset.draw(c, label, 130 * mm, y, size=SIZE, bold=bold, room=35 * mm)
        typeset.draw(c, amount, 190 * mm, y, size=SIZE, bold=bold, align="right")
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
    due = _local_date(order.expires_at, order) if order.expires_at else ""
    payment = [
        _("Please pay by bank transfer by %(date)s, quoting reference %(code)s.")
        % {"date": due, "code": order.code}
        if due and not paid
        else "",
        _("Paid on %(date)s.") % {"date": _local_date(order.paid_at, order)}
        if paid
        else "",
        *(billing.bank_details.splitlines() if billing else []),
        _("Status: %(status)s") % {"status": order.get_status_display()},
    ]
    text_lines(c, 20 * mm, y, [line for line in payment if line], room=170 * mm)


def invoice_filename(*, order: Order) -> str:
    return _("invoice-%(code)s.pdf") % {"code": order.code}
