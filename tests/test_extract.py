"""Extractors: text and PDF into one Document model; bad input gives clear errors."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from redactor import extract
from redactor.errors import InputError


def make_pdf(path: Path, pages: list[str], password: str | None = None) -> Path:
    doc = pymupdf.open()
    for text in pages:
        page = doc.new_page()
        page.insert_text((72, 72), text, fontname="helv", fontsize=11)
    kwargs = {}
    if password:
        kwargs = {"encryption": pymupdf.PDF_ENCRYPT_AES_256, "user_pw": password, "owner_pw": password}
    doc.save(path, **kwargs)
    return path


def test_text_offsets_are_utf8_characters(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Señora Núñez: SSN 123-45-6789\n", encoding="utf-8")
    doc = extract.extract(path)
    assert doc.text[doc.text.index("123") :][:11] == "123-45-6789"
    assert len(doc.pages) == 1 and not doc.pages[0].boxes


def test_pdf_pages_and_boxes(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "a.pdf", ["Victim Amanda Diaz", "Witness Rose Young"])
    doc = extract.extract(path)
    assert len(doc.pages) == 2
    start = doc.text.index("Rose")
    assert doc.page_at(start).index == 1
    rects = list(doc.rects(start, start + 4))
    assert len(rects) == 1 and rects[0][0] == 1
    x0, y0, x1, y1 = rects[0][1]
    assert 60 < x0 < x1 < 300 and y0 < 72 < y1 + 2
    assert not any(p.ocr or p.ocr_digest for p in doc.pages)  # text pages: no OCR, no digest


def test_box_array_slices() -> None:
    from redactor.extract.pdf import BoxArray

    boxes = [(1.0, 2.0, 3.0, 4.0), None, (5.0, 6.0, 7.0, 8.0), None]
    array = BoxArray(boxes)
    for part in (slice(None), slice(1, 3), slice(3, 1), slice(-2, None), slice(0, 4, 2), slice(9, 12)):
        assert array[part] == tuple(boxes[part])


def test_encrypted_pdf(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "locked.pdf", ["secret"], password="pw")
    with pytest.raises(InputError, match="encrypted"):
        extract.extract(path)


def test_corrupt_pdf(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj <<>> endobj\ngarbage" * 3)
    with pytest.raises(InputError):
        extract.extract(path)


def test_unsupported_and_symlink(tmp_path: Path) -> None:
    other = tmp_path / "a.xyz"
    other.write_text("x")
    with pytest.raises(InputError, match="unsupported"):
        extract.extract(other)
    target = tmp_path / "t.txt"
    target.write_text("x")
    link = tmp_path / "l.txt"
    link.symlink_to(target)
    with pytest.raises(InputError, match="symbolic link"):
        extract.extract(link)


def test_binary_text_file(tmp_path: Path) -> None:
    path = tmp_path / "bin.txt"
    path.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(InputError, match="binary"):
        extract.extract(path)
