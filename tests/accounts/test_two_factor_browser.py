"""An organiser signs in to the Wagtail admin, is sent to set up an authenticator,
scans nothing (the test computes the app's code from the key on the page), and
reaches the admin; the pages report no CSP violation. Debian's Chromium."""

import base64
import re
import time

import pytest
from django_otp.oath import TOTP

from events import services
from events.enums import TeamRole
from tests.browser import BROWSER_TEST, PASSWORD, chromium
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory

pytestmark = BROWSER_TEST


@pytest.fixture
def editor(transactional_db, django_db_serialized_rollback, settings):
    settings.REQUIRE_ORGANISER_2FA = True
    user = UserFactory(email="tfa.editor@example.org")
    services.team_member_add(event=EventFactory(), user=user, role=TeamRole.ORGANISER)
    return user


@pytest.fixture
def browser(editor):
    with chromium() as browser:
        yield browser


def _code(secret: str) -> str:
    text = secret.replace(" ", "")
    key = base64.b32decode(text + "=" * (-len(text) % 8))
    totp = TOTP(key, 30, 0, 6, 0)
    totp.time = time.time()
    return f"{totp.token():06d}"


def test_staff_sets_up_an_authenticator_then_reaches_the_admin(
    live_server, browser, editor
):
    page = browser.new_context().new_page()
    page.set_default_timeout(30_000)
    refused = []
    page.on(
        "console",
        lambda m: (
            refused.append(m.text) if "Content Security Policy" in m.text else None
        ),
    )
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", editor.email)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/en/accounts/2fa/\?next=%2Fadmin%2F"))
    assert page.locator("#totp-qr").evaluate("img => img.naturalWidth") > 0

    page.fill("input[name=code]", _code(page.locator("#totp-secret").inner_text()))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    assert page.locator("#recovery-codes li").count() == 10
    page.get_by_role("link", name="Continue").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    assert refused == []
