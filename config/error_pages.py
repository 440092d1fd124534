"""The error answers: 400, 403 (and a failed CSRF check), 404, 413, 429, 500, 503.

Under /api/ each is `application/problem+json`. Elsewhere it is a page in the
language of the URL's prefix (/en/, /ko/), else the visitor's (cookie, then
Accept-Language: /calendar/…, /healthz), saying what happened and offering a way
back: the home page of that language, the previous page when the browser said
which (same site only), sign-in on a 403 for someone not signed in.

Two frames. 400, 403, 404, 413 and 429 use the site's own (`base.html`: header,
menu, language switcher, footer), which reads the database; should that fail,
the page falls back to the static frame. 500 and 503 always use the static frame
(`errors/static.html`): rendered without the request, so without context
processors or queries, because the database or the request may be what broke.
"""

import logging
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from config import problems

log = logging.getLogger("convene.errors")

API_PREFIX = "/api/"
LANGUAGE_NAMES = {"en": "English", "ko": "한국어"}


@dataclass(frozen=True)
class Kind:
    status: int
    title: str  # the problem+json title: English, stable for API clients
    heading: str
    message: str
    static: bool = False  # the static frame only (no database, no request)
    form: bool = False  # caused by sending a form: offer to go back to it


BAD_REQUEST = Kind(
    400,
    "Bad request",
    _("The request could not be read"),
    _(
        "Your browser sent something the site could not understand. Check the "
        "address, or go back and try again."
    ),
)
FORBIDDEN = Kind(
    403,
    "Forbidden",
    _("You cannot open this page"),
    _(
        "Your account does not have access to this page. If you think it should, "
        "ask the event's organisers."
    ),
)
SIGN_IN_NEEDED = Kind(
    403,
    "Forbidden",
    _("You cannot open this page"),
    _("This page is for signed-in people. Sign in and you will come back here."),
)
CSRF_FAILED = Kind(
    403,
    "Forbidden",
    _("The form could not be sent"),
    _(
        "Its security check failed, usually because the page was open for a long "
        "time or the browser blocks cookies. Go back, reload the page and send "
        "the form again."
    ),
    form=True,
)
NOT_FOUND = Kind(
    404,
    "Not found",
    _("Page not found"),
    _(
        "There is nothing at this address. It may have moved, or the session may "
        "have been cancelled."
    ),
)
TOO_LARGE = Kind(
    413,
    "Too large",
    _("The upload is too large"),
    _("Nothing was saved. Go back and choose a smaller file."),
    form=True,
)
TOO_MANY = Kind(
    429,
    "Too many requests",
    _("Too many requests"),
    _("Wait a little, then try again."),
    form=True,
)
SERVER_ERROR = Kind(
    500,
    "Server error",
    _("Something went wrong"),
    _(
        "The site failed to show this page. The error has been recorded; try "
        "again in a few minutes."
    ),
    static=True,
)
UNAVAILABLE = Kind(
    503,
    "Service unavailable",
    _("Back in a moment"),
    _(
        "Convene cannot reach its database just now. Nothing you sent was half "
        "saved: try again in a few seconds."
    ),
    static=True,
)


def _prefixed(request: HttpRequest) -> bool:
    first = getattr(request, "path_info", "").lstrip("/").split("/", 1)[0]
    return first in dict(settings.LANGUAGES)


def page_language(request: HttpRequest) -> str:
    """The URL's language prefix, else the one the locale middleware chose, else
    the visitor's cookie or Accept-Language (middleware before the locale one)."""
    codes = [code for code, _name in settings.LANGUAGES]
    try:
        if _prefixed(request):
            return request.path_info.lstrip("/").split("/", 1)[0]
        chosen = getattr(request, "LANGUAGE_CODE", None)
        if chosen in codes:
            return chosen
        chosen = translation.get_language_from_request(request)
    except Exception:  # noqa: BLE001 - a broken request still gets a page
        return settings.LANGUAGE_CODE
    return chosen if chosen in codes else settings.LANGUAGE_CODE


def is_api(request: HttpRequest) -> bool:
    return getattr(request, "path_info", "").startswith(API_PREFIX)


def problem(kind: Kind, detail: str) -> JsonResponse:
    return problems.problem(kind.status, kind.title, detail)


def _previous(request: HttpRequest) -> str:
    """The Referer when it is a page of this site other than this one."""
    try:
        referer = request.headers.get("Referer", "")
        host = request.get_host()
        secure = request.is_secure()
    except Exception:  # noqa: BLE001 - a bad Host header (a 400) has no previous page
        return ""
    if not referer or not url_has_allowed_host_and_scheme(
        referer, allowed_hosts={host}, require_https=secure
    ):
        return ""
    parts = urlsplit(referer)
    if parts.netloc and parts.netloc != host:
        return ""
    return "" if parts.path == request.path else referer


