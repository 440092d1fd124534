"""What member companies report themselves: each meeting's outcome and their
programme as a whole (the figures are drawn in `delegations.outcomes`)."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from delegations.enums import ApplicationStatus as S
from delegations.models import (
    DelegationApplication,
    MeetingOutcomeReport,
    ProgrammeOutcomeReport,
)
from delegations.services.common import DelegationError, require_company, save


def _require_member(application: DelegationApplication, user: User) -> None:
    require_company(application, user)
    if application.status != S.CONFIRMED:
        raise DelegationError(_("Only member companies report outcomes."))


@transaction.atomic
def meeting_outcome_report(
    *,
    application: DelegationApplication,
    user: User,
    counterpart: str,
    held_on: dt.date,
    outcome: str,
    notes: str = "",
) -> MeetingOutcomeReport:
    """Record (or correct) one meeting; keyed on counterpart and day."""
    _require_member(application, user)
    event = application.programme.event
    if not event.start_date <= held_on <= event.end_date:
        raise DelegationError(
            _("The meeting must fall within the programme (%(a)s to %(b)s).")
            % {"a": event.start_date, "b": event.end_date},
            400,
        )
    report = MeetingOutcomeReport.objects.filter(
        application=application, counterpart=counterpart.strip(), held_on=held_on
    ).first() or MeetingOutcomeReport(
        application=application, counterpart=counterpart.strip(), held_on=held_on
    )
    return save(report, outcome=outcome, notes=notes, reported_by=user)


@transaction.atomic
def programme_report_save(
    *,
    application: DelegationApplication,
    user: User,
    trials_attracted: int,
    agreements_signed: int,
    satisfaction: int,
    comments: str = "",
) -> ProgrammeOutcomeReport:
    _require_member(application, user)
    report = ProgrammeOutcomeReport.objects.filter(
        application=application
    ).first() or ProgrammeOutcomeReport(application=application)
    return save(
        report,
        trials_attracted=trials_attracted,
        agreements_signed=agreements_signed,
        satisfaction=satisfaction,
        comments=comments,
    )
