"""What came of delegation programmes and forums: the figures for the ministry.

Reads partnering's meetings and their feedback (`matchmaking.models`) and what
member companies report themselves (`MeetingOutcomeReport`, `TrialAttracted`,
`ProgrammeOutcomeReport`). A partnering meeting is held once, and counts once per
outcome, however many of its sides give feedback or report on it (a company's
outcome tied to it says it was held); an outcome tied to no partnering meeting
counts on its own. Partnering's term sheets count as investment discussions
(`PARTNERING_OUTCOME`). Trials attracted are the listed trials plus the bare
numbers reported before the list. A fixed number of queries, whatever the number
of events.
"""

from collections import defaultdict
from dataclasses import asdict, dataclass, fields

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from delegations.enums import PARTNERING_OUTCOME, ApplicationStatus
from delegations.enums import ReportedOutcome as R
from delegations.models import (
    MeetingOutcomeReport,
    ProgrammeOutcomeReport,
    TrialAttracted,
)
from events.authority import organised_events
from events.enums import EventKind
from events.exports import Column
from events.models import Event
from matchmaking.enums import MeetingStatus
from matchmaking.models import Meeting, MeetingFeedback, Participant

METRICS = {
    "companies_served": _("Companies served"),
    "meetings_held": _("Meetings held"),
    "follow_ups": _("Follow-ups agreed"),
    "cdas_signed": _("CDAs signed"),
    "agreements_signed": _("Agreements signed (CDAs and others)"),
    "trial_discussions": _("Trial or partnership discussions"),
    "investment_discussions": _("Investment discussions"),
    "trials_attracted": _("Trials attracted"),
    "multi_regional_trials": _("Multi-regional trials"),
    "korea_sites": _("Trial sites in Korea"),
}
OUTCOME_METRIC = {
    R.FOLLOW_UP: "follow_ups",
    R.CDA: "cdas_signed",
    R.TRIAL: "trial_discussions",
    R.INVESTMENT: "investment_discussions",
}


@dataclass
class Figures:
    companies_served: int = 0
    meetings_held: int = 0
    follow_ups: int = 0
    cdas_signed: int = 0
    agreements_signed: int = 0
    trial_discussions: int = 0
    investment_discussions: int = 0
    trials_attracted: int = 0
    multi_regional_trials: int = 0
    korea_sites: int = 0

    def in_order(self) -> list[int]:
        """The values in the order of `METRICS` (the dashboard's columns)."""
        return [getattr(self, m) for m in METRICS]

    def add(self, other: "Figures") -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


@dataclass
class EventFigures:
    event: Event
    figures: Figures

    @property
    def year(self) -> int:
        return self.event.start_date.year

    @property
    def values(self) -> list[int]:
        return self.figures.in_order()


def outcome_events(
    *, year: int | None = None, kind: str | None = None, user: User | None = None
):
    """Programmes and forums; with `user`, only those they organise."""
    events = Event.objects.filter(kind__in=[EventKind.DELEGATION, EventKind.FORUM])
    if user is not None:
        events = events.filter(pk__in=organised_events(user=user).values("pk"))
    if year:
        events = events.filter(start_date__year=year)
    if kind:
        events = events.filter(kind=kind)
    return events.order_by("start_date", "slug")


def outcome_years(*, user: User | None = None) -> list[int]:
    dates = outcome_events(user=user).dates("start_date", "year")
    return [d.year for d in dates]


def outcome_figures(
    *,
    year: int | None = None,
    kind: str | None = None,
    user: User | None = None,
    events: list[Event] | None = None,
) -> list[EventFigures]:
    if events is None:
        events = list(outcome_events(year=year, kind=kind, user=user))
    ids = [e.pk for e in events]
    by_event: dict[int, Figures] = defaultdict(Figures)
    _meetings(ids, by_event)
    _trials(ids, by_event)
    _companies(ids, by_event)
    for figures in by_event.values():
        figures.agreements_signed += figures.cdas_signed
    return [EventFigures(event=e, figures=by_event[e.pk]) for e in events]


def _count(figures: Figures, outcome: str | None) -> None:
    metric = OUTCOME_METRIC.get(outcome)
    if metric:
        setattr(figures, metric, getattr(figures, metric) + 1)


