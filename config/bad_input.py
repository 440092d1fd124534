"""Input no field accepts is refused with 400 and a reason, before any view runs.

PostgreSQL cannot store a NUL character in text ("A string literal cannot
contain NUL (0x00) characters") nor encode a lone surrogate, and a number past
2^63 − 1 fits no column; each used to surface as a 500 wherever it reached a
query. They are refused once, at the edges, rather than endpoint by endpoint:

- `BadInputMiddleware`: the path and the query string (NUL bytes and broken
  UTF-8), and form bodies: broken UTF-8 everywhere, NUL under /api/. A page's
  form gets its NUL through to the form, whose fields refuse it beside the
  field with everything typed kept (Django's `ProhibitNullCharactersValidator`);
- `InputParser`: the API's JSON bodies (NUL, lone surrogates, integers past
  64 bits), so no ninja schema ever sees them;
- `DataError` and `OverflowError` that still reach a view (a value too long for
  its column, say) answer 400 instead of 500: a safety net, not the rule
  (forms and schemas mirror the models' limits).

Under /api/ the answer is `application/problem+json`; elsewhere a short page
that needs no database.
"""

import json
from urllib.parse import unquote_to_bytes

from django.db import DataError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja.parser import Parser

from config.problems import problem

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
FORM = "application/x-www-form-urlencoded"


class BadInput(ValueError):
    """Input refused before it reaches a schema or a query; the message says why."""


def _nul() -> str:
    return _("The request contains a NUL character, which no field accepts.")


def _not_utf8() -> str:
    return _("The request contains text that is not valid UTF-8.")


def _out_of_range() -> str:
    return _("A number in the request is out of range.")


def check_bytes(raw: bytes, *, nul: bool = True) -> None:
    """Percent-decoded bytes of a query string or form body: refuse NUL (unless
    `nul` is off) and any byte sequence that is not UTF-8 (Django would turn it
    into U+FFFD silently)."""
    if nul and b"\x00" in raw:
        raise BadInput(_nul())
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadInput(_not_utf8()) from None


def check_text(text: str) -> None:
    if "\x00" in text:
        raise BadInput(_nul())
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from a JSON "\ud800" escape
        raise BadInput(_not_utf8()) from None


def check_json(data: object) -> None:
    """Walk decoded JSON without recursion: every key and string, every integer."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            check_text(item)
        elif isinstance(item, bool) or item is None or isinstance(item, float):
            continue
        elif isinstance(item, int):
            if not INT64_MIN <= item <= INT64_MAX:
                raise BadInput(_out_of_range())
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _query_bytes(request: HttpRequest) -> bytes:
    raw = request.META.get("QUERY_STRING", "")
    if isinstance(raw, str):  # WSGI and ASGI hand it over as latin-1 text
        raw = raw.encode("iso-8859-1", errors="replace")
    return unquote_to_bytes(raw.replace(b"+", b" "))


def check_request(request: HttpRequest) -> None:
    """Raise `BadInput` for a NUL or broken UTF-8 in the path, query or form."""
    if "\x00" in request.path_info:
        raise BadInput(_nul())
    check_bytes(_query_bytes(request))
    if request.method != "POST":
        return
    if request.content_type == FORM:
        body = unquote_to_bytes(request.body.replace(b"+", b" "))
        check_bytes(body, nul=_api(request))


def _api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def refusal(request: HttpRequest, detail: str) -> HttpResponse:
    if _api(request):
        return problem(400, "Bad input", detail)
    context = {"detail": detail, "LANGUAGE_CODE": get_language()}
    page = render_to_string("bad_input.html", context)  # no database, no path
    return HttpResponse(page, status=400)


def _value_refused() -> str:
    return _("A value in the request is too long or out of range.")


class BadInputMiddleware:
    """After the locale is chosen (the reason is in the visitor's language),
    before CSRF reads the form and before any view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            check_request(request)
        except BadInput as exc:
            return refusal(request, str(exc))
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception):
        """The safety net for pages: a value the database refused is the input's
        fault. A service's atomic block it failed in has rolled back whole."""
        if isinstance(exc, DataError | OverflowError):
            return refusal(request, _value_refused())
        return None


def value_refused(request: HttpRequest, exc: Exception) -> HttpResponse:
    """The same safety net for the API (ninja catches exceptions itself)."""
    return refusal(request, _value_refused())


class InputParser(Parser):
    """Ninja's JSON parser, refusing what no schema should see (see above)."""

    def parse_body(self, request: HttpRequest):
        try:
            data = json.loads(request.body)
        except UnicodeDecodeError:
            raise BadInput(_not_utf8()) from None
        check_json(data)
        return data

    def parse_querydict(self, data, list_fields, request: HttpRequest):
        for key, values in data.lists():
            for text in (key, *values):
                if isinstance(text, str):
                    check_text(text)
        return super().parse_querydict(data, list_fields, request)
