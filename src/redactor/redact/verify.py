"""Independent verification of a released PDF (fail closed).

The output file is reopened and checked, without trusting anything the writer did:

- structure: exactly one %%EOF, not encrypted, no Info/XMP metadata, outline, annotations, form
  fields, links, embedded files or JavaScript/actions anywhere in the object graph;
- text by pdftotext (poppler, a second extractor) and by PyMuPDF, plus Tesseract OCR of every
  formerly scanned page: no redacted value may occur more often than it legitimately remains
  (occurrences an officer chose to keep);
- raw scan of every object and every decompressed non-image, non-font stream, including strings
  in content streams: no redacted value at all (unless it legitimately remains in the text);
- a re-run of detection on the output: no finding the exemption mapping says must be redacted,
  unless its value was deliberately kept.

Problems are described by page, type and masked value only; raw values never leave memory.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pymupdf
import regex

from redactor.errors import ModelError
from redactor.extract.pdf import extract as extract_pdf
from redactor.model import Document, mask
from redactor.redact.exemptions import Exemptions
from redactor.redact.plan import term_pattern

MIN_VALUE_CHARS = 3
FORBIDDEN_KEYS = regex.compile(
    rb"/(JavaScript|JS|OpenAction|AA|AcroForm|EmbeddedFiles?|Outlines|Metadata|Launch|URI|RichMedia|"
    rb"StructTreeRoot|PieceInfo|Thumb)(?![A-Za-z0-9])(?!\s*null\b)"
)
SKIP_STREAM = regex.compile(rb"/Subtype\s*/(Image|Type1C|CIDFontType0C|OpenType)\b|/Length[123]\b")
STRING_TOKEN = regex.compile(rb"\((?:\\.|[^\\()]|\((?:\\.|[^\\()])*\))*\)|<[0-9A-Fa-f\s]*>(?!>)")
TJ_ARRAY = regex.compile(rb"\[([^\]]*)\]\s*TJ")


@dataclass(frozen=True)
class Value:
    """A redacted value to look for. ``text`` is raw: never print it."""

    text: str
    type: str
    allowed: int  # occurrences that legitimately remain (kept by the officer)

    def masked(self) -> str:
        return mask(self.type, self.text)


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    checks: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def count(value: str, text: str, lowered: str | None = None) -> int:
    first = normal(value).split(" ")[0]
    if first and first not in (lowered if lowered is not None else text.lower()):
        return 0
    return sum(1 for _ in term_pattern(value).finditer(text))


# -- expectations from the input --------------------------------------------------------------------


def covered_offsets(
    document: Document,
    page_boxes: dict[int, list[tuple[tuple[float, float, float, float], tuple[int, int] | None]]],
    withheld: Iterable[int],
) -> bytearray:
    """1 for every character of the input that lies under an accepted box (or a withheld page)."""
    covered = bytearray(len(document.text))
    for index in withheld:
        page = document.pages[index]
        covered[page.start : page.end] = b"\x01" * (page.end - page.start)
    for index, items in page_boxes.items():
        page = document.pages[index]
        if not page.boxes:
            continue
        for rect, span in items:
            x0, y0, x1, y1 = rect[0] - 0.5, rect[1] - 0.5, rect[2] + 0.5, rect[3] + 0.5
            lo, hi = (max(span[0], page.start), min(span[1], page.end)) if span else (page.start, page.end)
            for offset in range(lo, hi):
                box = page.boxes[offset - page.start]
                if box is None:
                    continue
                cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
                if x0 <= cx <= x1 and y0 <= cy <= y1:
                    covered[offset] = 1
    return covered


def runs(document: Document, covered: bytearray, lo: int, hi: int) -> list[str]:
    """Texts of the covered stretches within [lo, hi) (gaps of whitespace are bridged)."""
    out: list[str] = []
    current: list[str] = []
    for offset in range(lo, hi):
        ch = document.text[offset]
        if covered[offset]:
            current.append(ch)
        elif ch.isspace() and current:
            current.append(" ")
        elif current:
            out.append("".join(current).strip())
            current = []
    if current:
        out.append("".join(current).strip())
    return [r for r in out if r]


def expected_values(
    document: Document, covered: bytearray, spans: Iterable[tuple[str, int, int]], extra: Iterable[tuple[str, str]] = ()
) -> list[Value]:
    """Each redacted value once, with the number of its occurrences the release keeps."""
    wanted: dict[str, tuple[str, str]] = {}
    for entity_type, start, end in spans:
        for text in [document.text[start:end].strip(), *runs(document, covered, start, end)]:
            if sum(ch.isalnum() for ch in text) >= MIN_VALUE_CHARS:
                wanted.setdefault(normal(text), (text, entity_type))
    for text, entity_type in extra:
        if sum(ch.isalnum() for ch in text) >= MIN_VALUE_CHARS:
            wanted.setdefault(normal(text), (text, entity_type))
    lowered = document.text.lower()
    values = []
    for text, entity_type in wanted.values():
        allowed = 0
        if normal(text).split(" ")[0] in lowered:
            for m in term_pattern(text).finditer(document.text):
                if not all(covered[i] for i in range(m.start(), m.end()) if document.text[i].isalnum()):
                    allowed += 1
        values.append(Value(text, entity_type, allowed))
    return values


# -- checks on the output ---------------------------------------------------------------------------


def pdftotext(path: Path) -> str:
    binary = shutil.which("pdftotext")
    if binary is None:
        raise ModelError("pdftotext is not installed (needed to verify redactions)", "run 'make install'")
    proc = subprocess.run(
        [binary, "-enc", "UTF-8", "-q", str(path), "-"], capture_output=True, timeout=600, check=False
    )
    if proc.returncode != 0:
        raise ModelError(f"pdftotext failed on the output (exit {proc.returncode})")
    return proc.stdout.decode("utf-8", "replace")


def check_structure(path: Path, doc: pymupdf.Document, report: Report) -> None:
    data = path.read_bytes()
    eofs = data.count(b"%%EOF")
    report.checks["eof_markers"] = eofs
    if eofs != 1:
        report.problems.append(f"structure: {eofs} %%EOF markers (expected exactly one full revision)")
    if doc.is_encrypted or doc.needs_pass:
        report.problems.append("structure: output is encrypted")
    if any(v for k, v in (doc.metadata or {}).items() if k not in ("format", "encryption")):
        report.problems.append("structure: Info metadata is not empty")
    if doc.get_xml_metadata():
        report.problems.append("structure: XMP metadata is present")
    if doc.get_toc():
        report.problems.append("structure: bookmarks (outline) are present")
    if doc.embfile_count():
        report.problems.append("structure: embedded files are present")
    for page in doc:
        if page.first_annot is not None or page.first_widget is not None:
            report.problems.append(f"page {page.number + 1}: annotations or form fields are present")
        if page.get_links():
            report.problems.append(f"page {page.number + 1}: links are present")
    for xref in range(1, doc.xref_length()):
        try:
            source = doc.xref_object(xref, compressed=True).encode("latin-1", "replace")
        except Exception:
            continue
        m = FORBIDDEN_KEYS.search(source)
        if m:
            report.problems.append(f"structure: object {xref} has /{m.group(1).decode()} (should have been removed)")


def decode_pdf_string(token: bytes) -> str:
    if token.startswith(b"<"):
        hexdigits = regex.sub(rb"\s", b"", token[1:-1])
        if len(hexdigits) % 2:
            hexdigits += b"0"
        raw = bytes.fromhex(hexdigits.decode("ascii"))
    else:
        raw = _unescape(token[1:-1])
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be", "replace")
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", "replace")
    return raw.decode("latin-1")


def _unescape(body: bytes) -> bytes:
    out = bytearray()
    i = 0
    escapes = {ord("n"): 10, ord("r"): 13, ord("t"): 9, ord("b"): 8, ord("f"): 12}
    while i < len(body):
        c = body[i]
        if c == 0x5C and i + 1 < len(body):  # backslash
            n = body[i + 1]
            if n in escapes:
                out.append(escapes[n])
                i += 2
            elif 0x30 <= n <= 0x37:
                j = i + 1
                while j < len(body) and j < i + 4 and 0x30 <= body[j] <= 0x37:
                    j += 1
                out.append(int(body[i + 1 : j], 8) & 0xFF)
                i = j
            elif n in (0x0A, 0x0D):
                i += 2
            else:
                out.append(n)
                i += 2
        else:
            out.append(c)
            i += 1
    return bytes(out)


def raw_strings(doc: pymupdf.Document) -> str:
    """Every string in every object and decompressed non-image stream, decoded, as one text.

    Adjacent pieces of a TJ array are joined, so a word split by kerning is still found.
    """
    parts: list[str] = []
    for xref in range(1, doc.xref_length()):
        try:
            source = doc.xref_object(xref, compressed=True).encode("latin-1", "replace")
        except Exception:
            continue
        parts.extend(decode_pdf_string(t) for t in STRING_TOKEN.findall(source))
        if not doc.xref_is_stream(xref) or SKIP_STREAM.search(source):
            continue
        try:
            stream = doc.xref_stream(xref) or b""
        except Exception:
            continue
        for arr in TJ_ARRAY.findall(stream):
            parts.append("".join(decode_pdf_string(t) for t in STRING_TOKEN.findall(arr)))
        parts.extend(decode_pdf_string(t) for t in STRING_TOKEN.findall(stream))
        parts.append(stream.decode("latin-1"))
    return "\n".join(parts)


def check_values(name: str, text: str, values: Sequence[Value], report: Report, strict: bool = False) -> None:
    """``strict``: any occurrence is a problem unless the value legitimately remains in the text."""
    text = unicodedata.normalize("NFKC", text)
    lowered = text.lower()
    found = 0
    for value in values:
        n = count(value.text, text, lowered)
        limit = (0 if value.allowed == 0 else n) if strict else value.allowed
        if n > limit:
            found += 1
            report.problems.append(
                f"{name}: a redacted {value.type} value ({value.masked()}) is still present "
                f"({n} found, {value.allowed} kept on purpose)"
            )
    report.checks[f"{name}_values_left"] = found


# Types whose detection depends on nearby words: removing a redacted value can make the detector
# see a different, harmless span as one (a plain date next to "date of birth" once the real date
# is gone). Such a span that was in the input and not flagged there is a warning, not a failure.
CONTEXT_TYPES = frozenset({"PERSON", "DATE_OF_BIRTH", "STREET_ADDRESS", "LICENSE_PLATE"})


@dataclass(frozen=True)
class Baseline:
    """What the input looked like: its normalized text and the values it redacted."""

    text: str
    redacted: frozenset[str]


def check_detection(
    document: Document,
    engine: Any,
    exemptions: Exemptions,
    kept: set[str],
    report: Report,
    baseline: Baseline | None = None,
) -> None:
    findings = engine.analyze(document)
    bad = 0
    review: list[str] = []
    for f in findings:
        value = normal(f.value)
        if not exemptions.for_finding(f).redact or value in kept:
            continue
        page = document.page_at(f.start).index + 1
        shifted = (
            baseline is not None
            and f.type in CONTEXT_TYPES
            and value not in baseline.redacted
            and value in baseline.text
        )
        if shifted:
            review.append(f"page {page}: {f.type} ({f.masked()}) detected only after redaction changed its context")
            continue
        bad += 1
        report.problems.append(
            f"re-detection: page {page}: a {f.type} finding ({f.masked()}) that must be redacted is in the output"
        )
    report.checks["redetected_findings"] = len(findings)
    report.checks["redetected_must_redact"] = bad
    report.checks["review"] = review


def verify(
    path: Path,
    values: Sequence[Value],
    kept: set[str],
    ocr_pages: Iterable[int],
    engine: Any = None,
    exemptions: Exemptions | None = None,
    baseline: Baseline | None = None,
) -> Report:
    """Check a written output; ``ocr_pages`` are 0-based pages that were scanned in the input."""
    report = Report()
    doc = pymupdf.open(path)
    try:
        check_structure(path, doc, report)
        check_values("raw-scan", raw_strings(doc), values, report, strict=True)
    finally:
        doc.close()
    check_values("pdftotext", pdftotext(path), values, report)
    output = extract_pdf(path, force_ocr=set(ocr_pages))
    report.checks["ocr_pages"] = sum(1 for p in output.pages if p.ocr)
    check_values("pymupdf+ocr", output.text, values, report)
    if engine is not None and exemptions is not None:
        check_detection(output, engine, exemptions, kept, report, baseline)
    report.checks["values_checked"] = len(values)
    return report
