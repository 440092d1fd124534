"""The Content Security Policy holds on the pages people use: no page reports a
violation in Chromium's console. Public pages, the registration and card-payment
pages (Stripe.js from the localstripe stand-in), the check-in scanner, and the
Wagtail admin under its relaxed policy.

It lives beside the registration tests for their localstripe fixture.
"""

import re
from decimal import Decimal

import pytest

from cms.demo.pages import build_site
from cms.models import AgendaPage, EventPage, SpeakerIndexPage
from events.enums import TeamRole
from events.models import EventTeamMember
from matchmaking.enums import RunStatus
from matchmaking.models import ScheduleRun
from tests.browser import BROWSER_TEST, PASSWORD, chromium, signed_in
from tests.cms.conftest import Conference, add_sessions, publish_child
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory, RoomFactory, TrackFactory
from tests.factories.matchmaking import ParticipantFactory, partnering_event
from tests.factories.registration import TicketTypeFactory

pytestmark = BROWSER_TEST

# Chromium reports each refused script, frame, style or connection on the console
# and as a `securitypolicyviolation` event, which this records.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI);
});
"""


@pytest.fixture
def site(transactional_db, django_db_serialized_rollback):
    home = build_site()
    event = EventFactory(slug="kic-csp", currency="KRW")
    conference = Conference(
        event,
        [RoomFactory(event=event), RoomFactory(event=event)],
        TrackFactory(event=event),
    )
    landing = publish_child(home, EventPage(title="KIC", slug="kic", event=event))
    publish_child(landing, AgendaPage(title="Agenda", slug="agenda", event=event))
    publish_child(
        landing, SpeakerIndexPage(title="Speakers", slug="speakers", event=event)
    )
    session = add_sessions(conference, 2)[0]
    TicketTypeFactory(event=event, name_en="Regular", price=Decimal("150000"))
    buyer = UserFactory(email="csp.buyer@example.org")
    door = UserFactory(email="csp.door@example.org")
    EventTeamMember.objects.create(event=event, user=door, role=TeamRole.CHECKIN)
    editor = UserFactory(email="csp.editor@example.org")
    EventTeamMember.objects.create(event=event, user=editor, role=TeamRole.ORGANISER)
    return {
        "event": event,
        "session": session,
        "buyer": buyer,
        "door": door,
        "editor": editor,
        "landing": landing,
    }


@pytest.fixture
def browser(site, settings, stripe_settings):
    settings.STRIPE_JS_URL = f"{settings.STRIPE_API_BASE}/js.stripe.com/v3/"
    with chromium() as browser:
        yield browser


class Watch:
    """Console lines and violation events of one page."""

    def __init__(self, page):
        self.page = page
        self.console: list[str] = []
        page.on("console", lambda message: self.console.append(message.text))
        page.add_init_script(RECORD_VIOLATIONS)

    def visit(self, url: str) -> None:
        self.page.goto(url)
        self.page.wait_for_load_state("networkidle")
        self.assert_clean(url)

    def assert_clean(self, where: str) -> None:
        events = self.page.evaluate("window.__csp || []")
        refused = [line for line in self.console if "Content Security Policy" in line]
        assert (where, events, refused) == (where, [], [])


def test_public_pages_register_and_pay_without_a_violation(live_server, browser, site):
    base = live_server.url
    visitor = Watch(browser.new_context().new_page())
    for path in (
        "/en/",
        "/en/kic/",
        "/en/kic/agenda/",
        "/en/kic/speakers/",
        f"/go/session/{site['session'].pk}/",
        "/en/accounts/login/",
        "/en/accounts/signup/",
        "/en/accounts/login/link/",
    ):
        visitor.visit(base + path)

    buyer = Watch(signed_in(browser, base, site["buyer"].email))
    buyer.visit(f"{base}/en/register/{site['event'].slug}/")
    buyer.page.check("input[name=order-method][value=card]")
    buyer.page.get_by_role("button", name="Register").click()
    buyer.page.wait_for_url(re.compile(r"/en/orders/[A-Z0-9]+/$"))
    # Stripe.js (localstripe's) loaded and mounted its card form.
    buyer.page.locator("input[placeholder=number]").wait_for()
    buyer.assert_clean("order page")
    buyer.visit(f"{base}/en/me/registrations/")


def test_scanner_and_admin_without_a_violation(live_server, browser, site):
    base = live_server.url
    door = Watch(signed_in(browser, base, site["door"].email))
    door.visit(f"{base}/en/checkin/{site['event'].slug}/")
    door.page.fill("#search", "nobody")
    door.page.locator("#search-form").get_by_role("button", name="Search").click()
    door.page.wait_for_load_state("networkidle")
    door.assert_clean("scanner search")

    editor = Watch(browser.new_context().new_page())
    editor.page.goto(f"{base}/admin/login/")
    editor.page.fill("input[name=username]", site["editor"].email)
    editor.page.fill("input[name=password]", PASSWORD)
    editor.page.get_by_role("button", name="Sign in").click()
    editor.page.wait_for_url(f"{base}/admin/")
    editor.visit(f"{base}/admin/")
    editor.visit(f"{base}/admin/pages/{site['landing'].pk}/edit/")
    editor.visit(f"{base}/admin/snippets/events/session/edit/{site['session'].pk}/")


@pytest.fixture
def forum(transactional_db, django_db_serialized_rollback):
    """A partnering forum with a draft schedule run, organised by Olga, who also
    organises the conference's registrations."""
    setup = partnering_event(slots=2, tables=1)
    olga = UserFactory(email="csp.olga@example.org")
    EventTeamMember.objects.create(
        event=setup.event, user=olga, role=TeamRole.ORGANISER
    )
    ScheduleRun.objects.create(
        event=setup.event, status=RunStatus.DRAFT, solution={"assignments": []}
    )
    ParticipantFactory(event=setup.event)
    return setup.event, olga


def test_organiser_and_personal_pages_without_a_violation(
    live_server, browser, site, forum
):
    base = live_server.url
    event, olga = forum
    EventTeamMember.objects.create(
        event=site["event"], user=olga, role=TeamRole.ORGANISER
    )
    organiser = Watch(signed_in(browser, base, olga.email))
    for path in (
        f"/en/organiser/{site['event'].slug}/registrations/",
        f"/en/organiser/{site['event'].slug}/audit/",
        f"/en/partnering/{event.slug}/",
        f"/en/partnering/{event.slug}/organiser/",
        f"/en/partnering/{event.slug}/organiser/schedule/",
        "/en/me/data/",
        "/en/accounts/2fa/",
    ):
        organiser.visit(base + path)
