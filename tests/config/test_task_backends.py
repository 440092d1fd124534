"""The embedded default's task backend: tasks run on background threads of the
process, so whoever enqueues them does not wait."""

import threading
import time

import pytest
from django_tasks import TaskResultStatus, task

pytestmark = pytest.mark.unit

QUEUES = ["default", "scheduling", "mail"]
release = threading.Event()


@task()
def wait_then_report(value: int) -> dict:
    """Blocks its worker until the test releases it; then says where it ran."""
    release.wait(timeout=30)
    return {"value": value, "thread": threading.current_thread().name}


@task()
def fail_loudly() -> None:
    raise ValueError("boom")


def _wait(result, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while result.status in (TaskResultStatus.READY, TaskResultStatus.RUNNING):
        assert time.monotonic() < deadline, "the task did not finish"
        time.sleep(0.05)
        result.refresh()


@pytest.fixture
def threads(settings):
    settings.TASKS = {
        "default": {
            "BACKEND": "config.task_backends.ThreadPoolBackend",
            "QUEUES": QUEUES,
            "OPTIONS": {"MAX_WORKERS": 1},
        }
    }
    release.clear()
    yield
    release.set()


def test_enqueue_returns_at_once_and_the_task_runs_on_a_pool_thread(threads):
    first = wait_then_report.enqueue(1)
    second = wait_then_report.enqueue(2)  # waits for the only worker
    time.sleep(0.2)
    assert (first.status, second.status) == (
        TaskResultStatus.RUNNING,
        TaskResultStatus.READY,
    )
    release.set()
    _wait(first)
    _wait(second)
    assert first.status == second.status == TaskResultStatus.SUCCESSFUL
    assert second.return_value["value"] == 2
    assert second.return_value["thread"].startswith("tasks-default")
    assert second.return_value["thread"] != threading.current_thread().name


def test_a_failing_task_is_recorded_and_the_worker_lives_on(threads):
    release.set()
    failed = fail_loudly.enqueue()
    _wait(failed)
    assert failed.status == TaskResultStatus.FAILED
    assert failed.errors[0].exception_class_path == "builtins.ValueError"
    after = wait_then_report.enqueue(3)
    _wait(after)
    assert after.return_value["value"] == 3
