"""Spreadsheets organisers download: one list of columns, written alike as CSV
or XLSX, ready for Excel on a Korean or an English Windows.

- CSV is UTF-8 with a byte-order mark (Excel reads a BOM-less file in the
  machine's code page and garbles Hangul), every field quoted where it must be.
- XLSX holds amounts as numbers formatted to their currency's decimals (KRW 0,
  USD 2), times as real dates on the event's clock with the zone named in the
  heading ("Start (KST)": Excel has no zones), counts as integers; the heading
  row is frozen and bold, columns as wide as their text.
- Text that a spreadsheet would run as a formula (= + - @ first) is written
  with a leading apostrophe in CSV and as a plain string cell in XLSX, so a
  name such as "=HYPERLINK(…)" typed at registration stays text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from events.localtime import naive_local, zone_label, zone_of
from events.money import exponent, quantize

TEXT = "text"
INTEGER = "integer"
MONEY = "money"
DATETIME = "datetime"
DATE = "date"

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MAX_WIDTH = 60


class ExportFormatError(ValueError):
    """A format other than CSV or XLSX was asked for."""


@dataclass(frozen=True)
class Column:
    heading: str
    kind: str = TEXT


@dataclass(frozen=True)
class Money:
    """An amount with its currency, so each cell gets the currency's decimals."""

    amount: Decimal
    currency: str


@dataclass
class Sheet:
    """A header of columns and rows of plain values (str, int, Decimal, Money,
    aware or already local datetimes, dates, None for empty).

    `zone` (an Event, ZoneInfo or IANA name) puts aware datetimes on that clock
    and names it in their headings. Without one (rows of several events' zones)
    the rows carry local times already and the heading says "local time".
    """

    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence]
    zone: object = None
    _rows: list[list] | None = field(default=None, repr=False)

    def materialised(self) -> list[list]:
        if self._rows is None:
            self._rows = [list(row) for row in self.rows]
        return self._rows

    def headings(self) -> list[str]:
        return [self._heading(i, c) for i, c in enumerate(self.columns)]

    def _heading(self, index: int, column: Column) -> str:
        if column.kind != DATETIME:
            return str(column.heading)
        label = self._zone_label(index)
        return f"{column.heading} ({label})"

    def _zone_label(self, index: int) -> str:
        if self.zone is None:
            return _("local time")
        moments = (r[index] for r in self.materialised())
        moment = next((m for m in moments if isinstance(m, dt.datetime)), None)
        if moment is None or timezone.is_naive(moment):
            moment = timezone.now()
        return zone_label(moment, self.zone)

    def local(self, value: dt.datetime) -> dt.datetime:
        if timezone.is_naive(value):
            return value
        if self.zone is None:
            raise ValueError("An aware time in a sheet without a zone.")
        return naive_local(value, zone_of(self.zone))


def shared_zone(events: Iterable) -> object:
    """The one zone of these events, or None when they do not share one."""
    zones = {e.timezone for e in events}
    return zones.pop() if len(zones) == 1 else None


def yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


# CSV ---------------------------------------------------------------------------


def _safe_text(value) -> str:
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv_value(sheet: Sheet, value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, Money):
        return str(quantize(value.amount, value.currency))
    if isinstance(value, dt.datetime):
        return sheet.local(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, int | Decimal):
        return str(value)
    return _safe_text(value)


def csv_bytes(sheet: Sheet) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([_safe_text(h) for h in sheet.headings()])
    for row in sheet.materialised():
        writer.writerow([_csv_value(sheet, v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# XLSX --------------------------------------------------------------------------


def _money_format(currency: str) -> str:
    places = exponent(currency)
    return "#,##0" if places == 0 else "#,##0." + "0" * places


def _xlsx_cell(sheet: Sheet, worksheet, value) -> Cell:
    cell = Cell(worksheet)
    if value is None or value == "":
        return cell
    if isinstance(value, Money):
        cell.value = quantize(value.amount, value.currency)
        cell.number_format = _money_format(value.currency)
    elif isinstance(value, dt.datetime):
        cell.value = sheet.local(value)
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
    elif isinstance(value, bool):
        cell.value = yes_no(value)
    elif isinstance(value, int | Decimal):
        cell.value = value
    else:
        cell.value = str(value)
        cell.data_type = "s"  # never a formula, whatever its first character
    return cell


def _text_width(value) -> int:
    if isinstance(value, dt.datetime):
        return 16
    text = str(value if not isinstance(value, Money) else value.amount)
    longest = max(text.split("\n"), key=len) if text else ""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in longest)


def _widths(sheet: Sheet, headings: list[str]) -> list[int]:
    widths = [_text_width(h) for h in headings]
    for row in sheet.materialised():
        for i, value in enumerate(row):
            if value is not None:
                widths[i] = max(widths[i], _text_width(value))
    return [min(w + 2, _MAX_WIDTH) for w in widths]


def _xlsx_sheet(worksheet, sheet: Sheet) -> None:
    worksheet.title = str(sheet.title)[:31]
    headings = sheet.headings()
    worksheet.append(headings)
    for cell in worksheet[1]:
        cell.font = Font(bold=True)
        cell.data_type = "s"
    for row in sheet.materialised():
        worksheet.append([_xlsx_cell(sheet, worksheet, v) for v in row])
    for i, width in enumerate(_widths(sheet, headings), start=1):
        worksheet.column_dimensions[get_column_letter(i)].width = width
    worksheet.freeze_panes = "A2"


def xlsx_bytes(*sheets: Sheet) -> bytes:
    """One workbook, one worksheet per sheet, in order."""
    book = Workbook()
    _xlsx_sheet(book.active, sheets[0])
    for sheet in sheets[1:]:
        _xlsx_sheet(book.create_sheet(), sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# Responses ---------------------------------------------------------------------


def export_response(
    sheet: Sheet, *more: Sheet, fmt: str, filename: str
) -> HttpResponse:
    """The download: `filename` without its extension (the event's slug first).
    Further sheets are further worksheets of the XLSX; a CSV holds one sheet."""
    if fmt == "csv":
        response = HttpResponse(csv_bytes(sheet), content_type=CSV_TYPE)
    elif fmt == "xlsx":
        response = HttpResponse(xlsx_bytes(sheet, *more), content_type=XLSX_TYPE)
    else:
        raise ExportFormatError(fmt)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
