"""Badge PDFs: pure functions from frozen dataclasses to PDF bytes (reportlab).

No Django here: the service layer builds `BadgeFace` and `BadgeStyle` values and
stores the bytes. Text is set by `typeset` (Vera for Latin script, NanumSquare for
Hangul, chosen character by character), as in every PDF the site makes, so the
names stay searchable and extractable in the PDF.
"""

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache

import segno
from reportlab.lib.colors import HexColor, black, white
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import inch, mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from config import typeset

SIZES_MM = {
    "a6": (105.0, 148.0),
    "4x3in": (4 * inch / mm, 3 * inch / mm),
    "cr80": (85.6, 54.0),
}
SHEET_MARGIN, SHEET_GAP = 10 * mm, 8 * mm
CROP_LENGTH, CROP_OFFSET = 3 * mm, 1 * mm
QR_MASK = 2


@dataclass(frozen=True)
class BadgeFace:
    """What one person's badge says. `token` becomes the QR code; `code` is
    printed under it for staff to type when the QR will not scan."""

    name: str
    token: str
    code: str = ""
    name_ko: str = ""
    organisation: str = ""
    ticket: str = ""
    category: str = "attendee"
    category_label: str = ""


@dataclass(frozen=True)
class BadgeStyle:
    size: str = "a6"
    event_name: str = ""
    colours: dict[str, str] = field(default_factory=dict)
    logo: bytes | None = None
    show_name_ko: bool = True
    show_organisation: bool = True
    show_ticket: bool = True
    show_category: bool = True

    @property
    def page_size(self) -> tuple[float, float]:
        width, height = SIZES_MM[self.size]
        return width * mm, height * mm


@dataclass(frozen=True)
class Grid:
    """Where badges go on an A4 sheet: the page size and each slot's lower left."""

    page: tuple[float, float]
    slots: tuple[tuple[float, float], ...]


def _text(c, text, x, y, *, size, width, bold=False, centre=True, fill=black) -> float:
    """Draw one line (centred on x, or from x), shrunk or cut to `width`."""
    return typeset.draw(
        c,
        text,
        x,
        y,
        size=size,
        bold=bold,
        align="centre" if centre else "left",
        room=width,
        fill=fill,
    )


def _qr(c, token: str, x: float, y: float, side: float) -> None:
    """The QR code as vector runs of dark modules, with a 2-module quiet zone.

    Drawn in module units (integers), and the path operators are appended as
    text: reportlab's float formatting per rectangle was most of a 5,000-badge run.
    A fixed mask skips segno's penalty scoring, the other half; any mask is valid
    and decoders read them all (tests decode real badges with zxing-cpp).
    """
    matrix = segno.make_qr(token, error="m", mask=QR_MASK, boost_error=False).matrix
    count = len(matrix)
    module = side / (count + 4)
    ops = []
    for row_index, row in enumerate(matrix):
        top = count + 1 - row_index
        start = None
        for col, dark in enumerate((*row, 0)):
            if dark and start is None:
                start = col
            elif not dark and start is not None:
                ops.append(f"{start + 2} {top} {col - start} 1 re")
                start = None
    c.saveState()
    c.translate(x, y)
    c.scale(module, module)
    c.setFillColor(black)
    path = c.beginPath()
    path._code.append(" ".join(ops))  # reportlab's own list of operators
    c.drawPath(path, stroke=0, fill=1)
    c.restoreState()


@cache
def _logo(data: bytes) -> ImageReader:
    return ImageReader(io.BytesIO(data))


def _draw_badge(c, face: BadgeFace, style: BadgeStyle, x: float, y: float) -> None:
    width, height = style.page_size
    pad = min(width, height) * 0.06
    band = height * (0.12 if height > width else 0.16)
    _category_band(c, face, style, x, y, band, pad)
    top = y + height - pad
    header = height * (0.1 if height >= width else 0.15)
    _event_header(c, style, x, top, header, pad)
    portrait = height >= width
    code_h = height * 0.07 if face.code else 0
    qr_side = (
        min(width * 0.45, height * 0.32 - code_h)
        if portrait
        else min(width * 0.36, height - band - header - 2 * pad - code_h)
    )
    text_width = width - 2 * pad if portrait else width - 3 * pad - qr_side
    centre_x = x + width / 2 if portrait else x + pad + text_width / 2
    line = top - header - pad - height * (0.08 if portrait else 0.1)
    name_size = min(height * (0.075 if portrait else 0.1), text_width * 0.16)
    _person(c, face, style, centre_x, line, name_size, text_width)
    qr_x = x + (width - qr_side) / 2 if portrait else x + width - pad - qr_side
    qr_y = y + band + pad * 0.5 + code_h
    _qr(c, face.token, qr_x, qr_y, qr_side)
    if face.code:
        _code(c, face.code, qr_x + qr_side / 2, qr_y, qr_side, code_h)


def _code(c, code: str, centre_x: float, top: float, width: float, room: float):
    """The typed code under the QR, in two lines (the payload and the first
    signature groups, then the rest) so that it fits under a card's small QR."""
    words = code.split(" ")
    half = (len(words) + 1) // 2
    lines = [" ".join(words[:half]), " ".join(words[half:])]
    longest = max(typeset.width(line, 1) for line in lines)
    size = min(room * 0.42, width / longest)
    for index, line in enumerate(lines):
        baseline = top - size * (index + 1) * 1.05
        _text(c, line, centre_x, baseline, size=size, width=width)


