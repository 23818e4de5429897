"""Independent verification of a released PDF (fail closed).

The output file is reopened and checked, without trusting anything the writer did:

- structure: exactly one %%EOF, not encrypted, no Info/XMP metadata, outline, annotations, form
  fields, links, embedded files or JavaScript/actions anywhere in the object graph;
- text by pdftotext (poppler, a second extractor) and by PyMuPDF, plus the OCR text of every
  formerly scanned page (below): no redacted value may occur more often than it legitimately
  remains (occurrences an officer chose to keep);
- raw scan of every object and every decompressed non-image, non-font stream, including strings
  in content streams: no redacted value at all (unless it legitimately remains in the text);
- image pixels (``redact.pixels``): under every opaque filled box drawn over an image, the image's
  own pixels (and its mask's) are blank -- the rendered page hides them, so OCR cannot tell;
- a re-run of detection on the output (its PyMuPDF + OCR text): no finding the exemption mapping
  says must be redacted, unless its value was deliberately kept.

OCR text of a formerly scanned page (``ScanReader``): the input page and the output page are
rendered as displayed on the same 200-dpi grid and compared pixel by pixel. A word the input's
OCR read is reused only if every pixel of its box (plus ``LINE_PAD``) is identical in the output,
and only if the input's OCR text provably came from exactly that input rendering
(``Page.ocr_digest``). Every changed pixel lies in a patch -- its rows grown to whole lines, its
columns to whole words plus a neighbouring word each side, plus a small margin -- and the patches
are cut from the OUTPUT rendering and read by Tesseract afresh (one stacked image per page, read
as a column of text, ``--psm 4``: see ``extract.ocr``). So a box in the wrong place leaves the
value's words unchanged (reused, found) or re-read (found), and anything new on the page is read
from the output itself. Whenever the comparison is not
exact (no input document, another page size or rotation, OCR text that does not map back to
pixel words, a different rendering) or the patches would cover most of the page, the whole
output page is OCR'd instead, as before.

Problems are described by page, type and masked value only; raw values never leave memory.
"""

from __future__ import annotations

import math
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pymupdf
import regex

from redactor.errors import InputError, ModelError
from redactor.extract import ocr
from redactor.extract.pdf import extract as extract_pdf
from redactor.extract.pdf import open_pdf, page_text
from redactor.model import Document, mask
from redactor.redact import pixels
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


# -- formerly scanned pages ------------------------------------------------------------------------


@dataclass(frozen=True)
class Origin:
    """Where the formerly scanned pages of an output came from: the input PDF, the Document
    extracted from it (with its OCR text), and 0-based output page -> 0-based input page."""

    path: Path
    document: Document
    pages: Mapping[int, int]


Span = tuple[int, int]  # [start, end) in pixels


@dataclass(frozen=True)
class Patch:
    """Rows [top, bottom) and columns [left, right) of the page raster that are re-read from the
    output; ``at`` is the row where the patch sits in the stacked image sent to Tesseract."""

    top: int
    bottom: int
    left: int
    right: int
    at: int = 0


@dataclass(frozen=True)
class Line:
    """One line of the input page's OCR: its rows and columns, its number, and the words of it
    that are reused (their pixels are unchanged in the output)."""

    rows: Span
    cols: Span
    number: tuple[int, int, int]
    reused: tuple[ocr.Word, ...]


@dataclass
class PagePlan:
    """How one output page is read: fresh OCR of the whole page (``full``), or the input's
    ``lines`` in reading order with their reused words plus fresh OCR of the ``patches``."""

    number: int
    full: bool = True
    lines: list[Line] = field(default_factory=list)
    patches: list[Patch] = field(default_factory=list)


LINE_PAD = 2  # pixels around a word's box that must be unchanged for the word to be reused
MARGIN = 0.04  # inch of output pixels re-read around a patch (where no reused word is)
CONTEXT_WORDS = 1  # unchanged words re-read on each side of a change, so Tesseract sees a line
STACK_GAP = 0.15  # inch of white around each patch in the stacked image
FULL_FRACTION = 0.5  # re-read the whole page when patches would cover more of it than this


