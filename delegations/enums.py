"""Choices of the delegation programmes: applications, reviews, delegates, outcomes."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# Delegations are Korean: every itinerary time is also shown in Korea time.
HOME_TIMEZONE = "Asia/Seoul"


class ApplicationStatus(models.TextChoices):
    """An application's life; `TRANSITIONS` lists the moves each actor may make."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    ACCEPTED = "accepted", pgettext_lazy("application", "Accepted")
    WAITLISTED = "waitlisted", _("Wait-listed")
    REJECTED = "rejected", _("Not selected")
    CONFIRMED = "confirmed", _("Confirmed")


S = ApplicationStatus
# Organisers' decisions: from which states each decision may be taken.
DECISIONS: dict[str, frozenset[str]] = {
    S.SHORTLISTED: frozenset({S.SUBMITTED, S.WAITLISTED}),
    S.ACCEPTED: frozenset({S.SUBMITTED, S.SHORTLISTED, S.WAITLISTED}),
    S.WAITLISTED: frozenset({S.SUBMITTED, S.SHORTLISTED}),
    S.REJECTED: frozenset({S.SUBMITTED, S.SHORTLISTED, S.WAITLISTED, S.ACCEPTED}),
}
# States whose decision the company is told by e-mail.
DECIDED = frozenset({S.SHORTLISTED, S.ACCEPTED, S.WAITLISTED, S.REJECTED})
# States that hold one of the programme's places.
HOLDS_PLACE = frozenset({S.ACCEPTED, S.CONFIRMED})


class DocumentKind(models.TextChoices):
    PDF = "pdf", _("PDF")
    DOCX = "docx", _("Word document")
    PPTX = "pptx", _("PowerPoint presentation")


class DelegateRole(models.TextChoices):
    LEAD = "lead", _("Head of company delegation")
    BUSINESS = "business", _("Business development")
    SCIENTIFIC = "scientific", _("Scientific / R&D")
    CLINICAL = "clinical", _("Clinical operations")
    OTHER = "other", _("Other")


class ReportedOutcome(models.TextChoices):
    """What came of one meeting, as the company reports it after the congress."""

    FOLLOW_UP = "follow_up", _("Follow-up agreed")
    CDA = "cda", _("Confidential disclosure agreement signed")
    TRIAL = "trial", _("Trial or partnership discussion")
    INVESTMENT = "investment", _("Investment discussion")
    NONE = "none", _("None")


# Partnering feedback (matchmaking.enums.Outcome values) read as reported outcomes:
# a term sheet is counted as an investment discussion.
PARTNERING_OUTCOME = {
    "follow_up": ReportedOutcome.FOLLOW_UP,
    "cda": ReportedOutcome.CDA,
    "term_sheet": ReportedOutcome.INVESTMENT,
    "none": ReportedOutcome.NONE,
}


class TrialPhase(models.TextChoices):
    """A clinical trial's phase, as the trial registries (ClinicalTrials.gov,
    CRIS) name them."""

    PHASE_1 = "1", _("Phase 1")
    PHASE_1_2 = "1/2", _("Phase 1/2")
    PHASE_2 = "2", _("Phase 2")
    PHASE_2_3 = "2/3", _("Phase 2/3")
    PHASE_3 = "3", _("Phase 3")
    PHASE_4 = "4", _("Phase 4")
    OTHER = "other", _("Other or not stated")
