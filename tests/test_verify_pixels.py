"""Verification reads the image pixels under every drawn box: they must be blank.

OCR of the rendered page sees the opaque box, not the pixels under it; without pixel blanking the
image XObject still holds every redacted value. Real PDFs, real redaction, real Tesseract.
"""

from __future__ import annotations

import json
from pathlib import Path

import pymupdf
import pytest

from redactor.errors import ExitCode
from redactor.extract import ocr
from redactor.redact import pixels
from redactor.redact.pdf import Box, write_redacted
from redactor.redact.plan import Options
from redactor.redact.release import FAILED_DIR, Releaser, exit_code, redact


@pytest.fixture
def unblanked(monkeypatch):
    """Redaction that removes text but leaves image pixels under the boxes (the bug to catch)."""
    monkeypatch.setattr(pymupdf, "PDF_REDACT_IMAGE_PIXELS", pymupdf.PDF_REDACT_IMAGE_NONE)


def verification(out: Path) -> dict:
    return json.loads(out.with_suffix(".redactions.json").read_text())["verification"]


# -- end to end -------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["scanned", "rotated"])
def test_redacted_scan_passes_the_pixel_check(engine, scans, tmp_path, key):
    out = tmp_path / "out.pdf"
    outcomes = redact(Releaser(engine=engine), scans[key], out)
    assert exit_code(outcomes) == ExitCode.OK, outcomes[0].problems
    checks = verification(out)
    assert checks["image_boxes_checked"] >= outcomes[0].boxes > 5
    assert checks["image_pixel_problems"] == 0


@pytest.mark.parametrize("key", ["scanned", "rotated"])
def test_unblanked_pixels_fail_closed(engine, scans, tmp_path, unblanked, key):
    out = tmp_path / "out" / "report.pdf"
    outcomes = redact(Releaser(engine=engine), scans[key], out)
    assert exit_code(outcomes) == ExitCode.VERIFY_FAILED
    assert not out.exists() and not out.with_suffix(".redactions.json").exists()  # nothing released
    kept_aside = out.parent / FAILED_DIR / "report.pdf"
    assert outcomes[0].output == str(kept_aside) and kept_aside.exists()
    problems = outcomes[0].problems
    assert problems and all(p.startswith("image pixels: page 1: image 1 is not blank") for p in problems)
    report = json.loads((out.parent / FAILED_DIR / "report.verification.json").read_text())
    assert report["problems"] == problems
    if key == "scanned":  # the image itself still says what the boxes hide
        with pymupdf.open(kept_aside) as doc:
            pix = pymupdf.Pixmap(doc, doc[0].get_images()[0][0])
        assert pix.n == 1
        words = {w.text for w in ocr.recognize_batch([ocr.Raster(pix.width, pix.height, pix.samples)])[0]}
        assert {"Chen", "Miller"} <= words


def test_text_only_pdf_is_unaffected(engine, scans, tmp_path):
    out = tmp_path / "text.pdf"
    outcomes = redact(Releaser(engine=engine), scans["text"], out)
    assert exit_code(outcomes) == ExitCode.OK, outcomes[0].problems
    assert verification(out)["image_boxes_checked"] == 0
    with pymupdf.open(out) as doc:
        assert pixels.check(doc) == ([], 0)


# -- the check on hand-made pages -------------------------------------------------------------------


def label_png(text: str, alpha: bool) -> bytes:
    """``text`` as an image; with ``alpha`` the letters are only in the transparency (an SMask)."""
    doc = pymupdf.open()
    page = doc.new_page(width=200, height=30)
    page.insert_text((5, 20), text, fontsize=14)
    return page.get_pixmap(dpi=150, alpha=alpha).tobytes("png")


def redacted(tmp_path: Path, src: Path, rects: list[pymupdf.Rect]) -> tuple[list[str], int]:
    out = tmp_path / f"{src.stem}.out.pdf"
    write_redacted(src, out, [Box(0, tuple(r), "(b)(6)", True) for r in rects], {}, Options())  # type: ignore[arg-type]
    with pymupdf.open(out) as doc:
        return pixels.check(doc)


def stamped(tmp_path: Path, alpha: bool = False, jpeg: bool = False) -> Path:
    doc = pymupdf.open()
    page = doc.new_page()
    png = label_png("Robert Chen", alpha)
    stream = pymupdf.Pixmap(png).tobytes("jpeg") if jpeg else png
    page.insert_image(pymupdf.Rect(300, 700, 500, 730), stream=stream)
    path = tmp_path / f"stamp{int(alpha)}{int(jpeg)}.pdf"
    doc.save(path)
    return path


NAME = pymupdf.Rect(305, 702, 420, 728)


@pytest.mark.parametrize("alpha", [False, True], ids=["opaque", "smask"])
def test_image_and_its_soft_mask_are_checked(tmp_path, alpha):
    src = stamped(tmp_path, alpha=alpha)
    assert redacted(tmp_path, src, [NAME])[0] == []


