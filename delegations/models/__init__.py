"""Delegation programmes (`programmes`) and what member companies report after
them (`outcomes`)."""

from delegations.models.outcomes import (
    MeetingOutcomeReport,
    ProgrammeOutcomeReport,
    TrialAttracted,
)
from delegations.models.programmes import (
    MAX_DOCUMENT_BYTES,
    MAX_DOCUMENTS,
    ApplicationDocument,
    ApplicationReview,
    Delegate,
    DelegationApplication,
    DelegationProgramme,
    document_kind,
    validate_document,
)

__all__ = [
    "MAX_DOCUMENTS",
    "MAX_DOCUMENT_BYTES",
    "ApplicationDocument",
    "ApplicationReview",
    "Delegate",
    "DelegationApplication",
    "DelegationProgramme",
    "MeetingOutcomeReport",
    "ProgrammeOutcomeReport",
    "TrialAttracted",
    "document_kind",
    "validate_document",
]
