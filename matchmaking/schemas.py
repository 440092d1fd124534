"""Partnering API shapes. Times leave in the participant's zone (or the event's),
with their UTC offset; text in the request's language plus `_en`/`_ko`."""

import datetime as dt
from zoneinfo import ZoneInfo

from ninja import Field, Schema

from events.enums import OrganisationKind
from events.models import Organisation
from matchmaking.enums import (
    MeetingSource,
    MeetingStatus,
    NotificationKind,
    Outcome,
    Priority,
    RequestStatus,
    RunStatus,
    TagCategory,
    TicketSize,
)
from matchmaking.models import Meeting, OrganisationProfile, Participant, Slot


class TagOut(Schema):
    category: TagCategory
    slug: str
    name: str


class ParticipantRef(Schema):
    id: int
    name: str
    organisation: str | None
    organisation_kind: OrganisationKind | None

    @staticmethod
    def resolve_name(p: Participant) -> str:
        return str(p.user)

    @staticmethod
    def resolve_organisation(p: Participant) -> str | None:
        return p.organisation.name if p.organisation else None

    @staticmethod
    def resolve_organisation_kind(p: Participant) -> str | None:
        return p.kind or None


class OrganisationProfileOut(Schema):
    """What an organisation offers and seeks; all its participants show it."""

    pitch: str
    pitch_en: str
    pitch_ko: str | None
    offers: list[TagOut]
    seeks: list[TagOut]
    investment_focus: str
    investment_focus_en: str
    investment_focus_ko: str | None
    ticket_size: TicketSize | None
    updated_at: dt.datetime | None

    @staticmethod
    def resolve_ticket_size(p: OrganisationProfile) -> str | None:
        return p.ticket_size or None

    @staticmethod
    def resolve_pitch_en(p: OrganisationProfile) -> str:
        return p.pitch_en or ""

    @staticmethod
    def resolve_investment_focus_en(p: OrganisationProfile) -> str:
        return p.investment_focus_en or ""


class PartneringOrganisationOut(Schema):
    id: int
    name: str
    kind: OrganisationKind | None
    country: str
    website: str
    profile: OrganisationProfileOut | None

    @staticmethod
    def resolve_kind(o: Organisation) -> str | None:
        return o.kind or None

    @staticmethod
    def resolve_profile(o: Organisation) -> OrganisationProfile | None:
        profile = getattr(o, "partnering_profile", None)
        return profile if profile is not None and profile.pk else None


class OrganisationProfileIn(Schema):
    pitch_en: str = Field("", max_length=1000)
    pitch_ko: str = Field("", max_length=1000)
    offers: list[str] = Field(default_factory=list, description='"category:slug" tags')
    seeks: list[str] = Field(default_factory=list, description='"category:slug" tags')
    investment_focus_en: str = Field("", max_length=300)
    investment_focus_ko: str = Field("", max_length=300)
    ticket_size: TicketSize | None = None


class ParticipantOut(ParticipantRef):
    """`offers`, `seeks`, `investment_focus` and `ticket_size` are what the
    participant is matched on: their own together with their organisation's."""

    job_title: str = Field(..., alias="registration.user.job_title")
    pitch: str
    pitch_en: str
    pitch_ko: str | None
    offers: list[TagOut] = Field(..., alias="profile_offers")
    seeks: list[TagOut] = Field(..., alias="profile_seeks")
    investment_focus: str = Field(..., alias="profile_investment_focus")
    ticket_size: TicketSize | None
    organisation_id: int | None
    organisation_profile: OrganisationProfileOut | None

    @staticmethod
    def resolve_ticket_size(p: Participant) -> str | None:
        return p.profile_ticket_size or None

    @staticmethod
    def resolve_organisation_id(p: Participant) -> int | None:
        return p.organisation.pk if p.organisation else None


class MyProfileOut(ParticipantOut):
    """The caller's own profile: with the slots they block (others never see them)
    and the tags they set themselves (`PUT /me` sets these)."""

    timezone: str
    blocked_slot_ids: list[int]
    own_offers: list[TagOut]
    own_seeks: list[TagOut]

    @staticmethod
    def resolve_blocked_slot_ids(p: Participant) -> list[int]:
        return sorted(s.pk for s in p.blocked_slots.all())

    @staticmethod
    def resolve_own_offers(p: Participant) -> list:
        return list(p.offers.all())

    @staticmethod
    def resolve_own_seeks(p: Participant) -> list:
        return list(p.seeks.all())


