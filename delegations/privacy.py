"""What delegation programmes hold about a person: their applications, and the
outcomes and trials they reported for their company (the company's evidence
stays with the company when the person leaves; `reported_by` then names the
anonymised account)."""

from accounts.privacy import PersonalData, row
from delegations.models import (
    DelegationApplication,
    MeetingOutcomeReport,
    TrialAttracted,
)


def _export(user) -> dict[str, list[dict]]:
    applications = DelegationApplication.objects.filter(applicant=user).order_by("pk")
    outcomes = MeetingOutcomeReport.objects.filter(reported_by=user).order_by("pk")
    trials = TrialAttracted.objects.filter(reported_by=user).order_by("pk")
    return {
        "delegation_applications": [row(a) for a in applications],
        "delegation_outcomes_reported": [row(o) for o in outcomes],
        "delegation_trials_reported": [row(t) for t in trials],
    }


SECTION = PersonalData(export=_export)
