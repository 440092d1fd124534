"""Reads for delegation programmes: who may see which application, the roster and
the itinerary in the host zone with Korea time beside it.

Someone else's application is never "forbidden", it does not exist for them
(`DoesNotExist`, a 404 on pages and in the API).
"""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Avg, Count, Prefetch, Q, QuerySet

from accounts.models import User
from delegations.enums import HOLDS_PLACE, HOME_TIMEZONE, ApplicationStatus
from delegations.models import (
    ApplicationReview,
    Delegate,
    DelegationApplication,
    DelegationProgramme,
)
from events import selectors
from events.authority import is_organiser
from events.enums import TeamRole
from events.localtime import local_text
from events.models import Event, Session
from matchmaking.enums import MeetingStatus
from matchmaking.models import Meeting

HOME = ZoneInfo(HOME_TIMEZONE)


def programme_list() -> QuerySet[DelegationProgramme]:
    return DelegationProgramme.objects.select_related("event__venue").order_by(
        "event__start_date", "pk"
    )


def programme_list_open(*, now: dt.datetime) -> QuerySet[DelegationProgramme]:
    return programme_list().filter(
        event__is_published=True,
        applications_open_at__lte=now,
        application_deadline__gt=now,
    )


def programme_get(*, slug: str) -> DelegationProgramme:
    return programme_list().get(event__slug=slug)


def programme_list_for_organiser(*, user: User) -> QuerySet[DelegationProgramme]:
    programmes = programme_list()
    if user.is_superuser:
        return programmes
    return programmes.filter(
        event__members__user=user, event__members__role=TeamRole.ORGANISER
    ).distinct()


def places_taken(*, programme: DelegationProgramme) -> int:
    return programme.applications.filter(status__in=HOLDS_PLACE).count()


def _applications() -> QuerySet[DelegationApplication]:
    return DelegationApplication.objects.select_related(
        "programme__event", "organisation", "applicant"
    ).prefetch_related("documents")


def application_list_for_applicant(*, user: User) -> QuerySet[DelegationApplication]:
    """Applications of the user's company (colleagues share them) or their own."""
    mine = Q(applicant=user)
    if user.organisation_id:
        mine |= Q(organisation_id=user.organisation_id)
    return _applications().filter(mine).order_by("-programme__event__start_date")


def application_get_for_applicant(*, user: User, pk: int) -> DelegationApplication:
    return application_list_for_applicant(user=user).get(pk=pk)


def application_find_for_company(
    *, programme: DelegationProgramme, user: User
) -> DelegationApplication | None:
    return application_list_for_applicant(user=user).filter(programme=programme).first()


def application_list_for_organiser(
    *, programme: DelegationProgramme, status: str | None = None
) -> QuerySet[DelegationApplication]:
    """The programme's applications with their mean score and review counts."""
    applications = (
        _applications()
        .filter(programme=programme)
        .exclude(status=ApplicationStatus.DRAFT)
        .prefetch_related("reviews__reviewer")
        .annotate(
            score=Avg(
                "reviews__fit",
                filter=Q(reviews__scored_at__isnull=False),
            )
            + Avg("reviews__readiness", filter=Q(reviews__scored_at__isnull=False))
            + Avg("reviews__potential", filter=Q(reviews__scored_at__isnull=False)),
            reviews_assigned=Count("reviews", distinct=True),
            reviews_done=Count(
                "reviews", filter=Q(reviews__scored_at__isnull=False), distinct=True
            ),
        )
    )
    if status:
        applications = applications.filter(status=status)
    return applications.order_by("organisation__name", "pk")


def application_get_for_organiser(*, user: User, pk: int) -> DelegationApplication:
    application = _applications().prefetch_related("reviews__reviewer").get(pk=pk)
    if not is_organiser(user=user, event=application.programme.event):
        raise DelegationApplication.DoesNotExist
    return application


def application_visible_get(*, user: User, pk: int) -> DelegationApplication | None:
    """The application if the user's company made it, reviews it or organises it."""
    application = _applications().filter(pk=pk).first()
    if application is None:
        return None
    if application_list_for_applicant(user=user).filter(pk=pk).exists():
        return application
    if application.reviews.filter(reviewer=user).exists():
        return application
    if is_organiser(user=user, event=application.programme.event):
        return application
    return None


def review_list_for_reviewer(*, user: User) -> QuerySet[ApplicationReview]:
    """Only the reviews assigned to this person; never other applications."""
    return (
        ApplicationReview.objects.filter(reviewer=user)
        .exclude(application__status=ApplicationStatus.DRAFT)
        .select_related("application__organisation", "application__programme__event")
        .prefetch_related("application__documents")
        .order_by("application__programme__event__start_date", "pk")
    )


def review_get_for_reviewer(*, user: User, pk: int) -> ApplicationReview:
    return review_list_for_reviewer(user=user).get(pk=pk)


