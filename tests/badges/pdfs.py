"""Read generated PDFs as a person or a scanner would: PDFium rasterises and
extracts text, zxing-cpp decodes the QR codes on the rendered pages."""

import pypdfium2
import zxingcpp


def pages(pdf: bytes) -> list:
    return list(pypdfium2.PdfDocument(pdf))


def page_texts(pdf: bytes) -> list[str]:
    return [page.get_textpage().get_text_range() for page in pages(pdf)]


def page_sizes_mm(pdf: bytes) -> list[tuple[float, float]]:
    return [
        (round(w * 25.4 / 72, 1), round(h * 25.4 / 72, 1))
        for w, h in (page.get_size() for page in pages(pdf))
    ]


def qr_texts(pdf: bytes, dpi: int = 150) -> list[list[str]]:
    """Per page, the decoded QR codes, top to bottom and left to right."""
    out = []
    for page in pages(pdf):
        image = page.render(scale=dpi / 72).to_pil()
        found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
        found = sorted(
            found, key=lambda b: (b.position.top_left.y // 50, b.position.top_left.x)
        )
        out.append([b.text for b in found])
    return out