class ProfileIn(Schema):
    pitch_en: str = Field("", max_length=1000)
    pitch_ko: str = Field("", max_length=1000)
    offers: list[str] = Field(default_factory=list, description='"category:slug" tags')
    seeks: list[str] = Field(default_factory=list, description='"category:slug" tags')
    investment_focus: str = Field("", max_length=300)
    ticket_size: TicketSize | None = None
    timezone: str = ""
    blocked_slot_ids: list[int] | None = Field(
        None, description="Slots you are not available; omit to keep them"
    )


class TagFacet(Schema):
    category: TagCategory
    slug: str
    name: str
    count: int = Field(..., alias="n")


class FacetsOut(Schema):
    tags: list[TagFacet]
    kinds: dict[str, int]


class OrganisationDetailOut(Schema):
    organisation: PartneringOrganisationOut
    people: list[ParticipantRef]


class RecommendationOut(Schema):
    participant: ParticipantOut
    score: int
    explanation: str


def _local(value: dt.datetime, tz: str) -> dt.datetime:
    return value.astimezone(ZoneInfo(tz))


class SlotOut(Schema):
    id: int
    start: dt.datetime
    end: dt.datetime

    @staticmethod
    def resolve_start(s: Slot) -> dt.datetime:
        return _local(s.start, s.event.timezone)

    @staticmethod
    def resolve_end(s: Slot) -> dt.datetime:
        return _local(s.end, s.event.timezone)


class RequestIn(Schema):
    recipient_id: int
    message: str = Field("", max_length=2000)
    priority: Priority = Priority.NORMAL


class DeclineIn(Schema):
    reason: str = Field("", max_length=300)


class ProposeIn(Schema):
    slot_id: int


class RequestOut(Schema):
    id: int
    status: RequestStatus
    sender: ParticipantRef
    recipient: ParticipantRef
    message: str
    priority: Priority
    decline_reason: str
    proposed_slot: SlotOut | None
    created_at: dt.datetime
    responded_at: dt.datetime | None
    meeting_id: int | None

    @staticmethod
    def resolve_meeting_id(r) -> int | None:
        meeting = getattr(r, "meeting", None)
        return meeting.pk if meeting else None


class MeetingOut(Schema):
    id: int
    status: MeetingStatus
    source: MeetingSource
    priority: Priority
    required: bool
    slot: SlotOut | None
    table: str | None
    participants: list[ParticipantRef]
    checked_in_at: dt.datetime | None

    @staticmethod
    def resolve_table(m: Meeting) -> str | None:
        return m.table.code if m.table else None


class FeedbackIn(Schema):
    outcome: Outcome = Outcome.NONE
    rating: int | None = Field(None, ge=1, le=5)
    comment: str = Field("", max_length=2000)


class FeedbackOut(Schema):
    meeting_id: int
    outcome: Outcome
    rating: int | None
    comment: str


class ColleagueIn(Schema):
    participant_id: int


class MustMeetIn(Schema):
    participant_ids: list[int] = Field(..., min_length=2)
    required: bool = True
    priority: Priority = Priority.HIGH


class RunIn(Schema):
    time_limit: float = Field(30, ge=1, le=3600)
    # Repair the published schedule unless a full re-plan is asked for.
    incremental: bool = True


class RunOut(Schema):
    id: int
    status: RunStatus
    incremental: bool
    imported: bool
    time_limit: float
    progress: dict
    error: str
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    published_at: dt.datetime | None
    solution: dict


class NotificationOut(Schema):
    """`text` is in the request's language; `url` a path on this site (or empty)."""

    id: int
    kind: NotificationKind | None
    text: str = Field(..., alias="message")
    url: str = Field(..., alias="link")
    created_at: dt.datetime
    read_at: dt.datetime | None
    unread: bool = Field(..., alias="is_unread")

    @staticmethod
    def resolve_kind(n) -> str | None:
        return n.kind or None


class UnreadOut(Schema):
    unread: int


class MarkedOut(Schema):
    marked: int
