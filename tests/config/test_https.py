"""The production HTTPS settings on real requests (tests run them off)."""

import pytest
from django.test import override_settings

from config import env

pytestmark = pytest.mark.integration

PRODUCTION = env.https({}, debug=False)


@override_settings(**PRODUCTION)
def test_plain_http_redirects_to_https(client):
    response = client.get("/en/", headers={"host": "localhost"})
    assert (response.status_code, response["Location"]) == (
        301,
        "https://localhost/en/",
    )


@override_settings(**PRODUCTION)
@pytest.mark.django_db
def test_behind_the_proxy_https_is_served_with_hsts(client):
    response = client.get("/healthz", headers={"x-forwarded-proto": "https"})
    assert response["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )


@override_settings(**PRODUCTION)
@pytest.mark.django_db
def test_health_probe_over_http_is_not_redirected(client):
    assert client.get("/healthz").status_code == 200


@override_settings(**PRODUCTION)
@pytest.mark.django_db
def test_session_cookie_is_secure_httponly_lax(client, django_user_model):
    django_user_model.objects.create_user(email="a@example.org", password="pw")
    response = client.post(
        "/en/accounts/login/",
        {"username": "a@example.org", "password": "pw"},
        headers={"x-forwarded-proto": "https"},
    )
    cookie = response.cookies["sessionid"]
    assert (cookie["secure"], cookie["httponly"], cookie["samesite"]) == (
        True,
        True,
        "Lax",
    )
