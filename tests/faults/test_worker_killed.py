"""A worker killed mid-solve: its solve dies with it, the published schedule stays
as it was, the run is marked failed once its heartbeat is stale, and a new run
then succeeds.

A real RQ worker (`manage.py rqworker scheduling --burst`, our GroupWorker) on this
test database and a Redis database of its own takes the run; the test SIGKILLs its
process group (or the worker alone) once the run's heartbeat shows the solver
working, then reads /proc to see that no work horse survived.
"""

import datetime as dt
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import redis
from django.db import connection
from django.utils import timezone

from config import env
from events.enums import OrganisationKind, TeamRole
from events.models import EventTeamMember
from matchmaking import services
from matchmaking.enums import RunStatus
from matchmaking.models import Meeting, ScheduleRun
from matchmaking.services.scheduling import schedule_run_fail_stale
from tests.factories.accounts import UserFactory
from tests.factories.matchmaking import (
    ParticipantFactory,
    accepted_meeting,
    partnering_event,
)

pytestmark = [pytest.mark.serial, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
LOG = Path(tempfile.gettempdir()) / "convene-faults-worker.log"
REDIS_URL = os.environ.get("FAULTS_REDIS_URL", "redis://127.0.0.1:6379/14")


@pytest.fixture
def queue(settings, postgres):
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).flushdb()
    except redis.RedisError:
        pytest.skip(f"needs Redis at {REDIS_URL}")
    settings.TASKS = env.tasks({"REDIS_URL": REDIS_URL})
    settings.RQ_QUEUES = env.rq_queues({"REDIS_URL": REDIS_URL})
    return REDIS_URL


def _placed(event) -> dict:
    return dict(
        Meeting.objects.filter(event=event).values_list("pk", "slot_id").order_by("pk")
    )


def _worker() -> subprocess.Popen:
    db = connection.settings_dict
    url = f"postgresql://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    with LOG.open("ab") as log:
        return subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "rqworker",
                "scheduling",
                "--burst",
                "--job-class",
                "django_tasks_rq.Job",
            ],
            cwd=ROOT,
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "config.settings_test",
                "DATABASE_URL": url,
                "REDIS_URL": REDIS_URL,
            },
            start_new_session=True,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def _stat(pid: int) -> tuple[str, int, int] | None:
    """(state, parent, process group) from /proc, or None once the pid is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    state, parent, group = stat.rsplit(")", 1)[1].split()[:3]
    return state, int(parent), int(group)


def _descendants(pid: int) -> list[int]:
    """Every live process below `pid` (its work horse and anything it started)."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat := _stat(int(entry.name))):
            parents[int(entry.name)] = stat[1]
    found, frontier = [], [pid]
    while frontier:
        below = [p for p, parent in parents.items() if parent in frontier]
        found += below
        frontier = below
    return found


def _alive(pid: int) -> bool:
    stat = _stat(pid)
    return stat is not None and stat[0] not in "ZX"  # a zombie has stopped


def _gone(pids: list[int], seconds: float = 10) -> list[int]:
    """The pids still alive after waiting up to `seconds` for them to end."""
    deadline = time.monotonic() + seconds
    while (alive := [p for p in pids if _alive(p)]) and time.monotonic() < deadline:
        time.sleep(0.05)
    return alive


