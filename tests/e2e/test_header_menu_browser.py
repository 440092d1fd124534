"""On a phone the header folds behind a menu button that opens and closes it; on a
wide screen the menu shows inline and there is no button. No sideways scroll.

Drives Debian's Chromium through Playwright's sync API (never a downloaded browser).
"""

import pytest

from cms.demo.pages import build_site
from tests.browser import BROWSER_TEST, chromium

pytestmark = BROWSER_TEST


@pytest.fixture
def site(transactional_db, django_db_serialized_rollback):
    return build_site()


def test_the_menu_button_opens_and_closes_the_menu_at_360_px(live_server, site):
    with chromium() as browser:
        page = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
        page.set_default_timeout(30_000)
        page.goto(f"{live_server.url}/en/")
        button = page.get_by_role("button", name="Menu")
        sign_in = page.get_by_role("link", name="Sign in")
        assert (button.is_visible(), sign_in.is_visible()) == (True, False)

        button.click()
        assert button.get_attribute("aria-expanded") == "true"
        assert sign_in.is_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360

        page.keyboard.press("Escape")
        assert (button.get_attribute("aria-expanded"), sign_in.is_visible()) == (
            "false",
            False,
        )


def test_a_wide_screen_shows_the_menu_inline_without_a_button(live_server, site):
    with chromium() as browser:
        page = browser.new_context(viewport={"width": 1366, "height": 800}).new_page()
        page.set_default_timeout(30_000)
        page.goto(f"{live_server.url}/ko/")
        assert page.locator(".menu-toggle").is_visible() is False
        assert page.get_by_role("link", name="로그인").is_visible()
