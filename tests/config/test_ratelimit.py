"""Rate limits: which requests each rule guards, and the 429 answers (a page on
forms, problem+json on the API)."""

import dataclasses
import uuid

import pytest
from django.test import Client, RequestFactory
from django.urls import resolve

from config import ratelimit
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def limits(settings):
    settings.RATELIMIT_ENABLED = True
    settings.RATELIMIT_NAMESPACE = uuid.uuid4().hex  # fresh counters, even in Redis
    return settings


@pytest.fixture
def tight(monkeypatch, limits):
    """Every rule at 2 per window, so a test needs only three requests."""
    monkeypatch.setattr(
        ratelimit, "RULES", [dataclasses.replace(r, limit=2) for r in ratelimit.RULES]
    )


@pytest.mark.parametrize(
    ("method", "path", "scope"),
    [
        ("POST", "/en/accounts/login/", "signin"),
        ("GET", "/en/accounts/login/", None),
        ("POST", "/admin/login/", "signin"),
        ("POST", "/django-admin/login/", "signin"),
        ("POST", "/en/accounts/login/link/", "signin-link"),
        ("POST", "/en/accounts/signup/", "signup"),
        ("POST", "/en/register/kic/", "order"),
        ("GET", "/en/register/kic/", None),
        ("POST", "/api/registration/events/kic/orders", "order"),
        ("POST", "/en/partnering/kic/people/3/", "meeting-request"),
        ("POST", "/api/partnering/kic/requests", "meeting-request"),
        ("GET", "/api/partnering/kic/requests", None),
        ("POST", "/api/checkin/events/kic/scans", "checkin"),
        ("POST", "/en/accounts/2fa/verify/", "two-factor"),
        ("GET", "/en/kic/agenda/", None),
    ],
)
def test_rule_for_each_guarded_request(method, path, scope):
    request = RequestFactory().generic(method, path)
    request.resolver_match = resolve(path)
    rule = ratelimit.rule_for(request)
    assert (rule.scope if rule else None) == scope


def test_sign_in_past_the_limit_is_a_429_page(client, limits):
    statuses = [
        client.post(
            "/en/accounts/login/", {"username": f"u{i}@example.org", "password": "x"}
        ).status_code
        for i in range(21)
    ]
    assert statuses == [200] * 20 + [429]
    response = client.post(
        "/en/accounts/login/", {"username": "a@b.c", "password": "x"}
    )
    assert response["Retry-After"] == "600"
    assert "Too many sign-in attempts from your address" in response.text


SIGN_IN_PAGES = ["/en/accounts/login/", "/admin/login/", "/django-admin/login/"]


def _signed_in_as(client) -> str | None:
    return client.session.get("_auth_user_id")


def test_fifty_people_sign_in_correctly_from_one_address(limits):
    """Doors open: a venue's whole staff behind one Wi-Fi address, on the site and
    both admins; right passwords never use up the address's allowance."""
    people = [
        UserFactory(is_staff=i % 3 > 0, is_superuser=i % 3 > 0) for i in range(50)
    ]
    answers = []
    for i, person in enumerate(people):
        client = Client()  # each on their own phone, all from 127.0.0.1
        response = client.post(
            SIGN_IN_PAGES[i % 3],
            {"username": person.email, "password": "pw-for-tests"},
        )
        answers.append((response.status_code, _signed_in_as(client)))
    assert answers == [(302, str(person.pk)) for person in people]


def test_failures_from_one_address_past_the_limit_are_refused(client, limits):
    """Only failures count (20 per 10 minutes per address), on any of the three
    sign-in pages; past them even a right password waits, and another address
    does not."""
    person = UserFactory(email="lee@example.org")
    for _ in range(25):  # right passwords first: they count for nothing
        Client().post(
            "/en/accounts/login/",
            {"username": person.email, "password": "pw-for-tests"},
        )
    failures = [
        client.post(
            SIGN_IN_PAGES[i % 3], {"username": f"u{i}@example.org", "password": "x"}
        ).status_code
        for i in range(20)
    ]
    refused = client.post(
        "/en/accounts/login/", {"username": person.email, "password": "pw-for-tests"}
    )
    elsewhere = Client(REMOTE_ADDR="10.0.0.9").post(
        "/en/accounts/login/", {"username": person.email, "password": "pw-for-tests"}
    )
    assert failures == [200] * 20
    assert (refused.status_code, refused["Retry-After"]) == (429, "600")
    assert "Too many sign-in attempts from your address" in refused.text
    assert _signed_in_as(client) is None
    assert elsewhere.status_code == 302


def test_a_get_of_the_sign_in_page_is_never_refused(client, tight):
    for i in range(3):
        client.post("/en/accounts/login/", {"username": f"u{i}@x.org", "password": "x"})
    assert client.get("/en/accounts/login/").status_code == 200


def test_limits_are_counted_per_address_behind_the_proxy(client, tight, settings):
    settings.PROXY_COUNT = 1
    data = {"username": "a@example.org", "password": "x"}
    for _ in range(3):
        client.post(
            "/en/accounts/login/", data, headers={"x-forwarded-for": "10.0.0.1"}
        )
    other = client.post(
        "/en/accounts/login/", data, headers={"x-forwarded-for": "10.0.0.2"}
    )
    again = client.post(
        "/en/accounts/login/", data, headers={"x-forwarded-for": "10.0.0.1"}
    )
    assert (other.status_code, again.status_code) == (200, 429)


def test_orders_are_counted_per_person(client, tight):
    event = EventFactory(slug="kic-rate")
    buyer, other = UserFactory(), UserFactory()
    client.force_login(buyer)
    url = f"/en/register/{event.slug}/"
    statuses = [client.post(url, {}).status_code for _ in range(3)]
    client.force_login(other)
    assert (statuses[-1], client.post(url, {}).status_code) == (429, 200)


def test_check_in_api_past_the_limit_is_problem_json(client, tight):
    client.force_login(UserFactory())
    url = "/api/checkin/events/nowhere/scans"
    for _ in range(2):
        client.post(url, {}, content_type="application/json")
    response = client.post(url, {}, content_type="application/json")
    assert (
        response.status_code,
        response["Content-Type"],
        response["Retry-After"],
    ) == (
        429,
        "application/problem+json",
        "60",
    )
    assert response.json() == {
        "type": "about:blank",
        "title": "Too many requests",
        "status": 429,
        "detail": "Too many scans in a minute. Wait a moment and scan again.",
    }


def test_rate_limits_off_lets_everything_through(client, settings):
    settings.RATELIMIT_ENABLED = False
    statuses = {
        client.post(
            "/en/accounts/login/", {"username": f"u{i}@example.org", "password": "x"}
        ).status_code
        for i in range(25)
    }
    assert statuses == {200}
