"""Input no field accepts (config/bad_input.py, config/pagination.py) is a 4xx with
its reason: problem+json under /api/, a short page elsewhere."""

import json

import pytest
from django.db import DataError
from django.test import RequestFactory

from config.api import api
from config.bad_input import BadInput, BadInputMiddleware, check_json
from config.pagination import MAX_OFFSET
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory

pytestmark = pytest.mark.integration

NUL_REASON = "The request contains a NUL character, which no field accepts."
UTF8_REASON = "The request contains text that is not valid UTF-8."
RANGE_REASON = "A number in the request is out of range."


@pytest.mark.unit
@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ({"a": [{"b": "x\x00"}]}, NUL_REASON),
        ({"a\x00": 1}, NUL_REASON),
        (["\ud800"], UTF8_REASON),
        ({"n": 2**63}, RANGE_REASON),
        ([[-(2**63) - 1]], RANGE_REASON),
    ],
)
def test_json_no_field_accepts_is_refused_with_its_reason(data, reason):
    with pytest.raises(BadInput) as refused:
        check_json(data)
    assert str(refused.value) == reason


@pytest.mark.unit
def test_json_within_bounds_passes():
    check_json({"n": [2**63 - 1, -(2**63), 1.5e300, True, None, "한국어 ok"]})


def _problem(response) -> dict:
    assert response["Content-Type"] == "application/problem+json"
    return json.loads(response.content)


@pytest.mark.django_db
def test_api_query_with_a_nul_is_a_400_problem(client):
    response = client.get("/api/organisations/", {"q": "a\x00b"})
    assert response.status_code == 400
    assert _problem(response)["detail"] == NUL_REASON


@pytest.mark.django_db
def test_api_json_body_with_a_nul_says_why(client):
    client.force_login(UserFactory())
    response = client.post(
        "/api/tokens/",
        json.dumps({"name": "a\x00b", "scopes": ["read_events"]}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert _problem(response)["detail"] == NUL_REASON


@pytest.mark.django_db
def test_api_body_that_is_not_utf8_is_a_400_problem(client):
    client.force_login(UserFactory())
    response = client.post(
        "/api/tokens/", b'{"name": "\xff"}', content_type="application/json"
    )
    assert response.status_code == 400
    assert _problem(response)["detail"] == UTF8_REASON


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({"offset": MAX_OFFSET}, 200),
        ({"offset": MAX_OFFSET + 1}, 422),
        ({"offset": 2**63}, 422),
        ({"offset": -1}, 422),
        ({"limit": 201}, 422),
        ({"limit": 0}, 422),
    ],
)
def test_every_list_bounds_its_offset_and_limit(client, query, status):
    EventFactory(slug="kic")
    response = client.get("/api/events/kic/sessions", query)
    assert response.status_code == status
    if status == 200:
        assert response.json() == {"items": [], "count": 0}
    else:
        assert list(query) == [e["loc"][-1] for e in _problem(response)["errors"]]


@pytest.mark.django_db
def test_api_value_the_database_refuses_is_a_400_problem():
    """The safety net behind the schemas' limits."""
    request = RequestFactory().post("/api/tokens/")
    response = api.on_exception(request, DataError("value too long"))
    assert response.status_code == 400
    assert _problem(response)["detail"] == (
        "A value in the request is too long or out of range."
    )


@pytest.mark.django_db
def test_page_value_the_database_refuses_is_a_400_page():
    request = RequestFactory().post("/en/accounts/signup/")
    middleware = BadInputMiddleware(lambda r: None)
    response = middleware.process_exception(request, OverflowError("too big"))
    assert response.status_code == 400
    assert "too long or out of range" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/en/accounts/login/?next=%00", "NUL character"),
        ("/en/accounts/login/?next=%C3", "not valid UTF-8"),
        ("/en/accounts/a%00b/", "NUL character"),
    ],
)
def test_page_path_or_query_with_a_nul_or_broken_utf8_is_a_400_page(
    client, path, reason
):
    response = client.get(path)
    assert response.status_code == 400
    assert reason in response.content.decode()


@pytest.mark.django_db
def test_form_body_with_broken_utf8_is_refused(client):
    response = client.post(
        "/en/accounts/login/link/",
        "email=a%FF%40example.org",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert "not valid UTF-8" in response.content.decode()


@pytest.mark.django_db
def test_a_nul_in_a_pages_form_is_left_to_the_form_which_refuses_it(client):
    response = client.post("/en/accounts/login/link/", {"email": "a\x00@example.org"})
    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()


@pytest.mark.django_db
def test_refusal_page_is_in_the_visitors_language(client):
    response = client.get("/ko/accounts/login/?next=%00")
    assert response.status_code == 400
    assert '<html lang="ko">' in response.content.decode()
