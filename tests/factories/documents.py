"""Real documents for upload tests: a PDF drawn by reportlab and minimal Office
Open XML packages (Word, PowerPoint) as their specifications lay them out."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from reportlab.pdfgen import canvas

OOXML = {
    "docx": (
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
        '2006/main"><w:body><w:p><w:r><w:t>Company profile</w:t></w:r></w:p>'
        "</w:body></w:document>",
    ),
    "pptx": (
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        '<p:presentation xmlns:p="http://schemas.openxmlformats.org/'
        'presentationml/2006/main"/>',
    ),
}


def pdf_bytes(pages: int = 1) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for n in range(pages):
        pdf.drawString(72, 720, f"Company deck, page {n + 1}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def ooxml_bytes(kind: str, *, main_type: str | None = None) -> bytes:
    """A minimal package of `kind` ("docx" or "pptx"); `main_type` overrides the
    content type its main part declares."""
    part, content_type, body = OOXML[kind]
    types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{part}" ContentType="{main_type or content_type}"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats'
        '.org/officeDocument/2006/relationships/officeDocument" '
        f'Target="{part}"/></Relationships>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", types)
        package.writestr("_rels/.rels", rels)
        package.writestr(part, body)
    return buffer.getvalue()


def pdf_upload(name: str = "deck.pdf", pages: int = 1) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(pages), content_type="application/pdf")


def ooxml_upload(name: str, kind: str | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, ooxml_bytes(kind or name.rsplit(".", 1)[-1]))
