"""The directory: the profiles the caller may see, its facets, and their matches."""

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from matchmaking import selectors
from matchmaking.api.common import my_participant, partnering_event, viewer_of
from matchmaking.schemas import FacetsOut, ParticipantOut, RecommendationOut

router = Router()


class DirectoryFilters(Schema):
    q: str = ""
    tag: list[str] = []
    kind: str = ""


@router.get(
    "/{slug}/participants",
    response=list[ParticipantOut],
    url_name="partnering_participant_list",
    operation_id="partnering_participant_list",
)
@paginate
def participant_list(request: HttpRequest, slug: str, filters: Query[DirectoryFilters]):
    event = partnering_event(request, slug)
    return selectors.participant_list_visible(
        viewer=viewer_of(request, event),
        event=event,
        q=filters.q,
        tags=filters.tag,
        kind=filters.kind,
    )


@router.get(
    "/{slug}/participants/{participant_id}",
    response=ParticipantOut,
    url_name="partnering_participant_get",
    operation_id="partnering_participant_get",
)
def participant_get(request: HttpRequest, slug: str, participant_id: int):
    event = partnering_event(request, slug)
    return selectors.participant_get_visible(
        viewer=viewer_of(request, event), event=event, participant_id=participant_id
    )


@router.get(
    "/{slug}/facets",
    response=FacetsOut,
    url_name="partnering_facets",
    operation_id="partnering_facets",
)
def facets(request: HttpRequest, slug: str, filters: Query[DirectoryFilters]):
    event = partnering_event(request, slug)
    profiles = selectors.participant_list_visible(
        viewer=viewer_of(request, event),
        event=event,
        q=filters.q,
        tags=filters.tag,
        kind=filters.kind,
    )
    found = selectors.directory_facets(profiles=profiles)
    return {
        "tags": [t for tags in found["tags"].values() for t in tags],
        "kinds": found["kinds"],
    }


@router.get(
    "/{slug}/recommendations",
    response=list[RecommendationOut],
    url_name="partnering_recommendations",
    operation_id="partnering_recommendations",
)
@paginate
def recommendations(request: HttpRequest, slug: str):
    """The best 50 matches, best first; `limit` and `offset` page through them."""
    return selectors.recommendation_list(viewer=my_participant(request, slug), limit=50)
