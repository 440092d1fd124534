"""An organiser works the registrations desk: finds an invoice order, marks it
paid, refunds part of it, and reads both actions in the event's audit log; the
attendee sees the order paid in their personal area.

Drives Debian's Chromium through Playwright's sync API (never a downloaded browser).
"""

from decimal import Decimal

import pytest

from events.enums import TeamRole
from events.models import EventTeamMember
from registration import services as registration
from registration.enums import OrderStatus, PaymentMethod
from registration.services import Attendee, OrderItem
from tests.browser import BROWSER_TEST, chromium, signed_in
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory
from tests.factories.registration import TicketTypeFactory

pytestmark = BROWSER_TEST


@pytest.fixture
def desk(transactional_db, django_db_serialized_rollback):
    event = EventFactory(slug="kic-desk", currency="KRW")
    ticket = TicketTypeFactory(
        event=event, name_en="Regular", price=Decimal("150000"), capacity=10
    )
    organiser = UserFactory(email="desk.organiser@example.org")
    EventTeamMember.objects.create(event=event, user=organiser, role=TeamRole.ORGANISER)
    buyer = UserFactory(email="desk.buyer@example.org", first_name="Min")
    order = registration.order_create(
        event=event,
        buyer=buyer,
        items=[OrderItem(ticket.pk, Attendee(buyer.email, "Min", "Kim"))],
        method=PaymentMethod.INVOICE,
    )
    return event, organiser, buyer, order


def test_organiser_marks_an_invoice_paid_refunds_part_and_reads_the_audit_log(
    live_server, desk
):
    event, organiser, buyer, order = desk
    with chromium() as browser:
        page = signed_in(browser, live_server.url, organiser.email)
        page.goto(f"{live_server.url}/en/organiser/{event.slug}/registrations/")
        page.fill("input[name=q]", order.code)
        page.get_by_role("button", name="Filter").click()
        row = page.locator("tr", has_text=order.code)
        row.get_by_role("link", name="Mark paid…").click()
        assert "KRW 150,000" in page.locator(".confirm .question").inner_text()
        page.get_by_role("button", name="Mark paid").click()
        assert (
            f"{order.code}: marked paid." in page.locator(".notice").first.inner_text()
        )

        row = page.locator("tr", has_text=order.code)
        row.get_by_label("Amount to refund").fill("50000")
        row.get_by_role("button", name="Refund…").click()
        page.get_by_role("button", name="Refund", exact=True).click()
        notice = page.locator(".notice").first.inner_text()
        assert f"{order.code}: refunded KRW 50,000." in notice

        page.goto(f"{live_server.url}/en/organiser/{event.slug}/audit/")
        log = page.locator("main").inner_text()
        assert order.code in log
        assert organiser.email in log or organiser.get_full_name() in log

        attendee = signed_in(browser, live_server.url, buyer.email)
        attendee.goto(f"{live_server.url}/en/me/registrations/")
        assert order.code in attendee.locator(".orders").inner_text()

    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert order.refunded_amount == Decimal("50000")
