"""The attendee's ticket PDF (A6): the badge's live QR code, so every copy scans."""

import io

from django.utils.translation import gettext as _
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A6
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from badges.services import registration_qr_token
from badges.tokens import token_display
from config import typeset
from registration.models import Registration
from registration.pdf import date_span

CODE_FONT = "Courier-Bold"


def ticket_pdf(*, registration: Registration) -> bytes:
    """One attendee's ticket (A6): event, dates, name, ticket type, and a QR code
    with the order code and registration number the desk looks up. In the active
    language (the e-mail's or the page's); the event's name wraps rather than
    being cut, a long name shrinks to the ticket's width."""
    event, user = registration.event, registration.user
    reference = (
        f"{registration.order.code if registration.order else 'REG'}-{registration.pk}"
    )
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A6, invariant=1)
    c.setTitle(_("Ticket %(reference)s") % {"reference": reference})
    width, height = A6
    left, room = 10 * mm, width - 20 * mm
    y = typeset.draw_wrapped(
        c,
        event.name,
        left,
        height - 15 * mm,
        size=13,
        room=room,
        bold=True,
        max_lines=4,
    )
    venue = event.venue.name if event.venue else ""
    when = f"{date_span(event.start_date, event.end_date)} ({event.timezone})"
    for line in (when, venue):
        y = typeset.draw_wrapped(c, line, left, y - 1 * mm, size=9, room=room)
    y -= 4 * mm
    for name in (user.get_full_name() or user.email, user.name_ko):
        if name:
            typeset.draw(c, name, left, y, size=12, bold=True, room=room)
            y -= 6 * mm
    ticket = registration.ticket_type.name if registration.ticket_type else ""
    lines = [
        ticket,
        registration.organisation_name,
        _("Ref. %(reference)s") % {"reference": reference},
    ]
    for line in lines:
        if line:
            typeset.draw(c, line, left, y, size=9, room=room)
            y -= 9 * 1.4
    # The badge's signed QR token: the door scanner accepts this very code, and a
    # reprinted badge retires it (badges.services).
    token = registration_qr_token(registration=registration)
    qr = QrCodeWidget(token)
    x0, y0, x1, y1 = qr.getBounds()
    size = 38 * mm
    drawing = Drawing(
        size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0]
    )
    drawing.add(qr)
    qr_left, bottom = width - size - 8 * mm, 15 * mm
    renderPDF.draw(drawing, c, qr_left, bottom)
    _code(c, token_display(token), qr_left + size / 2, bottom, size)
    c.showPage()
    c.save()
    return buffer.getvalue()


def _code(c: canvas.Canvas, code: str, centre: float, top: float, width: float):
    """The code under the QR, as on the printed badge (`badges.rendering`): the
    scanner's staff type it when a QR will not scan. Two lines, monospaced, so
    that 0 and O, 1 and I stay apart."""
    words = code.split(" ")
    half = (len(words) + 1) // 2
    lines = [" ".join(words[:half]), " ".join(words[half:])]
    size = min(8.0, width / (0.6 * max(len(line) for line in lines)))
    c.setFont(CODE_FONT, size)
    for index, line in enumerate(lines):
        c.drawCentredString(centre, top - size * 1.2 * (index + 1), line)


def ticket_filename(*, registration: Registration) -> str:
    code = registration.order.code if registration.order else "REG"
    return _("ticket-%(code)s-%(n)s.pdf") % {"code": code, "n": registration.pk}


def ticket_attachments(*, registrations, **kwargs) -> list[tuple[str, bytes, str]]:
    """Each registration's ticket PDF, for registration's ticket e-mails."""
    return [
        (ticket_filename(registration=r), ticket_pdf(registration=r), "application/pdf")
        for r in registrations
    ]