def test_letters_left_in_a_soft_mask_are_found(tmp_path, monkeypatch):
    src = stamped(tmp_path, alpha=True)
    monkeypatch.setattr(pymupdf, "PDF_REDACT_IMAGE_PIXELS", pymupdf.PDF_REDACT_IMAGE_NONE)
    problems, checked = redacted(tmp_path, src, [NAME])
    assert checked == 2  # the image (one colour: the letters are in the mask) and its SMask
    assert problems == ["image pixels: page 1: SMask 1 is not blank under the filled box at (304, 700, 422, 730)"]


def test_a_jpeg_under_a_box_is_rewritten_lossless(tmp_path):
    """Why there is no allowance for JPEG noise: the redacted image is written Flate-encoded."""
    src = stamped(tmp_path, jpeg=True)
    assert redacted(tmp_path, src, [NAME])[0] == []
    with pymupdf.open(tmp_path / f"{src.stem}.out.pdf") as doc:
        assert doc.xref_get_key(doc[0].get_images()[0][0], "Filter")[1] == "/FlateDecode"


def inline_image_pdf(path: Path) -> Path:
    """A 16x16 gray ramp as an inline image (BI ... ID ... EI), 200 x 100 pt."""
    doc = pymupdf.open()
    page = doc.new_page()
    data = bytes(range(0, 256, 4)) * 4
    xref = doc.get_new_xref()
    doc.update_object(xref, "<<>>")
    doc.update_stream(xref, b"q 200 0 0 100 72 600 cm BI /W 16 /H 16 /CS /G /BPC 8 ID " + data + b" EI Q")
    doc.xref_set_key(page.xref, "Contents", f"{xref} 0 R")
    doc.save(path)
    return path


def test_inline_images_are_read_from_the_page(tmp_path, monkeypatch):
    src = inline_image_pdf(tmp_path / "inline.pdf")
    with pymupdf.open(src) as doc:
        assert doc[0].get_image_info(xrefs=True)[0]["xref"] == 0
    rect = pymupdf.Rect(100, 190, 150, 220)
    assert redacted(tmp_path, src, [rect]) == ([], 1)
    monkeypatch.setattr(pymupdf, "PDF_REDACT_IMAGE_PIXELS", pymupdf.PDF_REDACT_IMAGE_NONE)
    assert len(redacted(tmp_path, src, [rect])[0]) == 1


def test_fills_behind_or_see_through_do_not_count_and_unreadable_masks_fail(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page()
    page.draw_rect(page.rect, color=None, fill=(1, 1, 1))  # a page background, under the image
    page.insert_image(pymupdf.Rect(300, 700, 500, 730), stream=label_png("Robert Chen", False))
    page.draw_rect(NAME, color=None, fill=(1, 1, 0), fill_opacity=0.3)  # a highlight
    assert pixels.check_page(page) == ([], 0)
    page.draw_rect(NAME, color=None, fill=(0, 0, 0))
    assert len(pixels.check_page(page)[0]) == 1
    path = tmp_path / "odd_mask.pdf"
    doc.save(path)
    with pymupdf.open(path) as doc:
        doc.xref_set_key(doc[0].get_images()[0][0], "Mask", "/Odd")
        problems = pixels.check_page(doc[0])[0]
        assert problems[-1] == "image pixels: page 1: image 1 under a filled box could not be read (ValueError)"


@pytest.mark.parametrize("rotate", [0, 90, 180, 270])
def test_page_rectangles_map_to_the_pixels_under_them(rotate):
    """A 10 x 20 pixel image placed at (100, 200, 300, 300), turned by ``rotate``: the pixels
    under a page rectangle are exactly the ones whose centres it holds (one pixel in)."""
    doc = pymupdf.open()
    page = doc.new_page()
    where = pymupdf.Rect(100, 200, 300, 300)
    pix = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 10, 20), False)
    page.insert_image(where, pixmap=pix, rotate=rotate, keep_proportion=False)
    info = page.get_image_info()[0]
    transform = pymupdf.Matrix(info["transform"])
    to_page = pymupdf.Matrix(1 / 10, 0, 0, 1 / 20, 0, 0) * transform
    assert pymupdf.Rect(0, 0, 10, 20) * to_page == where
    rect = pymupdf.Rect(112, 212, 186, 262)  # no pixel centre on an edge
    found = pixels.under((20, 10), transform, rect, 0.0)
    assert found is not None
    inside = {
        (y, x)
        for y in range(20)
        for x in range(10)
        if pymupdf.Point(x + 0.5, y + 0.5) * to_page in rect  # pixel centre on the page
    }
    assert set(zip(found[0].tolist(), found[1].tolist())) == inside and inside
    inner = pixels.under((20, 10), transform, rect, 1.0)
    assert inner is not None and 0 < len(inner[0]) < len(inside)
