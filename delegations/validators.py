"""What a delegation document may be: its kind read from its bytes, not its name."""

import threading
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree

import pypdfium2
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from delegations.enums import DocumentKind

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
# The main part an Office package must declare in [Content_Types].xml: a .docx a
# Word document (not a macro-enabled one or a template), a .pptx a presentation.
_OOXML_MAIN = {
    DocumentKind.DOCX: "application/vnd.openxmlformats-officedocument."
    "wordprocessingml.document.main+xml",
    DocumentKind.PPTX: "application/vnd.openxmlformats-officedocument."
    "presentationml.presentation.main+xml",
}
_CONTENT_TYPES = "[Content_Types].xml"
_CONTENT_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_MAX_CONTENT_TYPES_BYTES = 1024 * 1024
# PDFium is not thread-safe and web processes run several threads.
_PDFIUM = threading.Lock()


def document_kind(upload) -> str:
    """The document's kind, read by parsing it rather than from its name or first
    bytes: a PDF that PDFium opens with at least one page, or an Office Open XML
    package (a valid zip) whose [Content_Types].xml declares a Word document or a
    presentation as its main part, present in the package. Raises ValidationError
    otherwise, or when it is over MAX_DOCUMENT_BYTES."""
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("A document may be at most %(mb)s MB."),
            params={"mb": MAX_DOCUMENT_BYTES // (1024 * 1024)},
            code="too_large",
        )
    suffix = Path(upload.name or "").suffix.lower().lstrip(".")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if suffix == DocumentKind.PDF and head.startswith(b"%PDF-"):
        _check_pdf(upload)
        return DocumentKind.PDF
    if suffix in _OOXML_MAIN and head.startswith(b"PK\x03\x04"):
        _check_ooxml(upload, _OOXML_MAIN[suffix])
        return suffix
    raise ValidationError(
        _("Upload a PDF, Word (.docx) or PowerPoint (.pptx) file."), code="bad_type"
    )


def _check_pdf(upload) -> None:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    try:
        with _PDFIUM:
            pdf = pypdfium2.PdfDocument(data)
            try:
                pages = len(pdf)
                if pages:
                    pdf[0].close()
            finally:
                pdf.close()
    except pypdfium2.PdfiumError:
        raise ValidationError(
            _("This PDF cannot be opened: it is damaged or protected by a password."),
            code="bad_pdf",
        ) from None
    if not pages:
        raise ValidationError(_("This PDF has no pages."), code="empty_pdf")


def _check_ooxml(upload, main_type: str) -> None:
    try:
        with zipfile.ZipFile(upload) as package:
            names = set(package.namelist())
            with package.open(_CONTENT_TYPES) as part:
                text = part.read(_MAX_CONTENT_TYPES_BYTES + 1)
        if len(text) > _MAX_CONTENT_TYPES_BYTES:
            raise ValueError(_CONTENT_TYPES)
        # Expat (2.4 and later) refuses entity-expansion bombs; the part is capped.
        types = ElementTree.fromstring(text)  # noqa: S314
    except (
        zipfile.BadZipFile,
        KeyError,
        OSError,
        ValueError,
        RuntimeError,
        NotImplementedError,
        EOFError,
        zlib.error,
        ElementTree.ParseError,
    ):
        types, names = None, set()
    finally:
        upload.seek(0)
    mains = [] if types is None else types.iter(f"{_CONTENT_TYPES_NS}Override")
    if not any(
        o.get("ContentType") == main_type
        and (o.get("PartName") or "").lstrip("/") in names
        for o in mains
    ):
        raise ValidationError(
            _(
                "This file is not a valid Word (.docx) or PowerPoint (.pptx) "
                "document: save it again from Word or PowerPoint and upload the copy."
            ),
            code="bad_office",
        )
