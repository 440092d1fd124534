from django.core.management.base import BaseCommand, CommandError

from events.models import Event
from matchmaking import selectors, services
from matchmaking.enums import ChangeKind, RunStatus


class Command(BaseCommand):
    help = (
        "Schedule an event's accepted meetings as a draft: a repair of the published "
        "schedule (the default) or, with --full, everything from scratch; print what "
        "publishing it changes, and publish it if asked."
    )

    def add_arguments(self, parser):
        parser.add_argument("event_slug")
        parser.add_argument("--time-limit", type=float, default=60.0)
        parser.add_argument(
            "--full",
            action="store_true",
            help="Plan from scratch: any published meeting may move.",
        )
        parser.add_argument("--publish", action="store_true")

    def handle(self, *args, event_slug, time_limit, full, publish, **options):
        event = Event.objects.filter(slug=event_slug).first()
        if event is None:
            raise CommandError(f"No event {event_slug!r}.")
        repair = not full and selectors.schedule_is_published(event=event)
        run = services.schedule_run(
            event=event, time_limit=time_limit, incremental=repair
        )
        if run.status == RunStatus.FAILED:
            raise CommandError(f"Run {run.pk} failed: {run.error}")
        sol = run.solution
        self.stdout.write(
            f"Run {run.pk} ({'repair' if repair else 'full'}): {sol.get('status')}, "
            f"{len(sol.get('assignments', []))} scheduled, "
            f"{len(sol.get('unscheduled', []))} not, objective "
            f"{sol.get('objective')}, {sol.get('seconds')} s"
        )
        c = selectors.run_diff(run=run).counts
        self.stdout.write(
            f"Publishing changes: {c[ChangeKind.MOVED]} moved, "
            f"{c[ChangeKind.ADDED]} added, {c[ChangeKind.UNSCHEDULED]} taken off, "
            f"{c[ChangeKind.CANCELLED]} cancelled since the last release; "
            f"{c['people']} people told"
        )
        if publish:
            services.schedule_publish(run=run, user=None)
            self.stdout.write(f"Run {run.pk} published.")
