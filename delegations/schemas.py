"""API shapes of delegation programmes. Money leaves as a Decimal string; itinerary
times leave in the host zone and in Korea time, each with its UTC offset."""

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema

from delegations.enums import (
    DECISIONS,
    ApplicationStatus,
    DelegateRole,
    DocumentKind,
    ReportedOutcome,
    TrialPhase,
)
from events.enums import EventKind, SessionKind

DECISION_VALUES = sorted(DECISIONS)
# A PositiveIntegerField's range on every database (PostgreSQL's `integer`).
POSITIVE_INT_MAX = 2**31 - 1


class ProgrammeOut(Schema):
    slug: str = Field(..., alias="event.slug")
    name: str = Field(..., alias="event.name")
    currency: str = Field(..., alias="event.currency")
    host_congress: str
    host_city: str
    host_start_date: dt.date
    host_end_date: dt.date
    host_timezone: str
    places: int
    delegates_per_company: int
    eligibility: str
    fee: Decimal
    subsidy: Decimal
    net_fee: Decimal
    applications_open_at: dt.datetime
    application_deadline: dt.datetime


class DocumentOut(Schema):
    id: int
    title: str
    kind: DocumentKind
    size: int
    uploaded_at: dt.datetime


class ApplicationIn(Schema):
    company_profile: str = Field("", max_length=4000)
    employees: int | None = Field(None, ge=0, le=POSITIVE_INT_MAX)
    pipeline: str = Field("", max_length=4000)
    goals: str = Field("", max_length=4000)
    target_partners: str = Field("", max_length=4000)


class ApplicationPatch(Schema):
    company_profile: str | None = Field(None, max_length=4000)
    employees: int | None = Field(None, ge=0, le=POSITIVE_INT_MAX)
    pipeline: str | None = Field(None, max_length=4000)
    goals: str | None = Field(None, max_length=4000)
    target_partners: str | None = Field(None, max_length=4000)


class ApplicationOut(Schema):
    id: int
    programme: str = Field(..., alias="programme.event.slug")
    organisation: str = Field(..., alias="organisation.slug")
    organisation_name: str = Field(..., alias="organisation.name")
    status: ApplicationStatus
    company_profile: str
    employees: int | None
    pipeline: str
    goals: str
    target_partners: str
    submitted_at: dt.datetime | None
    decided_at: dt.datetime | None
    decision_sent_at: dt.datetime | None
    confirmed_at: dt.datetime | None
    documents: list[DocumentOut]


class OrganiserApplicationOut(ApplicationOut):
    score: float | None = None
    reviews_assigned: int = 0
    reviews_done: int = 0


class DecisionIn(Schema):
    status: ApplicationStatus = Field(
        ..., description=f"One of {', '.join(DECISION_VALUES)}."
    )
    note: str | None = Field(None, max_length=4000)


class SentOut(Schema):
    queued: int


