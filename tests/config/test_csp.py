"""The Content Security Policy header itself, and the endpoint browsers report
refusals to. (tests/registration/test_csp_browser.py checks real pages in Chromium.)"""

import json
import logging

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _policy(response) -> dict[str, list[str]]:
    directives = response["Content-Security-Policy"].split(";")
    return {d.split()[0]: d.split()[1:] for d in (x.strip() for x in directives) if d}


def test_public_pages_allow_no_inline_script(client):
    policy = _policy(client.get("/en/accounts/login/"))
    assert policy["script-src"] == [
        "'self'",
        "https://js.stripe.com",
        "https://*.js.stripe.com",
    ]
    assert (policy["object-src"], policy["base-uri"], policy["report-uri"]) == (
        ["'none'"],
        ["'self'"],
        ["/csp-report/"],
    )


def test_stripe_origins_follow_the_settings(client, settings):
    settings.STRIPE_JS_URL = "http://127.0.0.1:8420/js.stripe.com/v3/"
    settings.STRIPE_API_BASE = "http://127.0.0.1:8420"
    policy = _policy(client.get("/en/accounts/login/"))
    assert (policy["script-src"], policy["connect-src"], policy["frame-src"]) == (
        ["'self'", "http://127.0.0.1:8420"],
        ["'self'", "http://127.0.0.1:8420"],
        ["'self'", "http://127.0.0.1:8420"],
    )


def test_only_the_admins_allow_inline_script(client):
    policy = _policy(client.get("/admin/login/"))
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]


def test_a_report_is_logged_without_the_query(client, caplog):
    report = {
        "csp-report": {
            "document-uri": "https://convene.example.org/en/accounts/login/link/a/b/?next=x",
            "blocked-uri": "https://evil.example/x.js?k=1",
            "effective-directive": "script-src-elem",
        }
    }
    with caplog.at_level(logging.WARNING, logger="convene.csp"):
        response = client.post(
            "/csp-report/", json.dumps(report), content_type="application/csp-report"
        )
    assert response.status_code == 204
    assert caplog.messages == [
        "CSP refused https://evil.example/x.js on "
        "https://convene.example.org/en/accounts/login/link/a/[redacted]/ "
        "(script-src-elem)"
    ]  # the sign-in link's token too (config/logging.py)


@pytest.mark.parametrize("body", ["not json", "[1, 2]", json.dumps({"csp-report": 3})])
def test_a_malformed_report_is_400(client, body):
    response = client.post("/csp-report/", body, content_type="application/csp-report")
    assert response.status_code == 400
