import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import PreviewableMixin

from events.enums import SessionKind, SessionLanguage, SessionStatus, SpeakerRole
from events.localtime import local, local_time_text


class Room(models.Model):
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="rooms",
    )
    name = models.CharField(_("name"), max_length=100)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    order = models.PositiveIntegerField(
        pgettext_lazy("position in a list", "order"), default=0
    )

    class Meta:
        ordering = ["event", "order", "name"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        constraints = [
            models.UniqueConstraint(fields=["event", "name"], name="room_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Track(models.Model):
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="tracks",
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)
    colour = models.CharField(_("colour"), max_length=7, default="#1f6feb")

    class Meta:
        ordering = ["event", "name"]
        verbose_name = _("track")
        verbose_name_plural = _("tracks")
        constraints = [
            models.UniqueConstraint(fields=["event", "slug"], name="track_slug_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Speaker(models.Model):
    """A person speaking at one event; the bio may differ from event to event."""

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="speakers",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="speaker_at"
    )
    bio = models.TextField(_("biography"), blank=True)

    class Meta:
        ordering = ["event", "user__last_name", "user__first_name"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="speaker_once"),
        ]

    def __str__(self) -> str:
        return str(self.user)


LATE_NIGHT = dt.timedelta(hours=4)
"""How far past local midnight a reception may run."""


class Session(PreviewableMixin, models.Model):
    """An agenda item. Times are aware datetimes stored in UTC.

    No two sessions may share a room at once: checked in `clean()` for forms and
    services, and by the database itself (a trigger on SQLite, an exclusion
    constraint on PostgreSQL; see migration 0002) for races.
    """

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SessionKind.choices)
    title = models.CharField(_("title"), max_length=300)
    abstract = models.TextField(_("abstract"), blank=True)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    room = models.ForeignKey(
        Room,
        verbose_name=_("room"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
    )
    track = models.ForeignKey(
        Track,
        verbose_name=_("track"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
    )
    language = models.CharField(
        _("language"),
        max_length=5,
        choices=SessionLanguage.choices,
        default=SessionLanguage.EN,
    )
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SessionStatus.choices,
        default=SessionStatus.SCHEDULED,
    )
    created_at = models.DateTimeField(
        _("created"), default=timezone.now, editable=False
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True, db_index=True)
    speakers = models.ManyToManyField(
        Speaker, through="SessionSpeaker", related_name="sessions", blank=True
    )

    class Meta:
        ordering = ["start", "room__order", "id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [models.Index(fields=["event", "start"], name="session_event_start")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")),
                name="session_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        """The title in the reader's language, else the other one (a session may
        be entered in Korean only)."""
        return self.title or self.title_en or self.title_ko or ""

    @property
    def sequence(self) -> int:
        """iCalendar SEQUENCE: seconds from creation to the last change.

        It only grows as the session is edited, so calendars apply every change,
        and it needs no counter of its own to keep in step.
        """
        return max(0, int((self.updated_at - self.created_at).total_seconds()))

    def get_preview_template(self, request, mode_name: str) -> str:
        """Wagtail's live preview of an edit, before it is saved."""
        return "events/session_preview.html"

    def clean(self) -> None:
        super().clean()
        if not (self.title_en or self.title_ko):
            raise ValidationError(
                {"title_en": _("Give the session a title in English or Korean.")}
            )
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("A session must end after it starts.")})
        if self.event_id and self.start and self.end:
            self._clean_within_event()
            self._clean_room()
        if self.track_id and self.event_id and self.track.event_id != self.event_id:
            raise ValidationError({"track": _("This track belongs to another event.")})

    def _clean_within_event(self) -> None:
        """Checked on the event's clock: its days run from local midnight to local
        midnight, and a session ends on the local day it starts (or at its end).
        A reception may run on into the small hours (`LATE_NIGHT`): an evening
        reception to 00:30 is real, a talk to 00:05 is a time typed on the wrong
        clock."""
        event = self.event
        late = LATE_NIGHT if self.kind == SessionKind.RECEPTION else dt.timedelta(0)
        if self.start < event.starts_at or self.end > event.ends_at + late:
            raise ValidationError(
                _(
                    "%(start)s – %(end)s is outside the event's days "
                    "(%(first)s to %(last)s, %(zone)s)."
                )
                % {
                    "start": _day_and_time(self.start, event),
                    "end": _day_and_time(self.end, event),
                    "first": date_format(event.start_date, "MONTH_DAY_FORMAT"),
                    "last": date_format(event.end_date, "MONTH_DAY_FORMAT"),
                    "zone": event.timezone,
                }
            )
        start_day = self.start.astimezone(event.tz).date()
        midnight = dt.datetime.combine(
            start_day + dt.timedelta(days=1), dt.time.min, tzinfo=event.tz
        )
        if self.end > midnight + late:
            raise ValidationError(
                {
                    "end": _(
                        "Ends %(end)s, after midnight of its start day "
                        "(starts %(start)s)."
                    )
                    % {
                        "end": _day_and_time(self.end, event),
                        "start": _day_and_time(self.start, event),
                    }
                }
            )

    def _clean_room(self) -> None:
        if not self.room_id:
            return
        if self.room.event_id != self.event_id:
            raise ValidationError({"room": _("This room belongs to another event.")})
        clash = (
            Session.objects.filter(room_id=self.room_id)
            .filter(start__lt=self.end, end__gt=self.start)
            .exclude(pk=self.pk)
            .first()
        )
        if clash is not None:
            raise ValidationError(
                {
                    "room": _("%(room)s is already booked for “%(title)s” then.")
                    % {"room": self.room, "title": clash.title}
                }
            )


def _day_and_time(value: dt.datetime, event) -> str:
    """ "00:05 KST on September 15" (the day in the reader's language)."""
    return _("%(time)s on %(day)s") % {
        "time": local_time_text(value, event),
        "day": date_format(local(value, event).date(), "MONTH_DAY_FORMAT"),
    }


class SessionSpeaker(models.Model):
    EVENT_PATH = "session__event"  # how events.authority scopes it

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="session_speakers"
    )
    speaker = models.ForeignKey(
        Speaker, on_delete=models.CASCADE, related_name="session_roles"
    )
    role = models.CharField(
        _("role"), max_length=20, choices=SpeakerRole.choices, default="speaker"
    )
    order = models.PositiveIntegerField(
        pgettext_lazy("position in a list", "order"), default=0
    )

    class Meta:
        ordering = ["session", "order", "id"]
        verbose_name = _("session speaker")
        verbose_name_plural = _("session speakers")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "speaker"], name="speaker_once_per_session"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.speaker} · {self.get_role_display()}"

    def clean(self) -> None:
        super().clean()
        if (
            self.session_id
            and self.speaker_id
            and self.session.event_id != self.speaker.event_id
        ):
            raise ValidationError(_("The speaker belongs to another event."))
