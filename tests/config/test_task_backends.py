"""The embedded default's task backend: the queues it names run on background
threads of the process, so whoever enqueues them does not wait; others run inline."""

import threading
import time

import pytest
from django_tasks import TaskResultStatus, task

pytestmark = pytest.mark.unit

QUEUES = ["default", "scheduling", "mail"]
release = threading.Event()


@task(queue_name="scheduling")
def wait_then_report(value: int) -> dict:
    """Blocks its worker until the test releases it; then says where it ran."""
    release.wait(timeout=30)
    return {"value": value, "thread": threading.current_thread().name}


@task(queue_name="mail")
def fail_loudly() -> None:
    raise ValueError("boom")


@task()
def where_am_i() -> str:
    return threading.current_thread().name


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
            "OPTIONS": {"THREADS": {"scheduling": 1, "mail": 1}},
        }
    }
    release.clear()
    yield
    release.set()


def test_enqueue_returns_at_once_and_the_task_runs_on_a_pool_thread(threads):
    first = wait_then_report.enqueue(1)
    second = wait_then_report.enqueue(2)  # waits for the queue's only thread
    deadline = time.monotonic() + 30
    while first.status == TaskResultStatus.READY and time.monotonic() < deadline:
        time.sleep(0.02)
    assert (first.status, second.status) == (
        TaskResultStatus.RUNNING,
        TaskResultStatus.READY,
    )
    release.set()
    _wait(first)
    _wait(second)
    assert first.status == second.status == TaskResultStatus.SUCCESSFUL
    assert second.return_value["value"] == 2
    assert second.return_value["thread"].startswith("tasks-scheduling")


def test_a_failing_task_is_recorded_and_its_thread_lives_on(threads):
    failed = fail_loudly.enqueue()
    _wait(failed)
    assert failed.status == TaskResultStatus.FAILED
    assert failed.errors[0].exception_class_path == "builtins.ValueError"
    again = fail_loudly.enqueue()
    _wait(again)
    assert again.status == TaskResultStatus.FAILED


def test_queues_without_threads_run_inline(threads):
    result = where_am_i.enqueue()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == threading.current_thread().name
