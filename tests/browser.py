"""What every browser test shares: Debian's Chromium driven by Playwright's sync API
(never a downloaded browser), and signing in through the site's own form."""

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connections

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium keeps calling out to a closed
# network; `--no-sandbox` because CI runs as root.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PASSWORD = "pw-for-tests"  # the factories' password

# Browser tests write their data before Playwright starts and run alone (serial):
# they need a live server and a committed, transactional database.
BROWSER_TEST = [
    pytest.mark.usefixtures("_drop_browser_connections"),
    pytest.mark.serial,
    pytest.mark.e2e,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's Chromium (/usr/bin/chromium) is missing"
    ),
]


@contextmanager
def chromium(*extra_args: str) -> Iterator:
    """A headless Chromium (with ``extra_args`` on its command line). Playwright
    runs an event loop in this thread (in a greenlet with its own context), which
    Django would refuse to query from; the tests write their data before it starts,
    so that refusal is lifted for them."""
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        # Django keeps a connection per context, and Playwright's outlives the
        # test: start and end with none, so one that a fault test cut meanwhile
        # (tests/faults) is never reused, and none is left open.
        connections.close_all()
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, *extra_args]
        )
        try:
            yield browser
        finally:
            browser.close()
            connections.close_all()


def signed_in(browser, base_url: str, email: str, password: str = PASSWORD):
    """A new page, in its own cookie jar, signed in through the sign-in form."""
    page = browser.new_context().new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{base_url}/en/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    return page


def pay_by_test_card(page) -> None:
    """On an order page served with localstripe's Stripe.js stand-in: Stripe's
    test card, then Pay, until the page says the registration is confirmed."""
    page.fill("input[placeholder=number]", "4242424242424242")
    page.fill("input[placeholder=exp_month]", "12")
    page.fill("input[placeholder=exp_year]", "34")
    page.fill("input[placeholder=cvc]", "123")
    page.fill("input[placeholder=postal_code]", "04524")
    page.get_by_role("button", name=re.compile("^Pay ")).click()
    page.get_by_text("Your registration is confirmed").wait_for()
