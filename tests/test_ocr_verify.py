"""Verification of formerly scanned pages: unchanged words reused, changed pixels re-read.

The verifier compares the input and output rasters of a scanned page; it must still catch a
redaction box in the wrong place or missing, read anything new in the output from the output's
own pixels, and fall back to a full OCR whenever the comparison is not exact. Uses real Tesseract.
"""

from __future__ import annotations

import dataclasses
import json
import random
from pathlib import Path

import numpy as np
import pymupdf
import pytest

from redactor.errors import ExitCode, ModelError
from redactor.extract import ocr
from redactor.extract.pdf import extract as extract_pdf
from redactor.redact import verify
from redactor.redact.plan import Options, Withheld
from redactor.redact.release import Releaser, output_pages
from tests.fixtures.pdf import build

FIXTURES = Path(__file__).parent / "fixtures" / "pdf"


def words_of(text: str) -> list[str]:
    return text.split()


# -- OCR building blocks ----------------------------------------------------------------------------


def test_batch_reads_each_image_like_a_single_run(scans):
    with pymupdf.open(scans["scanned"]) as doc:
        page = ocr.render(doc[0])
    top = page.height // 5  # the first few lines
    half = ocr.Raster(page.width, top, page.samples[: page.width * top])
    together = ocr.recognize_batch([page, half])
    alone = [ocr.recognize_batch([image])[0] for image in (page, half)]
    assert together == alone
    assert [w.text for w in together[0]][:2] == ["METRO", "CITY"]
    assert 0 < len(together[1]) < len(together[0])


def test_batch_fails_closed_when_an_image_is_not_read(monkeypatch):
    blank = ocr.Raster(40, 40, b"\xff" * 1600)
    assert ocr.recognize_batch([blank, blank]) == [[], []]  # blank images are read, no words
    real = ocr.run_tesseract
    monkeypatch.setattr(ocr, "run_tesseract", lambda *a: "\n".join(real(*a).splitlines()[:2]))  # page 2 lost
    with pytest.raises(ModelError, match="read 1 of 2"):
        ocr.recognize_batch([blank, blank])


def test_batch_sizes_keep_every_worker_busy(monkeypatch):
    monkeypatch.setattr(ocr, "workers", lambda: 2)
    assert [ocr.batches(n) for n in (1, 2, 3, 8, 9, 100)] == [1, 1, 2, 4, 3, 4]


def test_tiff_written_for_tesseract_holds_the_exact_pixels():
    rng = random.Random(3)
    raster = ocr.Raster(37, 11, bytes(rng.randrange(256) for _ in range(37 * 11)))  # odd width
    pix = pymupdf.Pixmap(raster.tiff_header() + raster.samples)
    assert (pix.width, pix.height, pix.n, pix.samples) == (37, 11, 1, raster.samples)


@pytest.mark.parametrize("key", ["scanned", "rotated"])
def test_page_words_inverts_page_chars(scans, key):
    with pymupdf.open(scans[key]) as doc:
        page = doc[0]
        words = next(iter(ocr.ocr_pages(doc, [0])))[1]
        text, boxes = ocr.page_chars(words, page)
        back = ocr.page_words(text, boxes, page)
        assert back is not None
        assert [(w.text, w.box) for w in back] == [(w.text, w.box) for w in words]
        assert ocr.page_chars(back, page)[0] == text == ocr.words_text(back)
        assert ocr.page_words(text, [None, *boxes[1:]], page) is None  # a character without a box


# -- which pixels are re-read -----------------------------------------------------------------------


def random_page(rng: random.Random) -> tuple[list[list[ocr.Word]], np.ndarray]:
    lines, y = [], 20
    for n in range(rng.randint(1, 8)):
        x, height, line = 10, rng.randint(8, 20), []
        for _ in range(rng.randint(1, 6)):
            width = rng.randint(5, 40)
            line.append(ocr.Word("w", (x, y, x + width, y + height), (0, 0, n), -1.0))
            x += width + rng.randint(3, 15)
        lines.append(line)
        y += height + rng.randint(-3, 10)  # lines may touch or overlap (skewed scans)
    diff = np.zeros((y + 30, 300), dtype=bool)
    for _ in range(rng.randint(0, 4)):
        top, left = rng.randrange(diff.shape[0]), rng.randrange(diff.shape[1])
        diff[top : top + rng.randint(1, 25), left : left + rng.randint(1, 60)] = True
    return lines, diff


