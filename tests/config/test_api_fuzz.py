"""Schemathesis fuzzes every operation of the OpenAPI schema (`/api/openapi.json`),
as a signed-in organiser with data behind the examples' slugs and codes.

Two checks: no 5xx, and every documented response matches its schema. Undocumented
4xx (404 for a random slug, 422 for a bad body) are expected answers to fuzzed
input, so the status-code check is not run. Derandomized and few examples per
operation, so the run is repeatable and short.
"""

import json
from urllib.parse import urlencode

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from config.api import api
from events import tokens as api_tokens
from events.enums import ApiScope, TeamRole
from events.models import EventTeamMember
from tests.factories.accounts import UserFactory
from tests.factories.badges import OrderFactory, RegistrationFactory
from tests.factories.events import EventFactory, SessionFactory, SpeakerFactory

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
    _with_examples(api.get_openapi_schema(), EXAMPLES)
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
def world(db, _test_connection_kept):
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
    return organiser


@pytest.fixture
def session_headers(world) -> dict:
    """The organiser signed in: session cookie, and the CSRF cookie and header
    (from a client of its own, so the test's `client` stays anonymous)."""
    signed_in = Client()
    signed_in.force_login(world)
    session = signed_in.cookies["sessionid"].value
    return {
        "Cookie": f"sessionid={session}; csrftoken={CSRF}",
        "X-CSRFToken": CSRF,
    }


@pytest.fixture
def token_headers(world) -> dict:
    """The organiser's API token with every scope, as an integrator sends it."""
    _token, key = api_tokens.api_token_create(
        owner=world, name="fuzz", scopes=list(ApiScope.values)
    )
    return {"Authorization": f"Bearer {key}"}


MODES = ["anonymous", "token", "session"]


@pytest.fixture
def every_mode(world, token_headers, session_headers) -> dict[str, dict]:
    return {"anonymous": {}, "token": token_headers, "session": session_headers}


@pytest.fixture(params=MODES)
def headers(request, every_mode) -> dict:
    return every_mode[request.param]


FUZZ = {
    "derandomize": True,
    "deadline": None,
    "database": None,
    "suppress_health_check": list(HealthCheck),
}
CHECKS = [not_a_server_error, response_schema_conformance]


@schema.parametrize()
@settings(max_examples=4, **FUZZ)
def test_api_answers_every_fuzzed_request_without_5xx_and_as_documented(
    case, every_mode
):
    """Each case is sent three times: anonymously, with the organiser's token (all
    scopes) and signed in as the organiser (session cookie and CSRF). Sharing the
    cases keeps the run as short as one mode's."""
    for headers in every_mode.values():
        case.call_and_validate(headers=headers, checks=CHECKS)


# Explicit hostile input, every operation, each way of signing in. One request per
# operation and kind, collected, so a failure lists every operation at once.
NUL = "a\x00b"
HUGE = 2**63  # one past PostgreSQL's bigint
OPERATIONS = [
    (method.upper(), path, operation)
    for path, operations in schema.raw_schema["paths"].items()
    for method, operation in operations.items()
]


def _params(operation: dict, where: str) -> list[dict]:
    return [p for p in operation.get("parameters", []) if p["in"] == where]


def _url(path: str, operation: dict, ints: object = IDS) -> str:
    for param in _params(operation, "path"):
        kind = param["schema"].get("type")
        value = ints if kind == "integer" else EXAMPLES.get(param["name"], SLUG)
        path = path.replace("{" + param["name"] + "}", str(value))
    return path


def _call(client, method: str, url: str, headers: dict, **kwargs):
    http = {
        "HTTP_" + k.upper().replace("-", "_"): v
        for k, v in headers.items()
        if k != "Cookie"
    }
    if "Cookie" in headers:
        for pair in headers["Cookie"].split("; "):
            name, value = pair.split("=", 1)
            client.cookies[name] = value
    return getattr(client, method.lower())(url, **kwargs, **http)


def _answers(client, headers, requests) -> dict:
    """{(method, path, what): status} for each answer that is not a 4xx with a
    problem+json detail."""
    wrong = {}
    for method, path, what, url, kwargs in requests:
        response = _call(client, method, url, headers, **kwargs)
        problem = response.get("Content-Type") == "application/problem+json"
        if not (400 <= response.status_code < 500 and problem):
            wrong[(method, path, what)] = response.status_code
        elif not response.json().get("detail"):
            wrong[(method, path, what)] = "no detail"
    return wrong


