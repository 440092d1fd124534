"""Delegation background tasks: thin wrappers that load by id and call a service."""

from django_tasks import task

from delegations import services
from delegations.models import ApplicationReview, Delegate, DelegationProgramme


@task(queue_name="mail")
def delegation_decisions_email(programme_id: int) -> int:
    """Send the programme's new decisions; already-sent ones are skipped, so a
    second run (or a retry) sends nothing twice."""
    programme = DelegationProgramme.objects.select_related("event").get(pk=programme_id)
    return services.decisions_send_pending(programme=programme)


@task(queue_name="mail")
def delegation_review_assigned_email(review_id: int) -> None:
    review = ApplicationReview.objects.select_related(
        "reviewer", "application__organisation", "application__programme__event"
    ).filter(pk=review_id)
    for found in review:  # unassigned meanwhile: nothing to send
        services.review_assigned_send(review=found)


@task(queue_name="mail")
def delegation_delegate_invited_email(delegate_ids: list[int]) -> int:
    delegates = Delegate.objects.filter(pk__in=delegate_ids).select_related(
        "user", "application__organisation", "application__programme__event"
    )
    for delegate in delegates:
        services.delegate_invited_send(delegate=delegate)
    return len(delegates)