def pixel_diff(before: ocr.Raster, after: ocr.Raster) -> np.ndarray:
    """True where two rasters of the same size differ."""
    a = np.frombuffer(before.samples, dtype=np.uint8).reshape(before.height, before.width)
    b = np.frombuffer(after.samples, dtype=np.uint8).reshape(after.height, after.width)
    return a != b


def true_runs(mask: np.ndarray) -> list[Span]:
    """Runs [start, end) of True in a 1-d boolean array."""
    index = np.flatnonzero(mask)
    if index.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(index) > 1)
    starts = [int(index[0]), *(int(index[i + 1]) for i in breaks)]
    ends = [*(int(index[i]) + 1 for i in breaks), int(index[-1]) + 1]
    return list(zip(starts, ends))


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def merge(spans: Iterable[Span]) -> list[Span]:
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def close(spans: Iterable[Span], items: Sequence[Span]) -> list[Span]:
    """Spans grown until no item is cut: every item that overlaps a span lies inside it."""
    spans = merge(spans)
    while True:
        grown = merge([*spans, *(item for item in items if any(overlaps(item, s) for s in spans))])
        if grown == spans:
            return spans
        spans = grown


def widen(spans: Sequence[Span], kept: Sequence[Span], limit: int, margin: int) -> list[Span]:
    """Spans taking up to ``margin`` more on each side, but nothing of a ``kept`` item."""
    out = []
    for start, end in spans:
        before = max((e for _, e in kept if e <= start), default=0)
        after = min((s for s, _ in kept if s >= end), default=limit)
        out.append((max(before, start - margin), min(after, end + margin)))
    return merge(out)


def padded(extent: Span, limit: int) -> Span:
    return max(0, extent[0] - LINE_PAD), min(limit, extent[1] + LINE_PAD)


def row_spans(changed: Sequence[Span], lines: Sequence[Span], height: int, margin: int) -> list[Span]:
    """Bands of rows to look at again: every changed row, grown to whole lines (padded), plus a
    margin that takes no row of a line outside the bands."""
    rows = [padded(line, height) for line in lines]
    spans = close(changed, rows)
    outside = [r for r in rows if not any(overlaps(r, s) for s in spans)]
    return widen(spans, outside, height, margin)


def column_spans(changed: Sequence[Span], lines: Sequence[Sequence[Span]], width: int, margin: int) -> list[Span]:
    """Columns to re-read within one band: every changed column, grown to whole words (padded),
    then by CONTEXT_WORDS neighbouring words of each line on each side, then a margin that
    takes no column of a word that is reused."""
    words = [padded(word, width) for line in lines for word in line]
    spans = close(changed, words)
    context = []
    for line in lines:
        for start, end in spans:
            left = sorted((w for w in line if w[1] <= start), reverse=True)[:CONTEXT_WORDS]
            right = sorted(w for w in line if w[0] >= end)[:CONTEXT_WORDS]
            context += [padded(w, width) for w in (*left, *right)]
    spans = close([*spans, *context], words)
    outside = [w for w in words if not any(overlaps(w, s) for s in spans)]
    return widen(spans, outside, width, margin)


def input_words(origin: Origin, source: pymupdf.Document, index: int) -> list[ocr.Word] | None:
    """The input page's OCR words in pixels, or None if they cannot be recovered exactly."""
    if not 0 <= index < len(origin.document.pages):
        return None
    page = origin.document.pages[index]
    if not page.ocr or len(page.boxes) != page.end - page.start:
        return None
    native, _ = page_text(source[index])
    text = origin.document.text[page.start : page.end]
    if not text.startswith(native):
        return None
    segment, boxes = text[len(native) :], page.boxes[len(native) :]
    words = ocr.page_words(segment, boxes, source[index])
    if words is None or ocr.words_text(words) != segment:
        return None
    return words


def line_runs(words: Sequence[ocr.Word]) -> list[list[ocr.Word]]:
    """Words grouped into lines, in reading order."""
    runs: list[list[ocr.Word]] = []
    for word in words:
        if runs and runs[-1][-1].line == word.line:
            runs[-1].append(word)
        else:
            runs.append([word])
    return runs


