"""Delegation background tasks: thin wrappers that load by id and call a service."""

from django_tasks import task

from events import delegation_services
from events.models import DelegationProgramme


@task(queue_name="mail")
def delegation_decisions_email(programme_id: int) -> int:
    """Send the programme's new decisions; already-sent ones are skipped, so a
    second run (or a retry) sends nothing twice."""
    programme = DelegationProgramme.objects.select_related("event").get(pk=programme_id)
    return delegation_services.decisions_send_pending(programme=programme)
