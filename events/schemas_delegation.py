"""API shapes of delegation programmes. Money leaves as a Decimal string; itinerary
times leave in the host zone and in Korea time, each with its UTC offset."""

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema

from events.delegation_enums import (
    DECISIONS,
    ApplicationStatus,
    DelegateRole,
    DocumentKind,
    ReportedOutcome,
)
from events.enums import EventKind

DECISION_VALUES = sorted(DECISIONS)


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
    employees: int | None = Field(None, ge=0)
    pipeline: str = Field("", max_length=4000)
    goals: str = Field("", max_length=4000)
    target_partners: str = Field("", max_length=4000)


class ApplicationPatch(Schema):
    company_profile: str | None = Field(None, max_length=4000)
    employees: int | None = Field(None, ge=0)
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
    counterpart: str = Field(..., min_length=1, max_length=200)
    held_on: dt.date
    outcome: ReportedOutcome
    notes: str = Field("", max_length=2000)


class MeetingOutcomeOut(Schema):
    id: int
    counterpart: str
    held_on: dt.date
    outcome: ReportedOutcome
    notes: str


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
