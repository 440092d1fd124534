"""API shapes. Text comes in the request's language (`name`) and in both (`name_en`,
`name_ko`); times leave in the event's own zone, with their UTC offset."""

import datetime as dt

from ninja import Field, Schema

from events.enums import (
    ApiScope,
    EventKind,
    OrganisationKind,
    SessionKind,
    SessionLanguage,
)


class VenueOut(Schema):
    name: str
    address: str | None
    city: str
    country: str


class EventOut(Schema):
    slug: str
    kind: EventKind
    name: str
    name_en: str
    name_ko: str | None
    tagline: str | None
    timezone: str
    start_date: dt.date
    end_date: dt.date
    currency: str
    host_congress: str
    website: str
    venue: VenueOut | None


class OrganisationRef(Schema):
    slug: str
    name: str
    kind: OrganisationKind


class OrganisationOut(OrganisationRef):
    name_en: str
    name_ko: str | None
    country: str
    website: str
    description: str | None
    description_en: str | None
    description_ko: str | None


class RoomOut(Schema):
    id: int
    name: str
    capacity: int | None


class TrackOut(Schema):
    slug: str
    name: str
    colour: str


class SponsorOut(Schema):
    organisation: OrganisationRef
    tier: str
    booth: str


class SessionSpeakerOut(Schema):
    speaker_id: int
    name: str = Field(..., alias="speaker.user.get_full_name")
    name_ko: str = Field(..., alias="speaker.user.name_ko")
    organisation: str | None = None
    role: str

    @staticmethod
    def resolve_organisation(obj) -> str | None:
        organisation = obj.speaker.user.organisation
        return organisation.name if organisation else None


class LocalTimes(Schema):
    """A session's start and end in its event's own zone, with the UTC offset."""

    start: dt.datetime
    end: dt.datetime

    @staticmethod
    def resolve_start(obj) -> dt.datetime:
        return obj.start.astimezone(obj.event.tz)

    @staticmethod
    def resolve_end(obj) -> dt.datetime:
        return obj.end.astimezone(obj.event.tz)


class SessionOut(LocalTimes):
    id: int
    kind: SessionKind
    title: str
    title_en: str
    title_ko: str | None
    abstract: str | None
    room: RoomOut | None
    track: TrackOut | None
    language: SessionLanguage
    capacity: int | None
    speakers: list[SessionSpeakerOut] = Field(..., alias="session_speakers")

    @staticmethod
    def resolve_speakers(obj) -> list:
        return list(obj.session_speakers.all())


class SpeakerSessionOut(LocalTimes):
    id: int
    title: str
    room: str | None

    @staticmethod
    def resolve_room(obj) -> str | None:
        return obj.room.name if obj.room else None


class SpeakerOut(Schema):
    id: int
    name: str = Field(..., alias="user.get_full_name")
    name_ko: str = Field(..., alias="user.name_ko")
    job_title: str = Field(..., alias="user.job_title")
    organisation: OrganisationRef | None = Field(None, alias="user.organisation")
    bio: str | None
    bio_en: str | None
    bio_ko: str | None
    sessions: list[SpeakerSessionOut]

    @staticmethod
    def resolve_sessions(obj) -> list:
        return list(obj.sessions.all())


class ApiTokenIn(Schema):
    name: str = Field(..., min_length=1, max_length=100)
    scopes: list[ApiScope] = Field(..., min_length=1)
    event: str | None = Field(
        None, max_length=100, description="An event's slug, to limit the token."
    )
    expires_at: dt.datetime | None = None


class ApiTokenOut(Schema):
    id: int
    name: str
    prefix: str
    scopes: list[ApiScope]
    event: str | None
    created_at: dt.datetime
    expires_at: dt.datetime | None
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None

    @staticmethod
    def resolve_event(token) -> str | None:
        return token.event.slug if token.event_id else None


class ApiTokenCreatedOut(ApiTokenOut):
    key: str = Field(..., description="Shown only in this answer; store it now.")