class DelegateIn(Schema):
    email: str = Field(..., max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    first_name: str = Field(..., min_length=1, max_length=150)
    last_name: str = Field(..., min_length=1, max_length=150)
    role: DelegateRole
    name_ko: str = Field("", max_length=150)
    job_title: str = Field("", max_length=200)


class ConfirmIn(Schema):
    delegates: list[DelegateIn] = Field(..., min_length=1, max_length=20)


class ReviewIn(Schema):
    fit: int = Field(..., ge=1, le=5)
    readiness: int = Field(..., ge=1, le=5)
    potential: int = Field(..., ge=1, le=5)
    comment: str = Field("", max_length=4000)


class ReviewOut(Schema):
    id: int
    application: int = Field(..., alias="application_id")
    organisation_name: str = Field(..., alias="application.organisation.name")
    fit: int | None
    readiness: int | None
    potential: int | None
    total: int | None
    comment: str
    scored_at: dt.datetime | None


class MeetingOutcomeIn(Schema):
    """Tied to one of the company's meetings (`…/meetings`): a partnering meeting
    or an itinerary item, whose day (and, for a partnering meeting, counterpart)
    it takes; with neither, `counterpart` and `held_on` are needed."""

    meeting: int | None = Field(None, description="A partnering meeting's id.")
    itinerary_item: int | None = Field(None, description="An itinerary item's id.")
    counterpart: str = Field("", max_length=200)
    held_on: dt.date | None = None
    outcome: ReportedOutcome
    notes: str = Field("", max_length=2000)


def _event_time(value: dt.datetime | None, event) -> dt.datetime | None:
    return value.astimezone(event.tz) if value else None


class MeetingOutcomeOut(Schema):
    id: int
    meeting: int | None = Field(None, alias="meeting_id")
    itinerary_item: int | None = Field(None, alias="session_id")
    starts_at: dt.datetime | None = Field(
        None, description="The meeting's start on the event's clock, if tied to one."
    )
    counterpart: str
    held_on: dt.date
    outcome: ReportedOutcome
    notes: str

    @staticmethod
    def resolve_starts_at(obj) -> dt.datetime | None:
        return _event_time(obj.start, obj.application.programme.event)


class CompanyMeetingOut(Schema):
    """A meeting the company may tie an outcome to."""

    kind: str = Field(..., description="partnering or itinerary")
    id: int
    starts_at: dt.datetime = Field(..., description="On the event's clock.")
    counterpart: str
    label: str


class TrialIn(Schema):
    sponsor: str = Field(..., min_length=1, max_length=200)
    title: str = Field(..., min_length=1, max_length=300)
    identifier: str = Field("", max_length=40)
    phase: TrialPhase
    multi_regional: bool = False
    korea_sites: int = Field(0, ge=0, le=500)
    outcome: int | None = Field(
        None, description="The reported outcome (meeting) the trial came from."
    )


class TrialOut(Schema):
    id: int
    sponsor: str
    title: str
    identifier: str
    phase: TrialPhase
    multi_regional: bool
    korea_sites: int
    outcome: int | None = Field(None, alias="outcome_id")


class ItineraryItemOut(Schema):
    id: int = Field(..., alias="session.pk")
    title: str = Field(..., alias="session.title")
    kind: str = Field(..., alias="session.kind")
    start: dt.datetime = Field(..., description="In the host city's zone.")
    end: dt.datetime
    start_korea: dt.datetime = Field(..., description="In Korea time (Asia/Seoul).")
    end_korea: dt.datetime


class OutcomeRowOut(Schema):
    year: int
    event: str = Field(..., alias="event.slug")
    kind: EventKind = Field(..., alias="event.kind")
    companies_served: int = Field(..., alias="figures.companies_served")
    meetings_held: int = Field(..., alias="figures.meetings_held")
    follow_ups: int = Field(..., alias="figures.follow_ups")
    cdas_signed: int = Field(..., alias="figures.cdas_signed")
    agreements_signed: int = Field(..., alias="figures.agreements_signed")
    trial_discussions: int = Field(..., alias="figures.trial_discussions")
    investment_discussions: int = Field(..., alias="figures.investment_discussions")
    trials_attracted: int = Field(..., alias="figures.trials_attracted")
    multi_regional_trials: int = Field(..., alias="figures.multi_regional_trials")
    korea_sites: int = Field(..., alias="figures.korea_sites")


class ProgrammeSetupPatch(Schema):
    """Only the fields sent change; times are aware ISO 8601 datetimes."""

    host_congress: str | None = Field(None, max_length=200)
    host_city: str | None = Field(None, max_length=100)
    host_start_date: dt.date | None = None
    host_end_date: dt.date | None = None
    host_timezone: str | None = Field(None, max_length=64)
    places: int | None = Field(None, ge=0, le=32767)
    delegates_per_company: int | None = Field(None, ge=1, le=20)
    eligibility: str | None = None
    fee: Decimal | None = Field(None, ge=0, max_digits=13, decimal_places=2)
    subsidy: Decimal | None = Field(None, ge=0, max_digits=13, decimal_places=2)
    applications_open_at: dt.datetime | None = None
    application_deadline: dt.datetime | None = None
    contact_name: str | None = Field(None, max_length=200)
    contact_email: str | None = Field(None, max_length=254)
    contact_phone: str | None = Field(None, max_length=40)
    venue_notes: str | None = None


class ItineraryItemIn(Schema):
    """A naive `start`/`end` is read in the host city's zone. `delegate_ids` and
    `company_ids` (application ids) choose who it is for; both empty: everyone."""

    title_en: str = Field(..., min_length=1, max_length=300)
    title_ko: str = Field("", max_length=300)
    kind: SessionKind
    start: dt.datetime
    end: dt.datetime
    room_id: int | None = None
    abstract_en: str = ""
    abstract_ko: str = ""
    delegate_ids: list[int] = []
    company_ids: list[int] = []


class ItineraryItemPatch(Schema):
    title_en: str | None = Field(None, min_length=1, max_length=300)
    title_ko: str | None = Field(None, max_length=300)
    kind: SessionKind | None = None
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    room_id: int | None = None
    abstract_en: str | None = None
    abstract_ko: str | None = None
    delegate_ids: list[int] | None = None
    company_ids: list[int] | None = None


class ItineraryItemAdminOut(Schema):
    id: int
    title_en: str
    title_ko: str | None
    kind: str
    start: dt.datetime
    end: dt.datetime
    room_id: int | None
    delegate_ids: list[int]

    @staticmethod
    def resolve_start(obj) -> dt.datetime:
        return obj.start.astimezone(obj.event.tz)

    @staticmethod
    def resolve_end(obj) -> dt.datetime:
        return obj.end.astimezone(obj.event.tz)

    @staticmethod
    def resolve_delegate_ids(obj) -> list[int]:
        return sorted(d.pk for d in obj.assigned_delegates.all())
