import datetime as dt
from functools import cached_property
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from events.enums import EventKind, SponsorTier, TeamRole
from events.validators import validate_timezone


class Venue(models.Model):
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO code"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self) -> str:
        return f"{self.name}, {self.city}"


class Event(models.Model):
    """A conference, a delegation programme or a forum.

    Dates are calendar dates in the event's own IANA zone; session times are stored in
    UTC and shown in that zone.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=200)
    tagline = models.CharField(_("tagline"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        validators=[validate_timezone],
        help_text=_("IANA name, e.g. Asia/Seoul or America/Chicago"),
    )
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    currency = models.CharField(
        _("currency"), max_length=3, default="KRW", help_text=_("ISO 4217, e.g. KRW")
    )
    host_congress = models.CharField(
        _("host congress"),
        max_length=200,
        blank=True,
        help_text=_("For delegation programmes: the congress the delegation attends."),
    )
    website = models.URLField(_("website"), blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="EventTeamMember", related_name="team_events"
    )

    class Meta:
        ordering = ["start_date", "slug"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="event_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @cached_property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def starts_at(self) -> dt.datetime:
        """Midnight of the first day in the event's zone, as an aware datetime."""
        return dt.datetime.combine(self.start_date, dt.time.min, tzinfo=self.tz)

    @property
    def ends_at(self) -> dt.datetime:
        """Midnight after the last day in the event's zone (exclusive end)."""
        next_day = self.end_date + dt.timedelta(days=1)
        return dt.datetime.combine(next_day, dt.time.min, tzinfo=self.tz)

    def days(self) -> list[dt.date]:
        count = (self.end_date - self.start_date).days + 1
        return [self.start_date + dt.timedelta(days=i) for i in range(count)]


class EventTeamMember(models.Model):
    """A person's role for one event: organisers see and edit only their events."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=TeamRole.choices)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user", "role"], name="team_member_unique_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.event}"


class Sponsor(models.Model):
    """A sponsor or exhibitor of one event, with its booth when it has one."""

    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="sponsors",
    )
    organisation = models.ForeignKey(
        "events.Organisation", on_delete=models.CASCADE, related_name="sponsorships"
    )
    tier = models.CharField(_("tier"), max_length=20, choices=SponsorTier.choices)
    booth = models.CharField(_("booth"), max_length=20, blank=True)
    order = models.PositiveIntegerField(
        pgettext_lazy("position in a list", "order"), default=0
    )

    class Meta:
        ordering = ["event", "order", "organisation__name"]
        verbose_name = _("sponsor or exhibitor")
        verbose_name_plural = _("sponsors and exhibitors")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organisation"], name="sponsor_once_per_event"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_tier_display()})"
