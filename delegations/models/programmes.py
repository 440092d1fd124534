"""Delegation programmes: the call, the applications, their reviews and the roster
(what companies report afterwards is in `delegations.models.outcomes`).

A programme is one-to-one with an `Event` of kind delegation. Its itinerary items
are the event's sessions (times in UTC, shown in the host city's zone and in Korea
time); a session assigned to some delegates is on only their personal itinerary.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from delegations.enums import ApplicationStatus, DelegateRole, DocumentKind
from delegations.validators import (  # noqa: F401  (MAX_DOCUMENT_BYTES: forms read it here)
    MAX_DOCUMENT_BYTES,
    document_kind,
)
from events.enums import EventKind
from events.validators import validate_timezone

__all__ = [
    "ApplicationDocument",
    "ApplicationReview",
    "Delegate",
    "DelegationApplication",
    "DelegationProgramme",
]

MAX_DOCUMENTS = 5


def validate_document(upload) -> None:
    document_kind(upload)


def _money(**kwargs) -> models.DecimalField:
    return models.DecimalField(
        max_digits=13,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
        **kwargs,
    )


class DelegationProgramme(models.Model):
    """The call for one delegation: the host congress, places, money and deadline.

    Fee and subsidy are per company, in the event's currency; the company pays the
    fee less the subsidy.
    """

    event = models.OneToOneField(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="programme",
    )
    host_congress = models.CharField(_("host congress"), max_length=200)
    host_city = models.CharField(_("host city"), max_length=100)
    host_start_date = models.DateField(_("congress opens"))
    host_end_date = models.DateField(_("congress closes"))
    host_timezone = models.CharField(
        _("host time zone"), max_length=64, validators=[validate_timezone]
    )
    places = models.PositiveSmallIntegerField(_("places for companies"))
    delegates_per_company = models.PositiveSmallIntegerField(
        _("delegates per company"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    eligibility = models.TextField(_("eligibility"), blank=True)
    fee = _money(verbose_name=_("fee per company"))
    subsidy = _money(verbose_name=_("subsidy per company"))
    applications_open_at = models.DateTimeField(_("applications open"))
    application_deadline = models.DateTimeField(_("application deadline"))
    contact_name = models.CharField(_("contact"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    venue_notes = models.TextField(_("venue and travel notes"), blank=True)
    delegate_ticket = models.ForeignKey(
        "registration.TicketType",
        verbose_name=_("delegate ticket"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The ticket each named delegate's registration carries."),
    )

    class Meta:
        ordering = ["event__start_date"]
        verbose_name = _("delegation programme")
        verbose_name_plural = _("delegation programmes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(host_end_date__gte=models.F("host_start_date")),
                name="programme_congress_ends_after_it_opens",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    application_deadline__gt=models.F("applications_open_at")
                ),
                name="programme_deadline_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return str(self.event)

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.event_id and self.event.kind != EventKind.DELEGATION:
            errors["event"] = _("Choose an event of kind delegation programme.")
        if (
            self.host_start_date
            and self.host_end_date
            and self.host_end_date < self.host_start_date
        ):
            errors["host_end_date"] = _("The congress must close after it opens.")
        elif self.event_id and self.host_start_date and self.host_end_date:
            event = self.event
            if not (
                event.start_date <= self.host_start_date
                and self.host_end_date <= event.end_date
            ):
                errors["host_start_date"] = _(
                    "The congress must fall within the programme's dates "
                    "(%(first)s to %(last)s)."
                ) % {"first": event.start_date, "last": event.end_date}
        if (
            self.applications_open_at
            and self.application_deadline
            and self.application_deadline <= self.applications_open_at
        ):
            errors["application_deadline"] = _(
                "The deadline must come after applications open."
            )
        if (
            self.fee is not None
            and self.subsidy is not None
            and self.subsidy > self.fee
        ):
            errors["subsidy"] = _("The subsidy cannot exceed the fee.")
        if (
            self.delegate_ticket_id
            and self.event_id
            and self.delegate_ticket.event_id != self.event_id
        ):
            errors["delegate_ticket"] = _("This ticket belongs to another event.")
        if errors:
            raise ValidationError(errors)

    @property
    def net_fee(self) -> Decimal:
        return self.fee - self.subsidy


class DelegationApplication(models.Model):
    """One company's application; editable by its applicant while a draft."""

    programme = models.ForeignKey(
        DelegationProgramme, on_delete=models.CASCADE, related_name="applications"
    )
    organisation = models.ForeignKey(
        "events.Organisation",
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        related_name="delegation_applications",
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.PROTECT,
        related_name="delegation_applications",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
    )
    company_profile = models.TextField(_("company profile"), max_length=4000)
    pipeline = models.TextField(_("pipeline and assets"), max_length=4000, blank=True)
    goals = models.TextField(_("goals for the congress"), max_length=4000)
    target_partners = models.TextField(
        _("target partners"), max_length=4000, blank=True
    )
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    decision_note = models.TextField(_("note to the company"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_sent_at = models.DateTimeField(_("decision sent"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        ordering = ["programme", "organisation__name", "id"]
        verbose_name = _("delegation application")
        verbose_name_plural = _("delegation applications")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation"],
                name="application_once_per_company",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.programme}"

    @property
    def decision_pending_send(self) -> bool:
        return self.decided_at is not None and (
            self.decision_sent_at is None or self.decision_sent_at < self.decided_at
        )


class ApplicationDocument(models.Model):
    application = models.ForeignKey(
        DelegationApplication, on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"), upload_to="delegation/documents/%Y/", validators=[validate_document]
    )
    kind = models.CharField(_("kind"), max_length=10, choices=DocumentKind.choices)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["application", "uploaded_at", "id"]
        verbose_name = _("application document")
        verbose_name_plural = _("application documents")

    def __str__(self) -> str:
        return self.title


def _score() -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )


class ApplicationReview(models.Model):
    """A reviewer assigned to an application, and their scores once given (1–5)."""

    application = models.ForeignKey(
        DelegationApplication, on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="delegation_reviews",
    )
    fit = _score()
    readiness = _score()
    potential = _score()
    comment = models.TextField(_("comment"), max_length=4000, blank=True)
    assigned_at = models.DateTimeField(_("assigned"), auto_now_add=True)
    scored_at = models.DateTimeField(_("scored"), null=True, blank=True)

    class Meta:
        ordering = ["application", "reviewer__last_name", "id"]
        verbose_name = _("application review")
        verbose_name_plural = _("application reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="review_once_per_reviewer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} · {self.application}"

    @property
    def total(self) -> int | None:
        if self.scored_at is None:
            return None
        return (self.fit or 0) + (self.readiness or 0) + (self.potential or 0)


class Delegate(models.Model):
    """A person a confirmed company sends; they hold a registration in the event."""

    application = models.ForeignKey(
        DelegationApplication, on_delete=models.CASCADE, related_name="delegates"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="delegations"
    )
    role = models.CharField(_("role"), max_length=20, choices=DelegateRole.choices)
    registration = models.OneToOneField(
        "registration.Registration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delegate",
    )
    sessions = models.ManyToManyField(
        "events.Session",
        verbose_name=_("assigned itinerary items"),
        related_name="assigned_delegates",
        blank=True,
        help_text=_(
            "Items only some delegates attend (booth shifts, site visits); items "
            "assigned to nobody are on everyone's itinerary."
        ),
    )

    class Meta:
        ordering = ["application__organisation__name", "user__last_name", "id"]
        verbose_name = _("delegate")
        verbose_name_plural = _("delegates")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "user"], name="delegate_once_per_application"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.application.organisation}"