def _category_band(c, face, style, x: float, y: float, band: float, pad: float) -> None:
    """The coloured strip along the bottom edge, with the category label on it."""
    width = style.page_size[0]
    colour = HexColor(style.colours.get(face.category, "#1f6feb"))
    c.setFillColor(colour)
    c.rect(x, y, width, band, stroke=0, fill=1)
    if style.show_category:
        label = face.category_label.upper()
        _text(
            c,
            label,
            x + width / 2,
            y + band * 0.32,
            size=band * 0.45,
            width=width - 2 * pad,
            bold=True,
            fill=white,
        )


def _event_header(c, style, x: float, top: float, header: float, pad: float) -> None:
    """The event's name along the top edge, beside the logo when there is one."""
    width = style.page_size[0]
    if style.logo:
        c.drawImage(
            _logo(style.logo),
            x + pad,
            top - header,
            width=header * 2.5,
            height=header,
            preserveAspectRatio=True,
            anchor="w",
            mask="auto",
        )
        _text(
            c,
            style.event_name,
            x + pad + header * 2.8,
            top - header * 0.6,
            size=header * 0.32,
            width=width - 2 * pad - header * 2.8,
            centre=False,
        )
    else:
        _text(
            c,
            style.event_name,
            x + width / 2,
            top - header * 0.6,
            size=header * 0.35,
            width=width - 2 * pad,
        )


def _person(c, face, style, centre_x, line, name_size, text_width) -> None:
    """The name, then the optional Korean name, organisation and ticket below it."""
    _text(c, face.name, centre_x, line, size=name_size, width=text_width, bold=True)
    if style.show_name_ko and face.name_ko:
        line -= name_size * 1.25
        _text(
            c,
            face.name_ko,
            centre_x,
            line,
            size=name_size * 0.9,
            width=text_width,
            bold=True,
        )
    small = name_size * 0.5
    if style.show_organisation and face.organisation:
        line -= name_size * 1.0
        _text(c, face.organisation, centre_x, line, size=small, width=text_width)
    if style.show_ticket and face.ticket:
        line -= small * 1.5
        _text(c, face.ticket, centre_x, line, size=small * 0.85, width=text_width)


def _crop_marks(c, x: float, y: float, width: float, height: float) -> None:
    c.setStrokeColor(black)
    c.setLineWidth(0.25)
    for cx in (x, x + width):
        for cy in (y, y + height):
            out_x = -1 if cx == x else 1
            out_y = -1 if cy == y else 1
            c.line(
                cx + out_x * CROP_OFFSET,
                cy,
                cx + out_x * (CROP_OFFSET + CROP_LENGTH),
                cy,
            )
            c.line(
                cx,
                cy + out_y * CROP_OFFSET,
                cx,
                cy + out_y * (CROP_OFFSET + CROP_LENGTH),
            )


def sheet_grid(size: str) -> Grid:
    """The A4 orientation that holds the most badges of this size, top row first."""
    width, height = (d * mm for d in SIZES_MM[size])
    best = None
    for page in (A4, landscape(A4)):
        cols = int((page[0] - 2 * SHEET_MARGIN + SHEET_GAP) // (width + SHEET_GAP))
        rows = int((page[1] - 2 * SHEET_MARGIN + SHEET_GAP) // (height + SHEET_GAP))
        if best is None or cols * rows > best[1] * best[2]:
            best = (page, cols, rows)
    page, cols, rows = best
    left = (page[0] - cols * width - (cols - 1) * SHEET_GAP) / 2
    bottom = (page[1] - rows * height - (rows - 1) * SHEET_GAP) / 2
    slots = tuple(
        (
            left + col * (width + SHEET_GAP),
            bottom + (rows - 1 - row) * (height + SHEET_GAP),
        )
        for row in range(rows)
        for col in range(cols)
    )
    return Grid(page=page, slots=slots)


def _canvas(buffer: io.BytesIO, page: tuple[float, float], title: str) -> canvas.Canvas:
    c = canvas.Canvas(buffer, pagesize=page, invariant=1, pageCompression=1)
    c.setTitle(title)
    return c


def badge_pdf(face: BadgeFace, style: BadgeStyle) -> bytes:
    """One badge, the page cut to the badge's size."""
    return batch_pdf([face], style, layout="single")


def batch_pdf(
    faces: Iterable[BadgeFace],
    style: BadgeStyle,
    *,
    layout: str = "a4",
    progress: Callable[[int], None] | None = None,
    every: int = 50,
) -> bytes:
    """Many badges in one PDF: A4 sheets with crop marks, or one badge per page.

    `progress(n)` is called after every `every` badges and at the end.
    """
    typeset.register_fonts()
    buffer = io.BytesIO()
    grid = None if layout == "single" else sheet_grid(style.size)
    page = style.page_size if grid is None else grid.page
    per_page = 1 if grid is None else len(grid.slots)
    c = _canvas(buffer, page, f"Badges · {style.event_name}")
    width, height = style.page_size
    count = 0
    for count, face in enumerate(faces, start=1):
        index = (count - 1) % per_page
        if count > 1 and index == 0:
            c.showPage()
        x, y = (0.0, 0.0) if grid is None else grid.slots[index]
        _draw_badge(c, face, style, x, y)
        if grid is not None:
            _crop_marks(c, x, y, width, height)
        if progress and count % every == 0:
            progress(count)
    c.showPage()
    c.save()
    if progress:
        progress(count)
    return buffer.getvalue()
