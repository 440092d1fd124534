"""Meeting requests: a participant sees and answers only their own (another's
answers 404)."""

from django.http import HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate

from matchmaking import selectors, services
from matchmaking.api.common import my_participant
from matchmaking.models import Slot
from matchmaking.schemas import DeclineIn, ProposeIn, RequestIn, RequestOut

router = Router()


@router.get(
    "/{slug}/requests",
    response=list[RequestOut],
    url_name="partnering_request_list",
    operation_id="partnering_request_list",
)
@paginate
def request_list(request: HttpRequest, slug: str, box: str | None = None):
    return selectors.request_list_for(
        participant=my_participant(request, slug), box=box
    )


@router.post(
    "/{slug}/requests",
    response={201: RequestOut},
    url_name="partnering_request_send",
    operation_id="partnering_request_send",
)
def request_send(request: HttpRequest, slug: str, body: RequestIn):
    me = my_participant(request, slug)
    recipient = selectors.participant_get_visible(
        viewer=me, event=me.event, participant_id=body.recipient_id
    )
    sent = services.meeting_request_send(
        sender=me, recipient=recipient, message=body.message, priority=body.priority
    )
    return Status(201, selectors.request_get_for(participant=me, request_id=sent.pk))


def _request(request: HttpRequest, slug: str, request_id: int):
    me = my_participant(request, slug)
    return me, selectors.request_get_for(participant=me, request_id=request_id)


@router.get(
    "/{slug}/requests/{request_id}",
    response=RequestOut,
    url_name="partnering_request_get",
    operation_id="partnering_request_get",
)
def request_get(request: HttpRequest, slug: str, request_id: int):
    return _request(request, slug, request_id)[1]


def _answer(request, slug, request_id, change, **extra):
    me, found = _request(request, slug, request_id)
    change(request=found, user=request.user, **extra)
    return selectors.request_get_for(participant=me, request_id=request_id)


@router.post(
    "/{slug}/requests/{request_id}/accept",
    response=RequestOut,
    url_name="partnering_request_accept",
    operation_id="partnering_request_accept",
)
def request_accept(request: HttpRequest, slug: str, request_id: int):
    return _answer(request, slug, request_id, services.meeting_request_accept)


@router.post(
    "/{slug}/requests/{request_id}/decline",
    response=RequestOut,
    url_name="partnering_request_decline",
    operation_id="partnering_request_decline",
)
def request_decline(request: HttpRequest, slug: str, request_id: int, body: DeclineIn):
    return _answer(
        request, slug, request_id, services.meeting_request_decline, reason=body.reason
    )


@router.post(
    "/{slug}/requests/{request_id}/cancel",
    response=RequestOut,
    url_name="partnering_request_cancel",
    operation_id="partnering_request_cancel",
)
def request_cancel(request: HttpRequest, slug: str, request_id: int):
    return _answer(request, slug, request_id, services.meeting_request_cancel)


@router.post(
    "/{slug}/requests/{request_id}/propose",
    response=RequestOut,
    url_name="partnering_request_propose",
    operation_id="partnering_request_propose",
)
def request_propose(request: HttpRequest, slug: str, request_id: int, body: ProposeIn):
    me, found = _request(request, slug, request_id)
    slot = Slot.objects.get(event=me.event, pk=body.slot_id)
    services.meeting_request_propose(request=found, user=request.user, slot=slot)
    return selectors.request_get_for(participant=me, request_id=request_id)
