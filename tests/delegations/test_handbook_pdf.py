"""The delegation handbook on a Korean page: the event's Korean name and the
delegates' Korean names come back out of the PDF (PDFium), set in a font that has
Hangul."""

import datetime as dt
import io

import pypdfium2
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories.delegations import DelegateFactory, ProgrammeFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_the_korean_handbook_gives_back_its_hangul(client):
    now = timezone.now()
    programme = ProgrammeFactory(
        applications_open_at=now - dt.timedelta(days=1),
        application_deadline=now + dt.timedelta(days=21),
        event__name_ko="2027 국제 임상시험 컨퍼런스",
    )
    delegate = DelegateFactory(application__programme=programme, user__name_ko="김민지")
    client.force_login(delegate.user)
    with translation.override("ko"):
        url = reverse("delegation:handbook", args=[programme.event.slug])

    response = client.get(url)

    assert url.startswith("/ko/")
    assert response["Content-Type"] == "application/pdf"
    pdf = pypdfium2.PdfDocument(io.BytesIO(response.content))
    text = " ".join(
        "".join(page.get_textpage().get_text_range() for page in pdf).split()
    )
    assert "2027 국제 임상시험 컨퍼런스" in text
    assert "김민지" in text
    assert "■" not in text
    start = programme.host_start_date
    assert f"{start.year}년 {start.month}월 {start.day}일" in text  # Korean dates
