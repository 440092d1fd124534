"""Error pages: each status in English and Korean, in the site's frame (or the
static-safe one for 500 and 503), with a way back; problem+json under /api/."""

import dataclasses
import html
import re
import uuid

import pytest
from django.test import Client

from config import ratelimit
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory

pytestmark = pytest.mark.integration

HEADINGS = {
    "400": {"en": "The request could not be read", "ko": "요청을 처리할 수 없습니다"},
    "403": {
        "en": "You cannot open this page",
        "ko": "이 페이지를 볼 수 있는 권한이 없습니다",
    },
    "csrf": {"en": "The form could not be sent", "ko": "양식을 제출하지 못했습니다"},
    "404": {"en": "Page not found", "ko": "페이지를 찾을 수 없습니다"},
    "413": {"en": "The upload is too large", "ko": "파일이 너무 큽니다"},
    "429": {"en": "Too many requests", "ko": "요청이 너무 많습니다"},
    "500": {"en": "Something went wrong", "ko": "문제가 발생했습니다"},
    "503": {"en": "Back in a moment", "ko": "잠시 후 돌아옵니다"},
}
HOME = {"en": "Back to the home page", "ko": "홈으로 돌아가기"}
PREVIOUS = {"en": "Back to the previous page", "ko": "이전 페이지로 돌아가기"}
FORM = {"en": "Back to the form", "ko": "양식으로 돌아가기"}
SIGN_IN = {"en": "Sign in", "ko": "로그인"}
ERROR_LABEL = {"en": "Error", "ko": "오류"}
LANGS = ["en", "ko"]
FAILING = pytest.mark.urls("tests.config.error_urls")


def links(response) -> list[tuple[str, str]]:
    """(href, text) of the page's "way back" buttons, in order."""
    found = re.findall(
        r'<a class="button[^"]*" href="([^"]*)">([^<]*)</a>', response.text
    )
    return [(html.unescape(href), text) for href, text in found]


def assert_error_page(response, *, status: int, key: str, lang: str, frame: str):
    """Status, language, title and heading, the frame, and the way home."""
    heading = HEADINGS[key][lang]
    text = response.text
    assert (response.status_code, response["Content-Language"]) == (status, lang)
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert f'<html lang="{lang}">' in text
    assert f"<title>{heading} · Convene</title>" in text
    assert f'<h1 id="error-heading">{heading}</h1>' in text
    assert f'<p class="kind">{ERROR_LABEL[lang]} {status}</p>' in text
    assert (f"/{lang}/", HOME[lang]) in links(response)
    # The frame: the site's stylesheet, header with the brand and the language
    # switcher, the footer; `og:site_name` only comes with base.html.
    assert '<header class="site-header">' in text
    assert f'<a class="brand" href="/{lang}/">Convene</a>' in text
    assert 'hreflang="en" lang="en"' in text
    assert 'hreflang="ko" lang="ko"' in text
    assert '<footer class="site-footer">' in text
    assert "/static/css/site.css" in text
    assert ('property="og:site_name"' in text) is (frame == "site")
    assert "<script" not in text


def assert_problem(response, *, status: int):
    assert (response.status_code, response["Content-Type"]) == (
        status,
        "application/problem+json",
    )
    body = response.json()
    assert (body["status"], body["type"]) == (status, "about:blank")
    assert body["title"]
    assert body["detail"]


@pytest.fixture
def failing_client(client):
    client.raise_request_exception = False
    return client


# 400


@FAILING
@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_bad_request_is_a_page_in_the_frame(client, lang):
    response = client.get(f"/{lang}/test-fail/400/")
    assert_error_page(response, status=400, key="400", lang=lang, frame="site")
    assert links(response) == [(f"/{lang}/", HOME[lang])]


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_an_unknown_host_is_a_400_page(client, lang):
    """DisallowedHost: the page must not ask the request for its host again."""
    response = client.get(
        f"/{lang}/", HTTP_HOST="evil.example", HTTP_REFERER="http://evil.example/"
    )
    assert_error_page(response, status=400, key="400", lang=lang, frame="site")
    assert links(response) == [(f"/{lang}/", HOME[lang])]


# 403


