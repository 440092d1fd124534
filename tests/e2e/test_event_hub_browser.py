"""An organiser signs in, lands in the Wagtail admin and reaches every tool of
their event in two clicks: the "My events" menu (opening it, then the event),
then the tool on the event's hub. Another organiser's event is nowhere.

Drives Debian's Chromium through Playwright's sync API (never a downloaded browser).
"""

import os
from pathlib import Path

import pytest
from wagtail.users.models import UserProfile

from tests.browser import BROWSER_TEST, chromium, signed_in
from tests.factories.admin import admin_organiser
from tests.factories.badges import RegistrationFactory
from tests.factories.delegations import ProgrammeFactory
from tests.factories.events import EventFactory
from tests.factories.matchmaking import PartneringSetupFactory

pytestmark = BROWSER_TEST


@pytest.fixture
def events(transactional_db, django_db_serialized_rollback):
    kic = EventFactory(slug="kic-hub", name_en="KIC Hub 2027", name_ko="KIC 허브 2027")
    other = EventFactory(slug="asco-hub", name_en="ASCO Hub 2027")
    ProgrammeFactory(event=kic)
    PartneringSetupFactory(event=kic)
    RegistrationFactory(event=kic)
    organiser = admin_organiser(kic, email="organiser@convene.test")
    admin_organiser(other, email="asco.organiser@convene.test")
    return kic, other, organiser


MY_EVENTS = {"en": "My events", "ko": "내 행사"}


def _open_event_from_menu(page, name: str, language: str) -> None:
    label = MY_EVENTS[language]
    page.locator("[data-sidebar] button, .sidebar button").filter(
        has_text=label
    ).first.click()
    page.get_by_role("list", name=label).get_by_role("link", name=name).click()
    page.wait_for_load_state()


@pytest.mark.parametrize("language", ["en", "ko"])
def test_organiser_reaches_every_tool_of_their_event_in_two_clicks(
    live_server, events, language, tmp_path
):
    kic, other, organiser = events
    profile = UserProfile.get_for_user(organiser)
    profile.preferred_language = language
    profile.save()
    shots = Path(os.environ.get("CONVENE_SCREENSHOTS") or tmp_path)
    name = kic.name_en if language == "en" else kic.name_ko
    with chromium() as browser:
        page = signed_in(browser, live_server.url, organiser.email)
        assert page.url == f"{live_server.url}/admin/"  # signing in lands in the admin
        _open_event_from_menu(page, name, language)
        assert page.url == f"{live_server.url}/admin/events/{kic.slug}/"
        menu = page.locator("#wagtail-sidebar, .sidebar").first.inner_text()
        assert other.name_en not in menu
        links = page.locator(".event-hub a")
        hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
        assert len(hrefs) > 30
        for href in hrefs:
            response = page.request.get(f"{live_server.url}{href}")
            assert response.status == 200, href
            assert other.slug not in href
        for width in (360, 1366):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(
                path=str(shots / f"hub-{language}-{width}.png"), full_page=True
            )
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width, (width, scroll)
        # The first tool is one click from the hub.
        page.locator(".event-hub a").first.click()
        page.wait_for_load_state()
        assert "/organiser/kic-hub/registrations/" in page.url
        # ...and that page leads back to the hub.
        page.locator(".hub-link a").click()
        assert page.url == f"{live_server.url}/admin/events/{kic.slug}/"
        assert (
            page.request.get(f"{live_server.url}/admin/events/{other.slug}/").status
            == 404
        )
