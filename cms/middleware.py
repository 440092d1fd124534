"""Serve public pages from the shared page cache (cms/page_cache.py)."""

from __future__ import annotations

import functools
import time
from contextlib import contextmanager
from importlib import import_module

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date
from wagtail.views import serve as wagtail_serve

from cms import page_cache

# Stored in place of an entry for an address whose signed-out render is not a
# plain page (a redirect, a 404, a login or password form): served uncached.
PASS = "pass"  # noqa: S105 (a marker, not a password)


class PublicPageCacheMiddleware:
    """Sits after the session, authentication, CSRF and message middleware (the
    holes need them) and before Wagtail's redirects: a hit skips routing, the
    page's queries and its templates."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        cache_key = self._key(request)
        if cache_key is None:
            return self.get_response(request)
        entry = cache.get(cache_key)
        if entry == PASS:
            return self.get_response(request)
        if entry is None or not entry.fresh(time.time()):
            entry = self._render(request, cache_key)
            if entry is None:
                return self.get_response(request)
        return self._respond(request, entry)

    def _key(self, request: HttpRequest) -> str | None:
        if not settings.PAGE_CACHE_ENABLED or request.method not in ("GET", "HEAD"):
            return None
        try:
            if resolve(request.path_info).func is not wagtail_serve:
                return None
        except Resolver404:
            return None
        if _is_editor(request):  # drafts, the userbar and previews: always fresh
            return None
        return page_cache.key(request, page_cache.version())

    def _render(self, request: HttpRequest, cache_key: str):
        holes = page_cache.Holes()
        with _signed_out(request, holes):
            response = self.get_response(request)
            usable = _shareable(request, response)
            if usable:
                expires = getattr(request, "page_cache_expires", None)
                entry = page_cache.entry_for(response, holes, request, expires)
                usable = not _used_csrf(request)
        if not usable:
            cache.set(cache_key, PASS, timeout=settings.PAGE_CACHE_SECONDS)
            return None
        timeout = settings.PAGE_CACHE_SECONDS
        if entry.expires is not None:
            timeout = max(1, min(timeout, int(entry.expires - time.time()) + 1))
        cache.set(cache_key, entry, timeout=timeout)
        return entry

    def _respond(self, request: HttpRequest, entry) -> HttpResponse:
        personal = _is_personal(request)
        if personal:
            content = page_cache.fill(entry.body, entry.holes, request).encode()
            response = HttpResponse(content)
            response["ETag"] = page_cache.etag_of(content)
            patch_cache_control(response, private=True, no_cache=True)
        else:
            response = HttpResponse(entry.public)
            response["ETag"] = entry.etag
            response["Last-Modified"] = http_date(entry.modified)
            patch_cache_control(response, **page_cache.cache_control())
        for name, value in entry.headers.items():
            response[name] = value
        # A shared cache must not hand the signed-out page to a signed-in person.
        patch_vary_headers(response, ("Cookie",))
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=None if personal else int(entry.modified),
            response=response,
        )


def _is_personal(request: HttpRequest) -> bool:
    """A session or messages cookie: the holes may differ from a visitor's."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies


def _is_editor(request: HttpRequest) -> bool:
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = request.user
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


def _shareable(request: HttpRequest, response: HttpResponse) -> bool:
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not response.cookies
        and "private" not in control
        and "no-store" not in control
    )


def _used_csrf(request: HttpRequest) -> bool:
    """A CSRF token in the body would be one visitor's, for everyone."""
    return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))


SWAPPED = ("user", "auser", "_messages", "session")


@functools.cache
def _session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore


@contextmanager
def _signed_out(request: HttpRequest, holes: page_cache.Holes):
    """Render as a visitor who is signed out, with an empty session (no unlocked
    page passwords) and no messages, collecting the personal holes instead of
    drawing them."""
    saved = {
        name: request.__dict__[name] for name in SWAPPED if name in request.__dict__
    }
    csrf_before = request.META.pop("CSRF_COOKIE_NEEDS_UPDATE", None)
    anonymous = AnonymousUser()

    async def auser():
        return anonymous

    request.user, request.auser, request._messages = anonymous, auser, []
    request.session = _session_store()()
    request.page_cache_holes = holes
    try:
        yield
    finally:
        del request.page_cache_holes
        for name in SWAPPED:
            request.__dict__.pop(name, None)
        request.__dict__.update(saved)
        if csrf_before is not None:
            request.META["CSRF_COOKIE_NEEDS_UPDATE"] = csrf_before