def rows_of(words: Sequence[ocr.Word]) -> Span:
    return min(w.box[1] for w in words), max(w.box[3] for w in words)


def cols_of(word: ocr.Word) -> Span:
    return word.box[0], word.box[2]


def stack(raster: ocr.Raster, patches: Sequence[Patch], gap: int) -> tuple[ocr.Raster, list[Patch]]:
    """The patches of a raster one below the other, on white, ``gap`` pixels apart."""
    width = max(p.right - p.left for p in patches) + 2 * gap
    white_row = b"\xff" * width
    rows = [white_row] * gap
    placed = []
    for patch in patches:
        placed.append(replace(patch, at=len(rows)))
        for y in range(patch.top, patch.bottom):
            start = y * raster.width
            cut = raster.samples[start + patch.left : start + patch.right]
            rows.append(white_row[:gap] + cut + white_row[: width - gap - len(cut)])
        rows += [white_row] * gap
    return ocr.Raster(width, len(rows), b"".join(rows)), placed


def unstack(words: Sequence[ocr.Word], placed: Sequence[Patch], gap: int) -> list[tuple[int, ocr.Word]]:
    """(patch index, word moved back to page pixels) for each word of the stacked image; a word
    belongs to the patch nearest to its middle row (the gaps between patches are white)."""
    out = []
    for word in words:
        middle = (word.box[1] + word.box[3]) / 2
        i = min(range(len(placed)), key=lambda k: distance(placed[k], middle))
        dx, dy = placed[i].left - gap, placed[i].top - placed[i].at
        left, top, right, bottom = word.box
        out.append((i, replace(word, box=(left + dx, top + dy, right + dx, bottom + dy))))
    return out


def distance(patch: Patch, y: float) -> float:
    """Rows between ``y`` and a patch in the stacked image (0 inside it)."""
    return max(patch.at - y, y - (patch.at + patch.bottom - patch.top), 0.0)


def assemble(plan: PagePlan, fresh: Sequence[tuple[int, ocr.Word]]) -> list[ocr.Word]:
    """The page's words in reading order: each input line with its reused words and the fresh
    words that sit on it, left to right; fresh words on no input line (a label in the margin, a
    Bates number) as lines of their own, before the first input line that starts below them."""
    on_line: list[list[ocr.Word]] = [list(line.reused) for line in plan.lines]
    loose: dict[tuple[int, int, int, int], list[ocr.Word]] = {}
    for patch, word in fresh:
        n = home_line(word, plan.lines)
        if n is None:
            loose.setdefault((patch, *word.line), []).append(word)
        else:
            on_line[n].append(replace(word, line=plan.lines[n].number))
    pending = sorted(loose.items(), key=lambda item: (rows_of(item[1])[0], item[0]))
    words: list[ocr.Word] = []
    for line, found in zip(plan.lines, on_line):
        while pending and rows_of(pending[0][1])[0] <= line.rows[0]:
            words += renumbered(*pending.pop(0))
        words += sorted(found, key=lambda w: w.box[0])
    for key, found in pending:
        words += renumbered(key, found)
    return words


def renumbered(key: tuple[int, int, int, int], words: list[ocr.Word]) -> list[ocr.Word]:
    """Fresh words of one Tesseract line, with a line number that no input line has."""
    patch, block, par, line = key
    return [replace(w, line=(-1 - patch * 1000 - block, par, line)) for w in words]


def home_line(word: ocr.Word, lines: Sequence[Line]) -> int | None:
    """The input line a fresh word sits on: of the lines that overlap at least half its height,
    the nearest one left to right (columns of a form share rows), then the most overlapping."""
    best, best_key = None, (math.inf, 0.0)
    middle = (word.box[0] + word.box[2]) / 2
    for n, line in enumerate(lines):
        overlap = min(line.rows[1], word.box[3]) - max(line.rows[0], word.box[1])
        if overlap <= 0.5 * (word.box[3] - word.box[1]):
            continue
        key = (max(line.cols[0] - middle, middle - line.cols[1], 0.0), -overlap)
        if key < best_key:
            best, best_key = n, key
    return best


