"""What member companies report after a programme: each meeting's outcome, tied
to the meeting it came from where there is one; the trials they attracted, one
row each; and their programme as a whole.

An outcome comes from a partnering meeting (`matchmaking.Meeting`) or an item of
the company's itinerary (`events.Session`: a site visit, the reception), or
from neither (met at the booth): then its counterpart and day are typed. The
services check that the meeting or item is the company's own
(`delegations.services.reports`); the models check what they can see alone.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from delegations.enums import ReportedOutcome, TrialPhase
from delegations.models.programmes import DelegationApplication

__all__ = ["MeetingOutcomeReport", "ProgrammeOutcomeReport", "TrialAttracted"]


class MeetingOutcomeReport(models.Model):
    """One meeting a member company held during the programme and what came of it.

    `counterpart` and `held_on` are copied from the meeting or item when there
    is one, so the report still reads if the meeting is later deleted; while it
    exists, the meeting's own time is the one shown.
    """

    application = models.ForeignKey(
        DelegationApplication, on_delete=models.CASCADE, related_name="outcomes"
    )
    meeting = models.ForeignKey(
        "matchmaking.Meeting",
        verbose_name=_("partnering meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delegation_outcomes",
    )
    session = models.ForeignKey(
        "events.Session",
        verbose_name=_("itinerary item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delegation_outcomes",
    )
    counterpart = models.CharField(_("met with (organisation)"), max_length=200)
    held_on = models.DateField(_("date"))
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=ReportedOutcome.choices
    )
    notes = models.TextField(_("notes"), max_length=2000, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reported_at = models.DateTimeField(_("reported"), auto_now=True)

    class Meta:
        ordering = ["application", "held_on", "id"]
        verbose_name = _("meeting outcome")
        verbose_name_plural = _("meeting outcomes")
        constraints = [
            models.CheckConstraint(
                condition=Q(meeting__isnull=True) | Q(session__isnull=True),
                name="outcome_from_one_meeting",
            ),
            models.UniqueConstraint(
                fields=["application", "meeting"],
                condition=Q(meeting__isnull=False),
                name="outcome_once_per_partnering_meeting",
            ),
            models.UniqueConstraint(
                fields=["application", "session"],
                condition=Q(session__isnull=False),
                name="outcome_once_per_itinerary_item",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application.organisation} × {self.counterpart}"

    def clean(self) -> None:
        super().clean()
        if self.meeting_id and self.session_id:
            raise ValidationError(
                _("Choose a partnering meeting or an itinerary item, not both.")
            )
        event_id = self.application.programme.event_id if self.application_id else None
        source = self.meeting if self.meeting_id else self.session
        if source is not None and event_id and source.event_id != event_id:
            field = "meeting" if self.meeting_id else "session"
            raise ValidationError({field: _("This meeting is of another event.")})

    @property
    def start(self):
        """When the meeting or item it came from starts (its current time), if any."""
        if self.meeting_id and self.meeting.slot_id:
            return self.meeting.slot.start
        if self.session_id:
            return self.session.start
        return None


class TrialAttracted(models.Model):
    """One clinical trial a member company brought to Korea through the programme.

    The company, programme and year are the application's; `outcome` is the
    reported meeting it came from, when there is one.
    """

    application = models.ForeignKey(
        DelegationApplication,
        verbose_name=_("company"),
        on_delete=models.CASCADE,
        related_name="trials",
    )
    outcome = models.ForeignKey(
        MeetingOutcomeReport,
        verbose_name=_("from the meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="trials",
    )
    sponsor = models.CharField(_("sponsor"), max_length=200)
    title = models.CharField(_("trial"), max_length=300)
    identifier = models.CharField(
        _("registry number"),
        max_length=40,
        blank=True,
        help_text=_("ClinicalTrials.gov (NCT…) or CRIS (KCT…), once registered."),
    )
    phase = models.CharField(_("phase"), max_length=10, choices=TrialPhase.choices)
    multi_regional = models.BooleanField(_("multi-regional trial"), default=False)
    korea_sites = models.PositiveSmallIntegerField(
        _("sites in Korea"), default=0, validators=[MaxValueValidator(500)]
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reported_at = models.DateTimeField(_("reported"), auto_now=True)

    class Meta:
        ordering = ["application", "sponsor", "title", "id"]
        verbose_name = _("trial attracted")
        verbose_name_plural = _("trials attracted")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "sponsor", "title"],
                name="trial_once_per_company",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sponsor}: {self.title}"

    def clean(self) -> None:
        super().clean()
        if (
            self.outcome_id
            and self.application_id
            and self.outcome.application_id != self.application_id
        ):
            raise ValidationError({"outcome": _("This meeting is another company's.")})


class ProgrammeOutcomeReport(models.Model):
    """A member company's programme-level report, for the agency's annual report.

    Trials are listed one by one (`TrialAttracted`); `trials_without_details` keeps
    the bare number companies reported before the list existed, shown as
    "reported without details" and counted until they are listed.
    """

    application = models.OneToOneField(
        DelegationApplication, on_delete=models.CASCADE, related_name="report"
    )
    trials_without_details = models.PositiveSmallIntegerField(
        _("trials reported without details"), default=0
    )
    agreements_signed = models.PositiveSmallIntegerField(
        _("other agreements signed (licensing, MTA, services)"), default=0
    )
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction (1–5)"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    comments = models.TextField(_("comments"), max_length=4000, blank=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("programme outcome report")
        verbose_name_plural = _("programme outcome reports")

    def __str__(self) -> str:
        return str(self.application)
