"""Meetings: a participant sees and marks only their own (another's answers 404)."""

from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from matchmaking import selectors, services
from matchmaking.api.common import my_participant
from matchmaking.models import Participant
from matchmaking.schemas import ColleagueIn, FeedbackIn, FeedbackOut, MeetingOut

router = Router()


@router.get(
    "/{slug}/meetings",
    response=list[MeetingOut],
    url_name="partnering_meeting_list",
    operation_id="partnering_meeting_list",
)
@paginate
def meeting_list(request: HttpRequest, slug: str):
    return selectors.meeting_list_for(participant=my_participant(request, slug))


def _meeting(request: HttpRequest, slug: str, meeting_id: int):
    me = my_participant(request, slug)
    return me, selectors.meeting_get_for(participant=me, meeting_id=meeting_id)


@router.get(
    "/{slug}/meetings/{meeting_id}",
    response=MeetingOut,
    url_name="partnering_meeting_get",
    operation_id="partnering_meeting_get",
)
def meeting_get(request: HttpRequest, slug: str, meeting_id: int):
    return _meeting(request, slug, meeting_id)[1]


@router.post(
    "/{slug}/meetings/{meeting_id}/check-in",
    response=MeetingOut,
    url_name="partnering_meeting_check_in",
    operation_id="partnering_meeting_check_in",
)
def meeting_check_in(request: HttpRequest, slug: str, meeting_id: int):
    me, meeting = _meeting(request, slug, meeting_id)
    services.meeting_check_in(meeting=meeting, user=request.user)
    return selectors.meeting_get_for(participant=me, meeting_id=meeting_id)


@router.post(
    "/{slug}/meetings/{meeting_id}/no-show",
    response=MeetingOut,
    url_name="partnering_meeting_no_show",
    operation_id="partnering_meeting_no_show",
)
def meeting_no_show(request: HttpRequest, slug: str, meeting_id: int):
    me, meeting = _meeting(request, slug, meeting_id)
    services.meeting_no_show(meeting=meeting, user=request.user)
    return selectors.meeting_get_for(participant=me, meeting_id=meeting_id)


@router.post(
    "/{slug}/meetings/{meeting_id}/feedback",
    response=FeedbackOut,
    url_name="partnering_meeting_feedback",
    operation_id="partnering_meeting_feedback",
)
def meeting_feedback(
    request: HttpRequest, slug: str, meeting_id: int, body: FeedbackIn
):
    _me_, meeting = _meeting(request, slug, meeting_id)
    return services.meeting_feedback_record(
        meeting=meeting, user=request.user, **body.model_dump()
    )


@router.post(
    "/{slug}/meetings/{meeting_id}/colleagues",
    response=MeetingOut,
    url_name="partnering_meeting_colleague_add",
    operation_id="partnering_meeting_colleague_add",
)
def meeting_colleague_add(
    request: HttpRequest, slug: str, meeting_id: int, body: ColleagueIn
):
    me, meeting = _meeting(request, slug, meeting_id)
    colleague = Participant.objects.select_related(
        "registration__user__organisation"
    ).get(event=me.event, pk=body.participant_id, is_active=True)
    services.meeting_colleague_add(
        meeting=meeting, user=request.user, colleague=colleague
    )
    return selectors.meeting_get_for(participant=me, meeting_id=meeting_id)
