"""What member companies report themselves: each meeting's outcome (tied to the
meeting it came from where there is one), the trials they attracted and their
programme as a whole (the figures are drawn in `delegations.outcomes`)."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from delegations.enums import ApplicationStatus as S
from delegations.models import (
    DelegationApplication,
    MeetingOutcomeReport,
    ProgrammeOutcomeReport,
    TrialAttracted,
)
from delegations.selectors import CompanyMeeting, company_meetings
from delegations.services.common import DelegationError, require_company, save
from events.localtime import zone_of
from events.models import Session
from matchmaking.models import Meeting


def _require_member(application: DelegationApplication, user: User) -> None:
    require_company(application, user)
    if application.status != S.CONFIRMED:
        raise DelegationError(_("Only member companies report outcomes."))


def _company_meeting(
    application: DelegationApplication,
    meeting: Meeting | None,
    session: Session | None,
) -> CompanyMeeting | None:
    """The company's own meeting or item, or a 400 naming the rule."""
    if meeting is None and session is None:
        return None
    if meeting is not None and session is not None:
        raise DelegationError(
            _("Choose a partnering meeting or an itinerary item, not both."), 400
        )
    key = f"m{meeting.pk}" if meeting is not None else f"s{session.pk}"
    # Counterparts are kept in the site's language, whatever the reporter's.
    with translation.override(settings.LANGUAGE_CODE):
        meetings = company_meetings(application=application)
    found = next((c for c in meetings if c.key == key), None)
    if found is None:
        raise DelegationError(
            _(
                "Choose one of your company's own meetings: this one is not on "
                "its schedule or itinerary."
            ),
            400,
        )
    return found


def _existing(application, source: CompanyMeeting | None, counterpart, held_on):
    outcomes = MeetingOutcomeReport.objects.filter(application=application)
    if source is None:
        outcomes = outcomes.filter(
            meeting__isnull=True,
            session__isnull=True,
            counterpart=counterpart,
            held_on=held_on,
        )
    elif source.meeting is not None:
        outcomes = outcomes.filter(meeting=source.meeting)
    else:
        outcomes = outcomes.filter(session=source.session)
    return outcomes.first()


@transaction.atomic
def meeting_outcome_report(
    *,
    application: DelegationApplication,
    user: User,
    outcome: str,
    meeting: Meeting | None = None,
    session: Session | None = None,
    counterpart: str = "",
    held_on: dt.date | None = None,
    notes: str = "",
) -> MeetingOutcomeReport:
    """Record (or correct) one meeting's outcome.

    Tied to a partnering meeting, its day and counterpart are the meeting's; tied
    to an itinerary item, its day is the item's and the counterpart is typed (the
    item's title when left empty); tied to nothing, both are typed. One outcome
    per meeting or item; an untied one is keyed on counterpart and day.
    """
    _require_member(application, user)
    event = application.programme.event
    source = _company_meeting(application, meeting, session)
    counterpart = (counterpart or "").strip()
    if source is not None:
        held_on = source.start.astimezone(zone_of(event)).date()
        if source.meeting is not None or not counterpart:
            counterpart = source.counterpart[:200]
    if not counterpart or held_on is None:
        raise DelegationError(
            _("Say whom you met and on which day, or choose the meeting."), 400
        )
    if not event.start_date <= held_on <= event.end_date:
        raise DelegationError(
            _("The meeting must fall within the programme (%(a)s to %(b)s).")
            % {"a": event.start_date, "b": event.end_date},
            400,
        )
    report = _existing(application, source, counterpart, held_on)
    report = report or MeetingOutcomeReport(application=application)
    return save(
        report,
        meeting=source.meeting if source else None,
        session=source.session if source else None,
        counterpart=counterpart,
        held_on=held_on,
        outcome=outcome,
        notes=notes,
        reported_by=user,
    )


TRIAL_FIELDS = (
    "sponsor",
    "title",
    "identifier",
    "phase",
    "multi_regional",
    "korea_sites",
)


@transaction.atomic
def trial_save(
    *,
    application: DelegationApplication,
    user: User,
    sponsor: str,
    title: str,
    phase: str,
    identifier: str = "",
    multi_regional: bool = False,
    korea_sites: int = 0,
    outcome: MeetingOutcomeReport | None = None,
    trial: TrialAttracted | None = None,
) -> TrialAttracted:
    """Add a trial to the company's list (or correct one); the same sponsor and
    title again corrects the row already listed."""
    _require_member(application, user)
    if outcome is not None and outcome.application_id != application.pk:
        raise DelegationError(_("This meeting is another company's."), 400)
    if trial is not None and trial.application_id != application.pk:
        raise DelegationError(_("This trial is another company's."), 403)
    sponsor, title = sponsor.strip(), title.strip()
    if trial is None:
        trial = TrialAttracted.objects.filter(
            application=application, sponsor=sponsor, title=title
        ).first() or TrialAttracted(application=application)
    return save(
        trial,
        sponsor=sponsor,
        title=title,
        identifier=identifier.strip(),
        phase=phase,
        multi_regional=multi_regional,
        korea_sites=korea_sites,
        outcome=outcome,
        reported_by=user,
    )


@transaction.atomic
def trial_remove(*, trial: TrialAttracted, user: User) -> None:
    _require_member(trial.application, user)
    trial.delete()


@transaction.atomic
def programme_report_save(
    *,
    application: DelegationApplication,
    user: User,
    agreements_signed: int,
    satisfaction: int,
    comments: str = "",
    trials_without_details: int | None = None,
) -> ProgrammeOutcomeReport:
    """The programme as a whole. Trials are listed one by one (`trial_save`);
    a number reported before the list existed may only go down as they are."""
    _require_member(application, user)
    report = ProgrammeOutcomeReport.objects.filter(
        application=application
    ).first() or ProgrammeOutcomeReport(application=application)
    earlier = report.trials_without_details
    if trials_without_details is None:
        trials_without_details = earlier
    if trials_without_details > earlier:
        raise DelegationError(
            _("List each trial instead: the number reported earlier can only go down."),
            400,
        )
    return save(
        report,
        trials_without_details=trials_without_details,
        agreements_signed=agreements_signed,
        satisfaction=satisfaction,
        comments=comments,
    )