def _meetings(ids: list[int], by_event: dict[int, Figures]) -> None:
    """Held meetings and their outcomes, partnering's and companies' together."""
    held = set(
        Meeting.objects.filter(event_id__in=ids, status=MeetingStatus.HELD)
        .values_list("event_id", "pk")
        .order_by()
    )
    outcomes: set[tuple[int, int, str]] = set()
    feedback = (
        MeetingFeedback.objects.filter(meeting__event_id__in=ids)
        .values_list("meeting__event_id", "meeting_id", "outcome")
        .order_by()
    )
    for event_id, meeting_id, outcome in feedback:
        outcomes.add((event_id, meeting_id, PARTNERING_OUTCOME.get(outcome)))
    reports = (
        MeetingOutcomeReport.objects.filter(application__programme__event_id__in=ids)
        .values_list("application__programme__event_id", "meeting_id", "outcome")
        .order_by()
    )
    for event_id, meeting_id, outcome in reports:
        if meeting_id is None:
            by_event[event_id].meetings_held += 1
            _count(by_event[event_id], outcome)
        else:
            held.add((event_id, meeting_id))
            outcomes.add((event_id, meeting_id, outcome))
    for event_id, _meeting in held:
        by_event[event_id].meetings_held += 1
    for event_id, _meeting, outcome in outcomes:
        _count(by_event[event_id], outcome)


def _trials(ids: list[int], by_event: dict[int, Figures]) -> None:
    listed = (
        TrialAttracted.objects.filter(application__programme__event_id__in=ids)
        .values_list("application__programme__event_id")
        .annotate(
            n=Count("pk"),
            mrct=Count("pk", filter=Q(multi_regional=True)),
            sites=Sum("korea_sites"),
        )
        .order_by()
    )
    for event_id, n, mrct, sites in listed:
        figures = by_event[event_id]
        figures.trials_attracted += n
        figures.multi_regional_trials += mrct
        figures.korea_sites += sites or 0
    totals = (
        ProgrammeOutcomeReport.objects.filter(application__programme__event_id__in=ids)
        .values_list("application__programme__event_id")
        .annotate(
            trials=Sum("trials_without_details"), agreements=Sum("agreements_signed")
        )
        .order_by()
    )
    for event_id, trials, agreements in totals:
        by_event[event_id].trials_attracted += trials or 0
        by_event[event_id].agreements_signed += agreements or 0


def _companies(ids: list[int], by_event: dict[int, Figures]) -> None:
    """Delegations serve their confirmed members; forums the organisations of
    participants who held a meeting."""
    members = (
        Event.objects.filter(pk__in=ids, kind=EventKind.DELEGATION)
        .annotate(
            n=Count(
                "programme__applications",
                filter=Q(programme__applications__status=ApplicationStatus.CONFIRMED),
            )
        )
        .values_list("pk", "n")
    )
    for event_id, n in members:
        by_event[event_id].companies_served += n
    forum_orgs = (
        Participant.objects.filter(
            event_id__in=ids,
            event__kind=EventKind.FORUM,
            meetings__status=MeetingStatus.HELD,
        )
        .values_list("event_id")
        .annotate(n=Count("registration__user__organisation", distinct=True))
        .order_by()
    )
    for event_id, n in forum_orgs:
        by_event[event_id].companies_served += n


def outcome_totals(rows: list[EventFigures]) -> Figures:
    total = Figures()
    for row in rows:
        total.add(row.figures)
    return total


def outcome_by_year(rows: list[EventFigures]) -> list[tuple[int, Figures]]:
    years: dict[int, Figures] = defaultdict(Figures)
    for row in rows:
        years[row.year].add(row.figures)
    return sorted(years.items())


EXPORT_COLUMNS = [
    Column(_("Year")),
    Column(_("Event (English)")),
    Column(_("Event (Korean)")),
    Column(_("Kind")),
    *(Column(label) for label in METRICS.values()),
]


def outcome_export_rows(rows: list[EventFigures]) -> list[list]:
    """One row per event (`EXPORT_COLUMNS`), then the total: for CSV and XLSX."""
    table: list[list] = []
    for row in rows:
        values = asdict(row.figures)
        event = row.event
        table.append(
            [
                row.year,
                event.name_en,
                event.name_ko,
                event.get_kind_display(),
                *(values[m] for m in METRICS),
            ]
        )
    total = asdict(outcome_totals(rows))
    table.append(["", str(_("Total")), "", "", *(total[m] for m in METRICS)])
    return table
