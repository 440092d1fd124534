"""Sessions are read from the shared cache, written through to the database."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.accounts import UserFactory


def _session_queries(client) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("registration:my_registrations"))
    return response.status_code, [
        q["sql"] for q in queries.captured_queries if "django_session" in q["sql"]
    ]


def test_a_signed_in_request_reads_its_session_from_the_cache(client, db):
    client.force_login(UserFactory())

    status, session_reads = _session_queries(client)

    assert status == 200
    assert session_reads == []


def test_the_database_answers_when_the_cache_has_lost_the_session(client, db):
    client.force_login(UserFactory())
    cache.clear()

    status, session_reads = _session_queries(client)

    assert status == 200  # still signed in
    assert len(session_reads) == 1
    assert _session_queries(client) == (200, [])  # cached again
