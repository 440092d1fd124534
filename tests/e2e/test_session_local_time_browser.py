"""An organiser edits a session's times in the Wagtail admin on the event's clock
(Seoul), and the public agenda shows the time they typed, in English and Korean.

Drives Debian's Chromium through Playwright's sync API (never a downloaded browser).
"""

import datetime as dt

import pytest

from cms.demo.pages import build_site
from cms.models import AgendaPage, EventPage
from events import services
from events.enums import TeamRole
from tests.browser import BROWSER_TEST, PASSWORD, chromium
from tests.cms.conftest import publish_child, translate
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory, RoomFactory, SessionFactory, local

pytestmark = BROWSER_TEST


@pytest.fixture
def keynote(transactional_db, django_db_serialized_rollback):
    home = build_site()
    event = EventFactory(slug="kic-tz", timezone="Asia/Seoul")
    landing = publish_child(home, EventPage(title="KIC", slug="kic", event=event))
    agenda = publish_child(
        landing, AgendaPage(title="Agenda", slug="agenda", event=event)
    )
    translate(landing, title="국제임상")
    translate(agenda, title="프로그램")
    start = local(event, 0, 10)  # 01:00 UTC
    return SessionFactory(
        event=event,
        title_en="Opening keynote",
        title_ko="개막 기조연설",
        start=start,
        end=start + dt.timedelta(minutes=45),
        room=RoomFactory(event=event, name_en="Grand Ballroom"),
    )


@pytest.fixture
def organiser(keynote):
    user = UserFactory(email="olivia@example.org")
    services.team_member_add(event=keynote.event, user=user, role=TeamRole.ORGANISER)
    return user


def test_organiser_edits_a_session_in_local_time_and_the_agenda_shows_it(
    live_server, keynote, organiser
):
    with chromium() as browser:
        page = browser.new_page()
        page.set_default_timeout(15_000)
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("input[name=username]", organiser.email)
        page.fill("input[name=password]", PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{live_server.url}/admin/")

        page.goto(f"{live_server.url}/admin/snippets/events/session/edit/{keynote.pk}/")
        assert page.input_value("#id_start") == "2027-09-14 10:00"
        assert page.input_value("#id_end") == "2027-09-14 10:45"
        assert "KST (Asia/Seoul)" in page.locator("main").inner_text()
        page.fill("#id_start", "2027-09-14 14:20")
        page.fill("#id_end", "2027-09-14 15:05")
        page.get_by_role("button", name="Save", exact=True).click()
        page.wait_for_url(f"{live_server.url}/admin/snippets/events/session/")
        assert "2027-09-14 14:20 KST" in page.locator("table.listing").inner_text()

        visitor = browser.new_page()  # a fresh, anonymous context
        for language, title in (("en", "Opening keynote"), ("ko", "개막 기조연설")):
            visitor.goto(f"{live_server.url}/{language}/kic/agenda/")
            session = visitor.locator("article.session", has_text=title)
            assert session.locator("p.when").inner_text().startswith("14:20–15:05")

    keynote.refresh_from_db()
    assert keynote.start == dt.datetime(2027, 9, 14, 5, 20, tzinfo=dt.UTC)
