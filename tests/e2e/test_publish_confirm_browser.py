"""An organiser publishing a page in the Wagtail admin is asked first, in a
dialog naming the page; going back publishes nothing, confirming publishes. The
dialog fits 360 px."""

import pytest

from cms.demo.pages import build_site
from cms.models import EventPage
from events import services
from events.enums import TeamRole
from tests.browser import BROWSER_TEST, PASSWORD, chromium
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory

pytestmark = BROWSER_TEST


@pytest.fixture
def draft(transactional_db, django_db_serialized_rollback):
    home = build_site()
    event = EventFactory(slug="kic-pub", timezone="Asia/Seoul")
    page = EventPage(title="KIC 2027", slug="kic-2027", event=event, live=False)
    home.add_child(instance=page)
    page.save_revision()
    user = UserFactory(email="olivia@example.org")
    services.team_member_add(event=event, user=user, role=TeamRole.ORGANISER)
    return page, user


@pytest.mark.parametrize("width", [360, 1366])
def test_publishing_a_page_asks_first(live_server, draft, width):
    page_obj, organiser = draft
    with chromium() as browser:
        page = browser.new_page(viewport={"width": width, "height": 800})
        page.set_default_timeout(15_000)
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("input[name=username]", organiser.email)
        page.fill("input[name=password]", PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{live_server.url}/admin/")
        page.goto(f"{live_server.url}/admin/pages/{page_obj.pk}/edit/")

        more = page.locator("footer [data-w-dropdown-target='toggle']")
        more.click()  # Publish sits under Save draft
        page.locator("[data-confirm-publish]").click()
        dialog = page.locator("#w-confirm-publish-dialog")
        dialog.get_by_text("Publish “KIC 2027” now?").wait_for()
        box = dialog.locator(".w-dialog__box").bounding_box()
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= width
        dialog.get_by_role("button", name="Go back").click()
        page_obj.refresh_from_db()
        assert not page_obj.live

        more.click()
        page.locator("[data-confirm-publish]").click()
        dialog.get_by_role("button", name="Publish now").click()
        page.get_by_text("Page 'KIC 2027' has been published.").wait_for()
    page_obj.refresh_from_db()
    assert page_obj.live
