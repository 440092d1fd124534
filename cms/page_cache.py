"""Public pages from a shared response cache.

A public page (anything Wagtail serves: home, event, agenda and its day, track,
room, session and speaker views, speakers) is rendered once per content version,
language and address, *as a visitor who is signed out*, and kept in the default
cache (Redis in production, files under var/cache in the embedded default), so
every worker process shares it.

- **Version.** One cache read: a random token replaced whenever public content
  changes (`cms.signals`: a save or delete of what a public page shows, a page
  published, unpublished, moved or deleted), at once and again when the
  transaction commits, so an edit in either admin shows on the next request and
  no page rendered from the old data outlives its transaction. Nothing is loaded
  to compute it; a version lost from the cache only costs a render.
- **Personal bits** (`{% personal %}`, cms/templatetags/personal.py) are holes in
  the cached body: the account menu and a session's "My agenda" box. They are
  filled per request from the request alone. Because the body is always rendered
  signed out, one person's page can never reach another.
- **HTTP.** Signed-out visitors without a session get the shared body with an
  ETag, Last-Modified and `Cache-Control: public, max-age=0, s-maxage,
  stale-while-revalidate` (a CDN may hold it; browsers revalidate, 304);
  everyone else gets it with the holes filled, `private`, and their own ETag.
- **Time.** A page that changes with the clock (the agenda's "Now and next")
  says until when it holds (`expires_at`); past that it is rendered again.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.template.loader import render_to_string

from config.http import etag

VERSION_KEY = "pages:version"
MARK = "<!--personal:{nonce}:{i}-->"
# A marker's nonce is fresh per render: page content cannot forge a hole.
_NONCE_BYTES = 8
# Addresses longer than this (crafted query strings) are served, not cached.
MAX_KEYED_PATH = 512


def version() -> str:
    """The public content's current version: one cache read."""
    current = cache.get(VERSION_KEY)
    if current is None:
        cache.add(VERSION_KEY, secrets.token_hex(8), timeout=None)
        current = cache.get(VERSION_KEY) or "unset"
    return current


def bump() -> None:
    """A new version: every page is rendered again on its next request."""
    cache.set(VERSION_KEY, secrets.token_hex(8), timeout=None)


def key(request: HttpRequest, current: str) -> str | None:
    """The cache key of this address in this version; None if not worth keeping."""
    path = request.get_full_path()
    if len(path) > MAX_KEYED_PATH:
        return None
    identity = "\n".join((current, request.get_host(), path))
    return "page:" + hashlib.sha256(identity.encode()).hexdigest()


@dataclass
class Holes:
    """Collects a render's personal holes: each a template and its arguments."""

    nonce: str = field(default_factory=lambda: secrets.token_hex(_NONCE_BYTES))
    parts: list[tuple[str, dict]] = field(default_factory=list)

    def add(self, template: str, arguments: dict) -> str:
        self.parts.append((template, arguments))
        return MARK.format(nonce=self.nonce, i=len(self.parts) - 1)


@dataclass
class Entry:
    """One cached page: its body with holes, and the signed-out fill of it."""

    body: str
    holes: Holes
    public: bytes
    etag: str
    modified: float
    expires: float | None
    headers: dict[str, str]

    def fresh(self, now: float) -> bool:
        return self.expires is None or now < self.expires


def render_hole(request: HttpRequest, template: str, arguments: dict) -> str:
    """One personal part, drawn from the request alone (its user, session,
    messages, language): the same whether the page was cached or not."""
    return render_to_string(template, arguments, request=request)


def fill(body: str, holes: Holes, request: HttpRequest) -> str:
    for i, (template, arguments) in enumerate(holes.parts):
        mark = MARK.format(nonce=holes.nonce, i=i)
        body = body.replace(mark, render_hole(request, template, arguments), 1)
    return body


# A CSRF token is masked afresh on every render; any of them is valid for the
# person's cookie, so a copy with another mask is still theirs to reuse (304).
_CSRF_VALUE = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]+"')


def etag_of(content: bytes) -> str:
    return etag(_CSRF_VALUE.sub(rb'\1"', content))


def entry_for(
    response, holes: Holes, request: HttpRequest, expires: float | None
) -> Entry:
    """Keep a signed-out render: its body, and that body as a signed-out visitor
    sees it (the holes filled for nobody)."""
    body = response.content.decode(response.charset)
    public = fill(body, holes, request).encode(response.charset)
    headers = {
        name: response[name]
        for name in ("Content-Type", "Content-Language")
        if response.has_header(name)
    }
    return Entry(
        body=body,
        holes=holes,
        public=public,
        etag=etag_of(public),
        modified=time.time(),
        expires=expires,
        headers=headers,
    )


def cache_control() -> dict:
    return {
        "public": True,
        "max_age": 0,
        "s_maxage": settings.PAGE_CACHE_SHARED_SECONDS,
        "stale_while_revalidate": settings.PAGE_CACHE_STALE_SECONDS,
    }


def expires_at(request: HttpRequest, moment) -> None:
    """A page's content holds only until `moment` (an aware datetime): the
    agenda's "Now and next" moves when a session starts or ends."""
    stamp = moment.timestamp()
    current = getattr(request, "page_cache_expires", None)
    request.page_cache_expires = stamp if current is None else min(current, stamp)