def _wait_for_heartbeat(run: ScheduleRun, worker, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if run.status == RunStatus.RUNNING and run.progress.get("elapsed", 0) >= 1:
            return
        if run.status not in (RunStatus.QUEUED, RunStatus.RUNNING):
            pytest.fail(f"the run ended before it could be killed: {run.status}")
        if worker.poll() is not None:
            pytest.fail(f"the worker exited with {worker.returncode}")
        time.sleep(0.1)
    pytest.fail("the run never started solving")


def _kill_mid_solve(run: ScheduleRun, *, group: bool):
    """Start a worker, SIGKILL it (its process group, or the worker alone) once
    `run` is solving. Returns the worker's pid, its work horses' pids, their
    process groups then, and those still alive after the kill (killed here too, so
    nothing is left behind even when the test fails)."""
    worker = _worker()
    horses, groups = [], set()
    try:
        _wait_for_heartbeat(run, worker)
        horses = _descendants(worker.pid)
        groups = {stat[2] for pid in horses if (stat := _stat(pid))}
    finally:
        if group:
            os.killpg(worker.pid, signal.SIGKILL)  # as a deploy script would
        else:
            os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
        survivors = _gone(horses)
        for pid in survivors:
            os.kill(pid, signal.SIGKILL)
    return worker.pid, horses, groups, survivors


def _crowded_event():
    """A published schedule of four meetings, then many more accepted meetings than
    fit: the solver works until its time limit."""
    event = partnering_event(slots=16, tables=4).event
    organiser = UserFactory()
    EventTeamMember.objects.create(event=event, user=organiser, role=TeamRole.ORGANISER)
    investors = [
        ParticipantFactory(event=event, kind=OrganisationKind.INVESTOR)
        for _ in range(14)
    ]
    biotechs = [ParticipantFactory(event=event) for _ in range(14)]
    for i, investor in enumerate(investors[:4]):
        accepted_meeting(investor, biotechs[i])
    published = services.schedule_run(event=event, time_limit=5)
    services.schedule_publish(run=published, user=organiser)
    before = _placed(event)
    for i, investor in enumerate(investors):
        for biotech in biotechs[(i % 3) + 4 :: 3]:
            accepted_meeting(investor, biotech)
    return event, organiser, published, before


def test_killed_worker_leaves_the_published_schedule_and_the_run_is_retryable(queue):
    event, organiser, published, before = _crowded_event()

    run = services.schedule_run_start(event=event, user=organiser, time_limit=120)
    worker, horses, groups, survivors = _kill_mid_solve(run, group=True)
    assert horses
    assert groups == {worker}  # the horse shared its worker's group
    assert survivors == []  # and died with it: the solve is over
    run.refresh_from_db()
    beat = run.heartbeat_at

    time.sleep(2.5)  # a live solver would beat again within a second
    run.refresh_from_db()
    assert run.status == RunStatus.RUNNING  # nobody is left to say otherwise
    assert run.heartbeat_at == beat
    assert _placed(event) == {
        **before,
        **{pk: None for pk in _placed(event) if pk not in before},
    }
    assert ScheduleRun.objects.get(status=RunStatus.PUBLISHED).pk == published.pk

    assert schedule_run_fail_stale() == 0  # a fresh heartbeat: maybe still alive
    later = timezone.now() + dt.timedelta(minutes=3)
    assert schedule_run_fail_stale(now=later) == 1
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert "Start the run again" in run.error
    with pytest.raises(services.PartneringError):
        services.schedule_publish(run=run, user=organiser)

    # Retry: a new run on a live worker makes a draft; the published one still holds.
    retry = services.schedule_run_start(event=event, user=organiser, time_limit=3)
    finisher = _worker()
    finisher.wait(timeout=120)
    retry.refresh_from_db()
    assert retry.status == RunStatus.DRAFT
    assert _placed(event) == {
        **before,
        **{pk: None for pk in _placed(event) if pk not in before},
    }


def test_a_worker_killed_alone_takes_its_solve_with_it(queue):
    """`kill -9` on the worker's pid only (the OOM killer, a supervisor): the
    kernel ends the horse too (PR_SET_PDEATHSIG), and the run fails once stale."""
    event, organiser, published, before = _crowded_event()
    run = services.schedule_run_start(event=event, user=organiser, time_limit=120)
    _worker_pid, horses, _groups, survivors = _kill_mid_solve(run, group=False)
    assert (bool(horses), survivors) == (True, [])
    assert schedule_run_fail_stale(now=timezone.now() + dt.timedelta(minutes=3)) == 1
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert ScheduleRun.objects.get(status=RunStatus.PUBLISHED).pk == published.pk
    assert _placed(event) == {
        **before,
        **{pk: None for pk in _placed(event) if pk not in before},
    }
