"""End-to-end redaction of real PDFs made by different tools (PyMuPDF, LibreOffice, scans).

After ``redact``, no redacted string may be found by pdftotext, PyMuPDF, a raw scan of every
object and decompressed stream, or OCR; neighbouring words survive; metadata is empty; the file
has exactly one %%EOF. Uses real pdftotext and real Tesseract.
"""

from __future__ import annotations

import csv
import json
import re
import subprocess
from pathlib import Path

import pymupdf
import pytest

from redactor.errors import ExitCode
from redactor.extract import ocr
from redactor.redact.release import Releaser, redact
from tests.fixtures.pdf import build

FIXTURES = Path(__file__).parent / "fixtures" / "pdf"

SECRET_WORDS = ["Maria", "Elena", "Diaz", "Robert", "Chen", "Kevin", "Miller", "04/12/1985", "867-5309", "09/30/1979"]


@pytest.fixture(scope="module")
def fixtures(tmp_path_factory):
    return build.build_all(tmp_path_factory.mktemp("fixtures"))


@pytest.fixture
def releaser(engine):
    return Releaser(engine=engine)


def pdftotext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def pymupdf_text(path: Path) -> str:
    with pymupdf.open(path) as doc:
        return "\n".join(page.get_text() for page in doc)


def raw_bytes(path: Path) -> bytes:
    """The file plus every object and decompressed stream (independent of the verifier's scan)."""
    parts = [path.read_bytes()]
    with pymupdf.open(path) as doc:
        for xref in range(1, doc.xref_length()):
            parts.append(doc.xref_object(xref).encode("latin-1", "replace"))
            if doc.xref_is_stream(xref):
                parts.append(doc.xref_stream(xref) or b"")
    return b"\n".join(parts)


def ocr_text(path: Path) -> str:
    with pymupdf.open(path) as doc:
        return "\n".join(" ".join(w.text for w in words) for _, words in ocr.ocr_pages(doc, range(doc.page_count)))


def word_re(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)


def assert_released(out: Path, words=SECRET_WORDS, use_ocr: bool = False) -> None:
    texts = {"pdftotext": pdftotext(out), "pymupdf": pymupdf_text(out)}
    if use_ocr:
        texts["ocr"] = ocr_text(out)
    for name, text in texts.items():
        for word in words:
            assert not word_re(word).search(text), f"{name} still finds a redacted word"
    raw = raw_bytes(out)
    for word in words:
        for encoded in (word.encode("latin-1"), word.encode("utf-16-be")):
            assert not re.search(rb"(?<![A-Za-z])" + re.escape(encoded) + rb"(?![a-z])", raw, re.IGNORECASE), (
                "raw stream scan still finds a redacted word"
            )
    data = out.read_bytes()
    assert data.count(b"%%EOF") == 1
    with pymupdf.open(out) as doc:
        assert not any(v for k, v in doc.metadata.items() if k not in ("format", "encryption"))
        assert not doc.get_xml_metadata()
        assert doc.get_toc() == []
        assert doc.embfile_count() == 0
        for page in doc:
            assert page.first_annot is None and page.first_widget is None and not page.get_links()


def run(releaser, src: Path, out: Path, **kw):
    outcomes = redact(releaser, src, out, **kw)
    for o in outcomes:
        assert o.exit_code == ExitCode.OK, (o.error, o.problems)
    return outcomes


@pytest.mark.parametrize("name", ["pymupdf_report.pdf", "libreoffice_docx.pdf", "libreoffice_odt.pdf"])
def test_text_pdfs_from_different_tools(releaser, fixtures, tmp_path, name):
    src = fixtures["text"] if name == "pymupdf_report.pdf" else FIXTURES / name
    out = tmp_path / "out.pdf"
    run(releaser, src, out)
    assert_released(out)
    text = pdftotext(out)
    # neighbours and released-by-default values survive
    for kept in ("Diazepam", "Daniel Ruiz", "2024-001234", "parking lot", "struck her"):
        assert kept in " ".join(text.split()), kept
    assert "(b)(7)(D)" in text and "(b)(6)" in text  # exemption labels on the boxes
    assert out.read_bytes() != src.read_bytes() and src.exists()


