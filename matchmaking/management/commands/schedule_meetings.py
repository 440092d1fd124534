from django.core.management.base import BaseCommand, CommandError

from events.models import Event
from matchmaking import services
from matchmaking.enums import RunStatus


class Command(BaseCommand):
    help = "Schedule an event's accepted meetings (a draft), and publish it if asked."

    def add_arguments(self, parser):
        parser.add_argument("event_slug")
        parser.add_argument("--time-limit", type=float, default=60.0)
        parser.add_argument(
            "--incremental",
            action="store_true",
            help="Repair the published schedule, moving as few meetings as possible.",
        )
        parser.add_argument("--publish", action="store_true")

    def handle(self, *args, event_slug, time_limit, incremental, publish, **options):
        event = Event.objects.filter(slug=event_slug).first()
        if event is None:
            raise CommandError(f"No event {event_slug!r}.")
        run = services.schedule_run(
            event=event, time_limit=time_limit, incremental=incremental
        )
        if run.status == RunStatus.FAILED:
            raise CommandError(f"Run {run.pk} failed: {run.error}")
        sol = run.solution
        self.stdout.write(
            f"Run {run.pk}: {sol.get('status')}, {len(sol.get('assignments', []))} "
            f"scheduled, {len(sol.get('unscheduled', []))} not, objective "
            f"{sol.get('objective')}, {sol.get('seconds')} s"
        )
        if publish:
            services.schedule_publish(run=run, user=None)
            self.stdout.write(f"Run {run.pk} published.")
