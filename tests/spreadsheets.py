"""Reading the exports as Excel would: CSV must open with a UTF-8 byte-order mark,
XLSX through openpyxl with its cells' own types."""

import csv
import io

from openpyxl import load_workbook

BOM = b"\xef\xbb\xbf"


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def csv_rows(response) -> list[list[str]]:
    """The rows of a CSV download, after checking its BOM and UTF-8."""
    body = _body(response)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert body.startswith(BOM), body[:20]
    return list(csv.reader(io.StringIO(body[len(BOM) :].decode("utf-8"), newline="")))


def xlsx_sheet(response):
    """The first sheet of an XLSX download."""
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return load_workbook(io.BytesIO(_body(response))).active


def xlsx_rows(response) -> list[tuple]:
    return list(xlsx_sheet(response).values)


def by_heading(rows) -> list[dict]:
    """Each row after the first as {heading: value}."""
    return [dict(zip(rows[0], row, strict=False)) for row in rows[1:]]