def test_every_changed_pixel_is_reread_and_no_reused_word_is_touched():
    rng = random.Random(7)
    for _ in range(400):
        lines, diff = random_page(rng)
        height, width = diff.shape
        after = ocr.Raster(width, height, bytes(width * height))
        plan, image = verify.partial_plan(0, lines, diff, after)
        if plan.full:
            continue
        patched = np.zeros_like(diff)
        for p in plan.patches:
            patched[p.top : p.bottom, p.left : p.right] = True
        assert not (diff & ~patched).any()  # every changed pixel lies in a patch
        assert (image is None) == (not diff.any())
        for line in plan.lines:
            for word in line.reused:
                x0, y0, x1, y1 = word.box
                pad = verify.LINE_PAD
                area = (slice(max(0, y0 - pad), y1 + pad), slice(max(0, x0 - pad), x1 + pad))
                assert not diff[area].any()  # reused words are pixel-for-pixel unchanged
                assert not patched[area].any()  # and not read a second time


def test_output_pages_after_withheld_runs():
    withheld = {p: Withheld([2, 3, 4], "(b)(7)(A)") for p in (2, 3, 4)}
    withheld[7] = Withheld([7], "(b)(6)")
    placed = output_pages(8, withheld)
    assert [placed[p] for p in (0, 4, 5, 7)] == [0, 2, 3, 5]


# -- the reader on real pages -----------------------------------------------------------------------


def stamp_image(path: Path, out: Path, text: str, where: pymupdf.Rect) -> Path:
    """A copy of a scanned PDF with ``text`` added as pixels (an image, no text layer)."""
    label = pymupdf.open()
    page = label.new_page(width=where.width, height=where.height)
    page.insert_text((2, where.height - 4), text, fontname="helv", fontsize=12)
    png = page.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY).tobytes("png")
    with pymupdf.open(path) as doc:
        doc[0].insert_image(where, stream=png)
        doc.save(out)
    return out


def test_new_pixels_are_read_from_the_output_and_old_lines_reused(scans, tmp_path):
    src = scans["scanned"]
    document = extract_pdf(src)
    out = stamp_image(src, tmp_path / "stamped.pdf", "Robert Chen", pymupdf.Rect(300, 700, 420, 720))
    reader = verify.ScanReader(verify.Origin(src, document, {0: 0}))
    output = extract_pdf(out, force_ocr={0}, reader=reader)
    assert reader.stats["partial"] == 1 and reader.stats["full"] == 0
    assert reader.stats["pixels_read"] < 0.05 * reader.stats["pixels"]
    assert "Robert Chen" in output.text.split("\n\n")[-1]  # the new words, last on the page
    assert output.text.count("Robert Chen") == document.text.count("Robert Chen") + 1
    assert words_of(output.text.replace("Robert Chen\n", "", 1)) == words_of(document.text)


def test_unchanged_page_needs_no_ocr(scans, monkeypatch):
    src = scans["rotated"]
    document = extract_pdf(src)
    reader = verify.ScanReader(verify.Origin(src, document, {0: 0}))
    monkeypatch.setattr(ocr, "run_tesseract", lambda *a: pytest.fail("no OCR expected"))
    output = extract_pdf(src, force_ocr={0}, reader=reader)
    assert reader.stats["unchanged"] == 1 and output.text == document.text


def test_falls_back_to_full_ocr_when_not_comparable(scans, tmp_path):
    src = scans["scanned"]
    document = extract_pdf(src)
    other = extract_pdf(scans["rotated"])
    bigger = tmp_path / "bigger.pdf"
    with pymupdf.open(src) as doc:
        doc[0].set_mediabox(pymupdf.Rect(0, 0, 700, 900))
        doc.save(bigger)
    assert document.pages[0].ocr_digest and document.pages[0].ocr_digest != other.pages[0].ocr_digest
    for origin, target in [
        (None, src),
        (verify.Origin(src, other, {0: 0}), src),  # OCR text read from other pixels
        (verify.Origin(src, document, {0: 0}), bigger),  # another page size
        (verify.Origin(src, document, {}), src),  # no known origin for the page
        (verify.Origin(tmp_path / "missing.pdf", document, {0: 0}), src),
    ]:
        reader = verify.ScanReader(origin)
        output = extract_pdf(target, force_ocr={0}, reader=reader)
        assert reader.stats["full"] == 1 and reader.stats["partial"] == 0
        assert "Diazepam" in output.text


