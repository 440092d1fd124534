"""A newcomer on the Korean site creates an account, registers for a ticket paying
by invoice, and gets the reservation e-mail (with the invoice) in Korean, with
links to the Korean site.

Drives Debian's Chromium through Playwright's sync API (never a downloaded browser).
"""

import re
from decimal import Decimal

import pytest
from django.core import mail

from accounts.models import User
from registration.enums import OrderStatus
from registration.models import Order
from tests.browser import BROWSER_TEST, chromium
from tests.factories.events import EventFactory
from tests.factories.registration import TicketTypeFactory

pytestmark = BROWSER_TEST

HANGUL = re.compile("[\uac00-\ud7a3]")


@pytest.fixture
def ticket(transactional_db, django_db_serialized_rollback):
    event = EventFactory(slug="kic-ko", currency="KRW", name_ko="국제임상 2027")
    return TicketTypeFactory(
        event=event, name_en="Regular", name_ko="일반", price=Decimal("150000")
    )


def test_a_korean_newcomer_registers_by_invoice_and_reads_korean_mail(
    live_server, ticket
):
    with chromium() as browser:
        page = browser.new_context(locale="ko-KR").new_page()
        page.set_default_timeout(30_000)
        register = f"{live_server.url}/ko/register/{ticket.event.slug}/"
        page.goto(f"{live_server.url}/ko/accounts/signup/?next=/ko/register/kic-ko/")
        page.fill("input[name=email]", "jiwoo@example.org")
        page.fill("input[name=first_name]", "Jiwoo")
        page.fill("input[name=last_name]", "Lee")
        page.fill("input[name=password]", "a-long-enough-pass-27")
        page.get_by_role("button", name="계정 만들기").click()
        page.wait_for_url(register)
        assert "일반" in page.content()

        page.get_by_role("button", name="등록", exact=True).click()
        page.wait_for_url(re.compile(r"/ko/orders/[A-Z0-9]+/$"))

    user = User.objects.get(email="jiwoo@example.org")
    assert user.language == "ko"
    order = Order.objects.get(buyer=user)
    assert order.status == OrderStatus.PENDING
    reserved = mail.outbox[-1]
    assert reserved.to == ["jiwoo@example.org"]
    assert HANGUL.search(reserved.subject)
    assert HANGUL.search(reserved.body)
    assert "/ko/" in reserved.body  # its links open the Korean site
    assert any(name.endswith(".pdf") for name, *_ in reserved.attachments)
