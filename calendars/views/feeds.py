"""`.ics` downloads and subscription feeds.

Each response carries an ETag (a hash of its bytes) and Last-Modified, and answers
304 to a matching conditional request. The bytes are cached under a version key
that one aggregate query computes, so an unchanged calendar is never rebuilt.
"""

import datetime as dt
import hashlib
from collections.abc import Callable
from email.utils import parseaddr

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.validators import slug_re
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.models import User
from calendars import ics
from calendars import selectors as calendar_selectors
from calendars.enums import CalendarFeedKind
from calendars.models import CalendarFeed
from config.http import etag
from events import selectors
from events.models import Event, Organisation

CONTENT_TYPE = "text/calendar; charset=utf-8"


# Rebuilt at once when a session changes (its version moves); other edits that
# the version does not see (a room or event renamed) show within this many seconds.
CACHE_SECONDS = 60


def _organizer() -> tuple[str, str]:
    name, email = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return (name or "Convene", email)


def calendar_response(
    request: HttpRequest,
    *,
    version: tuple,
    uid: str,
    name: str,
    items: Callable[[], list],
    filename: str,
    private: bool,
) -> HttpResponse:
    """Build (or take from the cache) one calendar file and answer it; other
    apps' calendar downloads (a delegate's itinerary) answer through it too."""
    cache_key = (
        "ics:" + hashlib.sha256(repr((version, get_language())).encode()).hexdigest()
    )
    found = cache.get(cache_key)
    if found is None:
        built = items()
        content = ics.build(uid=uid, name=name, items=built, organizer=_organizer())
        found = (content, max([i.modified for i in built] or [timezone.now()]))
        cache.set(cache_key, found, timeout=CACHE_SECONDS)
    content, modified = found
    return _respond(request, content, modified, filename=filename, private=private)


def _respond(request, content: bytes, modified, *, filename: str, private: bool):
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["ETag"] = etag(content)
    response["Last-Modified"] = http_date(modified.timestamp())
    # Calendar apps poll: let them revalidate cheaply; keep secret feeds out of
    # shared caches and out of referrers.
    patch_cache_control(
        response,
        max_age=300,
        must_revalidate=True,
        **({"private": True} if private else {"public": True}),
    )
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return get_conditional_response(
        request,
        etag=response["ETag"],
        last_modified=int(modified.timestamp()),
        response=response,
    )


def _event_or_404(request: HttpRequest, slug: str) -> Event:
    try:
        return selectors.event_get(slug=slug, user=request.user)
    except Event.DoesNotExist:
        raise Http404(_("No such event.")) from None


@require_GET
def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event_or_404(request, slug)
    day, track = request.GET.get("day"), request.GET.get("track") or None
    try:
        day = dt.date.fromisoformat(day) if day else None
    except ValueError:
        return HttpResponseBadRequest(_("day must be a date such as 2027-09-14."))
    if day is not None and not event.start_date <= day <= event.end_date:
        return HttpResponseBadRequest(_("That day is outside the event."))
    if track and not slug_re.match(track):  # it also names the file: no newlines
        return HttpResponseBadRequest(_("track must be a track's slug."))
    suffix = f"-{day}" if day else (f"-{track}" if track else "")
    return calendar_response(
        request,
        version=(calendar_selectors.event_version(event=event), day, track),
        uid=f"event-{event.pk}@{calendar_selectors.HOST}",
        name=event.name,
        items=lambda: calendar_selectors.event_items(event=event, day=day, track=track),
        filename=f"{event.slug}{suffix}.ics",
        private=not event.is_published,
    )


@require_GET
def session_ics(request: HttpRequest, slug: str, session_id: int) -> HttpResponse:
    event = _event_or_404(request, slug)
    session = get_object_or_404(
        calendar_selectors.event_sessions(event=event), pk=session_id
    )
    item = calendar_selectors.session_item(session)
    content = ics.build(
        uid=item.uid, name=session.title, items=[item], organizer=_organizer()
    )
    return _respond(
        request,
        content,
        item.modified,
        filename=f"{event.slug}-session-{session.pk}.ics",
        private=False,
    )


def _personal(request, user: User, *, filename: str) -> HttpResponse:
    version, items = calendar_selectors.personal_calendar(user=user)
    return calendar_response(
        request,
        version=version,
        uid=f"personal-{user.pk}@{calendar_selectors.HOST}",
        name=_("My agenda"),
        items=items,
        filename=filename,
        private=True,
    )


def _company(request, organisation: Organisation, *, filename: str) -> HttpResponse:
    return calendar_response(
        request,
        version=calendar_selectors.company_version(organisation=organisation),
        uid=f"company-{organisation.pk}@{calendar_selectors.HOST}",
        name=organisation.name,
        items=lambda: calendar_selectors.company_items(organisation=organisation),
        filename=filename,
        private=True,
    )


@require_GET
@login_required
def my_ics(request: HttpRequest) -> HttpResponse:
    return _personal(request, request.user, filename="my-agenda.ics")


@require_GET
@login_required
def company_ics(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = request.user.organisation
    if organisation is None or organisation.slug != slug:
        raise Http404(_("No such company schedule."))
    return _company(request, organisation, filename=f"{slug}.ics")


@require_GET
def feed_ics(request: HttpRequest, token: str) -> HttpResponse:
    feed = calendar_selectors.feed_get(token=token)
    if feed is None or not feed.user.is_active:
        raise Http404(_("This calendar link does not exist or was replaced."))
    _note_use(feed)
    if feed.kind == CalendarFeedKind.COMPANY:
        return _company(request, feed.organisation, filename="schedule.ics")
    return _personal(request, feed.user, filename="my-agenda.ics")


def _note_use(feed: CalendarFeed) -> None:
    """At most one write an hour per feed, however often calendars poll."""
    now = timezone.now()
    if feed.last_used_at is None or now - feed.last_used_at > dt.timedelta(hours=1):
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
