import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from events.dates import date_text
from events.localtime import local_text
from matchmaking.enums import (
    NOTIFICATION_TEXT,
    MeetingSource,
    MeetingStatus,
    NotificationKind,
    Outcome,
    Priority,
    RequestStatus,
    RunStatus,
)
from matchmaking.models.releases import change_lines

OPEN_REQUEST = [RequestStatus.PENDING, RequestStatus.PROPOSED, RequestStatus.ACCEPTED]

# Check-in ("we met", no-show) opens this long before a meeting's start and stays
# open until the event ends; feedback opens at the start.
CHECK_IN_OPENS_BEFORE = dt.timedelta(minutes=15)


class MeetingRequest(models.Model):
    """A request from one participant to another; accepted, it becomes a Meeting."""

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="meeting_requests",
    )
    sender = models.ForeignKey(
        "matchmaking.Participant", on_delete=models.CASCADE, related_name="sent"
    )
    recipient = models.ForeignKey(
        "matchmaking.Participant", on_delete=models.CASCADE, related_name="received"
    )
    message = models.TextField(_("message"), max_length=2000, blank=True)
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.NORMAL
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RequestStatus.choices,
        default=RequestStatus.PENDING,
    )
    decline_reason = models.CharField(_("reason"), max_length=300, blank=True)
    proposed_slot = models.ForeignKey(
        "matchmaking.Slot",
        verbose_name=_("proposed time"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        constraints = [
            models.CheckConstraint(
                condition=~Q(sender=models.F("recipient")), name="request_not_to_self"
            ),
            models.UniqueConstraint(
                fields=["sender", "recipient"],
                condition=Q(status__in=OPEN_REQUEST),
                name="request_one_open_per_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sender} → {self.recipient} ({self.get_status_display()})"


class Meeting(models.Model):
    """A meeting to hold: from an accepted request, or set by the organiser.

    `slot` and `table` are the *published* schedule's; drafts live in ScheduleRun.
    `fixed_slot` is a time both sides agreed (a counter-proposal accepted).
    """

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    request = models.OneToOneField(
        MeetingRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting",
    )
    participants = models.ManyToManyField(
        "matchmaking.Participant", related_name="meetings"
    )
    source = models.CharField(
        _("source"),
        max_length=20,
        choices=MeetingSource.choices,
        default=MeetingSource.REQUEST,
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.NORMAL
    )
    required = models.BooleanField(_("must meet"), default=False)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MeetingStatus.choices,
        default=MeetingStatus.CONFIRMED,
    )
    fixed_slot = models.ForeignKey(
        "matchmaking.Slot",
        verbose_name=_("agreed time"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    slot = models.ForeignKey(
        "matchmaking.Slot",
        verbose_name=_("slot"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
    )
    table = models.ForeignKey(
        "matchmaking.Table",
        verbose_name=_("table"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
    )
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["slot__start", "table__number", "id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return _("Meeting %(id)s") % {"id": self.pk}

    def counterparts_text(self, me) -> str:
        """ "Name (Organisation), …" of everyone but `me` (a participant), names in
        the active language's order. Prefetch `participants` with their users."""
        return ", ".join(
            f"{p.user.display_name()} ({p.organisation})"
            if p.organisation
            else p.user.display_name()
            for p in self.participants.all()
            if p.pk != me.pk
        )

    def check_in_state(self, now: dt.datetime | None = None) -> str:
        """ "early", "open" or "closed" (or "" unscheduled): when a scheduled meeting
        may be checked in or marked a no-show. Select `slot` and `event`."""
        if self.slot_id is None:
            return ""
        now = now or timezone.now()
        if now < self.slot.start - CHECK_IN_OPENS_BEFORE:
            return "early"
        return "open" if now < self.event.ends_at else "closed"

    @property
    def check_in_open(self) -> bool:
        return (
            self.status == MeetingStatus.CONFIRMED and self.check_in_state() == "open"
        )

    @property
    def check_in_early(self) -> bool:
        return (
            self.status == MeetingStatus.CONFIRMED and self.check_in_state() == "early"
        )

    def feedback_open(self, now: dt.datetime | None = None) -> bool:
        """Feedback is for a meeting that took place, once it has started."""
        return (
            self.status == MeetingStatus.HELD
            and self.slot_id is not None
            and (now or timezone.now()) >= self.slot.start
        )

    @property
    def may_give_feedback(self) -> bool:
        return self.feedback_open()


class MeetingFeedback(models.Model):
    """One side's view of a meeting after it was held; feeds the outcome reports."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="feedback"
    )
    participant = models.ForeignKey(
        "matchmaking.Participant", on_delete=models.CASCADE, related_name="feedback"
    )
    rating = models.PositiveSmallIntegerField(_("rating (1–5)"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.NONE
    )
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        verbose_name = _("meeting feedback")
        verbose_name_plural = _("meeting feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "participant"], name="feedback_once_per_side"
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="feedback_rating_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.participant}"


class ScheduleRun(models.Model):
    """One run of the scheduler (or an imported solution) for an event.

    `instance` and `solution` are in the documented partnering/1 format with ids
    `p<pk>`, `m<pk>`, `s<pk>` and `T<number>`, so a run can be exported and replayed.
    At most one run per event is published; publishing copies its assignments onto
    the meetings.
    """

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="schedule_runs",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    incremental = models.BooleanField(_("incremental"), default=False)
    imported = models.BooleanField(_("imported"), default=False)
    time_limit = models.FloatField(_("time limit (s)"), default=30)
    progress = models.JSONField(_("progress"), default=dict, blank=True)
    instance = models.JSONField(_("instance"), default=dict, blank=True)
    solution = models.JSONField(_("solution"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    # Written with each progress update: a running run whose heartbeat stopped lost
    # its process (a restart, a killed worker) and will never finish.
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("schedule run")
        verbose_name_plural = _("schedule runs")
        constraints = [
            models.UniqueConstraint(
                fields=["event"],
                condition=Q(status=RunStatus.PUBLISHED),
                name="one_published_schedule_per_event",
            )
        ]

    def __str__(self) -> str:
        when = local_text(self.created_at, self.event)
        return f"{self.event} · {self.get_status_display()} · {when}"


class Notification(models.Model):
    """An in-app message, also sent by e-mail; unread until `read_at` is set.

    `kind`, `actor` and `params` let the text be written in the reader's language
    each time it is shown or mailed (`message`); `text` keeps it as first written,
    in the recipient's language, for the admin and for rows without a kind.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(
        _("kind"), max_length=30, choices=NotificationKind.choices, blank=True
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    params = models.JSONField(_("details"), default=dict, blank=True)
    text = models.CharField(_("text"), max_length=500)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(
                fields=["user", "event"],
                condition=Q(read_at__isnull=True),
                name="notification_unread",
            )
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def is_unread(self) -> bool:
        return self.read_at is None

    @property
    def message(self) -> str:
        """The text in the active language (select `event` and `actor__organisation`)."""
        template = NOTIFICATION_TEXT.get(self.kind)
        if template is None:
            return self.text
        language = translation.get_language() or settings.LANGUAGE_CODE
        values = {"event": self.event.name, "name": "-", "org": "-", "slot": ""}
        if self.actor is not None:
            values["name"] = self.actor.display_name(language)
            values["org"] = str(self.actor.organisation or "-")
        if self.params.get("slot"):
            start = dt.datetime.fromisoformat(self.params["slot"])
            values["slot"] = date_text(start, "DAY_TIME_FORMAT", self.event)
        text = str(template) % values
        changes = self.params.get("changes")
        if changes:
            text = " ".join([text, *change_lines(changes, self.event)])
        return text

    @property
    def link(self) -> str:
        """`url` with the active language's prefix (it was stored in another's)."""
        if not self.url:
            return ""
        language = translation.get_language() or settings.LANGUAGE_CODE
        for code, _name in settings.LANGUAGES:
            if self.url.startswith(f"/{code}/"):
                return f"/{language}/{self.url[len(code) + 2 :]}"
        return self.url
