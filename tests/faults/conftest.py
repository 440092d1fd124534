"""Fault tests: each breaks one service under the app and checks what people see.

They run in the serial pass (transactional: commits are real, so on-commit task
enqueues and other processes see the data). The PostgreSQL ones skip on SQLite.
"""

import socket

import pytest
from django.db import connection

from tests.registration.conftest import localstripe_url, stripe_settings  # noqa: F401


@pytest.fixture(autouse=True)
def _restore_the_database_after(django_db_serialized_rollback):
    """Transactional tests empty the database when they end. Without serialized
    rollback the emptying re-creates content types, and the next serialized test
    (the scheduler's background run) failed restoring its own copy over them."""


@pytest.fixture
def postgres(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgresql://…)")
    return connection


@pytest.fixture
def closed_port() -> int:
    """A loopback port nothing listens on: Redis 'down'."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def kill_app_connections(*, spare: tuple[int, ...] = ()) -> int:
    """pg_terminate_backend on every other connection to this test database (but
    the `spare` ones: the test's own)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() "
            "AND NOT pid = ANY(%s)",
            [list(spare)],
        )
        return cursor.fetchone()[0]
