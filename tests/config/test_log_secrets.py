"""Secrets in URLs stay out of every log: gunicorn's access and error logs, Django's
request logger (its 4xx/5xx lines) and the JSON lines, all by the one rule in
config/logging.py. Background tasks take only ids, so RQ's job lines hold none."""

import http.client
import inspect
import json
import logging
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django_tasks.base import Task

from accounts import services as signin
from calendars import services as calendar_services
from config.logging import JsonFormatter, RedactSecretLinks, redact
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
STRIPE_RETURN = "payment_intent=pi_3Q&payment_intent_client_secret=pi_3Q_secret_Zx9"


@pytest.mark.parametrize(
    ("line", "clean"),
    [
        (
            "GET /calendar/feeds/abcDEF_123.ics HTTP/1.1",
            "GET /calendar/feeds/[redacted].ics HTTP/1.1",
        ),
        (
            "/en/accounts/login/link/MTI/cv1x2y-0f9e8d7c6b5a/?next=/en/me/",
            "/en/accounts/login/link/MTI/[redacted]/?next=/en/me/",
        ),
        (
            "/admin/password_reset/confirm/MTI/cv1x2y-0f9e8d7c6b5a/",
            "/admin/password_reset/confirm/MTI/[redacted]/",
        ),
        (
            f"/en/orders/K7Q2/?{STRIPE_RETURN}&redirect_status=succeeded",
            "/en/orders/K7Q2/?payment_intent=pi_3Q&payment_intent_client_secret="
            "[redacted]&redirect_status=succeeded",
        ),
        ("/en/register/kic/?code=VIP-2027&attendees=2", None),
        ("/en/kic/agenda/?day=2027-05-01&track=3", "unchanged"),
    ],
)
def test_redact_replaces_each_secret_by_a_marker(line, clean):
    expected = {
        None: "/en/register/kic/?code=[redacted]&attendees=2",
        "unchanged": line,
    }.get(clean, clean)
    assert redact(line) == expected


def _record(msg, args=(), **extra) -> logging.LogRecord:
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, msg, args, None
    )
    record.__dict__.update(extra)
    return record


class _Request:
    method, path = "GET", "/calendar/feeds/s3cretToken.ics"


def test_the_request_loggers_4xx_line_and_its_json_are_redacted():
    record = _record("Not Found: %s", ("/calendar/feeds/s3cretToken.ics",))
    record.request, record.status_code = _Request(), 404
    RedactSecretLinks().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert (line["message"], line["path"], line["status"]) == (
        "Not Found: /calendar/feeds/[redacted].ics",
        "/calendar/feeds/[redacted].ics",
        404,
    )


def test_a_traceback_naming_a_secret_url_is_redacted():
    try:
        raise ValueError("bad link /en/accounts/login/link/MTI/cv1x2y-0f9e8d/")
    except ValueError:
        record = _record("Internal Server Error: %s", ("/x/",))
        record.exc_info = sys.exc_info()
    RedactSecretLinks().filter(record)
    text = logging.Formatter().format(record)
    assert "cv1x2y-0f9e8d" not in text
    assert "/en/accounts/login/link/MTI/[redacted]/" in text


def test_djangos_own_handlers_are_replaced_by_the_filtered_console():
    """Django's default "django" handlers (console in DEBUG, mail to ADMINS) have
    no redaction: the settings drop them, so every line goes through the filter."""
    assert logging.getLogger("django").handlers == []
    consoles = [
        h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler
    ]
    assert [[type(f) for f in h.filters] for h in consoles] == [[RedactSecretLinks]]


def test_background_tasks_take_only_ids():
    """RQ logs each job with its arguments: they must never carry a secret."""
    from badges import tasks as badge_tasks
    from cms import tasks as cms_tasks
    from delegations import tasks as delegation_tasks
    from matchmaking import tasks as partnering_tasks
    from registration import tasks as event_tasks
    from registration import tasks as jobs

    modules = [
        badge_tasks,
        cms_tasks,
        delegation_tasks,
        jobs,
        event_tasks,
        partnering_tasks,
    ]
    params = {
        f"{m.__name__}.{name}": [
            (p.name, p.annotation)
            for p in inspect.signature(task.func).parameters.values()
        ]
        for m in modules
        for name, task in vars(m).items()
        if isinstance(task, Task)
    }
    assert len(params) >= 15
    for name, args in params.items():
        for arg, annotation in args:
            assert arg.endswith(("_id", "_ids")), name
            assert annotation in (int, list[int]), name


# gunicorn on loopback --------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        host = db["HOST"] or "127.0.0.1"
        return f"postgresql://{db['USER']}@{host}:{db['PORT'] or 5432}/{db['NAME']}"
    return f"sqlite:///{db['NAME']}"


def _get(port: int, path: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status


@pytest.fixture
def gunicorn(tmp_path, transactional_db, django_db_serialized_rollback):
    port = _free_port()
    logs = {name: tmp_path / f"{name}.log" for name in ("access", "error", "app")}
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings_test",
        "DATABASE_URL": _database_url(),
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "INFO",
    }
    with logs["app"].open("wb") as app_log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "config/gunicorn.py",
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--threads",
                "2",
                "--access-logfile",
                str(logs["access"]),
                "--error-logfile",
                str(logs["error"]),
            ],
            cwd=ROOT,
            env=env,
            stdout=app_log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("gunicorn did not start: " + logs["app"].read_text())
                time.sleep(0.2)
        yield port, logs
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.serial
@pytest.mark.slow
def test_gunicorn_logs_hold_no_feed_or_sign_in_token(gunicorn):
    port, logs = gunicorn
    person = UserFactory(email="kim@example.org")
    feed = calendar_services.calendar_feed_issue(user=person, kind="personal")
    _user, uid, token = signin.signin_link_issue(email=person.email)
    link = f"/en/accounts/login/link/{uid}/{token}/?next=/en/me/registrations/"

    statuses = [
        _get(port, f"/calendar/feeds/{feed.token}.ics"),
        _get(port, link),
        _get(port, "/calendar/feeds/NoSuchToken0000.ics"),  # django.request's 404
        _get(port, f"/en/orders/NOPE/?{STRIPE_RETURN}"),
    ]
    time.sleep(0.5)  # gunicorn writes the access line after the response

    assert statuses == [200, 200, 404, 302]
    access = logs["access"].read_text()
    lines = [json.loads(line) for line in access.splitlines()]
    assert [line["path"] for line in lines] == [
        "/calendar/feeds/[redacted].ics",
        f"/en/accounts/login/link/{uid}/[redacted]/",
        "/calendar/feeds/[redacted].ics",
        "/en/orders/NOPE/",
    ]
    everything = access + logs["error"].read_text() + logs["app"].read_text()
    for secret in (feed.token, token, "NoSuchToken0000", "pi_3Q_secret_Zx9"):
        assert secret not in everything
    assert "Not Found: /calendar/feeds/[redacted].ics" in logs["app"].read_text()
