"""Delegation endpoints. A company sees only its own applications, a reviewer only
the reviews assigned to them (anything else answers 404); refusals by the services
answer `application/problem+json` with the reason (see `config/api.py`)."""

from django.http import Http404, HttpRequest
from ninja import File, Form, Query, Router, Schema, Status, UploadedFile
from ninja.pagination import paginate
from ninja.security import django_auth

from delegations import outcomes, selectors, services
from delegations.api.organiser import router as organiser_router
from delegations.api.outcomes import router as outcomes_router
from delegations.models import DelegationApplication
from delegations.schemas import (
    ApplicationIn,
    ApplicationOut,
    ApplicationPatch,
    ConfirmIn,
    DecisionIn,
    DocumentOut,
    ItineraryItemOut,
    OrganiserApplicationOut,
    OutcomeRowOut,
    ProgrammeOut,
    ReviewIn,
    ReviewOut,
    SentOut,
)

router = Router(tags=["delegation"], auth=django_auth)


def _mine(request: HttpRequest, application_id: int) -> DelegationApplication:
    return selectors.application_get_for_applicant(user=request.user, pk=application_id)


def _organised(request: HttpRequest, slug: str):
    programme = selectors.programme_get(slug=slug)
    if not selectors.is_organiser(user=request.user, event=programme.event):
        raise Http404("DelegationProgramme not found.")
    return programme


@router.get(
    "/programmes",
    response=list[ProgrammeOut],
    url_name="delegation_programme_list",
    operation_id="delegation_programme_list",
)
@paginate
def programme_list(request: HttpRequest):
    return selectors.programme_list().filter(event__is_published=True)


@router.get(
    "/programmes/{slug}",
    response=ProgrammeOut,
    url_name="delegation_programme_get",
    operation_id="delegation_programme_get",
)
def programme_get(request: HttpRequest, slug: str):
    return (
        selectors.programme_list()
        .filter(event__is_published=True)
        .get(event__slug=slug)
    )


@router.post(
    "/programmes/{slug}/applications",
    response={201: ApplicationOut},
    url_name="delegation_application_create",
    operation_id="delegation_application_create",
)
def application_create(request: HttpRequest, slug: str, payload: ApplicationIn):
    programme = selectors.programme_get(slug=slug)
    application = services.application_create(
        programme=programme, user=request.user, **payload.dict()
    )
    return Status(201, application)


@router.get(
    "/applications",
    response=list[ApplicationOut],
    url_name="delegation_application_list",
    operation_id="delegation_application_list",
)
@paginate
def application_list(request: HttpRequest):
    return selectors.application_list_for_applicant(user=request.user)


@router.get(
    "/applications/{application_id}",
    response=ApplicationOut,
    url_name="delegation_application_get",
    operation_id="delegation_application_get",
)
def application_get(request: HttpRequest, application_id: int):
    return _mine(request, application_id)


@router.patch(
    "/applications/{application_id}",
    response=ApplicationOut,
    url_name="delegation_application_update",
    operation_id="delegation_application_update",
)
def application_update(
    request: HttpRequest, application_id: int, payload: ApplicationPatch
):
    application = _mine(request, application_id)
    return services.application_save_draft(
        programme=application.programme,
        user=request.user,
        application=application,
        **payload.dict(exclude_unset=True),
    )


@router.post(
    "/applications/{application_id}/submit",
    response=ApplicationOut,
    url_name="delegation_application_submit",
    operation_id="delegation_application_submit",
)
def application_submit(request: HttpRequest, application_id: int):
    application = _mine(request, application_id)
    return services.application_submit(application=application, user=request.user)


@router.post(
    "/applications/{application_id}/documents",
    response={201: DocumentOut},
    url_name="delegation_document_add",
    operation_id="delegation_document_add",
)
def document_add(
    request: HttpRequest,
    application_id: int,
    file: File[UploadedFile],
    title: Form[str] = "",
):
    application = _mine(request, application_id)
    document = services.document_add(
        application=application, user=request.user, upload=file, title=title
    )
    return Status(201, document)


@router.post(
    "/applications/{application_id}/confirm",
    response=ApplicationOut,
    url_name="delegation_application_confirm",
    operation_id="delegation_application_confirm",
)
def application_confirm(request: HttpRequest, application_id: int, payload: ConfirmIn):
    application = _mine(request, application_id)
    people = [services.DelegateIn(**d.dict()) for d in payload.delegates]
    return services.application_confirm(
        application=application, user=request.user, delegates=people
    )


@router.get(
    "/reviews",
    response=list[ReviewOut],
    url_name="delegation_review_list",
    operation_id="delegation_review_list",
)
@paginate
def review_list(request: HttpRequest):
    return selectors.review_list_for_reviewer(user=request.user)


@router.put(
    "/reviews/{review_id}",
    response=ReviewOut,
    url_name="delegation_review_score",
    operation_id="delegation_review_score",
)
def review_score(request: HttpRequest, review_id: int, payload: ReviewIn):
    review = selectors.review_get_for_reviewer(user=request.user, pk=review_id)
    return services.review_score(review=review, user=request.user, **payload.dict())


@router.get(
    "/programmes/{slug}/applications",
    response=list[OrganiserApplicationOut],
    url_name="delegation_organiser_application_list",
    operation_id="delegation_organiser_application_list",
)
@paginate
def organiser_application_list(
    request: HttpRequest, slug: str, status: str | None = None
):
    programme = _organised(request, slug)
    return selectors.application_list_for_organiser(programme=programme, status=status)


@router.post(
    "/applications/{application_id}/decision",
    response=OrganiserApplicationOut,
    url_name="delegation_application_decide",
    operation_id="delegation_application_decide",
)
def application_decide(request: HttpRequest, application_id: int, payload: DecisionIn):
    application = selectors.application_get_for_organiser(
        user=request.user, pk=application_id
    )
    return services.application_decide(
        application=application, actor=request.user, **payload.dict()
    )


@router.post(
    "/programmes/{slug}/decisions/send",
    response=SentOut,
    url_name="delegation_decisions_send",
    operation_id="delegation_decisions_send",
)
def decisions_send(request: HttpRequest, slug: str):
    programme = _organised(request, slug)
    count = services.decisions_send_enqueue(programme=programme, actor=request.user)
    return {"queued": count}


@router.get(
    "/programmes/{slug}/itinerary",
    response=list[ItineraryItemOut],
    url_name="delegation_itinerary",
    operation_id="delegation_itinerary",
)
@paginate
def itinerary(request: HttpRequest, slug: str):
    """The caller's own itinerary as a delegate; the whole one for an organiser."""
    programme = selectors.programme_get(slug=slug)
    delegate = selectors.delegate_find_for_user(user=request.user, programme=programme)
    if delegate is None and not selectors.is_organiser(
        user=request.user, event=programme.event
    ):
        raise Http404("Delegate not found.")
    sessions = selectors.itinerary_sessions(event=programme.event, delegate=delegate)
    return selectors.itinerary_rows(event=programme.event, sessions=sessions)


class OutcomeFilters(Schema):
    year: int | None = None
    kind: str | None = None


@router.get(
    "/outcomes",
    response=list[OutcomeRowOut],
    url_name="delegation_outcomes",
    operation_id="delegation_outcomes",
)
@paginate
def outcome_list(request: HttpRequest, filters: Query[OutcomeFilters]):
    if not selectors.programme_list_for_organiser(user=request.user).exists():
        raise Http404("No programme organised.")
    return outcomes.outcome_figures(
        year=filters.year, kind=filters.kind, user=request.user
    )


router.add_router("", organiser_router)
router.add_router("", outcomes_router)
