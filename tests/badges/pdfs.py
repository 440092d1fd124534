"""Read generated PDFs as a person or a scanner would: PDFium rasterises and
extracts text, zxing-cpp decodes the QR codes on the rendered pages."""

import pypdfium2
import zxingcpp


def pages(pdf: bytes) -> list:
    return list(pypdfium2.PdfDocument(pdf))


def page_texts(pdf: bytes) -> list[str]:
    return [page.get_textpage().get_text_range() for page in pages(pdf)]


def text_outside_page(pdf: bytes) -> str:
    """The characters drawn past a page's edge (cut off in print), in order."""
    out = []
    for page in pages(pdf):
        width, height = page.get_size()
        textpage = page.get_textpage()
        for index in range(textpage.count_chars()):
            left, bottom, right, top = textpage.get_charbox(index)
            if left < 0 or bottom < 0 or right > width or top > height:
                out.append(textpage.get_text_range(index, 1))
    return "".join(out)


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