def _sign_in_url(request: HttpRequest, lang: str) -> str:
    with translation.override(lang):
        login = reverse("accounts:login")
    return f"{login}?next={quote(request.get_full_path())}"


def _links(request: HttpRequest, kind: Kind, lang: str) -> list[dict]:
    links = []
    if kind is SIGN_IN_NEEDED:
        links.append({"url": _sign_in_url(request, lang), "label": _("Sign in")})
    previous = _previous(request)
    if kind.form and (previous or request.method == "POST"):
        links.append({"url": previous or request.path, "label": _("Back to the form")})
    elif previous:
        links.append({"url": previous, "label": _("Back to the previous page")})
    links.append({"url": f"/{lang}/", "label": _("Back to the home page")})
    if kind.static and request.method in ("GET", "HEAD"):
        links.append({"url": request.get_full_path(), "label": _("Try again")})
    return links


def _safe_links(request: HttpRequest, kind: Kind, lang: str) -> list[dict]:
    try:
        return _links(request, kind, lang)
    except Exception:  # noqa: BLE001 - a broken request still gets the way home
        log.exception("error page %s: links failed", kind.status)
        return [{"url": f"/{lang}/", "label": _("Back to the home page")}]


def _languages(lang: str) -> list[dict]:
    return [
        {"lang": code, "name": name, "url": f"/{code}/", "current": code == lang}
        for code, name in LANGUAGE_NAMES.items()
    ]


def _bare(kind: Kind, lang: str) -> str:
    """The last resort when even the static frame failed: no template at all."""
    return (
        f'<!doctype html><html lang="{lang}"><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(kind.heading)}</title><h1>{escape(kind.heading)}</h1>"
        f'<p>{escape(kind.message)}</p><p><a href="/{lang}/">Convene</a></p>'
    )


def render_page(request: HttpRequest, kind: Kind, *, detail: str = "") -> HttpResponse:
    """The error page for `kind`, in the site's frame unless `kind.static`."""
    lang = page_language(request)
    with translation.override(lang):
        context = {
            "kind": kind,
            "detail": detail,
            "links": _safe_links(request, kind, lang),
            "languages": _languages(lang),
            "LANGUAGE_CODE": lang,
        }
        body = ""
        if not kind.static:
            try:
                body = render_to_string("errors/page.html", context, request=request)
            except Exception:  # noqa: BLE001 - the database may be down: static frame
                log.exception(
                    "error page %s fell back to the static frame", kind.status
                )
        if not body:
            try:
                body = render_to_string("errors/static.html", context)
            except Exception:  # noqa: BLE001 - never fail while reporting a failure
                log.exception("static error page %s failed", kind.status)
                body = _bare(kind, lang)
    response = HttpResponse(body, status=kind.status)
    response["Content-Language"] = lang
    if not _prefixed(request):  # the language came from the browser
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


def _anonymous(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


# Django's handlers (config/urls.py) and CSRF_FAILURE_VIEW (settings).


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    if is_api(request):
        return problem(BAD_REQUEST, "The request could not be read.")
    return render_page(request, BAD_REQUEST)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    """The reason given by the view (a translated sentence) is shown with the page."""
    reason = exception.args[0] if exception and exception.args else ""
    reason = reason if isinstance(reason, str | Promise) else ""
    if is_api(request):
        return problem(FORBIDDEN, str(reason) or "You may not do this.")
    kind = SIGN_IN_NEEDED if _anonymous(request) else FORBIDDEN
    return render_page(request, kind, detail=reason)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    if is_api(request):
        return problem(NOT_FOUND, "Not found.")
    return render_page(request, NOT_FOUND)


def server_error(request: HttpRequest) -> HttpResponse:
    if is_api(request):
        return problem(SERVER_ERROR, "The server failed; the error has been recorded.")
    return render_page(request, SERVER_ERROR)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    if is_api(request):
        return problem(CSRF_FAILED, "CSRF check failed.")
    return render_page(request, CSRF_FAILED)


# Pages for the answers that middleware gives outside /api/ (its own API branch
# keeps its problem+json and headers).


def too_large(request: HttpRequest, *, limit_mb: int) -> HttpResponse:
    lang = page_language(request)
    with translation.override(lang):
        detail = _("The upload is too large: at most %(mb)s MB.") % {"mb": limit_mb}
    return render_page(request, TOO_LARGE, detail=detail)


def too_many_requests(request: HttpRequest, *, message: str) -> HttpResponse:
    return render_page(request, TOO_MANY, detail=message)


def service_unavailable(request: HttpRequest) -> HttpResponse:
    return render_page(request, UNAVAILABLE)
