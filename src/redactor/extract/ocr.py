"""OCR of scanned pages with Tesseract (Debian ``tesseract-ocr``), run as a subprocess.

Pages are rendered by PyMuPDF (in the calling thread: PyMuPDF is not thread-safe) and recognised by
``tesseract ... tsv`` in a small thread pool, one single-threaded Tesseract per CPU, with a bounded
number of rendered pages in flight so memory stays flat on long scans. Word boxes come back in
pixels of the rendered (rotated, as displayed) page; they are split evenly into one box per
character and mapped to unrotated page coordinates, the space PyMuPDF's text extraction and
redaction annotations use.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import pymupdf

from redactor.errors import InputError, ModelError
from redactor.model import Rect

DPI = 200
LANG = "eng"
TIMEOUT_S = 180
# --psm 3: automatic layout (forms have columns); tessedit_do_invert=0 skips a second pass looking
# for white-on-black text, which costs ~30% and rarely matters on police forms.
TESSERACT_ARGS = ("--psm", "3", "-c", "tessedit_do_invert=0")


@dataclass(frozen=True)
class Word:
    text: str
    box: tuple[int, int, int, int]  # left, top, right, bottom in pixels
    line: tuple[int, int, int]  # block, paragraph, line
    conf: float


def tesseract_path() -> str:
    path = shutil.which("tesseract")
    if path is None:
        raise ModelError("Tesseract is not installed (needed to OCR scanned pages)", "run 'make install'")
    return path


def workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def recognize(png: bytes, lang: str = LANG) -> list[Word]:
    """Words Tesseract reads in one PNG image."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    try:
        proc = subprocess.run(
            [tesseract_path(), "stdin", "stdout", "-l", lang, *TESSERACT_ARGS, "tsv"],
            input=png,
            capture_output=True,
            timeout=TIMEOUT_S,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise InputError(f"OCR timed out after {TIMEOUT_S} s on one page") from None
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
        raise ModelError(f"Tesseract failed ({detail[0][:200]})", "check that tesseract-ocr-eng is installed")
    return parse_tsv(proc.stdout.decode("utf-8", "replace"))


def parse_tsv(tsv: str) -> list[Word]:
    words = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        left, top, width, height = (int(row[k]) for k in ("left", "top", "width", "height"))
        words.append(
            Word(
                text=text,
                box=(left, top, left + width, top + height),
                line=(int(row["block_num"]), int(row["par_num"]), int(row["line_num"])),
                conf=float(row["conf"]),
            )
        )
    return words


def render(page: pymupdf.Page, dpi: int = DPI) -> bytes:
    return page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY, annots=False).tobytes("png")


def page_chars(words: list[Word], page: pymupdf.Page, dpi: int = DPI) -> tuple[str, list[Rect | None]]:
    """Page text in Tesseract's reading order and one unrotated page-coordinate box per char."""
    scale = dpi / 72.0
    derotate = page.derotation_matrix
    chars: list[str] = []
    boxes: list[Rect | None] = []
    previous: tuple[int, int, int] | None = None
    for word in words:
        if previous is not None:
            if word.line == previous:
                sep = " "
            elif word.line[:2] == previous[:2]:
                sep = "\n"
            else:
                sep = "\n\n"
            chars.extend(sep)
            boxes.extend([None] * len(sep))
        previous = word.line
        left, top, right, bottom = (v / scale for v in word.box)
        step = (right - left) / len(word.text)
        for i, ch in enumerate(word.text):
            r = pymupdf.Rect(left + i * step, top, left + (i + 1) * step, bottom) * derotate
            r.normalize()
            chars.append(ch)
            boxes.append((r.x0, r.y0, r.x1, r.y1))
    if chars:
        chars.append("\n")
        boxes.append(None)
    return "".join(chars), boxes


def ocr_pages(
    doc: pymupdf.Document, numbers: Iterable[int], dpi: int = DPI, lang: str = LANG
) -> Iterator[tuple[int, list[Word]]]:
    """(page number, words) for each page number, in order; pages recognised in parallel."""
    tesseract_path()
    pending: list[tuple[int, Future[list[Word]]]] = []
    limit = workers() * 2
    with ThreadPoolExecutor(max_workers=workers()) as pool:
        for number in numbers:
            pending.append((number, pool.submit(recognize, render(doc[number], dpi), lang)))
            while len(pending) >= limit:
                done_number, future = pending.pop(0)
                yield done_number, future.result()
        for done_number, future in pending:
            yield done_number, future.result()
