"""Writes for personal agendas and calendar feeds."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from calendars.enums import CalendarFeedKind
from calendars.models import (
    CalendarFeed,
    SessionBookmark,
    SessionTombstone,
    new_feed_token,
)
from events.models import Session


def bookmark_add(*, user: User, session: Session) -> SessionBookmark:
    bookmark, created = SessionBookmark.objects.get_or_create(
        user=user, session=session
    )
    if not created and bookmark.removed_at is not None:
        bookmark.removed_at = None
        bookmark.save(update_fields=["removed_at", "updated_at"])
    return bookmark


def bookmark_remove(*, user: User, session: Session) -> None:
    """Kept as removed for a while, so subscribed calendars cancel the item."""
    SessionBookmark.objects.filter(user=user, session=session, removed_at=None).update(
        removed_at=timezone.now(), updated_at=timezone.now()
    )


@transaction.atomic
def calendar_feed_issue(*, user: User, kind: str) -> CalendarFeed:
    """Create the user's feed of this kind, or give it a new token.

    A new token replaces the old one in the same row, so the old link stops
    working at once.
    """
    organisation = None
    if kind == CalendarFeedKind.COMPANY:
        organisation = user.organisation
        if organisation is None:
            raise PermissionDenied(_("Only a company's contacts have a company feed."))
    feed = CalendarFeed.objects.select_for_update().filter(user=user, kind=kind).first()
    if feed is None:
        feed = CalendarFeed(user=user, kind=kind)
    else:
        feed.token = new_feed_token()
    feed.organisation = organisation
    feed.full_clean()
    feed.save()
    return feed


def calendar_feed_revoke(*, user: User, kind: str) -> None:
    CalendarFeed.objects.filter(user=user, kind=kind).delete()


def session_tombstone_record(*, session: Session) -> SessionTombstone:
    """Remember a deleted session so calendars can cancel it."""
    return SessionTombstone.objects.create(
        event_id=session.event_id,
        session_id=session.pk,
        title=session.title,
        start=session.start,
        end=session.end,
    )
