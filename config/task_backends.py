"""A django-tasks backend for the embedded default: tasks run on a small pool of
background threads inside the web process, so a request that enqueues a scheduler
run (or a batch of e-mails) returns at once and the page can follow its progress.

It is the `ImmediateBackend` (same signals, same result bookkeeping) with the
execution moved off the request's thread. It has no queue outside the process:
tasks still waiting or running when the process stops are lost, which is why
production uses RQ (`REDIS_URL`). At exit the process waits for running tasks,
so a management command's e-mails are sent before it returns. Each task closes
its thread's database connections when it ends.
"""

import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor

from django.db import close_old_connections, connections
from django.utils import timezone
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import Task, TaskResult, TaskResultStatus
from django_tasks.exceptions import TaskResultDoesNotExist
from django_tasks.utils import get_random_id

KEEP_RESULTS = 1000  # finished results kept for `get_result`, newest last

_lock = threading.Lock()
_pools: dict[tuple[str, int], ThreadPoolExecutor] = {}
_results: OrderedDict[str, TaskResult] = OrderedDict()


def _pool(alias: str, workers: int) -> ThreadPoolExecutor:
    """One pool per backend alias and process (backend objects are per thread)."""
    with _lock:
        key = (alias, workers)
        if key not in _pools:
            _pools[key] = ThreadPoolExecutor(
                max_workers=workers, thread_name_prefix=f"tasks-{alias}"
            )
        return _pools[key]


class ThreadPoolBackend(ImmediateBackend):
    """OPTIONS: `MAX_WORKERS` (default 2), the tasks that may run at once."""

    supports_get_result = True

    def __init__(self, alias: str, params: dict):
        super().__init__(alias, params)
        self.max_workers = int(self.options.get("MAX_WORKERS", 2))

    def enqueue(self, task: Task, args, kwargs) -> TaskResult:
        self.validate_task(task)
        result = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=timezone.now(),
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        with _lock:
            _results[result.id] = result
            while len(_results) > KEEP_RESULTS:
                _results.popitem(last=False)
        _pool(self.alias, self.max_workers).submit(self._run, result)
        return result

    def _run(self, result: TaskResult) -> None:
        close_old_connections()
        try:
            self._execute_task(result)
        finally:
            connections.close_all()  # this thread's connections only

    def get_result(self, result_id: str) -> TaskResult:
        with _lock:
            try:
                return _results[result_id]
            except KeyError:
                raise TaskResultDoesNotExist(result_id) from None
