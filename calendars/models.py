import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from calendars.enums import CalendarFeedKind


def new_feed_token() -> str:
    """43 URL-safe characters, 256 bits: unguessable, so the link is the secret."""
    return secrets.token_urlsafe(32)


class SessionBookmark(models.Model):
    """A session on someone's personal agenda.

    Removing keeps the row with `removed_at`, so subscribed calendars receive the
    item as cancelled instead of seeing it silently vanish.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookmarks"
    )
    session = models.ForeignKey(
        "events.Session", on_delete=models.CASCADE, related_name="bookmarks"
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)

    class Meta:
        verbose_name = _("agenda bookmark")
        verbose_name_plural = _("agenda bookmarks")
        constraints = [
            models.UniqueConstraint(fields=["user", "session"], name="bookmark_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.session}"


class CalendarFeed(models.Model):
    """A secret subscription link to a personal agenda or a company's schedule."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feeds"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CalendarFeedKind.choices)
    organisation = models.ForeignKey(
        "events.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="feeds",
    )
    token = models.CharField(
        _("token"), max_length=64, unique=True, default=new_feed_token, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_feed_per_kind"),
            models.CheckConstraint(
                condition=models.Q(kind="personal", organisation__isnull=True)
                | models.Q(kind="company", organisation__isnull=False),
                name="company_feed_has_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.user}"


class SessionTombstone(models.Model):
    """What calendars need to cancel a deleted session: its UID, title and time."""

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="tombstones",
    )
    session_id = models.BigIntegerField(_("session id"))
    title = models.CharField(_("title"), max_length=300)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    deleted_at = models.DateTimeField(_("deleted"), auto_now_add=True)

    class Meta:
        verbose_name = _("deleted session")
        verbose_name_plural = _("deleted sessions")
        indexes = [
            models.Index(fields=["event", "deleted_at"], name="tombstone_recent")
        ]

    def __str__(self) -> str:
        return self.title