def test_log_has_boxes_hashes_and_no_values(releaser, fixtures, tmp_path):
    out = tmp_path / "report.pdf"
    run(releaser, fixtures["text"], out)
    rows = list(csv.DictReader((tmp_path / "report.redactions.csv").open()))
    log = json.loads((tmp_path / "report.redactions.json").read_text())
    assert rows and {"page", "x0", "y0", "x1", "y1", "exemption", "type", "role", "reason", "recognizer"} <= set(
        rows[0]
    )
    assert {r["exemption"] for r in rows} >= {"(b)(6), (b)(7)(C)", "(b)(7)(D)"}
    witness = [r for r in rows if r["role"] == "witness"]
    assert witness and all(r["exemption"] == "(b)(7)(D)" for r in witness)
    assert {r["page"] for r in rows} == {"1", "2"}  # "Diaz" and "Miller" redacted on page 2 too
    assert len(log["input"]["sha256"]) == 64 and len(log["output"]["sha256"]) == 64
    assert log["verification"]["passed"] is True
    blob = (tmp_path / "report.redactions.csv").read_text() + json.dumps(log)
    for word in SECRET_WORDS:
        assert not word_re(word).search(blob)


def test_scanned_page_is_ocrd_and_pixels_blanked(releaser, fixtures, tmp_path):
    out = tmp_path / "scan.pdf"
    outcome = run(releaser, fixtures["scanned"], out)[0]
    assert outcome.ocr_pages == 1 and outcome.boxes > 5
    assert_released(out, use_ocr=True)
    assert "Diazepam" in ocr_text(out)
    assert pdftotext(out).strip() == "" or "Diaz " not in pdftotext(out)  # no invisible OCR layer left


def test_rotated_pages(engine, fixtures, tmp_path):
    from redactor.redact.plan import Options

    releaser = Releaser(engine=engine, options=Options(labels=False))
    for key in ("rotated", "scanned_rotated"):
        out = tmp_path / f"{key}.pdf"
        run(releaser, fixtures[key], out)
        assert_released(out, use_ocr=key == "scanned_rotated")
        with pymupdf.open(out) as doc:
            page = doc[0]
            assert page.rotation == 90
            pix = page.get_pixmap(dpi=72)
            log = json.loads((tmp_path / f"{key}.redactions.json").read_text())
            # the drawn box and the removed area coincide: the middle of every box is painted black
            for row in log["boxes"]:
                if row["page"] != 1:
                    continue
                r = pymupdf.Rect(row["x0"], row["y0"], row["x1"], row["y1"]) * page.rotation_matrix
                inner = [
                    (x, y) for x in range(int(r.x0) + 2, int(r.x1) - 1) for y in range(int(r.y0) + 2, int(r.y1) - 1)
                ]
                dark = sum(max(pix.pixel(x, y)) < 60 for x, y in inner)
                assert inner and dark / len(inner) > 0.9
    assert "Diazepam" in " ".join(pdftotext(tmp_path / "rotated.pdf").split())


def test_sanitizes_forms_bookmarks_attachments_metadata(releaser, fixtures, tmp_path):
    src = fixtures["extras"]
    with pymupdf.open(src) as doc:  # the fixture really carries the witness name everywhere
        assert "Chen" in doc.metadata["title"] and doc.get_toc() and doc.embfile_count() == 1
        assert next(doc[0].widgets()).field_value == "Robert Chen"
    out = tmp_path / "extras.pdf"
    run(releaser, src, out)
    assert_released(out)
    raw = raw_bytes(out)
    assert b"JavaScript" not in raw and b"statement.txt" not in raw and b"example.org" not in raw


