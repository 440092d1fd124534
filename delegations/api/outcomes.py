"""What a member company reports after the programme, through the API: the
meetings it may tie an outcome to, its outcomes and the trials it attracted.
Another company's application is a 404; a meeting that is not the company's own
is refused with the rule (400, `application/problem+json`)."""

from django.http import HttpRequest
from ninja import Router, Status
from ninja.security import django_auth

from delegations import selectors, services
from delegations.models import DelegationApplication, MeetingOutcomeReport
from delegations.schemas import (
    CompanyMeetingOut,
    MeetingOutcomeIn,
    MeetingOutcomeOut,
    TrialIn,
    TrialOut,
)
from events.models import Session
from matchmaking.models import Meeting

router = Router(tags=["delegation"], auth=django_auth)


def _mine(request: HttpRequest, application_id: int) -> DelegationApplication:
    return selectors.application_get_for_applicant(user=request.user, pk=application_id)


def _not_ours() -> services.DelegationError:
    return services.DelegationError(
        "Choose one of your company's own meetings (GET …/meetings).", 400
    )


@router.get(
    "/applications/{application_id}/meetings",
    response=list[CompanyMeetingOut],
    url_name="delegation_company_meetings",
    operation_id="delegation_company_meetings",
)
def company_meetings(request: HttpRequest, application_id: int):
    """The company's partnering meetings and itinerary items, on the event's clock."""
    application = _mine(request, application_id)
    tz = application.programme.event.tz
    return [
        {
            "kind": "partnering" if m.meeting else "itinerary",
            "id": (m.meeting or m.session).pk,
            "starts_at": m.start.astimezone(tz),
            "counterpart": m.counterpart,
            "label": m.label,
        }
        for m in selectors.company_meetings(application=application)
    ]


@router.get(
    "/applications/{application_id}/outcomes",
    response=list[MeetingOutcomeOut],
    url_name="delegation_outcome_list",
    operation_id="delegation_outcome_list",
)
def outcome_list(request: HttpRequest, application_id: int):
    application = _mine(request, application_id)
    return selectors.outcome_list(application=application).select_related(
        "application__programme__event"
    )


@router.post(
    "/applications/{application_id}/outcomes",
    response={201: MeetingOutcomeOut},
    url_name="delegation_outcome_report",
    operation_id="delegation_outcome_report",
)
def outcome_report(
    request: HttpRequest, application_id: int, payload: MeetingOutcomeIn
):
    application = _mine(request, application_id)
    data = payload.dict()
    meeting_id, item_id = data.pop("meeting"), data.pop("itinerary_item")
    meeting = Meeting.objects.filter(pk=meeting_id).first() if meeting_id else None
    session = Session.objects.filter(pk=item_id).first() if item_id else None
    if (meeting_id and meeting is None) or (item_id and session is None):
        raise _not_ours()
    report = services.meeting_outcome_report(
        application=application,
        user=request.user,
        meeting=meeting,
        session=session,
        **data,
    )
    return Status(201, report)


@router.get(
    "/applications/{application_id}/trials",
    response=list[TrialOut],
    url_name="delegation_trial_list",
    operation_id="delegation_trial_list",
)
def trial_list(request: HttpRequest, application_id: int):
    return selectors.trial_list(application=_mine(request, application_id))


@router.post(
    "/applications/{application_id}/trials",
    response={201: TrialOut},
    url_name="delegation_trial_save",
    operation_id="delegation_trial_save",
)
def trial_save(request: HttpRequest, application_id: int, payload: TrialIn):
    """Add a trial (the same sponsor and title again corrects it)."""
    application = _mine(request, application_id)
    data = payload.dict()
    outcome_id = data.pop("outcome")
    outcome = None
    if outcome_id:
        outcome = MeetingOutcomeReport.objects.filter(
            pk=outcome_id, application=application
        ).first()
        if outcome is None:
            raise services.DelegationError("This meeting is another company's.", 400)
    trial = services.trial_save(
        application=application, user=request.user, outcome=outcome, **data
    )
    return Status(201, trial)


@router.delete(
    "/applications/{application_id}/trials/{trial_id}",
    response={204: None},
    url_name="delegation_trial_remove",
    operation_id="delegation_trial_remove",
)
def trial_remove(request: HttpRequest, application_id: int, trial_id: int):
    application = _mine(request, application_id)
    trial = application.trials.get(pk=trial_id)
    services.trial_remove(trial=trial, user=request.user)
    return Status(204, None)
