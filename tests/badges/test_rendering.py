"""Rendering alone: dataclasses in, PDF bytes out, read back with real tools."""

import pytest

from badges.rendering import BadgeFace, BadgeStyle, badge_pdf, batch_pdf, sheet_grid
from tests.badges.pdfs import page_sizes_mm, page_texts, qr_texts

pytestmark = pytest.mark.unit


def face(i: int = 0, **extra) -> BadgeFace:
    fields = {
        "name": f"Minji Kim {i}",
        "name_ko": f"김민지{i}",
        "organisation": "서울 임상시험센터 Seoul CRO",
        "ticket": "Early bird",
        "category": "speaker",
        "category_label": "Speaker",
        "token": f"{i + 10:X}-1-ABCDEFGHIJKLMNOPQRSTUVWX",
    }
    return BadgeFace(**{**fields, **extra})


@pytest.mark.parametrize(
    ("size", "mm"),
    [("a6", (105.0, 148.0)), ("4x3in", (101.6, 76.2)), ("cr80", (85.6, 54.0))],
)
def test_one_badge_is_one_page_of_the_badge_size(size, mm):
    pdf = badge_pdf(face(), BadgeStyle(size=size, event_name="KIC 2027"))
    assert page_sizes_mm(pdf) == [mm]


def test_korean_and_english_names_are_in_the_pdf_text():
    pdf = badge_pdf(face(name="Jürgen Müller", name_ko="뮐러 위르겐"), BadgeStyle())
    text = page_texts(pdf)[0]
    assert "Jürgen Müller" in text
    assert "뮐러 위르겐" in text
    assert "서울 임상시험센터 Seoul CRO" in text
    assert "SPEAKER" in text


def test_hidden_fields_are_left_out():
    style = BadgeStyle(show_name_ko=False, show_organisation=False, show_ticket=False)
    text = page_texts(badge_pdf(face(), style))[0]
    assert "김민지0" not in text
    assert "Seoul CRO" not in text
    assert "Early bird" not in text
    assert "Minji Kim 0" in text


def test_a_long_name_is_shrunk_or_cut_to_fit_and_stays_readable():
    long = "Alexandria Konstantinopoulou-Papadimitriou-Vasilakopoulou"
    text = page_texts(badge_pdf(face(name=long), BadgeStyle(size="cr80")))[0]
    assert text.split("\n")[1].startswith("Alexandria Konstantin")


@pytest.mark.parametrize(("size", "per_sheet"), [("a6", 2), ("4x3in", 4), ("cr80", 9)])
def test_a4_sheet_holds_as_many_badges_as_fit_with_margins(size, per_sheet):
    grid = sheet_grid(size)
    assert len(grid.slots) == per_sheet
    assert round(min(grid.page)) == 595  # A4's short side, in points


def test_batch_on_a4_sheets_has_every_qr_code_in_reading_order():
    faces = [face(i) for i in range(11)]
    pdf = batch_pdf(faces, BadgeStyle(size="cr80"), layout="a4")
    assert page_sizes_mm(pdf) == [(297.0, 210.0), (297.0, 210.0)]
    decoded = qr_texts(pdf)
    assert decoded == [[f.token for f in faces[:9]], [f.token for f in faces[9:]]]


def test_batch_one_per_page_for_badge_printers():
    faces = [face(i) for i in range(3)]
    pdf = batch_pdf(faces, BadgeStyle(size="4x3in"), layout="single")
    assert page_sizes_mm(pdf) == [(101.6, 76.2)] * 3
    assert qr_texts(pdf, dpi=200) == [[f.token] for f in faces]


def test_batch_reports_progress():
    seen = []
    batch_pdf([face(i) for i in range(5)], BadgeStyle(), progress=seen.append, every=2)
    assert seen == [2, 4, 5]


def test_a_logo_is_drawn(tmp_path):
    from PIL import Image

    path = tmp_path / "logo.png"
    Image.new("RGB", (200, 80), "#d1242f").save(path)
    with_logo = badge_pdf(face(), BadgeStyle(logo=path.read_bytes(), event_name="KIC"))
    without = badge_pdf(face(), BadgeStyle(event_name="KIC"))
    assert b"/Subtype /Image" in with_logo
    assert b"/Subtype /Image" not in without
