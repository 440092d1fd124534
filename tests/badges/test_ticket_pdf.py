"""The ticket PDF reads right in Korean and English: Hangul set in a font that
has it (PDFium extracts it back), long event names wrapped whole, dates as each
language writes them."""

import pytest
from django.utils import translation

from badges.tickets import ticket_pdf
from tests.badges.pdfs import page_texts, text_outside_page

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

LONG_NAME = (
    "2027 International Conference on Clinical Trials and Regulatory Science "
    "in Asia-Pacific"
)


@pytest.fixture
def long_named(event, attendee):
    event.name_en = LONG_NAME
    event.name_ko = "2027 국제 임상시험 컨퍼런스"
    event.save()
    return attendee


def _text(pdf: bytes) -> str:
    """The page's words in reading order, one space between them (a wrapped
    line's break reads as a space)."""
    [text] = page_texts(pdf)
    return " ".join(text.split())


def test_the_korean_ticket_shows_the_name_and_event_in_hangul(long_named):
    with translation.override("ko"):
        text = _text(ticket_pdf(registration=long_named))
    assert "김민지" in text
    assert "2027 국제 임상시험 컨퍼런스" in text
    assert "2027년 9월 14일" in text
    assert "Minji Kim" in text  # the English name beside the Korean one


def test_a_long_event_name_wraps_whole_on_the_english_ticket(long_named):
    with translation.override("en"):
        pdf = ticket_pdf(registration=long_named)
    text = _text(pdf)
    assert LONG_NAME in text
    assert text_outside_page(pdf) == ""
    assert "김민지" in text
    assert "Early bird" in text
    assert "Seoul CRO" in text


def test_a_long_name_shrinks_to_the_ticket_rather_than_leaving_the_page(attendee):
    user = attendee.user
    user.first_name = "Maximiliana"
    user.last_name = "Vandenberghe-Oppenheimer"
    user.save()
    with translation.override("en"):
        pdf = ticket_pdf(registration=attendee)
    assert "Maximiliana Vandenberghe-Oppenheimer" in _text(pdf)
    assert text_outside_page(pdf) == ""
