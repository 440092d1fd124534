"""A buyer in Chromium adds a colleague, applies a student code, chooses the
ticket it unlocks for the colleague and presses Enter: everything typed survives
each round trip, and Enter registers (it does not remove the colleague)."""

import re
from decimal import Decimal

import pytest

from registration.models import Order
from tests.browser import BROWSER_TEST, chromium, signed_in
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory
from tests.factories.registration import TicketTypeFactory

pytestmark = BROWSER_TEST


@pytest.fixture
def tickets(transactional_db, django_db_serialized_rollback):
    event = EventFactory(slug="kic-form-e2e", currency="KRW")
    regular = TicketTypeFactory(event=event, name_en="Regular", price=Decimal("150000"))
    student = TicketTypeFactory(
        event=event,
        name_en="Student",
        price=Decimal("50000"),
        is_hidden=True,
        access_code="STUDENT",
    )
    UserFactory(email="group.buyer@example.org", first_name="Min", last_name="Kim")
    return regular, student


def test_colleague_code_and_enter_keep_the_input_and_register(live_server, tickets):
    regular, student = tickets
    with chromium() as browser:
        page = signed_in(browser, live_server.url, "group.buyer@example.org")
        page.set_default_timeout(30_000)
        page.goto(f"{live_server.url}/en/register/{regular.event.slug}/")
        page.fill("input[name='attendee-0-dietary_needs']", "Halal")
        page.get_by_role("button", name="Add a colleague").click()  # no round trip
        assert page.input_value("input[name='attendee-TOTAL_FORMS']") == "2"
        assert page.url.endswith(f"/register/{regular.event.slug}/")  # not /edit/
        assert page.locator("legend", has_text="Attendee 2").count() == 1
        page.fill("input[name='attendee-1-email']", "jisoo@example.org")
        page.fill("input[name='attendee-1-first_name']", "Jisoo")
        page.fill("input[name='attendee-1-last_name']", "Park")
        page.fill("input[name='order-access_code']", "student")
        page.get_by_role("button", name="Apply").click()

        assert page.input_value("input[name='attendee-0-dietary_needs']") == "Halal"
        assert page.input_value("input[name='attendee-1-email']") == "jisoo@example.org"
        page.select_option("select[name='attendee-1-ticket_type']", str(student.pk))
        page.get_by_role("button", name="Update total").click()
        summary = page.locator(".summary-table").inner_text()
        assert "KRW 200,000" in summary  # 150,000 + 50,000

        page.press("input[name='attendee-1-last_name']", "Enter")
        page.wait_for_url(re.compile(r"/en/orders/[A-Z0-9]+/$"))

    order = Order.objects.get()
    assert order.total == Decimal("200000")
    assert sorted(r.ticket_type.name for r in order.registrations.all()) == [
        "Regular",
        "Student",
    ]
