"""A django-tasks backend for the embedded default: the queues it names run on
background threads inside the web process, so a request that enqueues a scheduler
run (or an e-mail) returns at once and the page can follow its progress. Every
other queue runs inline as with the `ImmediateBackend` (Wagtail's indexing tasks
on `default` rely on running one at a time, in order).

It is the `ImmediateBackend` (same signals, same result bookkeeping) with the
execution moved off the request's thread. It has no queue outside the process:
tasks still waiting or running when the process stops are lost (a lost scheduler
run is marked failed, see `schedule_run_fail_stale`), which is why production uses
RQ (`REDIS_URL`). At exit the process waits for running tasks, so a management
command's e-mails are sent before it returns. Each task closes its thread's
database connections when it ends.
"""

import logging
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor

from django.db import connections
from django.utils import timezone
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import Task, TaskResult, TaskResultStatus
from django_tasks.exceptions import TaskResultDoesNotExist
from django_tasks.utils import get_random_id

logger = logging.getLogger(__name__)
KEEP_RESULTS = 1000  # background results kept for `get_result`, newest last

_lock = threading.Lock()
_pools: dict[tuple[str, str, int], ThreadPoolExecutor] = {}
_results: OrderedDict[str, TaskResult] = OrderedDict()


def _pool(alias: str, queue: str, workers: int) -> ThreadPoolExecutor:
    """One pool per backend alias, queue and process (backend objects are per
    thread, so the pools live here)."""
    key = (alias, queue, workers)
    with _lock:
        if key not in _pools:
            _pools[key] = ThreadPoolExecutor(
                max_workers=workers, thread_name_prefix=f"tasks-{queue}"
            )
        return _pools[key]


class ThreadPoolBackend(ImmediateBackend):
    """OPTIONS: `THREADS`, {queue name: threads}; queues not named run inline."""

    supports_get_result = True

    def __init__(self, alias: str, params: dict):
        super().__init__(alias, params)
        self.threads = {q: int(n) for q, n in self.options.get("THREADS", {}).items()}

    def enqueue(self, task: Task, args, kwargs) -> TaskResult:
        workers = self.threads.get(task.queue_name)
        if not workers:
            return super().enqueue(task, args, kwargs)
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
        _pool(self.alias, task.queue_name, workers).submit(self._run, result)
        return result

    def _run(self, result: TaskResult) -> None:
        """`_execute_task` records the task's own failure on the result; the pool
        would swallow anything else, so closing the connections is logged."""
        try:
            self._execute_task(result)
        finally:
            try:
                connections.close_all()  # this thread's connections only
            except Exception:
                logger.exception("Closing a task thread's database connections")

    def get_result(self, result_id: str) -> TaskResult:
        with _lock:
            try:
                return _results[result_id]
            except KeyError:
                raise TaskResultDoesNotExist(result_id) from None