class ScanReader:
    """Reads formerly scanned output pages for verification, re-reading only what changed.

    The input page and the output page are rendered on the same pixel grid and compared. Words
    of the input's OCR whose boxes (padded) are pixel-for-pixel unchanged are reused; every
    changed pixel lies in a patch -- its band of rows grown to whole lines, its columns grown to
    whole words plus a neighbouring word on each side -- that is cut from the OUTPUT raster and
    read by Tesseract afresh (all patches of a page stacked into one image, read as a column of
    text: automatic page layout would drop lines that touch a large black box). Anything that
    cannot be compared exactly (no origin, another page size or rotation, input OCR text that
    does not map back to pixel words) gets a full OCR of the output page, as does a page where
    the patches would cover most of it.
    """

    def __init__(self, origin: Origin | None) -> None:
        self.origin = origin
        self.stats: dict[str, int] = {"full": 0, "partial": 0, "unchanged": 0, "pixels": 0, "pixels_read": 0}

    def __call__(self, doc: pymupdf.Document, numbers: list[int]) -> Iterator[tuple[int, list[ocr.Word], str]]:
        source = self._open_source()
        ready: list[tuple[int, list[ocr.Word]]] = []
        full: list[int] = []
        gap = round(STACK_GAP * ocr.DPI)
        try:
            images = self._images(source, doc, numbers, ready, full)
            for plan, words in ocr.ocr_images(images, len(numbers), psm=ocr.BLOCK_PSM):
                yield plan.number, assemble(plan, unstack(words, plan.patches, gap)), ""
        finally:
            if source is not None:
                source.close()
        if full:
            for number, words, _ in ocr.read_pages(doc, full):
                yield number, words, ""
        for number, words in ready:
            yield number, words, ""

    def _open_source(self) -> pymupdf.Document | None:
        if self.origin is None:
            return None
        try:
            return open_pdf(self.origin.path)
        except (InputError, ModelError):
            return None

    def _images(
        self,
        source: pymupdf.Document | None,
        doc: pymupdf.Document,
        numbers: list[int],
        ready: list[tuple[int, list[ocr.Word]]],
        full: list[int],
    ) -> Iterator[tuple[PagePlan, ocr.Raster]]:
        """(plan, stacked patches to OCR) per page; pages without any change go to ``ready``,
        pages to OCR in full to ``full``."""
        for number in numbers:
            after = ocr.render(doc[number])
            plan, image = self._plan(source, doc[number], after)
            self.stats["pixels"] += after.width * after.height
            if plan.full:
                self.stats["full"] += 1
                self.stats["pixels_read"] += after.width * after.height
                full.append(number)
            elif image is None:
                self.stats["unchanged"] += 1
                ready.append((number, [w for line in plan.lines for w in line.reused]))
            else:
                self.stats["partial"] += 1
                self.stats["pixels_read"] += sum((p.bottom - p.top) * (p.right - p.left) for p in plan.patches)
                yield plan, image

    def _plan(
        self, source: pymupdf.Document | None, page: pymupdf.Page, after: ocr.Raster
    ) -> tuple[PagePlan, ocr.Raster | None]:
        full = PagePlan(page.number)
        if source is None or self.origin is None or page.number not in self.origin.pages:
            return full, None
        index = self.origin.pages[page.number]
        if not 0 <= index < source.page_count:
            return full, None
        before_page = source[index]
        if before_page.rotation != page.rotation or before_page.rect != page.rect:
            return full, None
        words = input_words(self.origin, source, index)
        if words is None:
            return full, None
        before = ocr.render(before_page)
        if ocr.digest(before, before_page) != self.origin.document.pages[index].ocr_digest:
            return full, None  # the input's OCR text was not read from exactly these pixels
        if (before.width, before.height) != (after.width, after.height):
            return full, None
        return partial_plan(page.number, line_runs(words), pixel_diff(before, after), after)