# -- end to end: a box in the wrong place must fail verification ------------------------------------


def misplaced(releaser: Releaser, src: Path, tmp_path: Path, move) -> tuple:
    plan, errors, documents = releaser.plan(src)
    assert not errors
    doc_plan = plan.documents[0]
    doc_plan.redactions = [e for e in (move(e) for e in doc_plan.redactions) if e is not None]
    outcome = releaser.apply_document(plan.options, doc_plan, src, tmp_path / "out.pdf", documents[doc_plan.file])
    return outcome


def shifted(dx: float, dy: float):
    def move(entry):
        if entry.accepted and entry.type == "PERSON":
            boxes = [[x0 + dx, y0 + dy, x1 + dx, y1 + dy] for x0, y0, x1, y1 in entry.boxes]
            return dataclasses.replace(entry, boxes=boxes)
        return entry

    return move


def missing(entry):
    """The plan still redacts the names, but their boxes end up in an empty corner."""
    if entry.accepted and entry.type == "PERSON":
        return dataclasses.replace(entry, boxes=[[20.0, 770.0, 24.0, 774.0]])
    return entry


@pytest.mark.parametrize("key", ["scanned", "rotated"])
def test_correct_boxes_pass_with_partial_reading(engine, scans, tmp_path, key):
    releaser = Releaser(engine=engine, options=Options(bates_prefix="PD-"))
    outcome = misplaced(releaser, scans[key], tmp_path, lambda e: e)
    assert outcome.exit_code == ExitCode.OK, outcome.problems
    checks = json.loads((tmp_path / "out.redactions.json").read_text())["verification"]
    assert checks["ocr_pages_partial"] == 1 and checks["ocr_pages_full"] == 0
    assert 0 < checks["ocr_area_reread"] < 0.2


@pytest.mark.parametrize(
    "move",
    [shifted(0, 18), shifted(0, -9), shifted(120, 0), missing],
    ids=["one-line-down", "half-line-up", "beside", "missing"],
)
def test_misplaced_or_missing_box_fails_verification(engine, scans, tmp_path, move):
    outcome = misplaced(Releaser(engine=engine), scans["scanned"], tmp_path, move)
    assert outcome.exit_code == ExitCode.VERIFY_FAILED
    assert any("pymupdf+ocr" in p or "re-detection" in p for p in outcome.problems)
    assert outcome.output and ".failed" in outcome.output


def test_scanned_page_after_a_withheld_run_is_verified_on_its_output_page(engine, scans, tmp_path):
    src = tmp_path / "mixed.pdf"
    with pymupdf.open() as doc:
        build.write_lines(doc.new_page(), ["Supplement one", "Nothing to see."])
        build.write_lines(doc.new_page(), ["Supplement two", "Nothing to see either."])
        with pymupdf.open(scans["scanned"]) as scan:
            doc.insert_pdf(scan)
        doc.save(src)
    releaser = Releaser(engine=engine)
    plan, errors, documents = releaser.plan(src)
    doc_plan = plan.documents[0]
    assert not errors and doc_plan.ocr_pages == [3]
    doc_plan.withheld = [Withheld([1, 2], "(b)(7)(A)")]
    out = tmp_path / "out" / "mixed.pdf"
    outcome = releaser.apply_document(plan.options, doc_plan, src, out, documents[doc_plan.file])
    assert outcome.exit_code == ExitCode.OK, outcome.problems
    with pymupdf.open(out) as doc:
        assert doc.page_count == 2  # one placeholder for pages 1-2, then the scanned page
    checks = json.loads((out.parent / "mixed.redactions.json").read_text())["verification"]
    assert checks["ocr_pages"] == 1 and checks["ocr_pages_partial"] == 1