def reviewer_candidates(*, programme: DelegationProgramme) -> QuerySet[User]:
    """The event's team: organisers and editors may review."""
    return (
        User.objects.filter(
            event_roles__event=programme.event,
            event_roles__role__in=[TeamRole.ORGANISER, TeamRole.EDITOR],
        )
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


def roster(*, programme: DelegationProgramme) -> QuerySet[DelegationApplication]:
    """Confirmed member companies with their delegates."""
    delegates = Delegate.objects.select_related("user").order_by(
        "user__last_name", "user__first_name", "pk"
    )
    return (
        DelegationApplication.objects.filter(
            programme=programme, status=ApplicationStatus.CONFIRMED
        )
        .select_related("organisation", "applicant")
        .prefetch_related(Prefetch("delegates", queryset=delegates))
        .order_by("organisation__name", "pk")
    )


def delegate_list_for_user(*, user: User) -> QuerySet[Delegate]:
    return (
        Delegate.objects.filter(
            user=user, application__status=ApplicationStatus.CONFIRMED
        )
        .select_related("application__programme__event", "application__organisation")
        .order_by("-application__programme__event__start_date")
    )


def delegate_find_for_user(
    *, user: User, programme: DelegationProgramme
) -> Delegate | None:
    return (
        delegate_list_for_user(user=user)
        .filter(application__programme=programme)
        .first()
    )


def delegate_meetings(*, delegate: Delegate | None) -> list:
    """The delegate's scheduled partnering meetings in the programme's event
    (pre-arranged with global pharma, placed by the same scheduler)."""
    if delegate is None or delegate.registration_id is None:
        return []
    meetings = (
        Meeting.objects.filter(
            participants__registration_id=delegate.registration_id,
            slot__isnull=False,
        )
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("slot__block", "table")
        .prefetch_related("participants__registration__user__organisation")
        .order_by("slot__start", "pk")
    )
    return list(meetings)


@dataclass(frozen=True)
class MeetingRow:
    """A delegate's scheduled meeting: times in the host zone and in Korea, where,
    and whom they meet (the other participants, with their organisations)."""

    meeting: Meeting
    start: dt.datetime
    end: dt.datetime
    start_korea: dt.datetime
    where: str
    with_whom: str

    @property
    def korea_day_differs(self) -> bool:
        return self.start_korea.date() != self.start.date()


def delegate_meeting_rows(*, event: Event, delegate: Delegate | None) -> list:
    rows = []
    for m in delegate_meetings(delegate=delegate):
        others = [
            p.registration.user
            for p in m.participants.all()
            if p.registration_id != delegate.registration_id
        ]
        where = ", ".join(
            str(x) for x in (m.slot.block.label if m.slot.block else "", m.table) if x
        )
        rows.append(
            MeetingRow(
                meeting=m,
                start=m.slot.start.astimezone(event.tz),
                end=m.slot.end.astimezone(event.tz),
                start_korea=m.slot.start.astimezone(HOME),
                where=where,
                with_whom=", ".join(
                    f"{u} ({u.organisation})" if u.organisation else str(u)
                    for u in others
                ),
            )
        )
    return rows


def itinerary_sessions(
    *, event: Event, delegate: Delegate | None = None
) -> list[Session]:
    """The itinerary, through the same selector as the public programme page.

    Items assigned to nobody are everyone's; with `delegate`, assigned items
    appear only on the itineraries of the delegates they are assigned to.
    """
    sessions = selectors.session_list_for_agenda(event=event).prefetch_related(
        Prefetch("assigned_delegates", queryset=Delegate.objects.select_related("user"))
    )
    if delegate is None:
        return list(sessions)
    return [
        s
        for s in sessions
        if not s.assigned_delegates.all()
        or any(d.pk == delegate.pk for d in s.assigned_delegates.all())
    ]


@dataclass(frozen=True)
class ItineraryRow:
    """One item's times as aware datetimes in the host zone and in Korea."""

    session: Session
    start: dt.datetime
    end: dt.datetime
    start_korea: dt.datetime
    end_korea: dt.datetime

    @property
    def korea_day_differs(self) -> bool:
        return self.start_korea.date() != self.start.date()


def itinerary_rows(*, event: Event, sessions: list[Session]) -> list[ItineraryRow]:
    return [
        ItineraryRow(
            session=s,
            start=s.start.astimezone(event.tz),
            end=s.end.astimezone(event.tz),
            start_korea=s.start.astimezone(HOME),
            end_korea=s.end.astimezone(HOME),
        )
        for s in sessions
    ]


@dataclass(frozen=True)
class ItineraryDay:
    """One host-city day: items (`Session`) and meetings (`MeetingRow`) in time
    order; `entry.session` is None for a meeting."""

    day: dt.date
    entries: list


@dataclass(frozen=True)
class Entry:
    start: dt.datetime
    session: Session | None = None
    meeting: MeetingRow | None = None


def itinerary_day_entries(
    *, event: Event, sessions: list[Session], meetings: list[MeetingRow]
) -> list[ItineraryDay]:
    entries = [Entry(start=s.start.astimezone(event.tz), session=s) for s in sessions]
    entries += [Entry(start=m.start, meeting=m) for m in meetings]
    by_day: dict[dt.date, list[Entry]] = {}
    for entry in sorted(entries, key=lambda e: e.start):
        by_day.setdefault(entry.start.date(), []).append(entry)
    return [ItineraryDay(day=d, entries=e) for d, e in by_day.items()]


WAITING_FOR_DECISION = (ApplicationStatus.SUBMITTED, ApplicationStatus.SHORTLISTED)


def applications_waiting(*, events: list[Event]) -> dict[int, int]:
    """Per event id with a programme: applications submitted or shortlisted, so
    still waiting for the organisers' decision (one query for all events)."""
    rows = (
        DelegationProgramme.objects.filter(event__in=events)
        .annotate(
            n=Count(
                "applications",
                filter=Q(applications__status__in=WAITING_FOR_DECISION),
            )
        )
        .values_list("event_id", "n")
    )
    return dict(rows)


@dataclass(frozen=True)
class CompanyMeeting:
    """A meeting a member company may tie an outcome to: one of its partnering
    meetings (`key` "m<pk>") or an item on its delegates' itinerary ("s<pk>").
    `label` is its local time with the zone, and whom or what it was with."""

    key: str
    start: dt.datetime
    counterpart: str
    label: str
    meeting: Meeting | None = None
    session: Session | None = None


def _meeting_counterpart(meeting: Meeting, application: DelegationApplication) -> str:
    """The other side's organisations (or names, for someone without one)."""
    others = []
    for p in meeting.participants.all():
        user = p.registration.user
        delegate = getattr(p.registration, "delegate", None)
        ours = user.organisation_id == application.organisation_id or (
            delegate is not None and delegate.application_id == application.pk
        )
        if not ours:
            name = user.organisation.name if user.organisation_id else str(user)
            others.append(name)
    return ", ".join(dict.fromkeys(others))


def company_partnering_meetings(
    *, application: DelegationApplication
) -> QuerySet[Meeting]:
    """The company's scheduled, not cancelled, partnering meetings in the
    programme's event: one of its delegates or colleagues takes part."""
    company = Q(participants__registration__delegate__application=application) | Q(
        participants__registration__user__organisation_id=application.organisation_id
    )
    ids = Meeting.objects.filter(
        company, event_id=application.programme.event_id, slot__isnull=False
    ).exclude(status=MeetingStatus.CANCELLED)
    return (
        Meeting.objects.filter(pk__in=ids.values("pk"))
        .select_related("slot", "table")
        .prefetch_related(
            "participants__registration__user__organisation",
            "participants__registration__delegate",
        )
        .order_by("slot__start", "pk")
    )


def company_itinerary_items(*, application: DelegationApplication) -> list[Session]:
    """Items on any of the company's delegates' itineraries (breaks aside)."""
    sessions = Session.objects.filter(event_id=application.programme.event_id).filter(
        Q(assigned_delegates__isnull=True)
        | Q(assigned_delegates__application=application)
    )
    return list(
        Session.objects.filter(pk__in=sessions.values("pk"))
        .exclude(kind="break")
        .order_by("start", "pk")
    )


def company_meetings(*, application: DelegationApplication) -> list[CompanyMeeting]:
    """Partnering meetings first, then itinerary items, each in time order."""
    event = application.programme.event
    rows = []
    for m in company_partnering_meetings(application=application):
        counterpart = _meeting_counterpart(m, application)
        where = f" · {m.table}" if m.table_id else ""
        label = f"{local_text(m.slot.start, event)}{where} · {counterpart}"
        rows.append(CompanyMeeting(f"m{m.pk}", m.slot.start, counterpart, label, m))
    for s in company_itinerary_items(application=application):
        label = f"{local_text(s.start, event)} · {s.title}"
        rows.append(CompanyMeeting(f"s{s.pk}", s.start, s.title, label, session=s))
    return rows


def outcome_label(outcome, event: Event) -> str:
    """ "2027-06-02 15:30 CDT · Norbridge Pharma": the meeting's own time while
    the outcome is tied to one, else the reported day."""
    start = outcome.start
    when = local_text(start, event) if start else outcome.held_on.isoformat()
    return f"{when} · {outcome.counterpart}"


def outcome_list(*, application: DelegationApplication) -> QuerySet:
    """The company's reported outcomes with what their labels read."""
    return application.outcomes.select_related(
        "meeting__slot", "meeting__table", "session"
    ).order_by("held_on", "pk")


def trial_list(*, application: DelegationApplication) -> QuerySet:
    return application.trials.select_related(
        "outcome__meeting__slot", "outcome__session"
    ).order_by("sponsor", "title", "pk")
