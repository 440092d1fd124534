"""The 404, 403 and 500 pages in Chromium, English and Korean, at a phone's 360 px and a
desktop's 1280 px: no sideways scrolling, the heading and the way home in view, no
Content Security Policy complaint. Screenshots go to $ERROR_PAGE_SHOTS (else the
test's temporary folder) as errorpages-<status>-<lang>-<width>.png."""

import os
from pathlib import Path

import pytest

from tests.browser import BROWSER_TEST, chromium

pytestmark = [*BROWSER_TEST, pytest.mark.urls("tests.config.error_urls")]

PAGES = {
    "404": "/{lang}/no-such-page/",
    "403": "/{lang}/test-fail/403/",
    "500": "/{lang}/test-fail/500/",  # the static frame
}
HEADINGS = {
    ("404", "en"): "Page not found",
    ("404", "ko"): "페이지를 찾을 수 없습니다",
    ("403", "en"): "You cannot open this page",
    ("403", "ko"): "이 페이지를 볼 수 있는 권한이 없습니다",
    ("500", "en"): "Something went wrong",
    ("500", "ko"): "문제가 발생했습니다",
}
HOME = {"en": "Back to the home page", "ko": "홈으로 돌아가기"}


def test_404_403_and_500_pages_fit_a_phone_and_a_desktop(
    live_server, transactional_db, django_db_serialized_rollback, tmp_path
):
    shots = Path(os.environ.get("ERROR_PAGE_SHOTS") or tmp_path)
    seen = []
    with chromium() as browser:
        for width in (360, 1280):
            context = browser.new_context(viewport={"width": width, "height": 740})
            page = context.new_page()
            complaints = []
            page.on(
                "console",
                lambda m, out=complaints: (
                    out.append(m.text) if "Content Security Policy" in m.text else None
                ),
            )
            for status, lang in HEADINGS:
                response = page.goto(live_server.url + PAGES[status].format(lang=lang))
                overflow = page.evaluate(
                    "document.documentElement.scrollWidth - window.innerWidth"
                )
                home = page.get_by_role("link", name=HOME[lang], exact=True)
                seen.append(
                    (
                        status,
                        lang,
                        width,
                        response.status,
                        page.get_by_role("heading", level=1).inner_text(),
                        overflow <= 0,
                        home.is_visible(),
                    )
                )
                page.screenshot(
                    path=str(shots / f"errorpages-{status}-{lang}-{width}.png"),
                    full_page=True,
                )
            context.close()
            assert complaints == []
    assert seen == [
        (status, lang, width, int(status), heading, True, True)
        for width in (360, 1280)
        for (status, lang), heading in HEADINGS.items()
    ]