def test_every_query_with_a_nul_or_huge_number_is_a_4xx_problem(client, headers):
    requests = []
    for method, path, operation in OPERATIONS:
        url = _url(path, operation)
        requests.append((method, path, "q=NUL", url, {"data": {"q": NUL}}))
        for param in _params(operation, "query"):
            if "integer" in json.dumps(param["schema"]):
                value = {param["name"]: str(HUGE)}
                requests.append((method, path, param["name"], url, {"data": value}))
    with_query = [
        (m, p, w, u + "?" + urlencode(k["data"]), {}) if m != "GET" else (m, p, w, u, k)
        for m, p, w, u, k in requests
    ]
    assert _answers(client, headers, with_query) == {}


def test_every_list_refuses_an_offset_or_limit_past_its_bounds(client, headers):
    lists = [
        (m, p, o)
        for m, p, o in OPERATIONS
        if {"offset", "limit"} <= {q["name"] for q in _params(o, "query")}
    ]
    requests = [
        (m, p, f"{name}={value}", _url(p, o), {"data": {name: value}})
        for m, p, o in lists
        for name, value in (("offset", HUGE), ("offset", -1), ("limit", HUGE))
    ]
    assert len(lists) >= 25
    assert _answers(client, headers, requests) == {}


def test_every_path_with_a_huge_or_nul_id_is_a_4xx_problem(client, headers):
    requests = []
    for method, path, operation in OPERATIONS:
        params = _params(operation, "path")
        if not params:
            continue
        if any(p["schema"].get("type") == "integer" for p in params):
            for value in (2**31, HUGE, -HUGE - 1):  # past integer, bigint
                url = _url(path, operation, value)
                requests.append((method, path, value, url, {}))
        nul = path
        for param in params:
            nul = nul.replace("{" + param["name"] + "}", "a%00b")
        requests.append((method, path, "NUL", nul, {}))
    assert _answers(client, headers, requests) == {}


def test_every_json_body_with_a_nul_string_or_huge_number_is_a_4xx_problem(
    client, headers
):
    requests = []
    for method, path, operation in OPERATIONS:
        content = operation.get("requestBody", {}).get("content", {})
        if "application/json" not in content:
            continue
        url = _url(path, operation)
        for what, value in (("NUL", NUL), ("2^63", HUGE), ("surrogate", "\ud800")):
            body = json.dumps({"name": value, "items": [{"x": value}]})
            kwargs = {"data": body, "content_type": "application/json"}
            requests.append((method, path, what, url, kwargs))
    assert len(requests) >= 3 * 20
    assert _answers(client, headers, requests) == {}


def test_a_form_body_with_a_nul_or_broken_utf8_is_a_4xx_problem(client, headers):
    url = "/api/tokens/"
    form = "application/x-www-form-urlencoded"
    requests = [
        ("POST", url, "NUL", url, {"data": "name=a%00b", "content_type": form}),
        ("POST", url, "UTF-8", url, {"data": "name=a%FFb", "content_type": form}),
        (
            "POST",
            url,
            "JSON UTF-8",
            url,
            {"data": b'{"name": "a\xffb"}', "content_type": "application/json"},
        ),
        ("GET", url, "query UTF-8", url + "?q=a%FFb", {}),
    ]
    assert _answers(client, headers, requests) == {}


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_schema_names_are_unique_so_openapi_documents_each():
    """Ninja names an OpenAPI component after its class: two schemas of one name
    leave one endpoint documented with the other's shape."""
    from collections import defaultdict

    from ninja import Schema

    api.get_openapi_schema()  # every router's schemas imported
    ours = ("events.", "matchmaking.", "badges.", "config.", "cms.", "accounts.")
    modules = defaultdict(set)
    for schema_class in _subclasses(Schema):
        if schema_class.__module__.startswith(ours):
            modules[schema_class.__name__].add(schema_class.__module__)
    assert {name: m for name, m in modules.items() if len(m) > 1} == {}
