"""The ministry's report of delegation programmes, with what stands behind each
number: one row per member company and per outcome it reported (the meeting it
came from, on the event's clock, its counterpart, kind and a link to the
evidence), the trials attracted one by one, then the totals of
`delegations.outcomes` computed from the same rows.

Written by `events.exports` as one XLSX book (Outcomes, Trials, Totals) or as
one CSV per part. A fixed number of queries, whatever the number of companies.
"""

from collections.abc import Callable

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.models import User
from delegations import outcomes
from delegations.enums import ApplicationStatus
from delegations.models import (
    DelegationApplication,
    DelegationProgramme,
    MeetingOutcomeReport,
    TrialAttracted,
)
from delegations.selectors import outcome_label, programme_list
from events.authority import organised_events
from events.exports import DATE, DATETIME, INTEGER, Column, Sheet, shared_zone
from events.localtime import naive_local

PARTS = ("outcomes", "trials", "totals")
Link = Callable[[DelegationApplication, str], str]


def ministry_programmes(
    *, user: User, slug: str | None = None, year: int | None = None
) -> QuerySet[DelegationProgramme]:
    """The programmes `user` organises (`events.authority`), one or a year's."""
    programmes = programme_list().filter(
        event__in=organised_events(user=user).values("pk")
    )
    if slug:
        programmes = programmes.filter(event__slug=slug)
    if year:
        programmes = programmes.filter(event__start_date__year=year)
    return programmes


def _members(programmes) -> list[DelegationApplication]:
    reports = MeetingOutcomeReport.objects.select_related(
        "meeting__slot", "meeting__table", "session__room", "reported_by"
    ).order_by("held_on", "pk")
    trials = TrialAttracted.objects.select_related(
        "outcome__meeting__slot", "outcome__session"
    ).order_by("sponsor", "title", "pk")
    return list(
        DelegationApplication.objects.filter(
            programme__in=programmes, status=ApplicationStatus.CONFIRMED
        )
        .select_related("programme__event", "organisation", "report")
        .prefetch_related(
            Prefetch("outcomes", queryset=reports), Prefetch("trials", queryset=trials)
        )
        .order_by("programme__event__start_date", "organisation__name", "pk")
    )


def _company(application: DelegationApplication) -> list:
    event, org = application.programme.event, application.organisation
    return [event.start_date.year, event.name, org.name_en, org.name_ko]


def _where(report: MeetingOutcomeReport) -> str:
    if report.meeting_id and report.meeting.table_id:
        return str(report.meeting.table)
    if report.session_id and report.session.room_id:
        return str(report.session.room)
    return ""


def _source(report: MeetingOutcomeReport) -> str:
    if report.meeting_id:
        return _("Partnering meeting")
    if report.session_id:
        return _("Itinerary item: %(title)s") % {"title": report.session.title}
    return _("No meeting on record (reported by the company)")


COMPANY_COLUMNS = [
    Column(gettext_lazy("Year"), INTEGER),
    Column(gettext_lazy("Programme")),
    Column(gettext_lazy("Company (English)")),
    Column(gettext_lazy("Company (Korean)")),
]
OUTCOME_COLUMNS = [
    *COMPANY_COLUMNS,
    Column(gettext_lazy("Meeting")),
    Column(gettext_lazy("Date"), DATE),
    Column(gettext_lazy("Starts"), DATETIME),
    Column(gettext_lazy("Where")),
    Column(gettext_lazy("Counterpart")),
    Column(gettext_lazy("Outcome")),
    Column(gettext_lazy("Trials from this meeting"), INTEGER),
    Column(gettext_lazy("Notes")),
    Column(gettext_lazy("Reported by")),
    Column(gettext_lazy("Evidence")),
]
TRIAL_COLUMNS = [
    *COMPANY_COLUMNS,
    Column(gettext_lazy("Sponsor")),
    Column(gettext_lazy("Trial")),
    Column(gettext_lazy("Registry number")),
    Column(gettext_lazy("Phase")),
    Column(gettext_lazy("Multi-regional")),
    Column(gettext_lazy("Sites in Korea"), INTEGER),
    Column(gettext_lazy("From the meeting")),
    Column(gettext_lazy("Evidence")),
]


class _Clock:
    """Aware times as they are when the sheet has one zone; else each row's
    event's local time, already naive (the heading then says "local time")."""

    def __init__(self, members: list[DelegationApplication]):
        self.zone = shared_zone(a.programme.event for a in members)

    def __call__(self, moment, event):
        if moment is None or self.zone is not None:
            return moment
        return naive_local(moment, event.tz)


def _outcome_rows(members, link: Link, clock: _Clock) -> list[list]:
    rows = []
    for application in members:
        event = application.programme.event
        reports = list(application.outcomes.all())
        if not reports:
            blank = [""] * (len(OUTCOME_COLUMNS) - len(COMPANY_COLUMNS) - 1)
            blank[0] = _("No outcome reported")
            rows.append([*_company(application), *blank, link(application, "")])
        for r in reports:
            rows.append(
                [
                    *_company(application),
                    _source(r),
                    r.held_on,
                    clock(r.start, event),
                    _where(r),
                    r.counterpart,
                    r.get_outcome_display(),
                    sum(1 for t in application.trials.all() if t.outcome_id == r.pk),
                    r.notes,
                    str(r.reported_by) if r.reported_by_id else "",
                    link(application, f"outcome-{r.pk}"),
                ]
            )
    return rows


def _trial_rows(members, link: Link) -> list[list]:
    rows = []
    for application in members:
        event = application.programme.event
        for t in application.trials.all():
            rows.append(
                [
                    *_company(application),
                    t.sponsor,
                    t.title,
                    t.identifier,
                    t.get_phase_display(),
                    t.multi_regional,
                    t.korea_sites,
                    outcome_label(t.outcome, event) if t.outcome_id else "",
                    link(application, f"trial-{t.pk}"),
                ]
            )
        report = getattr(application, "report", None)
        if report is not None and report.trials_without_details:
            n = report.trials_without_details
            without = ngettext(
                "%(n)s trial reported without details",
                "%(n)s trials reported without details",
                n,
            ) % {"n": n}
            details = ["", without, "", "", None, None, "", ""]
            rows.append([*_company(application), *details])
    return rows


def ministry_sheets(programmes, *, link: Link) -> dict[str, Sheet]:
    """The three parts of the report (`PARTS`); `link(application, anchor)` is
    the absolute address of the organiser's page showing the evidence."""
    members = _members(programmes)
    clock = _Clock(members)
    events = [p.event for p in programmes]
    figures = outcomes.outcome_figures(events=events)
    return {
        "outcomes": Sheet(
            title=_("Outcomes"),
            columns=OUTCOME_COLUMNS,
            rows=_outcome_rows(members, link, clock),
            zone=clock.zone,
        ),
        "trials": Sheet(
            title=_("Trials attracted"),
            columns=TRIAL_COLUMNS,
            rows=_trial_rows(members, link),
        ),
        "totals": Sheet(
            title=_("Totals"),
            columns=outcomes.EXPORT_COLUMNS,
            rows=outcomes.outcome_export_rows(figures),
        ),
    }
