"""Integrators' tokens over the API: only a signed-in organiser (session) manages
them; a token cannot mint or revoke tokens."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.pagination import paginate
from ninja.security import django_auth

from events import api_tokens, selectors
from events.schemas_tokens import ApiTokenCreatedOut, ApiTokenIn, ApiTokenOut

router = Router(tags=["API tokens"], auth=django_auth)


@router.get(
    "/",
    response=list[ApiTokenOut],
    url_name="api_token_list",
    operation_id="api_token_list",
)
@paginate
def api_token_list(request: HttpRequest):
    return api_tokens.api_token_list_for_owner(owner=request.auth)


@router.post(
    "/",
    response={201: ApiTokenCreatedOut},
    url_name="api_token_create",
    operation_id="api_token_create",
)
def api_token_create(request: HttpRequest, body: ApiTokenIn):
    event = (
        selectors.event_get(slug=body.event, user=request.auth) if body.event else None
    )
    token, key = api_tokens.api_token_create(
        owner=request.auth,
        name=body.name,
        scopes=[str(s) for s in body.scopes],
        event=event,
        expires_at=body.expires_at,
    )
    token.key = key
    return Status(201, token)


@router.post(
    "/{token_id}/revoke",
    response=ApiTokenOut,
    url_name="api_token_revoke",
    operation_id="api_token_revoke",
)
def api_token_revoke(request: HttpRequest, token_id: int):
    token = get_object_or_404(
        api_tokens.api_token_list_for_owner(owner=request.auth), pk=token_id
    )
    return api_tokens.api_token_revoke(token=token, actor=request.auth)
