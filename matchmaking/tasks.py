"""Background tasks: thin wrappers that load by id and call a service."""

from django_tasks import task

from matchmaking import services
from matchmaking.models import Notification, ScheduleRun
from matchmaking.services.mail import notification_email_send


@task(queue_name="scheduling")
def schedule_run_task(run_id: int) -> str:
    """Solve one queued run; returns its final status (draft or failed)."""
    run = ScheduleRun.objects.select_related("event").get(pk=run_id)
    return services.schedule_run(run=run).status


@task(queue_name="mail")
def notification_email(notification_ids: list[int]) -> int:
    """E-mail each notification to its owner, in the owner's language."""
    notes = Notification.objects.filter(pk__in=notification_ids).select_related(
        "user", "event", "actor__organisation"
    )
    return notification_email_send(notifications=notes.order_by("pk"))


@task(queue_name="default")
def schedule_run_fail_stale_task() -> int:
    """Mark failed the runs whose worker died mid-solve (every minute, from cron)."""
    from matchmaking.services.scheduling import schedule_run_fail_stale

    return schedule_run_fail_stale()
