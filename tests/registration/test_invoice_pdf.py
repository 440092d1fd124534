"""The invoice and the receipt read right in Korean: Hangul set in a font that has
it (PDFium extracts it back), long lines wrapped whole, dates as Korean writes
them, amounts as `format_money` writes them."""

import pypdfium2
import pytest
from django.utils import translation

from registration import services as registration
from registration.enums import PaymentMethod
from registration.models import EventBilling
from registration.pdf import invoice_pdf
from registration.services import Attendee, Billing, OrderItem
from tests.factories.accounts import UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

ADDRESS = "서울특별시 강남구 테헤란로 123, 국제임상시험센터 빌딩 15층 1502호 (역삼동)"


@pytest.fixture
def korean_order(event, ticket):
    event.name_ko = "2027 국제 임상시험 컨퍼런스"
    event.save()
    EventBilling.objects.create(
        event=event,
        issuer_name="한국임상시험산업본부",
        issuer_address="서울특별시 마포구 월드컵북로 400",
        issuer_tax_id="123-45-67890",
    )
    buyer = UserFactory(
        email="minji@example.org", first_name="Minji", last_name="Kim", name_ko="김민지"
    )
    return registration.order_create(
        event=event,
        buyer=buyer,
        items=[
            OrderItem(
                ticket_type_id=ticket.pk,
                attendee=Attendee(email=buyer.email, first_name="Minji"),
            )
        ],
        method=PaymentMethod.INVOICE,
        billing=Billing(name="김민지", organisation="서울임상연구소", address=ADDRESS),
    )


def _text(pdf: bytes) -> str:
    """The words in reading order, one space between them (a wrapped line's
    break reads as a space)."""
    text = "".join(
        p.get_textpage().get_text_range() for p in pypdfium2.PdfDocument(pdf)
    )
    return " ".join(text.split())


def test_the_korean_invoice_shows_hangul_names_and_korean_dates(korean_order):
    with translation.override("ko"):
        text = _text(invoice_pdf(order=korean_order))
    assert "김민지" in text
    assert "서울임상연구소" in text
    assert ADDRESS in text  # wrapped inside its column, whole
    assert "한국임상시험산업본부" in text
    assert "2027 국제 임상시험 컨퍼런스" in text
    assert "2027년 9월 14일" in text
    assert "KRW 150,000" in text
    assert "■" not in text
    assert "진입 경로" not in text  # a library's "From" (a way in), not the issuer's


def test_the_english_invoice_keeps_the_korean_names(korean_order):
    with translation.override("en"):
        text = _text(invoice_pdf(order=korean_order))
    assert "김민지" in text
    assert "INVOICE" in text
    assert "Regular · Minji Kim (김민지)" in text


def test_the_receipt_shows_hangul_once_paid(korean_order, organiser):
    registration.invoice_mark_paid(order=korean_order, actor=organiser)
    korean_order.refresh_from_db()
    with translation.override("en"):
        text = _text(invoice_pdf(order=korean_order))
    assert "RECEIPT" in text
    assert "김민지" in text
    assert "서울임상연구소" in text
    assert "Paid on" in text
