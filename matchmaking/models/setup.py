import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from events.dates import date_text
from events.enums import OrganisationKind


def validate_pairs(value) -> None:
    kinds = set(OrganisationKind.values)
    if not isinstance(value, list) or not all(
        isinstance(p, list) and len(p) == 2 and set(p) <= kinds for p in value
    ):
        raise ValidationError(
            _('List pairs of organisation kinds, e.g. [["investor", "biotech"]].')
        )


class PartneringSetup(models.Model):
    """How partnering works at one event: who may ask whom, how much, and when.

    `allowed_pairs` lists [requester kind, recipient kind]; an empty list lets anyone
    request anyone. Times are aware datetimes (UTC in the database).
    """

    event = models.OneToOneField(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="partnering",
    )
    requests_open_at = models.DateTimeField(_("requests open"), null=True, blank=True)
    requests_close_at = models.DateTimeField(_("requests close"), null=True, blank=True)
    request_cap = models.PositiveSmallIntegerField(
        _("requests each participant may send"), default=20
    )
    slot_minutes = models.PositiveSmallIntegerField(
        _("slot length (minutes)"), default=30
    )
    allowed_pairs = models.JSONField(
        _("who may request whom"), default=list, blank=True, validators=[validate_pairs]
    )
    max_breaks_spread = models.PositiveSmallIntegerField(
        _("fairness: most breaks minus fewest"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("partnering set-up")
        verbose_name_plural = _("partnering set-ups")

    def __str__(self) -> str:
        return str(self.event)

    def clean(self) -> None:
        super().clean()
        if (
            self.requests_open_at
            and self.requests_close_at
            and self.requests_close_at <= self.requests_open_at
        ):
            raise ValidationError(
                {"requests_close_at": _("Requests must close after they open.")}
            )
        if self.slot_minutes is not None and not 5 <= self.slot_minutes <= 240:
            raise ValidationError({"slot_minutes": _("Between 5 and 240 minutes.")})

    def may_request(self, requester_kind: str, recipient_kind: str) -> bool:
        if not self.allowed_pairs:
            return True
        return [requester_kind, recipient_kind] in self.allowed_pairs

    def window_open(self, now: dt.datetime) -> bool:
        if self.requests_open_at and now < self.requests_open_at:
            return False
        return not (self.requests_close_at and now >= self.requests_close_at)


class MeetingBlock(models.Model):
    """A run of meeting slots on one day (a morning, an afternoon), local times.

    The gaps between blocks are the breaks; slots are cut from blocks by
    `services.grid_build`.
    """

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="meeting_blocks",
    )
    date = models.DateField(_("day"))
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("to"))
    label = models.CharField(_("label"), max_length=100, blank=True)

    class Meta:
        ordering = ["event", "date", "start_time"]
        verbose_name = _("meeting block")
        verbose_name_plural = _("meeting blocks")

    def __str__(self) -> str:
        return (
            self.label or f"{self.date} {self.start_time:%H:%M}–{self.end_time:%H:%M}"
        )

    def clean(self) -> None:
        super().clean()
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("A block must end after it starts.")})


class Slot(models.Model):
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="meeting_slots",
    )
    block = models.ForeignKey(
        MeetingBlock, on_delete=models.CASCADE, related_name="slots"
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))

    class Meta:
        ordering = ["start"]
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        constraints = [
            models.UniqueConstraint(fields=["event", "start"], name="slot_start_unique")
        ]

    def __str__(self) -> str:
        """ "Tue 16 Mar 09:00", "3월 16일 (화) 09:00" on Korean pages."""
        return date_text(self.start, "DAY_TIME_FORMAT", self.event)


class Table(models.Model):
    """A numbered table; a host's table is that participant's own booth."""

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="meeting_tables",
    )
    number = models.PositiveIntegerField(_("number"))
    host = models.OneToOneField(
        "matchmaking.Participant",
        verbose_name=_("host"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="own_table",
    )

    class Meta:
        ordering = ["event", "number"]
        verbose_name = _("table")
        verbose_name_plural = _("tables")
        constraints = [
            models.UniqueConstraint(fields=["event", "number"], name="table_unique")
        ]

    def __str__(self) -> str:
        return _("Table %(number)s") % {"number": self.number}

    @property
    def code(self) -> str:
        return f"T{self.number}"