@FAILING
@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_forbidden_offers_sign_in_when_anonymous(client, lang):
    response = client.get(f"/{lang}/test-fail/403/?x=1")
    assert_error_page(response, status=403, key="403", lang=lang, frame="site")
    assert links(response) == [
        (f"/{lang}/accounts/login/?next=/{lang}/test-fail/403/%3Fx%3D1", SIGN_IN[lang]),
        (f"/{lang}/", HOME[lang]),
    ]
    reason = {
        "en": "The dashboard is for the event&#x27;s organisers.",
        "ko": "대시보드는 행사 주최 측 전용입니다.",
    }
    assert f'<p class="notice">{reason[lang]}</p>' in response.text


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_forbidden_when_signed_in_gives_the_reason_and_no_sign_in(client, lang):
    event = EventFactory(slug="kic-403")
    client.force_login(UserFactory())
    response = client.get(
        f"/{lang}/checkin/{event.slug}/dashboard/",
        HTTP_REFERER=f"http://testserver/{lang}/checkin/",
    )
    assert_error_page(response, status=403, key="403", lang=lang, frame="site")
    assert links(response) == [
        (f"http://testserver/{lang}/checkin/", PREVIOUS[lang]),
        (f"/{lang}/", HOME[lang]),
    ]
    message = {
        "en": "Your account does not have access to this page.",
        "ko": "지금 로그인한 계정으로는 이 페이지를 볼 수 없습니다.",
    }
    assert message[lang] in response.text


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_a_failed_csrf_check_is_a_403_page_back_to_the_form(lang):
    client = Client(enforce_csrf_checks=True)
    form = f"http://testserver/{lang}/accounts/login/"
    response = client.post(
        f"/{lang}/accounts/login/",
        {"username": "a@example.org", "password": "x"},
        HTTP_REFERER=form,
    )
    assert_error_page(response, status=403, key="csrf", lang=lang, frame="site")
    back = (f"/{lang}/accounts/login/", FORM[lang])  # the form posts to itself
    assert links(response) == [back, (f"/{lang}/", HOME[lang])]


# 404


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_not_found_is_a_page_in_the_frame(client, lang):
    response = client.get(f"/{lang}/no-such-page/")
    assert_error_page(response, status=404, key="404", lang=lang, frame="site")
    assert links(response) == [(f"/{lang}/", HOME[lang])]


@pytest.mark.django_db
def test_not_found_links_back_to_a_page_of_this_site_only(client):
    ours = client.get("/en/no-such-page/", HTTP_REFERER="http://testserver/en/")
    theirs = client.get("/en/no-such-page/", HTTP_REFERER="https://evil.example/en/")
    assert links(ours) == [
        ("http://testserver/en/", PREVIOUS["en"]),
        ("/en/", HOME["en"]),
    ]
    assert links(theirs) == [("/en/", HOME["en"])]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "lang"), [("ko-KR,ko;q=0.9,en;q=0.8", "ko"), ("en-GB", "en")]
)
def test_not_found_without_a_prefix_speaks_the_browsers_language(client, accept, lang):
    response = client.get("/calendar/no-such-feed/", HTTP_ACCEPT_LANGUAGE=accept)
    assert_error_page(response, status=404, key="404", lang=lang, frame="site")
    assert "Accept-Language" in response["Vary"]


# 413


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_an_over_large_form_post_is_a_413_page(client, settings, lang):
    settings.MAX_REQUEST_BYTES = 1024 * 1024
    response = client.post(
        f"/{lang}/accounts/login/", {"username": "x" * (1024 * 1024), "password": "x"}
    )
    assert_error_page(response, status=413, key="413", lang=lang, frame="site")
    detail = {
        "en": "The upload is too large: at most 1 MB.",
        "ko": "업로드가 너무 큽니다. 최대 1MB까지 가능합니다.",
    }
    assert f'<p class="notice">{detail[lang]}</p>' in response.text
    assert links(response) == [
        (f"/{lang}/accounts/login/", FORM[lang]),
        (f"/{lang}/", HOME[lang]),
    ]


@pytest.mark.django_db
def test_an_over_large_post_without_a_prefix_speaks_the_browsers_language(
    client, settings
):
    settings.MAX_REQUEST_BYTES = 1024
    response = client.post(
        "/healthz", {"x": "x" * 2048}, HTTP_ACCEPT_LANGUAGE="ko-KR,ko;q=0.9"
    )
    assert_error_page(response, status=413, key="413", lang="ko", frame="site")
    assert "Accept-Language" in response["Vary"]


# 429


