"""Profiles: the caller's own, the organisations they may see, and their
organisation's (which only someone taking part in partnering may change)."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from ninja.pagination import paginate

from matchmaking import selectors, services
from matchmaking.api.common import my_participant, partnering_event, viewer_of
from matchmaking.models import Slot, Tag
from matchmaking.schemas import (
    MyProfileOut,
    OrganisationDetailOut,
    OrganisationProfileIn,
    PartneringOrganisationOut,
    ProfileIn,
)

router = Router()


@router.get(
    "/{slug}/me",
    response=MyProfileOut,
    url_name="partnering_me",
    operation_id="partnering_me_get",
)
def me_get(request: HttpRequest, slug: str):
    return my_participant(request, slug)


def _tags(codes: list[str]) -> list[Tag]:
    tags = []
    for code in codes:
        category, _sep, slug = code.partition(":")
        tags.append(Tag.objects.get(category=category, slug=slug))
    return tags


@router.put(
    "/{slug}/me",
    response=MyProfileOut,
    url_name="partnering_me_put",
    operation_id="partnering_me_put",
)
def me_put(request: HttpRequest, slug: str, body: ProfileIn):
    event = partnering_event(request, slug)
    registration = event.registrations.get(user=request.user)
    fields = body.model_dump()
    fields["ticket_size"] = fields["ticket_size"] or ""
    fields["offers"], fields["seeks"] = _tags(body.offers), _tags(body.seeks)
    ids = fields.pop("blocked_slot_ids")
    if ids is not None:
        fields["blocked_slots"] = list(Slot.objects.filter(event=event, pk__in=ids))
        if len(fields["blocked_slots"]) != len(set(ids)):
            raise services.PartneringError(_("Unknown slot."), 400)
    services.participant_join(registration=registration, **fields)
    return services.participant_of(user=request.user, event=event)


@router.get(
    "/{slug}/organisations",
    response=list[PartneringOrganisationOut],
    url_name="partnering_organisation_list",
    operation_id="partnering_organisation_list",
)
@paginate
def organisation_list(request: HttpRequest, slug: str):
    event = partnering_event(request, slug)
    return selectors.organisation_list_visible(
        viewer=viewer_of(request, event), event=event
    )


@router.get(
    "/{slug}/organisations/{organisation_id}",
    response=OrganisationDetailOut,
    url_name="partnering_organisation_get",
    operation_id="partnering_organisation_get",
)
def organisation_get(request: HttpRequest, slug: str, organisation_id: int):
    event = partnering_event(request, slug)
    return selectors.organisation_get_visible(
        viewer=viewer_of(request, event), event=event, organisation_id=organisation_id
    )


def _my_organisation(request: HttpRequest, slug: str):
    me = my_participant(request, slug)
    if me.organisation is None:
        raise services.PartneringError(_("Your account names no organisation."), 404)
    return me


@router.get(
    "/{slug}/organisation",
    response=PartneringOrganisationOut,
    url_name="partnering_my_organisation_get",
    operation_id="partnering_my_organisation_get",
)
def my_organisation_get(request: HttpRequest, slug: str):
    me = _my_organisation(request, slug)
    return selectors.organisation_list_visible(viewer=me).get(pk=me.organisation.pk)


@router.put(
    "/{slug}/organisation",
    response=PartneringOrganisationOut,
    url_name="partnering_my_organisation_put",
    operation_id="partnering_my_organisation_put",
)
def my_organisation_put(request: HttpRequest, slug: str, body: OrganisationProfileIn):
    """Your organisation's profile (you must take part in partnering here)."""
    me = _my_organisation(request, slug)
    fields = body.model_dump()
    fields["ticket_size"] = fields["ticket_size"] or ""
    fields["offers"], fields["seeks"] = _tags(body.offers), _tags(body.seeks)
    services.organisation_profile_update(
        organisation=me.organisation, user=request.user, event=me.event, **fields
    )
    return selectors.organisation_list_visible(viewer=me).get(pk=me.organisation.pk)
