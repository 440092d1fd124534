"""An organiser refunds part of an order only after confirming the amount the
confirmation step spells out; going back from it changes nothing. The step reads
at 360 px without sideways scrolling, in English and Korean.

Drives Debian's Chromium through Playwright's sync API (never a downloaded browser).
"""

import os
from decimal import Decimal
from pathlib import Path

import pytest

from events.enums import TeamRole
from events.models import EventTeamMember
from registration import services as registration
from registration.enums import PaymentMethod
from registration.services import Attendee, OrderItem
from tests.browser import BROWSER_TEST, chromium, signed_in
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory
from tests.factories.registration import TicketTypeFactory

pytestmark = BROWSER_TEST


@pytest.fixture
def paid_order(transactional_db, django_db_serialized_rollback):
    event = EventFactory(slug="kic-refund", currency="KRW")
    ticket = TicketTypeFactory(
        event=event, name_en="Regular", price=Decimal("1350000"), capacity=10
    )
    organiser = UserFactory(email="refund.organiser@example.org")
    EventTeamMember.objects.create(event=event, user=organiser, role=TeamRole.ORGANISER)
    buyer = UserFactory(email="kim@example.com")
    order = registration.order_create(
        event=event,
        buyer=buyer,
        items=[OrderItem(ticket.pk, Attendee(buyer.email, "Min", "Kim"))],
        method=PaymentMethod.INVOICE,
    )
    registration.invoice_mark_paid(order=order, actor=organiser)
    return event, organiser, order


def _no_sideways_scroll(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_organiser_refunds_only_after_confirming_the_amount(
    live_server, paid_order, tmp_path
):
    shots = Path(os.environ.get("SCREENSHOTS", tmp_path))
    event, organiser, order = paid_order
    desk = f"{live_server.url}/en/organiser/{event.slug}/registrations/"
    with chromium() as browser:
        page = signed_in(browser, live_server.url, organiser.email)
        page.set_viewport_size({"width": 1366, "height": 900})
        page.goto(desk)
        row = page.locator("tr", has_text=order.code)
        row.get_by_label("Amount to refund").fill("350000")
        row.get_by_role("button", name="Refund…").click()
        question = page.locator(".confirm .question").inner_text()
        assert "KRW 350,000" in question
        assert "kim@example.com" in question
        assert "This cannot be undone." in page.locator(".confirm").inner_text()
        page.screenshot(path=shots / "refund-confirm-1366-en.png", full_page=True)

        page.get_by_role("link", name="Go back").click()  # nothing happens
        page.wait_for_url(desk)
        row = page.locator("tr", has_text=order.code)
        assert "refunded" not in row.inner_text()

        row.get_by_label("Amount to refund").fill("350000")
        row.get_by_role("button", name="Refund…").click()
        page.get_by_role("button", name="Refund", exact=True).click()
        page.wait_for_url(desk)
        assert (
            f"{order.code}: refunded KRW 350,000."
            in page.locator(".notice").first.inner_text()
        )
        row = page.locator("tr", has_text=order.code)
        assert "KRW 1,350,000 (refunded KRW 350,000)" in row.inner_text()

        # Empty means the rest, said in full before anything happens.
        row.get_by_role("button", name="Refund…").click()
        assert "the full amount, KRW 1,000,000," in (
            page.locator(".confirm .question").inner_text()
        )
        page.set_viewport_size({"width": 360, "height": 740})
        assert _no_sideways_scroll(page)
        page.screenshot(path=shots / "refund-confirm-360-en.png", full_page=True)
        ko_confirm = page.url.replace("/en/", "/ko/")
        page.goto(ko_confirm)  # the step answers a GET too: the amount form
        assert _no_sideways_scroll(page)
        page.screenshot(path=shots / "refund-confirm-360-ko.png", full_page=True)
        page.goto(desk.replace("/en/", "/ko/"))
        page.screenshot(path=shots / "desk-360-ko.png", full_page=True)
        assert _no_sideways_scroll(page)

    order.refresh_from_db()
    assert order.refunded_amount == Decimal("350000")
