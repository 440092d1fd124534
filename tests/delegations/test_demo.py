import datetime as dt

import pytest
from django.core.management import call_command

from cms.models import DelegationProgrammePage
from delegations.enums import ApplicationStatus as S
from delegations.models import (
    ApplicationReview,
    Delegate,
    DelegationApplication,
    MeetingOutcomeReport,
    ProgrammeOutcomeReport,
    TrialAttracted,
)
from matchmaking.models import Meeting, Participant
from registration.models import Registration

pytestmark = [pytest.mark.integration, pytest.mark.django_db, pytest.mark.slow]


def _counts() -> dict[str, int]:
    models = (
        DelegationApplication,
        ApplicationReview,
        Delegate,
        MeetingOutcomeReport,
        ProgrammeOutcomeReport,
        TrialAttracted,
        Registration,
    )
    return {model.__name__: model.objects.count() for model in models}


def test_the_demo_programme_runs_from_application_to_outcomes(capsys):
    # Loading twice is tested in test_demo.py, which counts these models too.
    call_command("load_demo")
    first = _counts()

    statuses = dict(
        DelegationApplication.objects.values_list("organisation__name", "status")
    )
    assert sorted(statuses.values()) == sorted(
        [S.CONFIRMED] * 8
        + [S.SUBMITTED, S.SUBMITTED, S.SHORTLISTED, S.WAITLISTED, S.REJECTED]
        + [S.ACCEPTED, S.DRAFT]
    )
    assert first["Delegate"] == 17
    assert first["MeetingOutcomeReport"] == 11
    assert first["TrialAttracted"] == 2
    assert first["ProgrammeOutcomeReport"] == 3
    delegate = Delegate.objects.get(user__email="delegate@convene.test")
    assert delegate.registration.category == "delegation"
    assert delegate.user.check_password("convene-demo")
    out = capsys.readouterr().out
    assert "applicant@convene.test" in out
    meetings = Meeting.objects.filter(
        event__slug="asco-2027-delegation", slot__isnull=False, table__isnull=False
    )
    assert meetings.count() == 16  # every pre-arranged meeting placed and published
    mine = meetings.filter(participants__registration=delegate.registration)
    assert mine.count() == 2
    people = Participant.objects.filter(event__slug="asco-2027-delegation")
    assert sum(p.blocked_slots.count() for p in people) > 0  # shifts and the visit
    assert not [p for p in people if p.meetings.filter(slot__in=p.blocked_slots.all())]
    page = DelegationProgrammePage.objects.get(locale__language_code="en")
    assert page.apply_url.endswith("/en/delegation/asco-2027-delegation/apply/")
    _each_outcome_is_dated_and_named_by_the_meeting_it_came_from()


def _demo_outcomes():
    return MeetingOutcomeReport.objects.select_related(
        "meeting__slot", "session", "application__organisation"
    ).prefetch_related("meeting__participants__registration__user__organisation")


def _each_outcome_is_dated_and_named_by_the_meeting_it_came_from():
    outcomes = list(_demo_outcomes())
    tied = [o for o in outcomes if o.meeting_id]
    assert len(tied) == 9
    assert sum(1 for o in outcomes if o.session_id) == 1
    for outcome in tied:
        meeting = outcome.meeting
        tz = meeting.event.tz
        assert outcome.held_on == meeting.slot.start.astimezone(tz).date()
        orgs = {
            p.registration.user.organisation.name for p in meeting.participants.all()
        }
        assert outcome.application.organisation.name in orgs
        assert outcome.counterpart in orgs
    cda = next(o for o in tied if o.outcome == "cda")
    assert cda.held_on >= dt.date(2027, 6, 2)  # not before the meeting it came from
    visit = next(o for o in outcomes if o.session_id)
    assert (
        visit.held_on == visit.session.start.astimezone(visit.session.event.tz).date()
    )
    for trial in TrialAttracted.objects.select_related("outcome"):
        assert trial.outcome.outcome == "trial"
        assert trial.sponsor == trial.outcome.counterpart
