"""The organiser's endpoints: must-meet meetings, the dashboard, and scheduling
runs (started, read, published, exported for an outside solver and imported back)."""

from django.http import HttpRequest
from ninja import Router, Status

from matchmaking import selectors, services
from matchmaking.api.common import partnering_event
from matchmaking.models import Participant
from matchmaking.schemas import MeetingOut, MustMeetIn, RunIn, RunOut

router = Router()


@router.post(
    "/{slug}/organiser/meetings",
    response={201: MeetingOut},
    url_name="partnering_must_meet",
    operation_id="partnering_must_meet",
)
def must_meet(request: HttpRequest, slug: str, body: MustMeetIn):
    event = partnering_event(request, slug)
    participants = Participant.objects.filter(
        event=event, pk__in=body.participant_ids, is_active=True
    ).select_related("registration__user")
    meeting = services.meeting_create_by_organiser(
        event=event,
        user=request.user,
        participants=participants,
        required=body.required,
        priority=body.priority,
    )
    return Status(201, selectors.meeting_list_for_event(event=event).get(pk=meeting.pk))


@router.get(
    "/{slug}/organiser/dashboard",
    response=dict,
    url_name="partnering_dashboard",
    operation_id="partnering_dashboard",
)
def dashboard(request: HttpRequest, slug: str):
    event = partnering_event(request, slug)
    services.require_organiser(user=request.user, event=event)
    figures = selectors.dashboard(event=event)
    figures["outcomes"] = {o["outcome"]: o["n"] for o in figures["outcomes"]}
    return figures


@router.post(
    "/{slug}/schedule/runs",
    response={202: RunOut},
    url_name="partnering_run_start",
    operation_id="partnering_run_start",
)
def run_start(request: HttpRequest, slug: str, body: RunIn):
    run = services.schedule_run_start(
        event=partnering_event(request, slug), user=request.user, **body.model_dump()
    )
    return Status(202, run)


def _organised(request: HttpRequest, slug: str):
    event = partnering_event(request, slug)
    services.require_organiser(user=request.user, event=event)
    return event


@router.get(
    "/{slug}/schedule/runs/{run_id}",
    response=RunOut,
    url_name="partnering_run_get",
    operation_id="partnering_run_get",
)
def run_get(request: HttpRequest, slug: str, run_id: int):
    return selectors.run_get(event=_organised(request, slug), run_id=run_id)


@router.post(
    "/{slug}/schedule/runs/{run_id}/publish",
    response=RunOut,
    url_name="partnering_run_publish",
    operation_id="partnering_run_publish",
)
def run_publish(request: HttpRequest, slug: str, run_id: int):
    run = selectors.run_get(event=_organised(request, slug), run_id=run_id)
    return services.schedule_publish(run=run, user=request.user)


@router.get(
    "/{slug}/schedule/instance",
    response=dict,
    url_name="partnering_instance_export",
    operation_id="partnering_instance_export",
)
def instance_export(request: HttpRequest, slug: str):
    return selectors.schedule_instance(event=_organised(request, slug))


@router.post(
    "/{slug}/schedule/solution",
    response={201: RunOut},
    url_name="partnering_solution_import",
    operation_id="partnering_solution_import",
)
def solution_import(request: HttpRequest, slug: str, body: dict):
    event = partnering_event(request, slug)
    return Status(
        201, services.schedule_import(event=event, user=request.user, data=body)
    )
