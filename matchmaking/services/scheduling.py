"""The one adapter between the web app and the pure scheduler (STYLE.md section 6).

A selector turns the event's data into a partnering/1 instance; the solver runs in
a thread while this thread writes its progress to the run row about once a second
(the solver never touches the database); the result is saved in one transaction as
a draft. Nothing here changes a meeting until an organiser publishes, so a failed
run leaves the published schedule as it was.
"""

import datetime as dt
import json
import threading
import time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from config.queue import enqueue
from config.resilience import QueueUnavailable
from events.models import Event
from matchmaking import scheduler, selectors
from matchmaking.enums import RunStatus
from matchmaking.models import ScheduleRun
from matchmaking.scheduler.parse import instance_from_dict
from matchmaking.services.common import (
    PartneringError,
    require_organiser,
)

PROGRESS_EVERY = 1.0  # seconds between progress writes
OBJECTIVE_LEVELS = ("scheduled_priority", "breaks", "table_changes")
# A running run whose heartbeat is older than this lost its worker (killed,
# restarted, out of memory): `schedule_run_fail_stale` marks it failed.
STALE_AFTER = dt.timedelta(minutes=2)


def schedule_run_start(
    *, event: Event, user: User, time_limit: float = 30, incremental: bool = True
) -> ScheduleRun:
    """Queue a run on the `scheduling` queue; it starts once this transaction commits.

    By default it repairs the published schedule (moving as few meetings as it
    can); `incremental=False` plans everything again (asked first on the page)."""
    require_organiser(user=user, event=event)
    if not 1 <= time_limit <= 3600:
        raise PartneringError(_("The time limit is 1 to 3600 seconds."), 400)
    # Repair needs something to repair: the first plan is a full one.
    incremental = incremental and selectors.schedule_is_published(event=event)
    run = ScheduleRun.objects.create(
        event=event, time_limit=time_limit, incremental=incremental, created_by=user
    )
    transaction.on_commit(lambda: _enqueue("matchmaking.tasks.schedule_run_task", run))
    return run


def _enqueue(task: str, run: ScheduleRun) -> None:
    try:
        enqueue(task, run.pk)
    except QueueUnavailable:
        _fail(run, _("The task queue is unavailable; start the run again."))


def schedule_run_fail_stale(*, now: dt.datetime | None = None) -> int:
    """Mark failed the runs whose worker died mid-solve (no heartbeat for
    `STALE_AFTER`); they never wrote a draft, so the published schedule is as it
    was, and the organiser may start a new run. Returns how many."""
    cutoff = (now or timezone.now()) - STALE_AFTER
    stale = ScheduleRun.objects.filter(status=RunStatus.RUNNING).filter(
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, started_at__lt=cutoff)
    )
    return stale.update(
        status=RunStatus.FAILED,
        finished_at=now or timezone.now(),
        error=_(
            "The scheduler stopped before it finished (its worker was "
            "restarted or killed). Start the run again."
        ),
    )


def schedule_run(
    *,
    event: Event | None = None,
    run: ScheduleRun | None = None,
    time_limit: float = 30,
    incremental: bool = False,
) -> ScheduleRun:
    """Run the scheduler for an event (or a queued run) and save a draft or a failure."""
    if run is None:
        run = ScheduleRun.objects.create(
            event=event, time_limit=time_limit, incremental=incremental
        )
    try:
        data = selectors.schedule_instance(event=run.event)
        instance = instance_from_dict(data)
    except (ValidationError, scheduler.InstanceError) as exc:
        return _fail(run, " ".join(getattr(exc, "messages", [str(exc)])))
    published = None
    if run.incremental:
        published = selectors.published_solution(event=run.event, instance=instance)
    started = timezone.now()
    ScheduleRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING,
        started_at=started,
        heartbeat_at=started,
        instance=data,
    )
    try:
        solution = _solve_watched(run, instance, published)
    except Exception as exc:  # noqa: BLE001  (recorded on the run; the worker lives on)
        return _fail(run, _("The scheduler failed: %(error)s") % {"error": exc})
    return _save_result(run, instance, solution)