def partial_plan(
    number: int, lines: list[list[ocr.Word]], diff: np.ndarray, after: ocr.Raster
) -> tuple[PagePlan, ocr.Raster | None]:
    """The plan for a page whose input lines and pixel differences are known, and the stacked
    image of its patches (None if nothing changed or the whole page is to be re-read)."""
    height, width = diff.shape
    margin = round(MARGIN * ocr.DPI)
    extents = [rows_of(line) for line in lines]
    patches = []
    for top, bottom in row_spans(true_runs(diff.any(axis=1)), extents, height, margin):
        inside = [line for line, rows in zip(lines, extents) if overlaps(padded(rows, height), (top, bottom))]
        changed = true_runs(diff[top:bottom].any(axis=0))
        for left, right in column_spans(changed, [[cols_of(w) for w in line] for line in inside], width, margin):
            patches.append(Patch(top, bottom, left, right))
    if sum((p.bottom - p.top) * (p.right - p.left) for p in patches) > FULL_FRACTION * width * height:
        return PagePlan(number), None
    kept = []
    for line, rows in zip(lines, extents):
        near = [p for p in patches if overlaps(padded(rows, height), (p.top, p.bottom))]
        reused = tuple(w for w in line if not any(covers(p, w, width, height) for p in near))
        kept.append(Line(rows, (min(w.box[0] for w in line), max(w.box[2] for w in line)), line[0].line, reused))
    if not patches:
        return PagePlan(number, full=False, lines=kept), None
    image, placed = stack(after, patches, round(STACK_GAP * ocr.DPI))
    return PagePlan(number, full=False, lines=kept, patches=placed), image


def covers(patch: Patch, word: ocr.Word, width: int, height: int) -> bool:
    """Whether a word's padded box reaches into a patch (then it is read afresh, not reused)."""
    rows = padded((word.box[1], word.box[3]), height)
    cols = padded(cols_of(word), width)
    return overlaps(rows, (patch.top, patch.bottom)) and overlaps(cols, (patch.left, patch.right))


def check_image_pixels(doc: pymupdf.Document, report: Report) -> None:
    """The image pixels under every opaque filled box drawn on an image must be blank: OCR of
    the rendered page sees the box, not the pixels under it (see ``redact.pixels``)."""
    problems, checked = pixels.check(doc)
    report.problems.extend(problems)
    report.checks["image_boxes_checked"] = checked
    report.checks["image_pixel_problems"] = len(problems)


def verify(
    path: Path,
    values: Sequence[Value],
    kept: set[str],
    ocr_pages: Iterable[int],
    engine: Any = None,
    exemptions: Exemptions | None = None,
    baseline: Baseline | None = None,
    origin: Origin | None = None,
) -> Report:
    """Check a written output; ``ocr_pages`` are 0-based output pages that were scanned in the
    input. With ``origin`` they are read by a ``ScanReader`` (unchanged lines from the input's
    OCR, changed bands re-read), else by a full OCR. pdftotext runs while PyMuPDF and
    Tesseract read the file."""
    report = Report()
    with ThreadPoolExecutor(max_workers=1) as pool:
        poppler = pool.submit(pdftotext, path)
        doc = pymupdf.open(path)
        try:
            check_structure(path, doc, report)
            check_values("raw-scan", raw_strings(doc), values, report, strict=True)
            check_image_pixels(doc, report)
        finally:
            doc.close()
        reader = ScanReader(origin)
        output = extract_pdf(path, force_ocr=set(ocr_pages), reader=reader)
        check_values("pdftotext", poppler.result(), values, report)
    report.checks["ocr_pages"] = sum(1 for p in output.pages if p.ocr)
    report.checks["ocr_pages_full"] = reader.stats["full"]
    report.checks["ocr_pages_partial"] = reader.stats["partial"]
    report.checks["ocr_pages_unchanged"] = reader.stats["unchanged"]
    report.checks["ocr_area_reread"] = round(reader.stats["pixels_read"] / max(1, reader.stats["pixels"]), 3)
    check_values("pymupdf+ocr", output.text, values, report)
    if engine is not None and exemptions is not None:
        check_detection(output, engine, exemptions, kept, report, baseline)
    report.checks["values_checked"] = len(values)
    return report
