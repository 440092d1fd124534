"""What the app does when a service behind it fails.

- PostgreSQL: a lost or refused connection (a restart, a failover, a killed
  backend) answers 503 with Retry-After, problem+json under /api/, a short page
  elsewhere; never a traceback. The transaction it interrupted rolled back, and
  Django reconnects on the next request (`CONN_HEALTH_CHECKS`).
- Redis as cache: `ResilientRedisCache` treats Redis being unreachable as a cache
  miss (reads give the default, writes are dropped, counters start again), so pages
  render from the database and rate limits let requests through meanwhile.
- Redis as task queue: `ResilientRQBackend` tries the enqueue three times; if Redis
  is still unreachable, mail and housekeeping tasks run in-process at once (late in
  the request rather than lost); a scheduler run, too long for a request, raises
  `QueueUnavailable` and its caller marks the run failed so it can be started again.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks_rq import RQBackend
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from config import error_pages
from config.problems import problem

log = logging.getLogger("convene.resilience")

DATABASE_ERRORS = (OperationalError, InterfaceError)
REDIS_ERRORS = (RedisConnectionError, RedisTimeoutError, ConnectionError, OSError)
RETRY_AFTER = "5"


def database_unavailable(request: HttpRequest, exc: Exception) -> HttpResponse:
    log.error("database unavailable for %s %s: %s", request.method, request.path, exc)
    if request.path.startswith("/api/"):
        response = problem(
            503,
            "Service unavailable",
            _("The database is unavailable; try again in a moment."),
        )
    else:
        response = error_pages.service_unavailable(request)
    response["Retry-After"] = RETRY_AFTER
    return response


class DatabaseUnavailableMiddleware:
    """Outermost but for security headers: a view that lost its database answers 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            return self.get_response(request)
        except DATABASE_ERRORS as exc:  # raised by middleware after the view
            return database_unavailable(request, exc)

    def process_exception(self, request: HttpRequest, exc: Exception):
        if isinstance(exc, DATABASE_ERRORS):
            return database_unavailable(request, exc)
        return None


class ResilientRedisCache(RedisCache):
    """Redis down is a cache miss, logged once a minute at most."""

    _last_warning = 0.0

    def _down(self, exc: Exception) -> None:
        now = time.monotonic()
        if now - ResilientRedisCache._last_warning > 60:
            ResilientRedisCache._last_warning = now
            log.warning("cache unavailable, serving without it: %s", exc)

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except REDIS_ERRORS as exc:
            self._down(exc)
            return default

    def has_key(self, key, version=None):  # `key in cache` (cached_db sessions)
        try:
            return super().has_key(key, version)
        except REDIS_ERRORS as exc:
            self._down(exc)
            return False

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except REDIS_ERRORS as exc:
            self._down(exc)
            return {}

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set(key, value, timeout, version)
        except REDIS_ERRORS as exc:
            self._down(exc)
            return None

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except REDIS_ERRORS as exc:
            self._down(exc)
            return False

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except REDIS_ERRORS as exc:
            self._down(exc)
            raise ValueError("cache unavailable") from exc

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except REDIS_ERRORS as exc:
            self._down(exc)
            return False

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except REDIS_ERRORS as exc:
            self._down(exc)
            return False


class QueueUnavailable(RuntimeError):
    """Redis stayed unreachable and the task is not one to run in a request."""


INLINE_QUEUES = {"default", "mail"}
ENQUEUE_PAUSES = (0.1, 0.4)  # seconds between the three tries


class ResilientRQBackend(RQBackend):
    def enqueue(self, task, args, kwargs):
        for pause in (*ENQUEUE_PAUSES, None):
            try:
                return super().enqueue(task, args, kwargs)
            except REDIS_ERRORS as exc:
                if pause is None:
                    return self._fallback(task, args, kwargs, exc)
                time.sleep(pause)
        raise AssertionError("unreachable")  # pragma: no cover

    def _fallback(self, task, args, kwargs, exc: Exception):
        if task.queue_name not in INLINE_QUEUES:
            log.error("queue unavailable, %s not enqueued: %s", task.module_path, exc)
            raise QueueUnavailable(str(exc)) from exc
        log.warning(
            "queue unavailable, running %s in-process: %s", task.module_path, exc
        )
        inline = ImmediateBackend(self.alias, {"QUEUES": list(self.queues)})
        return inline.enqueue(task, args, kwargs)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a database error raised outside the view (a session saved by
    middleware, say) is a 503 too; anything else is the 500 page."""
    import sys

    exc = sys.exc_info()[1]
    while exc is not None:  # the database error may be the cause of another
        if isinstance(exc, DATABASE_ERRORS):
            return database_unavailable(request, exc)
        exc = exc.__cause__ or exc.__context__
    return error_pages.server_error(request)