@pytest.fixture
def no_sign_in_allowed(settings, monkeypatch):
    settings.RATELIMIT_ENABLED = True
    settings.RATELIMIT_NAMESPACE = uuid.uuid4().hex
    monkeypatch.setattr(
        ratelimit, "RULES", [dataclasses.replace(r, limit=0) for r in ratelimit.RULES]
    )


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_past_a_rate_limit_is_a_429_page_with_retry_after(
    client, no_sign_in_allowed, lang
):
    form = f"http://testserver/{lang}/accounts/login/"
    response = client.post(
        f"/{lang}/accounts/login/",
        {"username": "a@example.org", "password": "x"},
        HTTP_REFERER=form,
    )
    assert_error_page(response, status=429, key="429", lang=lang, frame="site")
    assert response["Retry-After"] == "600"
    detail = {
        "en": "Too many sign-in attempts from your address. Try again in a few minutes.",
        "ko": "이 주소에서 로그인 시도가 너무 많습니다. 몇 분 후에 다시 시도하세요.",
    }
    assert f'<p class="notice">{detail[lang]}</p>' in response.text
    back = (f"/{lang}/accounts/login/", FORM[lang])
    assert links(response) == [back, (f"/{lang}/", HOME[lang])]


# 500 and 503: the static frame, through the real handler with DEBUG off


@FAILING
@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_a_crash_is_a_500_page_in_the_static_frame(failing_client, settings, lang):
    assert settings.DEBUG is False
    response = failing_client.get(f"/{lang}/test-fail/500/")
    assert_error_page(response, status=500, key="500", lang=lang, frame="static")
    again = {"en": "Try again", "ko": "다시 시도"}
    assert links(response) == [
        (f"/{lang}/", HOME[lang]),
        (f"/{lang}/test-fail/500/", again[lang]),
    ]


@FAILING
@pytest.mark.parametrize("lang", LANGS)
def test_the_500_page_renders_without_the_database(failing_client, lang):
    """No django_db mark: any query raises, the view's first of all. The page
    renders regardless, so it asks nothing of the database."""
    response = failing_client.get(f"/{lang}/test-fail/query/")
    assert_error_page(response, status=500, key="500", lang=lang, frame="static")


@FAILING
@pytest.mark.parametrize(
    ("accept", "lang"), [("ko-KR,ko;q=0.9", "ko"), ("en-US,en;q=0.9", "en")]
)
def test_a_500_without_a_prefix_speaks_the_browsers_language(
    failing_client, accept, lang
):
    response = failing_client.get("/test-fail/500/", HTTP_ACCEPT_LANGUAGE=accept)
    assert_error_page(response, status=500, key="500", lang=lang, frame="static")


@FAILING
@pytest.mark.parametrize("lang", LANGS)
def test_a_lost_database_is_a_503_page_with_retry_after(failing_client, lang):
    response = failing_client.get(f"/{lang}/test-fail/database-lost/")
    assert_error_page(response, status=503, key="503", lang=lang, frame="static")
    assert response["Retry-After"] == "5"


# /api/: problem+json for every status


@FAILING
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/test-fail/400", 400),
        ("/api/test-fail/403", 403),
        ("/api/test-fail/404", 404),
        ("/api/no-such-endpoint", 404),
        ("/api/test-fail/500", 500),
        ("/api/test-fail/database-lost", 503),
    ],
)
def test_api_errors_are_problem_json(failing_client, path, status):
    assert_problem(failing_client.get(path), status=status)


@pytest.mark.django_db
def test_api_too_large_is_problem_json(client, settings):
    settings.MAX_REQUEST_BYTES = 1024
    response = client.post(
        "/api/account/delete", "x" * 2048, content_type="application/json"
    )
    assert_problem(response, status=413)


@pytest.mark.django_db
def test_api_past_a_rate_limit_is_problem_json(client, no_sign_in_allowed):
    event = EventFactory(slug="kic-429")
    client.force_login(UserFactory())
    response = client.post(
        f"/api/registration/events/{event.slug}/orders",
        {},
        content_type="application/json",
    )
    assert_problem(response, status=429)
    assert response["Retry-After"] == "3600"


@pytest.mark.django_db
def test_api_csrf_failure_is_problem_json():
    client = Client(enforce_csrf_checks=True)
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        "/api/account/delete", {"confirm": user.email}, content_type="application/json"
    )
    assert_problem(response, status=403)