def test_vector_graphics_under_a_box_are_removed(releaser, fixtures, tmp_path):
    src = fixtures["graphics"]
    with pymupdf.open(src) as doc:
        before = len(doc[0].get_drawings())
    out = tmp_path / "g.pdf"
    run(releaser, src, out)
    with pymupdf.open(out) as doc:
        drawings = doc[0].get_drawings()
    fills = [d for d in drawings if d.get("fill") and abs(d["fill"][2] - 0.8) < 0.01]
    assert not fills  # the blue mark under the witness name is gone
    lines = [d for d in drawings if any(item[0] == "l" for item in d["items"])]
    assert lines and before >= 2  # the ruled line elsewhere survives


def test_neighbouring_lines_survive(releaser, tmp_path):
    """Tight leading: the lines above and below a redacted name keep every character."""
    doc = pymupdf.open()
    page = doc.new_page()
    build.write_lines(
        page,
        ["jjjgggyyy pppqqq above line", "WITNESS: Robert Chen    DOB: 09/30/1979", "jjjgggyyy pppqqq below line"],
        leading=11,
    )
    src = tmp_path / "tight.pdf"
    doc.save(src)
    out = tmp_path / "tight_out.pdf"
    run(releaser, src, out)
    text = pymupdf_text(out)
    assert text.count("jjjgggyyy pppqqq") == 2 and "above line" in text and "below line" in text
    assert "WITNESS:" in text and "Chen" not in text


def test_consistent_across_a_release_set(releaser, tmp_path):
    src = tmp_path / "set"
    src.mkdir()
    build.text_report(src / "a_report.pdf")
    doc = pymupdf.open()
    build.write_lines(doc.new_page(), ["Property receipt", "Items returned to Chen at the front desk."])
    doc.save(src / "b_receipt.pdf")
    plain = tmp_path / "plain"
    run(releaser, src, plain)
    assert "chen" in pdftotext(plain / "b_receipt.pdf").lower()  # not found in b on its own
    consistent = tmp_path / "consistent"
    run(releaser, src, consistent, consistent=True)
    assert "chen" not in pdftotext(consistent / "b_receipt.pdf").lower()
    assert "front desk" in pdftotext(consistent / "b_receipt.pdf")


def test_directory_mode_bad_inputs_and_no_overwrite(releaser, fixtures, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for key in ("text", "encrypted", "corrupt"):
        (src / fixtures[key].name).write_bytes(fixtures[key].read_bytes())
    out = tmp_path / "out"
    outcomes = redact(releaser, src, out)
    by_name = {Path(o.input).name: o for o in outcomes}
    assert by_name["pymupdf_report.pdf"].exit_code == ExitCode.OK
    assert "encrypted" in by_name["encrypted.pdf"].error
    assert "not a readable PDF" in by_name["corrupt.pdf"].error or "damaged" in by_name["corrupt.pdf"].error
    assert (out / "pymupdf_report.pdf").exists() and (out / "pymupdf_report.redactions.csv").exists()
    from redactor.errors import InputError

    with pytest.raises(InputError):
        redact(releaser, src / "pymupdf_report.pdf", src / "pymupdf_report.pdf")
    with pytest.raises(InputError):
        redact(releaser, src, src / "sub")


def test_cli_redact_exit_codes(fixtures, tmp_path):
    exe = Path(__file__).resolve().parents[1] / ".venv" / "bin" / "redactor"
    cmd = str(exe) if exe.exists() else "redactor"
    ok = subprocess.run(
        [cmd, "redact", str(fixtures["text"]), "-o", str(tmp_path / "o.pdf"), "--bates-prefix", "PD-"],
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stderr
    assert "PD-000001" in pdftotext(tmp_path / "o.pdf") and "PD-000002" in pdftotext(tmp_path / "o.pdf")
    bad = subprocess.run(
        [cmd, "redact", str(fixtures["encrypted"]), "-o", str(tmp_path / "e.pdf")], capture_output=True, text=True
    )
    assert bad.returncode == 2 and "encrypted" in bad.stderr
    for sub in ("redact", "plan", "apply"):
        helped = subprocess.run([cmd, sub, "--help"], capture_output=True, text=True)
        assert helped.returncode == 0 and "Examples:" in helped.stdout
