import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate
from ninja.security import django_auth

from events import selectors, tokens
from events.auth import OptionalApiToken
from events.enums import ApiScope, OrganisationKind, SessionKind, SessionLanguage
from events.schemas import (
    ApiTokenCreatedOut,
    ApiTokenIn,
    ApiTokenOut,
    EventOut,
    OrganisationOut,
    RoomOut,
    SessionOut,
    SpeakerOut,
    SponsorOut,
    TrackOut,
)

# Public; an integrator's `read_events` token reads as its owner (drafts included).
router = Router(tags=["events"], auth=OptionalApiToken(ApiScope.READ_EVENTS))
organisations_router = Router(tags=["organisations"])


def _event(request: HttpRequest, slug: str):
    return selectors.event_get(slug=slug, user=request.user)


class SessionFilters(Schema):
    day: dt.date | None = None
    track: str | None = None
    room: int | None = None
    kind: SessionKind | None = None
    language: SessionLanguage | None = None
    q: str | None = None


@router.get(
    "/", response=list[EventOut], url_name="event_list", operation_id="event_list"
)
@paginate
def event_list(request: HttpRequest, kind: str | None = None):
    events = selectors.event_list_visible(user=request.user)
    return events.filter(kind=kind) if kind else events


@router.get(
    "/{slug}", response=EventOut, url_name="event_detail", operation_id="event_get"
)
def event_detail(request: HttpRequest, slug: str):
    return _event(request, slug)


@router.get(
    "/{slug}/sessions",
    response=list[SessionOut],
    url_name="session_list",
    operation_id="session_list",
)
@paginate
def session_list(request: HttpRequest, slug: str, filters: Query[SessionFilters]):
    return selectors.session_list_for_agenda(
        event=_event(request, slug), **filters.model_dump()
    )


@router.get(
    "/{slug}/sessions/{session_id}",
    response=SessionOut,
    url_name="session_detail",
    operation_id="session_get",
)
def session_detail(request: HttpRequest, slug: str, session_id: int):
    return selectors.session_get(event=_event(request, slug), session_id=session_id)


@router.get(
    "/{slug}/speakers",
    response=list[SpeakerOut],
    url_name="speaker_list",
    operation_id="speaker_list",
)
@paginate
def speaker_list(request: HttpRequest, slug: str, q: str | None = None):
    return selectors.speaker_list(event=_event(request, slug), q=q)


@router.get(
    "/{slug}/speakers/{speaker_id}",
    response=SpeakerOut,
    url_name="speaker_detail",
    operation_id="speaker_get",
)
def speaker_detail(request: HttpRequest, slug: str, speaker_id: int):
    return selectors.speaker_get(event=_event(request, slug), speaker_id=speaker_id)


@router.get(
    "/{slug}/rooms",
    response=list[RoomOut],
    url_name="room_list",
    operation_id="room_list",
)
@paginate
def room_list(request: HttpRequest, slug: str):
    return selectors.room_list(event=_event(request, slug))


@router.get(
    "/{slug}/tracks",
    response=list[TrackOut],
    url_name="track_list",
    operation_id="track_list",
)
@paginate
def track_list(request: HttpRequest, slug: str):
    return selectors.track_list(event=_event(request, slug))


@router.get(
    "/{slug}/sponsors",
    response=list[SponsorOut],
    url_name="sponsor_list",
    operation_id="sponsor_list",
)
@paginate
def sponsor_list(request: HttpRequest, slug: str):
    return selectors.sponsor_list(event=_event(request, slug))


class OrganisationFilters(Schema):
    kind: OrganisationKind | None = None
    country: str | None = None
    q: str | None = None


@organisations_router.get(
    "/",
    response=list[OrganisationOut],
    url_name="organisation_list",
    operation_id="organisation_list",
)
@paginate
def organisation_list(request: HttpRequest, filters: Query[OrganisationFilters]):
    return selectors.organisation_list(**filters.model_dump())


@organisations_router.get(
    "/{slug}",
    response=OrganisationOut,
    url_name="organisation_detail",
    operation_id="organisation_get",
)
def organisation_detail(request: HttpRequest, slug: str):
    return selectors.organisation_get(slug=slug)


tokens_router = Router(tags=["API tokens"], auth=django_auth)


@tokens_router.get(
    "/",
    response=list[ApiTokenOut],
    url_name="api_token_list",
    operation_id="api_token_list",
)
@paginate
def api_token_list(request: HttpRequest):
    return tokens.api_token_list_for_owner(owner=request.auth)


@tokens_router.post(
    "/",
    response={201: ApiTokenCreatedOut},
    url_name="api_token_create",
    operation_id="api_token_create",
)
def api_token_create(request: HttpRequest, body: ApiTokenIn):
    event = (
        selectors.event_get(slug=body.event, user=request.auth) if body.event else None
    )
    token, key = tokens.api_token_create(
        owner=request.auth,
        name=body.name,
        scopes=[str(s) for s in body.scopes],
        event=event,
        expires_at=body.expires_at,
    )
    token.key = key
    return Status(201, token)


@tokens_router.post(
    "/{token_id}/revoke",
    response=ApiTokenOut,
    url_name="api_token_revoke",
    operation_id="api_token_revoke",
)
def api_token_revoke(request: HttpRequest, token_id: int):
    token = get_object_or_404(
        tokens.api_token_list_for_owner(owner=request.auth), pk=token_id
    )
    return tokens.api_token_revoke(token=token, actor=request.auth)