def _solve_watched(run: ScheduleRun, instance, published):
    latest: dict[str, Any] = {}
    box: dict[str, Any] = {}

    stages: dict[str, dict] = {"best": {}, "bound": {}}

    def record(update: dict) -> None:
        # The exact model reports one lexicographic stage at a time as raw numbers;
        # keep each stage's latest, so the page reads "priority 718, 3 breaks".
        latest.update(update)
        stage, value = update.get("stage"), update.get("objective")
        # Other stages (e.g. "breaks<=2", feasibility probes) have no level's value.
        if stage in OBJECTIVE_LEVELS and isinstance(value, int | float):
            stages["best"][stage] = round(value)
            if isinstance(update.get("bound"), int | float):
                stages["bound"][stage] = round(update["bound"])
        if stage and stages["best"]:
            latest["best"], latest["bound"] = (
                dict(stages["best"]),
                dict(stages["bound"]),
            )

    def work() -> None:
        try:
            box["solution"] = scheduler.solve(
                instance,
                time_limit=run.time_limit,
                published=published,
                on_progress=record,
            )
        except Exception as exc:  # noqa: BLE001  (re-raised in the calling thread)
            box["error"] = exc

    thread = threading.Thread(target=work, name=f"schedule-run-{run.pk}", daemon=True)
    t0 = time.monotonic()
    thread.start()
    while thread.is_alive():
        thread.join(PROGRESS_EVERY)
        elapsed = time.monotonic() - t0
        progress = _json({**latest, "elapsed": round(elapsed, 1)})
        progress["time_left"] = round(max(0.0, run.time_limit - elapsed), 1)
        ScheduleRun.objects.filter(pk=run.pk).update(
            progress=progress, heartbeat_at=timezone.now()
        )
    if "error" in box:
        raise box["error"]
    return box["solution"]


def _json(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


def _fail(run: ScheduleRun, error: str) -> ScheduleRun:
    ScheduleRun.objects.filter(pk=run.pk).update(
        status=RunStatus.FAILED, error=error, finished_at=timezone.now()
    )
    run.refresh_from_db()
    return run


@transaction.atomic
def _save_result(run: ScheduleRun, instance, solution) -> ScheduleRun:
    data = _json(scheduler.solution_to_dict(instance, solution))
    run = ScheduleRun.objects.select_for_update().get(pk=run.pk)
    run.solution, run.finished_at = data, timezone.now()
    violations = solution.extra.get("violations") or []
    if solution.status in (scheduler.INFEASIBLE, scheduler.UNKNOWN) and not (
        solution.assignments
    ):
        run.status = RunStatus.FAILED
        run.error = "; ".join(solution.reasons) or _("No schedule was found in time.")
    elif violations:
        run.status = RunStatus.FAILED
        run.error = _("The schedule broke a rule: %(v)s") % {"v": "; ".join(violations)}
    else:
        run.status = RunStatus.DRAFT
    run.progress = {**run.progress, "time_left": 0, "done": True}
    run.save()
    return run


@transaction.atomic
def schedule_import(*, event: Event, user: User, data: dict) -> ScheduleRun:
    """An organiser's solution (made outside the app) becomes a draft if it is valid."""
    require_organiser(user=user, event=event)
    instance_data = selectors.schedule_instance(event=event)
    instance = instance_from_dict(instance_data)
    try:
        solution = scheduler.solution_from_dict(instance, data)
    except scheduler.InstanceError as exc:
        raise PartneringError(str(exc), 400) from exc
    problems = scheduler.validate(instance, solution)
    if problems:
        raise PartneringError("; ".join(problems), 400)
    return ScheduleRun.objects.create(
        event=event,
        status=RunStatus.DRAFT,
        imported=True,
        time_limit=0,
        instance=instance_data,
        solution=_json(data),
        created_by=user,
        finished_at=timezone.now(),
    )
