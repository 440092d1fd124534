"""Background tasks: thin wrappers that load by id and call a service."""

from django_tasks import task

from badges import services
from badges.models import BadgeBatch


@task()
def badge_batch_render(batch_id: int) -> int:
    """Render one print run; returns how many badges it holds."""
    batch = BadgeBatch.objects.select_related("event").get(pk=batch_id)
    return services.badge_batch_run(batch=batch).total
