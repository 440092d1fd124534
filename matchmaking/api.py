"""Partnering endpoints: a participant sees only their own requests and meetings
(another's answers 404) and only the profiles they may see."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate
from ninja.security import django_auth

from events import selectors as event_selectors
from events.authority import is_organiser
from matchmaking import selectors, services
from matchmaking.models import Participant, Slot, Tag
from matchmaking.schemas import (
    ColleagueIn,
    DeclineIn,
    FacetsOut,
    FeedbackIn,
    FeedbackOut,
    MarkedOut,
    MeetingOut,
    MustMeetIn,
    MyProfileOut,
    NotificationOut,
    OrganisationDetailOut,
    OrganisationProfileIn,
    ParticipantOut,
    PartneringOrganisationOut,
    ProfileIn,
    ProposeIn,
    RecommendationOut,
    RequestIn,
    RequestOut,
    RunIn,
    RunOut,
    UnreadOut,
)

router = Router(tags=["partnering"], auth=django_auth)


def _event(request: HttpRequest, slug: str):
    event = event_selectors.event_get(slug=slug, user=request.user)
    selectors.setup_get(event=event)  # no partnering here: 404
    return event


def _me(request: HttpRequest, slug: str) -> Participant:
    return services.participant_of(user=request.user, event=_event(request, slug))


def _viewer(request: HttpRequest, event):
    """The caller's participant record, or None for an organiser (sees everyone)."""
    if is_organiser(user=request.user, event=event):
        return None
    return services.participant_of(user=request.user, event=event)


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
    event = _event(request, slug)
    return selectors.participant_list_visible(
        viewer=_viewer(request, event),
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
    event = _event(request, slug)
    return selectors.participant_get_visible(
        viewer=_viewer(request, event), event=event, participant_id=participant_id
    )


@router.get(
    "/{slug}/facets",
    response=FacetsOut,
    url_name="partnering_facets",
    operation_id="partnering_facets",
)
def facets(request: HttpRequest, slug: str, filters: Query[DirectoryFilters]):
    event = _event(request, slug)
    profiles = selectors.participant_list_visible(
        viewer=_viewer(request, event),
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
    return selectors.recommendation_list(viewer=_me(request, slug), limit=50)


@router.get(
    "/{slug}/me",
    response=MyProfileOut,
    url_name="partnering_me",
    operation_id="partnering_me_get",
)
def me_get(request: HttpRequest, slug: str):
    return _me(request, slug)


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
    event = _event(request, slug)
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
    event = _event(request, slug)
    return selectors.organisation_list_visible(
        viewer=_viewer(request, event), event=event
    )


@router.get(
    "/{slug}/organisations/{organisation_id}",
    response=OrganisationDetailOut,
    url_name="partnering_organisation_get",
    operation_id="partnering_organisation_get",
)
def organisation_get(request: HttpRequest, slug: str, organisation_id: int):
    event = _event(request, slug)
    return selectors.organisation_get_visible(
        viewer=_viewer(request, event), event=event, organisation_id=organisation_id
    )


def _my_organisation(request: HttpRequest, slug: str):
    me = _me(request, slug)
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


@router.get(
    "/{slug}/requests",
    response=list[RequestOut],
    url_name="partnering_request_list",
    operation_id="partnering_request_list",
)
@paginate
def request_list(request: HttpRequest, slug: str, box: str | None = None):
    return selectors.request_list_for(participant=_me(request, slug), box=box)


@router.post(
    "/{slug}/requests",
    response={201: RequestOut},
    url_name="partnering_request_send",
    operation_id="partnering_request_send",
)
def request_send(request: HttpRequest, slug: str, body: RequestIn):
    me = _me(request, slug)
    recipient = selectors.participant_get_visible(
        viewer=me, event=me.event, participant_id=body.recipient_id
    )
    sent = services.meeting_request_send(
        sender=me, recipient=recipient, message=body.message, priority=body.priority
    )
    return Status(201, selectors.request_get_for(participant=me, request_id=sent.pk))


def _request(request: HttpRequest, slug: str, request_id: int):
    me = _me(request, slug)
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


@router.get(
    "/{slug}/meetings",
    response=list[MeetingOut],
    url_name="partnering_meeting_list",
    operation_id="partnering_meeting_list",
)
@paginate
def meeting_list(request: HttpRequest, slug: str):
    return selectors.meeting_list_for(participant=_me(request, slug))


def _meeting(request: HttpRequest, slug: str, meeting_id: int):
    me = _me(request, slug)
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


@router.post(
    "/{slug}/organiser/meetings",
    response={201: MeetingOut},
    url_name="partnering_must_meet",
    operation_id="partnering_must_meet",
)
def must_meet(request: HttpRequest, slug: str, body: MustMeetIn):
    event = _event(request, slug)
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
    event = _event(request, slug)
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
        event=_event(request, slug), user=request.user, **body.model_dump()
    )
    return Status(202, run)


def _organised(request: HttpRequest, slug: str):
    event = _event(request, slug)
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
    event = _event(request, slug)
    return Status(
        201, services.schedule_import(event=event, user=request.user, data=body)
    )


@router.get(
    "/{slug}/notifications",
    response=list[NotificationOut],
    url_name="partnering_notification_list",
    operation_id="partnering_notification_list",
)
@paginate
def notification_list(request: HttpRequest, slug: str, unread: bool | None = None):
    """Your own notifications, newest first; `unread=true` for the unread ones."""
    return selectors.notification_list_for(
        user=request.user, event=_event(request, slug), unread=unread
    )


@router.get(
    "/{slug}/notifications/unread-count",
    response=UnreadOut,
    url_name="partnering_notification_unread_count",
    operation_id="partnering_notification_unread_count",
)
def notification_unread_count(request: HttpRequest, slug: str):
    event = _event(request, slug)
    return {
        "unread": selectors.notification_unread_count(user=request.user, event=event)
    }


@router.post(
    "/{slug}/notifications/read-all",
    response=MarkedOut,
    url_name="partnering_notification_read_all",
    operation_id="partnering_notification_read_all",
)
def notification_read_all(request: HttpRequest, slug: str):
    event = _event(request, slug)
    return {
        "marked": services.notification_mark_all_read(user=request.user, event=event)
    }


@router.post(
    "/{slug}/notifications/{notification_id}/read",
    response=NotificationOut,
    url_name="partnering_notification_read",
    operation_id="partnering_notification_read",
)
def notification_read(request: HttpRequest, slug: str, notification_id: int):
    """Mark one of your notifications read; another's answers 404."""
    note = selectors.notification_get_for(
        user=request.user,
        event=_event(request, slug),
        notification_id=notification_id,
    )
    return services.notification_mark_read(notification=note, user=request.user)
