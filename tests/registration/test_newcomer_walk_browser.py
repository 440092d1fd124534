"""A brand-new attendee on a phone, from the front page, following only what the
site shows (never a typed URL): creates an account, pays the forum by card,
registers for the conference paying by invoice, takes part in the forum's partnering, asks a
biotech to meet, and finds the meeting in My meetings once the biotech accepts.

Debian's Chromium through Playwright at 360 px; Stripe is localstripe (its
Stripe.js stand-in serves the card form). It lives beside the registration tests
for their localstripe fixture.
"""

import re
from decimal import Decimal

import pytest

from cms.demo.pages import build_site
from matchmaking.models import Meeting
from registration.enums import OrderStatus
from registration.models import Order
from tests.browser import BROWSER_TEST, PASSWORD, chromium, pay_by_test_card, signed_in
from tests.factories.events import EventFactory
from tests.factories.matchmaking import ParticipantFactory, partnering_event
from tests.factories.registration import TicketTypeFactory

pytestmark = BROWSER_TEST
PHONE = {"width": 360, "height": 740}


@pytest.fixture
def site(transactional_db, django_db_serialized_rollback):
    conference = EventFactory(
        slug="kic-2027", kind="conference", currency="KRW", name_en="KIC 2027"
    )
    TicketTypeFactory(event=conference, name_en="Regular", price=Decimal("350000"))
    forum = partnering_event(
        slots=4,
        tables=2,
        allowed_pairs=[],  # anyone may ask anyone (the newcomer has no company yet)
        event=EventFactory(slug="kbif-2027", kind="forum", currency="KRW"),
    ).event
    forum.name_en = "KBIF 2027"
    forum.save()
    TicketTypeFactory(event=forum, name_en="Investor", price=Decimal("200000"))
    biotech = ParticipantFactory(event=forum)
    biotech.organisation.name_en = "Hanul Oncology"
    biotech.organisation.save()
    build_site()
    return biotech


@pytest.fixture
def card(settings, stripe_settings):
    settings.STRIPE_JS_URL = f"{settings.STRIPE_API_BASE}/js.stripe.com/v3/"


def follow(page, name: str) -> None:
    """Click a link by its text, opening the phone menu first if it is folded."""
    link = page.get_by_role("link", name=name, exact=True).first
    toggle = page.locator(".menu-toggle")
    if not link.is_visible() and toggle.is_visible():
        toggle.click()
    link.click()
    page.wait_for_load_state()


def test_a_newcomer_walks_from_the_front_page_to_tickets_and_a_meeting(
    live_server, site, card
):
    biotech = site
    with chromium() as browser:
        page = browser.new_context(viewport=PHONE).new_page()
        page.set_default_timeout(30_000)
        page.goto(f"{live_server.url}/en/")

        # The forum, by card.
        follow(page, "KBIF 2027")
        follow(page, "Register")
        follow(page, "Create an account")  # the sign-in page's link
        page.fill("input[name=email]", "seoyeon@example.org")
        page.fill("input[name=first_name]", "Seoyeon")
        page.fill("input[name=last_name]", "Choi")
        page.fill("input[name=password]", "a-long-enough-pass-27")
        page.get_by_role("button", name="Create an account").click()
        page.wait_for_url(re.compile(r"/en/register/kbif-2027/"))
        assert "KRW 200,000" in page.content()  # the summary's total
        page.check("input[value=card]")
        page.get_by_role("button", name="Register", exact=True).click()
        page.wait_for_url(re.compile(r"/en/orders/[A-Z0-9]+/$"))
        pay_by_test_card(page)

        # The conference, by invoice.
        page.locator(".brand").click()
        follow(page, "KIC 2027")
        follow(page, "Register")
        page.check("input[value=invoice]")
        page.get_by_role("button", name="Register", exact=True).click()
        page.wait_for_url(re.compile(r"/en/orders/[A-Z0-9]+/$"))
        assert page.get_by_role("link", name=re.compile("invoice", re.I)).count()
        follow(page, "My registrations")
        assert page.get_by_text("KIC 2027").count()
        assert page.get_by_text("KBIF 2027").count()

        # Partnering: join, find the biotech, ask to meet.
        page.locator(".brand").click()
        follow(page, "KBIF 2027")
        follow(page, "Find partners and request meetings")
        follow(page, "Take part in partnering")
        page.get_by_role("button", name="Save profile").click()
        page.wait_for_url(re.compile(r"/en/partnering/kbif-2027/$"))
        follow(page, "Hanul Oncology")
        page.get_by_role("button", name="Send request").click()
        page.wait_for_url(re.compile(r"/requests/"))

        # The biotech accepts; the newcomer sees the meeting.
        other = signed_in(browser, live_server.url, biotech.user.email, PASSWORD)
        follow(other, "My meetings")  # the header's partnering links
        follow(other, "My requests")
        other.get_by_role("button", name="Accept", exact=True).first.click()
        other.wait_for_load_state()

        page.reload()
        follow(page, "My meetings")
        assert page.get_by_text("Hanul Oncology").count()

    orders = Order.objects.filter(buyer__email="seoyeon@example.org")
    assert sorted(orders.values_list("status", flat=True)) == sorted(
        [OrderStatus.PAID, OrderStatus.PENDING]
    )
    assert Meeting.objects.filter(event=biotech.event).count() == 1
