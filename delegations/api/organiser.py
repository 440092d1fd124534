"""Organiser endpoints of a delegation programme: its set-up and its itinerary
items. Someone who does not organise the programme gets a 404, as on the pages;
refusals answer `application/problem+json` (see `config/api.py`)."""

import datetime as dt

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.security import django_auth

from delegations import selectors
from delegations.models import Delegate, DelegationApplication, DelegationProgramme
from delegations.schemas import (
    ItineraryItemAdminOut,
    ItineraryItemIn,
    ItineraryItemPatch,
    ProgrammeOut,
    ProgrammeSetupPatch,
)
from delegations.services import itinerary
from events.models import Room

router = Router(tags=["delegation"], auth=django_auth)


def _organised(request: HttpRequest, slug: str) -> DelegationProgramme:
    programme = selectors.programme_list_for_organiser(user=request.user).filter(
        event__slug=slug
    )
    found = programme.first()
    if found is None:
        raise Http404("DelegationProgramme not found.")
    return found


def _local(programme: DelegationProgramme, value: dt.datetime | None):
    """A naive time is the host city's."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=programme.event.tz)


def _item_fields(programme: DelegationProgramme, data: dict) -> dict:
    fields = {k: v for k, v in data.items() if k not in ("delegate_ids", "company_ids")}
    for name in ("start", "end"):
        if name in fields:
            fields[name] = _local(programme, fields[name])
    if "room_id" in fields:
        room_id = fields.pop("room_id")
        fields["room"] = (
            None
            if room_id is None
            else get_object_or_404(Room, pk=room_id, event=programme.event)
        )
    return fields


def _who(programme: DelegationProgramme, data: dict) -> dict:
    """Ids of another programme's delegates or companies are simply not found."""
    out = {}
    if data.get("delegate_ids") is not None:
        out["delegates"] = list(
            Delegate.objects.filter(
                pk__in=data["delegate_ids"], application__programme=programme
            )
        )
        if len(out["delegates"]) != len(set(data["delegate_ids"])):
            raise Delegate.DoesNotExist
    if data.get("company_ids") is not None:
        out["companies"] = list(
            DelegationApplication.objects.filter(
                pk__in=data["company_ids"], programme=programme
            )
        )
        if len(out["companies"]) != len(set(data["company_ids"])):
            raise DelegationApplication.DoesNotExist
    return out


@router.patch(
    "/programmes/{slug}/setup",
    response=ProgrammeOut,
    url_name="delegation_programme_update",
    operation_id="delegation_programme_update",
)
def programme_update(request: HttpRequest, slug: str, payload: ProgrammeSetupPatch):
    programme = _organised(request, slug)
    return itinerary.programme_update(
        programme=programme, actor=request.user, **payload.dict(exclude_unset=True)
    )


@router.get(
    "/programmes/{slug}/itinerary/items",
    response=list[ItineraryItemAdminOut],
    url_name="delegation_itinerary_item_list",
    operation_id="delegation_itinerary_item_list",
)
def item_list(request: HttpRequest, slug: str):
    programme = _organised(request, slug)
    return selectors.itinerary_sessions(event=programme.event)


@router.post(
    "/programmes/{slug}/itinerary/items",
    response={201: ItineraryItemAdminOut},
    url_name="delegation_itinerary_item_create",
    operation_id="delegation_itinerary_item_create",
)
def item_create(request: HttpRequest, slug: str, payload: ItineraryItemIn):
    programme = _organised(request, slug)
    data = payload.dict()
    item = itinerary.itinerary_item_save(
        programme=programme,
        actor=request.user,
        **_who(programme, data),
        **_item_fields(programme, data),
    )
    return Status(201, item)


@router.patch(
    "/programmes/{slug}/itinerary/items/{item_id}",
    response=ItineraryItemAdminOut,
    url_name="delegation_itinerary_item_update",
    operation_id="delegation_itinerary_item_update",
)
def item_update(
    request: HttpRequest, slug: str, item_id: int, payload: ItineraryItemPatch
):
    programme = _organised(request, slug)
    item = get_object_or_404(programme.event.sessions, pk=item_id)
    data = payload.dict(exclude_unset=True)
    who = _who(programme, data)
    if not who:  # who it is for stays as it was
        who = {"delegates": list(item.assigned_delegates.all())}
    return itinerary.itinerary_item_save(
        programme=programme,
        actor=request.user,
        item=item,
        **who,
        **_item_fields(programme, data),
    )


@router.delete(
    "/programmes/{slug}/itinerary/items/{item_id}",
    response={204: None},
    url_name="delegation_itinerary_item_delete",
    operation_id="delegation_itinerary_item_delete",
)
def item_delete(request: HttpRequest, slug: str, item_id: int):
    programme = _organised(request, slug)
    item = get_object_or_404(programme.event.sessions, pk=item_id)
    itinerary.itinerary_item_delete(programme=programme, actor=request.user, item=item)
    return Status(204, None)
