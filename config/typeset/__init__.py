"""Text in the PDFs the site makes (badges, tickets, invoices and receipts, the
delegation handbook): one place that finds and registers the fonts, and sets a line
so that Hangul and Latin both show and stay extractable.

Pure Python and reportlab, no Django, below every app, so that registration,
badges and delegations all use it. Latin script is set in Bitstream Vera (bundled
with reportlab) and Hangul in NanumSquare (SIL OFL, shipped in `config/typeset/fonts/`),
chosen character by character; both are TrueType, so reportlab embeds subsets with
a ToUnicode map and names are searchable in the PDF. reportlab's built-in
Helvetica has no Hangul (it drew 김민지 as black squares).
"""

from collections.abc import Sequence
from functools import cache
from pathlib import Path

import reportlab
from reportlab.lib.colors import Color, black
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONTS_DIR = Path(__file__).parent / "fonts"
VERA_DIR = Path(reportlab.__file__).parent / "fonts"
LATIN, LATIN_BOLD = "PdfLatin", "PdfLatin-Bold"
HANGUL, HANGUL_BOLD = "PdfHangul", "PdfHangul-Bold"
FONT_FILES = {
    LATIN: VERA_DIR / "Vera.ttf",
    LATIN_BOLD: VERA_DIR / "VeraBd.ttf",
    HANGUL: FONTS_DIR / "NanumSquareR.ttf",
    HANGUL_BOLD: FONTS_DIR / "NanumSquareB.ttf",
}
# (regular, bold) per script; the first font that has a character sets it.
FALLBACKS = {False: (LATIN, HANGUL), True: (LATIN_BOLD, HANGUL_BOLD)}

Run = tuple[str, str]  # (font name, chunk of text set in it)


@cache
def register_fonts() -> dict[str, frozenset[int]]:
    """Register the fonts once per process; the code points each one covers."""
    covered = {}
    for name, path in FONT_FILES.items():
        font = TTFont(name, str(path))
        pdfmetrics.registerFont(font)
        covered[name] = frozenset(font.face.charToGlyph)
    return covered


def runs(text: str, bold: bool = False) -> list[Run]:
    """Split text into (font, chunk) runs, each chunk set in one font."""
    covered = register_fonts()
    names = FALLBACKS[bold]
    result: list[Run] = []
    for char in text:
        font = next((n for n in names if ord(char) in covered[n]), names[0])
        if result and result[-1][0] == font:
            result[-1] = (font, result[-1][1] + char)
        else:
            result.append((font, char))
    return result


def runs_width(parts: Sequence[Run], size: float) -> float:
    return sum(pdfmetrics.stringWidth(chunk, font, size) for font, chunk in parts)


def width(text: str, size: float, bold: bool = False) -> float:
    return runs_width(runs(text, bold), size)


def fit(text: str, size: float, room: float, bold: bool = False) -> tuple[str, float]:
    """Shrink to fit `room`, down to 60 %, then cut with an ellipsis."""
    floor = size * 0.6
    while size > floor and width(text, size, bold) > room:
        size -= 0.5
    while len(text) > 1 and width(text, size, bold) > room:
        text = text[:-2] + "…"
    return text, size


def wrap(text: str, size: float, room: float, bold: bool = False) -> list[str]:
    """Lines no wider than `room`: broken between words, and inside a word only
    when the word alone is wider (a long Korean word or an e-mail address)."""
    lines: list[str] = []
    for paragraph in str(text).splitlines() or [""]:
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if width(candidate, size, bold) <= room:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = word
            while len(line) > 1 and width(line, size, bold) > room:
                cut = len(line) - 1
                while cut > 1 and width(line[:cut], size, bold) > room:
                    cut -= 1
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line)
    return lines


def draw(
    c,
    text: str,
    x: float,
    y: float,
    *,
    size: float,
    bold: bool = False,
    align: str = "left",
    room: float | None = None,
    fill: Color = black,
) -> float:
    """Draw one line from x (`align` "left"), centred on x or ending at x
    ("right"), shrunk or cut to `room` when given; returns the size used."""
    if not text:
        return 0
    if room is not None:
        text, size = fit(text, size, room, bold)
    parts = runs(text, bold)
    total = runs_width(parts, size)
    cursor = {"left": x, "centre": x - total / 2, "right": x - total}[align]
    c.setFillColor(fill)
    for font, chunk in parts:
        c.setFont(font, size)
        c.drawString(cursor, y, chunk)
        cursor += pdfmetrics.stringWidth(chunk, font, size)
    return size


def draw_wrapped(
    c,
    text: str,
    x: float,
    y: float,
    *,
    size: float,
    room: float,
    bold: bool = False,
    leading: float = 1.3,
    max_lines: int | None = None,
) -> float:
    """Draw text wrapped to `room`, top line's baseline at y; returns the
    baseline below the last line. Past `max_lines` the last line is shrunk and
    cut rather than running off the page."""
    lines = wrap(text, size, room, bold)
    if max_lines is not None and len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], " ".join(lines[max_lines - 1 :])]
    for line in lines:
        draw(c, line, x, y, size=size, bold=bold, room=room)
        y -= size * leading
    return y
