"""`/healthz`: can this process reach what it needs? 200 when all answer, else 503."""

import uuid

import django_rq
from django.core.cache import cache
from django.db import DatabaseError, connections
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django_tasks import task_backends
from django_tasks_rq import RQBackend
from redis.exceptions import RedisError


def check_database() -> str:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return f"error: {type(exc).__name__}"
    return "ok"


def check_cache() -> str:
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", timeout=5)
        value = cache.get(key)
        cache.delete(key)
    except (RedisError, OSError) as exc:
        return f"error: {type(exc).__name__}"
    return "ok" if value == "1" else "error: value not kept"


def check_tasks() -> str:
    """In-process backends always answer; the RQ backend needs its Redis."""
    if not isinstance(task_backends["default"], RQBackend):
        return "ok"
    try:
        django_rq.get_connection("default").ping()
    except (RedisError, OSError) as exc:
        return f"error: {type(exc).__name__}"
    return "ok"


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    checks = {
        "database": check_database(),
        "cache": check_cache(),
        "tasks": check_tasks(),
    }
    failed = [name for name, state in checks.items() if state != "ok"]
    body = {"status": "ok" if not failed else "fail", "checks": checks}
    if failed:
        body["failed"] = failed
    return JsonResponse(body, status=503 if failed else 200)
