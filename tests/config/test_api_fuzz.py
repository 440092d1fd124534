"""Schemathesis fuzzes every operation of the OpenAPI schema (`/api/openapi.json`),
as a signed-in organiser with data behind the examples' slugs and codes.

Two checks: no 5xx, and every documented response matches its schema. Undocumented
4xx (404 for a random slug, 422 for a bad body) are expected answers to fuzzed
input, so the status-code check is not run. Derandomized and few examples per
operation, so the run is repeatable and short.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from config.api import api
from events.enums import TeamRole
from events.models import EventTeamMember
from tests.factories import EventFactory, SessionFactory, SpeakerFactory, UserFactory
from tests.factories.badges import OrderFactory, RegistrationFactory

pytestmark = [pytest.mark.integration, pytest.mark.slow]

CSRF = "f" * 32  # an unmasked CSRF secret: sent as cookie and header alike
SLUG = "fuzz-2027"


def _with_examples(raw: dict, values: dict[str, object]) -> dict:
    """Give path parameters an example that exists, so the examples phase reaches
    past the 404 into the endpoint's own code."""
    for operations in raw["paths"].values():
        for operation in operations.values():
            for param in operation.get("parameters", []):
                if param["in"] == "path" and param["name"] in values:
                    param["schema"]["examples"] = [values[param["name"]]]
    return raw


IDS = 900_001  # fixed ids, so the schema's examples can name them at import time
EXAMPLES = {
    "slug": SLUG,
    "session_id": IDS,
    "speaker_id": IDS,
    "registration_id": IDS,
    "ticket_id": IDS,
    "code": "FUZZORDER001",
}
schema = schemathesis.openapi.from_dict(
    _with_examples(api.get_openapi_schema(path_prefix="/api"), EXAMPLES)
)
schema.app = get_wsgi_application()


@pytest.fixture
def _test_connection_kept():
    """Requests reach the WSGI app directly, not through Django's test client, so
    keep them from closing the test's connection at each request's end (as the
    test client does); on PostgreSQL that would end the test's transaction."""
    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    yield
    for signal in signals:
        signal.connect(close_old_connections)


@pytest.fixture
def signed_in_headers(db, client, _test_connection_kept) -> dict:
    """An organiser of an event with a session, a speaker and an order."""
    event = EventFactory(slug=SLUG)
    organiser = UserFactory(email="fuzz@example.org")
    EventTeamMember.objects.create(event=event, user=organiser, role=TeamRole.ORGANISER)
    SessionFactory(id=IDS, event=event)
    SpeakerFactory(id=IDS)
    order = OrderFactory(event=event, buyer=organiser, code=EXAMPLES["code"])
    RegistrationFactory(
        id=IDS, event=event, user=organiser, order=order, ticket_type__id=IDS
    )
    client.force_login(organiser)
    session = client.cookies["sessionid"].value
    return {
        "Cookie": f"sessionid={session}; csrftoken={CSRF}",
        "X-CSRFToken": CSRF,
    }


@schema.parametrize()
@settings(
    max_examples=4,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_every_fuzzed_request_without_5xx_and_as_documented(
    case, signed_in_headers
):
    case.call_and_validate(
        headers=signed_in_headers,
        checks=[not_a_server_error, response_schema_conformance],
    )


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_schema_names_are_unique_so_openapi_documents_each():
    """Ninja names an OpenAPI component after its class: two schemas of one name
    leave one endpoint documented with the other's shape."""
    from collections import defaultdict

    from ninja import Schema

    api.get_openapi_schema(path_prefix="/api")  # every router's schemas imported
    ours = ("events.", "matchmaking.", "badges.", "config.", "cms.", "accounts.")
    modules = defaultdict(set)
    for schema_class in _subclasses(Schema):
        if schema_class.__module__.startswith(ours):
            modules[schema_class.__name__].add(schema_class.__module__)
    assert {name: m for name, m in modules.items() if len(m) > 1} == {}
