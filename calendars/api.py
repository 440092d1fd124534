"""The signed-in person's agenda and calendar links."""

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from ninja.security import django_auth

from calendars import selectors, services
from calendars.enums import CalendarFeedKind
from calendars.models import CalendarFeed
from events.schemas import SessionOut

router = Router(tags=["my calendar"], auth=django_auth)


class FeedOut(Schema):
    kind: CalendarFeedKind
    https_url: str
    webcal_url: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None

    @staticmethod
    def resolve_https_url(feed: CalendarFeed) -> str:
        return selectors.feed_links(feed)["https"]

    @staticmethod
    def resolve_webcal_url(feed: CalendarFeed) -> str:
        return selectors.feed_links(feed)["webcal"]


class FeedIn(Schema):
    kind: CalendarFeedKind


@router.get(
    "/agenda", response=list[SessionOut], url_name="my_agenda", operation_id="my_agenda"
)
@paginate
def my_agenda(request: HttpRequest):
    return selectors.bookmarked_sessions(user=request.user)


def _session(request: HttpRequest, session_id: int):
    return selectors.session_visible_get(user=request.user, session_id=session_id)


@router.put(
    "/agenda/{session_id}",
    response={204: None},
    url_name="my_agenda_add",
    operation_id="my_agenda_add",
)
def my_agenda_add(request: HttpRequest, session_id: int):
    services.bookmark_add(user=request.user, session=_session(request, session_id))
    return Status(204, None)


@router.delete(
    "/agenda/{session_id}",
    response={204: None},
    url_name="my_agenda_remove",
    operation_id="my_agenda_remove",
)
def my_agenda_remove(request: HttpRequest, session_id: int):
    services.bookmark_remove(user=request.user, session=_session(request, session_id))
    return Status(204, None)


@router.get(
    "/calendar-feeds",
    response=list[FeedOut],
    url_name="my_feeds",
    operation_id="my_feeds",
)
@paginate
def my_feeds(request: HttpRequest):
    return CalendarFeed.objects.filter(user=request.user).order_by("kind")


@router.post(
    "/calendar-feeds",
    response={201: FeedOut},
    url_name="my_feed_issue",
    operation_id="my_feed_issue",
)
def my_feed_issue(request: HttpRequest, payload: FeedIn):
    """Create the feed, or replace its secret link (the old one stops at once)."""
    feed = services.calendar_feed_issue(user=request.user, kind=payload.kind)
    return Status(201, feed)


@router.delete(
    "/calendar-feeds/{kind}",
    response={204: None},
    url_name="my_feed_revoke",
    operation_id="my_feed_revoke",
)
def my_feed_revoke(request: HttpRequest, kind: CalendarFeedKind):
    services.calendar_feed_revoke(user=request.user, kind=kind)
    return Status(204, None)
