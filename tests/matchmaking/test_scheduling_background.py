"""Without Redis a run goes to a background thread of the web process: the
organiser's request returns at once and the page follows the run to its draft."""

import threading
import time

import pytest
from django_tasks import task

from matchmaking.enums import RunStatus
from matchmaking.models import ScheduleRun
from tests.factories.matchmaking import ParticipantFactory, accepted_meeting

pytestmark = [
    pytest.mark.integration,
    pytest.mark.serial,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
busy = threading.Event()


@task(queue_name="scheduling")
def occupy_the_worker() -> None:
    busy.wait(timeout=60)


@pytest.fixture
def background(settings):
    settings.TASKS = {
        "default": {
            "BACKEND": "config.task_backends.ThreadPoolBackend",
            "QUEUES": ["default", "scheduling", "mail"],
            "OPTIONS": {"THREADS": {"scheduling": 1, "mail": 1}},
        }
    }
    busy.clear()
    yield
    busy.set()


def _until_finished(run: ScheduleRun, seconds: float = 60) -> ScheduleRun:
    deadline = time.monotonic() + seconds
    while run.status in (RunStatus.QUEUED, RunStatus.RUNNING):
        assert time.monotonic() < deadline, f"run still {run.status}"
        time.sleep(0.2)
        run.refresh_from_db()
    return run


def test_run_starts_in_the_background_and_the_page_follows_it(
    client, event, organiser, investor, biotech, background
):
    accepted_meeting(investor, biotech)
    accepted_meeting(investor, ParticipantFactory(event=event))
    occupy_the_worker.enqueue()  # the scheduling thread is busy: the run waits
    client.force_login(organiser)
    base = f"/en/partnering/{event.slug}/organiser/schedule/"
    response = client.post(base, {"time_limit": 5})
    run = ScheduleRun.objects.get()
    assert response["Location"] == f"{base}?run={run.pk}"
    assert run.status == RunStatus.QUEUED  # the request did not solve it
    progress = client.get(f"{base}{run.pk}/progress/").json()
    assert (progress["status"], progress["done"]) == ("queued", False)
    page = client.get(response["Location"]).content.decode()
    assert 'data-done="0"' in page  # the page polls
    busy.set()
    run = _until_finished(run)
    assert run.status == RunStatus.DRAFT
    assert len(run.solution["assignments"]) == 2
    assert run.heartbeat_at is not None
    progress = client.get(f"{base}{run.pk}/progress/").json()
    assert (progress["done"], progress["percent"], progress["time_left"]) == (
        True,
        100,
        0,
    )
