"""Delegation documents are checked by parsing them: a PDF must open in PDFium with
a page, a .docx or .pptx must be a zip whose [Content_Types].xml declares the right
main part. A right header over junk is refused, on the page and on the API."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from delegations.validators import document_kind
from tests.factories.delegations import ApplicationFactory, ProgrammeFactory
from tests.factories.documents import ooxml_bytes, ooxml_upload, pdf_upload

pytestmark = pytest.mark.integration

JUNK_PDF = b"%PDF-1.4\n" + b"\x00junk that no reader can open\n" * 40
BAD_PDF = "This PDF cannot be opened: it is damaged or protected by a password."
BAD_OFFICE = (
    "This file is not a valid Word (.docx) or PowerPoint (.pptx) document: save it "
    "again from Word or PowerPoint and upload the copy."
)


def _junk_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("notes.txt", "not a Word document")
    return buffer.getvalue()


def _refusal(upload) -> tuple[str, str]:
    with pytest.raises(ValidationError) as refused:
        document_kind(upload)
    return refused.value.code, refused.value.messages[0]


def test_a_real_one_page_pdf_is_a_pdf():
    assert document_kind(pdf_upload()) == "pdf"


def test_a_real_minimal_docx_and_pptx_are_kept():
    assert (
        document_kind(ooxml_upload("plan.docx")),
        document_kind(ooxml_upload("deck.pptx")),
    ) == ("docx", "pptx")


@pytest.mark.parametrize(
    ("name", "body", "code", "message"),
    [
        ("deck.pdf", JUNK_PDF, "bad_pdf", BAD_PDF),
        ("deck.pdf", b"%PDF-1.7\n%%EOF", "bad_pdf", BAD_PDF),
        ("plan.docx", _junk_zip(), "bad_office", BAD_OFFICE),
        ("plan.docx", b"PK\x03\x04" + b"junk" * 50, "bad_office", BAD_OFFICE),
        # A .pptx package named .docx: the main part is no Word document.
        ("plan.docx", ooxml_bytes("pptx"), "bad_office", BAD_OFFICE),
        # Macro-enabled Word (a .docm) named .docx.
        (
            "plan.docx",
            ooxml_bytes(
                "docx",
                main_type="application/vnd.ms-word.document.macroEnabled.main+xml",
            ),
            "bad_office",
            BAD_OFFICE,
        ),
    ],
)
def test_a_right_header_over_junk_is_refused(name, body, code, message):
    assert _refusal(SimpleUploadedFile(name, body)) == (code, message)


def test_the_upload_is_left_at_its_start_for_storage():
    upload = pdf_upload()
    document_kind(upload)
    assert upload.read(5) == b"%PDF-"


@pytest.fixture
def application(db):
    now = timezone.now()
    programme = ProgrammeFactory(
        applications_open_at=now - dt.timedelta(days=1),
        application_deadline=now + dt.timedelta(days=21),
    )
    return ApplicationFactory(programme=programme)


def _upload_page(client, application, upload):
    url = reverse("delegation:document_upload", args=[application.pk])
    return client.post(url, {"title": "Deck", "file": upload}, follow=True)


def test_the_page_shows_why_a_junk_pdf_or_docx_is_refused(client, application):
    client.force_login(application.applicant)
    junk_pdf = _upload_page(
        client, application, SimpleUploadedFile("deck.pdf", JUNK_PDF)
    )
    junk_docx = _upload_page(
        client, application, SimpleUploadedFile("plan.docx", _junk_zip())
    )
    kept = [
        _upload_page(client, application, pdf_upload()),
        _upload_page(client, application, ooxml_upload("plan.docx")),
    ]
    assert BAD_PDF in junk_pdf.text
    assert BAD_OFFICE in junk_docx.text
    assert [r.status_code for r in kept] == [200, 200]
    assert sorted(application.documents.values_list("kind", flat=True)) == [
        "docx",
        "pdf",
    ]


def test_the_api_answers_400_problem_json_for_a_junk_pdf(client, application):
    client.force_login(application.applicant)
    url = f"/api/delegation/applications/{application.pk}/documents"
    junk = client.post(url, {"file": SimpleUploadedFile("deck.pdf", JUNK_PDF)})
    real = client.post(url, {"file": pdf_upload(), "title": "Deck"})
    assert (junk.status_code, junk["Content-Type"]) == (400, "application/problem+json")
    assert junk.json()["detail"] == BAD_PDF
    assert (real.status_code, real.json()["kind"]) == (201, "pdf")
    assert list(application.documents.values_list("title", flat=True)) == ["Deck"]
