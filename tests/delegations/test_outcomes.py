"""Outcome aggregation across delegation programmes and forums, by year."""

import dataclasses
import datetime as dt

import pytest

from delegations import outcomes
from delegations import services as svc
from delegations.enums import ApplicationStatus as S
from delegations.exports import grouped_bar_svg
from matchmaking.enums import MeetingStatus, Outcome
from matchmaking.models import MeetingFeedback
from tests.factories.delegations import (
    ApplicationFactory,
    DelegationEventFactory,
    ProgrammeFactory,
)
from tests.factories.events import OrganisationFactory
from tests.factories.matchmaking import (
    ParticipantFactory,
    accepted_meeting,
    partnering_event,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _held(meeting, *feedback):
    meeting.status = MeetingStatus.HELD
    meeting.save()
    for participant, outcome in feedback:
        MeetingFeedback.objects.create(
            meeting=meeting, participant=participant, outcome=outcome
        )


@pytest.fixture
def forum():
    """A 2027 forum: three held meetings, one no-show, feedback from both sides."""
    event = partnering_event().event
    shared = OrganisationFactory(kind="biotech")
    a = ParticipantFactory(event=event, kind="investor")
    b = ParticipantFactory(event=event)
    c = ParticipantFactory(event=event, kind="investor")
    d = ParticipantFactory(event=event)
    d.registration.user.organisation = shared
    d.registration.user.save()
    first = accepted_meeting(a, b)
    # Follow-up from one side, CDA from the other: one meeting in each count.
    _held(first, (a, Outcome.FOLLOW_UP), (b, Outcome.CDA))
    second = accepted_meeting(c, b)
    _held(second, (c, Outcome.FOLLOW_UP), (b, Outcome.FOLLOW_UP))
    third = accepted_meeting(a, d)
    _held(third, (a, Outcome.TERM_SHEET))
    no_show = accepted_meeting(c, d)
    no_show.status = MeetingStatus.NO_SHOW
    no_show.save()
    return event


@pytest.fixture
def programme():
    """ASCO 2027: two members report meetings, one also its overall results."""
    programme = ProgrammeFactory()
    first = ApplicationFactory(programme=programme, status=S.CONFIRMED)
    second = ApplicationFactory(programme=programme, status=S.CONFIRMED)
    ApplicationFactory(programme=programme, status=S.REJECTED)
    day = dt.date(2027, 6, 1)
    for application, counterpart, outcome in [
        (first, "Global Pharma A", "cda"),
        (first, "Global Pharma B", "trial"),
        (first, "US CRO", "none"),
        (second, "Global Pharma A", "follow_up"),
        (second, "Boston VC", "investment"),
    ]:
        svc.meeting_outcome_report(
            application=application,
            user=application.applicant,
            counterpart=counterpart,
            held_on=day,
            outcome=outcome,
        )
    svc.programme_report_save(
        application=first, user=first.applicant, agreements_signed=1, satisfaction=5
    )
    for title, mrct, sites in [("ADC basket study", True, 3), ("KRAS 1b", False, 1)]:
        svc.trial_save(
            application=first,
            user=first.applicant,
            sponsor="Global Pharma B",
            title=title,
            phase="2",
            multi_regional=mrct,
            korea_sites=sites,
        )
    return programme


def _figures(rows, event):
    return next(r.figures for r in rows if r.event == event)


def test_forum_figures_count_each_meeting_once_per_outcome(forum):
    figures = _figures(outcomes.outcome_figures(), forum)
    assert (
        figures.meetings_held,
        figures.follow_ups,
        figures.cdas_signed,
        figures.investment_discussions,
        figures.agreements_signed,
        figures.companies_served,
    ) == (3, 2, 1, 1, 1, 4)


def test_programme_figures_come_from_what_members_report(programme):
    figures = _figures(outcomes.outcome_figures(), programme.event)
    assert dataclasses.asdict(figures) == {
        "companies_served": 2,
        "meetings_held": 5,
        "follow_ups": 1,
        "cdas_signed": 1,
        "agreements_signed": 2,
        "trial_discussions": 1,
        "investment_discussions": 1,
        "trials_attracted": 2,
        "multi_regional_trials": 1,
        "korea_sites": 4,
    }


def test_totals_by_year_and_filters(forum, programme):
    older = ProgrammeFactory(
        event=DelegationEventFactory(
            start_date=dt.date(2026, 6, 1), end_date=dt.date(2026, 6, 3)
        ),
        host_start_date=dt.date(2026, 6, 1),
        host_end_date=dt.date(2026, 6, 3),
    )
    member = ApplicationFactory(programme=older, status=S.CONFIRMED)
    svc.meeting_outcome_report(
        application=member,
        user=member.applicant,
        counterpart="Global Pharma A",
        held_on=dt.date(2026, 6, 2),
        outcome="follow_up",
    )

    rows = outcomes.outcome_figures()
    by_year = {year: f.meetings_held for year, f in outcomes.outcome_by_year(rows)}
    total = outcomes.outcome_totals(rows)
    only_2027_forums = outcomes.outcome_figures(year=2027, kind="forum")

    assert by_year == {2026: 1, 2027: 8}
    assert (total.meetings_held, total.follow_ups, total.companies_served) == (9, 4, 7)
    assert [r.event for r in only_2027_forums] == [forum]
    table = outcomes.outcome_export_rows(rows)
    assert table[-1] == ["", "Total", "", "", 7, 9, 4, 2, 3, 1, 2, 2, 1, 4]


def test_outcome_queries_do_not_grow_with_events(
    forum, programme, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):  # events, 6 readings, the companies
        outcomes.outcome_figures()


def test_a_meeting_outside_the_programme_dates_is_refused(programme):
    member = programme.applications.filter(status=S.CONFIRMED).first()
    with pytest.raises(svc.DelegationError, match="within the programme"):
        svc.meeting_outcome_report(
            application=member,
            user=member.applicant,
            counterpart="Late Pharma",
            held_on=dt.date(2027, 7, 1),
            outcome="cda",
        )


def test_only_members_report_outcomes(programme):
    rejected = programme.applications.get(status=S.REJECTED)
    with pytest.raises(svc.DelegationError, match="Only member companies"):
        svc.meeting_outcome_report(
            application=rejected,
            user=rejected.applicant,
            counterpart="Global Pharma A",
            held_on=dt.date(2027, 6, 1),
            outcome="cda",
        )


def test_the_chart_escapes_labels_and_writes_values():
    svg = grouped_bar_svg([("2027", [3, 0])], ["<b>held</b>", "CDAs"], title="T")
    assert "&lt;b&gt;held&lt;/b&gt;" in svg
    assert ">3</text>" in svg
    assert ">0</text>" in svg
