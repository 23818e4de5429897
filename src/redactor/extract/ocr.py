"""OCR of scanned pages with Tesseract (Debian ``tesseract-ocr``), run as a subprocess.

Pages are rendered by PyMuPDF (in the calling thread: PyMuPDF is not thread-safe) to 8-bit
grayscale rasters at ``DPI`` and written as uncompressed TIFF files (no PNG encoding or decoding;
not PGM either, which Leptonica reads with one ``fread`` per pixel: ~5% of Tesseract's instructions
on a page, where TIFF rows are copied whole; the words read are identical). Tesseract reads them in
batches: one ``tesseract LIST stdout ... tsv`` process per batch of up to ``MAX_BATCH`` images
listed in a text file, so the model is loaded once per batch; the TSV's ``page_num`` column tells
the images apart. Batches run in a small thread pool, one single-threaded Tesseract per CPU,
with a bounded number of rendered images in flight so memory and disk stay flat on long scans.

Word boxes come back in pixels of the rendered (rotated, as displayed) page; ``page_chars`` splits
them evenly into one box per character and maps them to unrotated page coordinates, the space
PyMuPDF's text extraction and redaction annotations use. ``page_words`` is its inverse: it turns
the text and boxes of an OCR'd page back into pixel words and lines (the verifier reuses them for
the parts of a page that a redaction left pixel-for-pixel unchanged).

Why 200 dpi and not less: at 150 dpi Tesseract reads the bench page and the test fixtures alike,
but loses words on small and serif type (7 pt Helvetica, 8 and 10 pt Times: "in a" -> "ina"),
for only ~10% less CPU.

Where Tesseract's time goes (callgrind, bench page, Tesseract 5.3 with Debian's eng model): ~72%
LSTM recognition of the text lines (each scaled to the model's 36-pixel input height, so its cost
follows the amount of text, not the resolution), ~15% layout analysis, ~4% model load (once per
process), ~3% TSV output. Tried and not worth it: --psm 6 (-8%, but no column finding), --psm 4
(-1%), ``textord_tabfind_find_tables=0`` (-0.2%); --oem 1, ``dotproduct``, pre-binarized or
cropped images: no measurable change; libtesseract in-process via ctypes: the same CPU per page,
saving only the model load, without the isolation and timeout of a subprocess.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import os
import shutil
import struct
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pymupdf

from redactor.errors import InputError, ModelError
from redactor.model import Rect

DPI = 200
LANG = "eng"
TIMEOUT_S = 180  # per image
MAX_BATCH = 4  # images per Tesseract process: the ~0.2 s model load is paid once per batch
# Page segmentation: --psm 3 (automatic layout: forms have columns) for whole pages; --psm 4 (one
# column of text of variable sizes) for strips cut out of a page and stacked. On strips next to
# redaction boxes, --psm 3 drops lines that touch a large black box and --psm 6 mis-splits lines
# that a box straddles; with boxes shifted on a grid around their place, --psm 4 missed no value
# that a full-page read found. tessedit_do_invert=0 skips a second pass looking for white-on-black
# text, which costs ~30% and rarely matters on police forms.
PAGE_PSM = 3
BLOCK_PSM = 4
TESSERACT_ARGS = ("-c", "tessedit_do_invert=0")
SHORT, LONG = 3, 4  # TIFF field types
TIFF_HEADER_BYTES = 8 + 2 + 9 * 12 + 4  # file header, directory of 9 fields, no next directory

K = TypeVar("K")
# Reads the given 0-based pages of an open PDF: (page number, words in pixels at DPI, digest of
# the image read, "" if not one rendered image), in order.
Reader = Callable[[pymupdf.Document, list[int]], Iterator[tuple[int, list["Word"], str]]]


@dataclass(frozen=True)
class Word:
    text: str
    box: tuple[int, int, int, int]  # left, top, right, bottom in pixels
    line: tuple[int, int, int]  # block, paragraph, line
    conf: float


@dataclass(frozen=True)
class Raster:
    """An 8-bit grayscale image, rows packed (``len(samples) == width * height``)."""

    width: int
    height: int
    samples: bytes

    def tiff_header(self) -> bytes:
        """What goes before ``samples`` to make a little-endian baseline TIFF of the raster: one
        uncompressed strip, 0 = black. (A SHORT value packed as a little-endian LONG is the
        SHORT followed by the zero padding TIFF asks for.)"""
        fields = (
            (256, LONG, self.width),  # ImageWidth
            (257, LONG, self.height),  # ImageLength
            (258, SHORT, 8),  # BitsPerSample
            (259, SHORT, 1),  # Compression: none
            (262, SHORT, 1),  # PhotometricInterpretation: BlackIsZero
            (273, LONG, TIFF_HEADER_BYTES),  # StripOffsets: the samples follow this header
            (277, SHORT, 1),  # SamplesPerPixel
            (278, LONG, self.height),  # RowsPerStrip
            (279, LONG, len(self.samples)),  # StripByteCounts
        )
        directory = b"".join(struct.pack("<HHII", tag, kind, 1, value) for tag, kind, value in fields)
        return b"II*\x00" + struct.pack("<IH", 8, len(fields)) + directory + struct.pack("<I", 0)


def tesseract_path() -> str:
    path = shutil.which("tesseract")
    if path is None:
        raise ModelError("Tesseract is not installed (needed to OCR scanned pages)", "run 'make install'")
    return path


def workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def recognize_batch(
    images: Sequence[Raster], dpi: int = DPI, lang: str = LANG, psm: int = PAGE_PSM
) -> list[list[Word]]:
    """Words Tesseract reads in each image, one process for all of them."""
    batch = Batch()
    try:
        for image in images:
            batch.add(image)
    except BaseException:
        batch.discard()
        raise
    return batch.run(dpi, lang, psm)


class Batch:
    """Images written as TIFF files to a private temporary directory, recognised by one Tesseract."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="redactor-ocr-"))
        self.paths: list[str] = []

    def __len__(self) -> int:
        return len(self.paths)

    def add(self, image: Raster) -> None:
        path = self.dir / f"{len(self.paths)}.tif"
        with path.open("wb") as out:
            out.write(image.tiff_header())
            out.write(image.samples)
        self.paths.append(str(path))

    def discard(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)

    def run(self, dpi: int = DPI, lang: str = LANG, psm: int = PAGE_PSM) -> list[list[Word]]:
        """Words per image, in order; the files are removed afterwards."""
        try:
            listing = self.dir / "images.txt"
            listing.write_text("\n".join(self.paths) + "\n", encoding="utf-8")
            tsv = run_tesseract(str(listing), dpi, lang, TIMEOUT_S * len(self.paths), psm)
        finally:
            self.discard()
        read = {int(row.split("\t")[1]) for row in tsv.splitlines() if row.startswith("1\t")}
        if read != set(range(1, len(self.paths) + 1)):
            raise ModelError(f"Tesseract read {len(read)} of {len(self.paths)} images")
        by_image: list[list[Word]] = [[] for _ in self.paths]
        for page_num, word in parse_tsv(tsv):
            if not 1 <= page_num <= len(by_image):
                raise ModelError(f"Tesseract returned an unexpected page number ({page_num})")
            by_image[page_num - 1].append(word)
        return by_image


def run_tesseract(source: str, dpi: int, lang: str, timeout: float, psm: int = PAGE_PSM) -> str:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    try:
        proc = subprocess.run(
            [
                tesseract_path(),
                source,
                "stdout",
                "--dpi",
                str(dpi),
                "-l",
                lang,
                "--psm",
                str(psm),
                *TESSERACT_ARGS,
                "tsv",
            ],
            capture_output=True,
            timeout=timeout,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise InputError(f"OCR timed out after {timeout:.0f} s") from None
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
        raise ModelError(f"Tesseract failed ({detail[0][:200]})", "check that tesseract-ocr-eng is installed")
    return proc.stdout.decode("utf-8", "replace")


def parse_tsv(tsv: str) -> list[tuple[int, Word]]:
    """(page_num, word) for every word row of Tesseract's TSV output."""
    words = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        left, top, width, height = (int(row[k]) for k in ("left", "top", "width", "height"))
        word = Word(
            text=text,
            box=(left, top, left + width, top + height),
            line=(int(row["block_num"]), int(row["par_num"]), int(row["line_num"])),
            conf=float(row["conf"]),
        )
        words.append((int(row["page_num"]), word))
    return words


def digest(raster: Raster, page: pymupdf.Page) -> str:
    """Names the exact pixels of a page's rendering and the grid its word boxes are mapped with
    (SHA-256: hardware-accelerated on current x86 and ARM CPUs, ~4x faster than BLAKE2b there)."""
    pixels = hashlib.sha256(raster.samples).hexdigest()[:32]
    return f"{raster.width}x{raster.height}r{page.rotation}:{pixels}"


def render(page: pymupdf.Page, dpi: int = DPI) -> Raster:
    """The page as displayed (rotation applied, annotations left out), 8-bit grayscale."""
    pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY, annots=False, alpha=False)
    samples = pix.samples
    if pix.stride != pix.width:
        samples = b"".join(samples[y * pix.stride : y * pix.stride + pix.width] for y in range(pix.height))
    return Raster(pix.width, pix.height, samples)


def page_chars(words: list[Word], page: pymupdf.Page, dpi: int = DPI) -> tuple[str, list[Rect | None]]:
    """Page text in Tesseract's reading order (``words_text``) and one unrotated page-coordinate
    box per char (None for the separators)."""
    scale = dpi / 72.0
    derotate = page.derotation_matrix
    chars: list[str] = []
    boxes: list[Rect | None] = []
    previous: tuple[int, int, int] | None = None
    for word in words:
        sep = separator(previous, word.line)
        chars.extend(sep)
        boxes.extend([None] * len(sep))
        previous = word.line
        left, top, right, bottom = (v / scale for v in word.box)
        step = (right - left) / len(word.text)
        for i, ch in enumerate(word.text):
            chars.append(ch)
            boxes.append(transform((left + i * step, top, left + (i + 1) * step, bottom), derotate))
    if chars:
        chars.append("\n")
        boxes.append(None)
    return "".join(chars), boxes


def words_text(words: Sequence[Word]) -> str:
    """Words of one line joined by a space, lines of one paragraph by a newline, paragraphs and
    blocks by a blank line; the text ends with a newline (empty without words)."""
    parts: list[str] = []
    previous: tuple[int, int, int] | None = None
    for word in words:
        parts += (separator(previous, word.line), word.text)
        previous = word.line
    return "".join(parts) + "\n" if parts else ""


def separator(previous: tuple[int, int, int] | None, line: tuple[int, int, int]) -> str:
    """What goes between a word of line ``previous`` (None: no word yet) and one of ``line``."""
    if previous is None:
        return ""
    if line == previous:
        return " "
    return "\n" if line[:2] == previous[:2] else "\n\n"


def page_words(text: str, boxes: Sequence[Rect | None], page: pymupdf.Page, dpi: int = DPI) -> list[Word] | None:
    """The inverse of ``page_chars``: pixel words with line numbers, or None if ``text`` and
    ``boxes`` are not what ``page_chars`` makes (a character without a box, a stray separator)."""
    if len(text) != len(boxes):
        return None
    rotate = page.rotation_matrix
    scale = dpi / 72.0
    words: list[Word] = []
    block = line = 0
    start: int | None = None
    for i in range(len(text) + 1):
        ch = text[i] if i < len(text) else "\n"
        if ch not in " \n":
            if boxes[i] is None:
                return None
            if start is None:
                start = i
            continue
        if start is not None:
            words.append(_word(text[start:i], boxes[start:i], (block, 0, line), rotate, scale))
            start = None
        if ch == "\n" and 0 < i < len(text) - 1 and text[i - 1] != "\n":
            if text[i + 1] == "\n":
                block, line = block + 1, 0
            else:
                line += 1
    return words


def _word(
    text: str, boxes: Sequence[Rect | None], line: tuple[int, int, int], rotate: pymupdf.Matrix, scale: float
) -> Word:
    x0, y0, x1, y1 = transform(
        (
            min(b[0] for b in boxes if b is not None),
            min(b[1] for b in boxes if b is not None),
            max(b[2] for b in boxes if b is not None),
            max(b[3] for b in boxes if b is not None),
        ),
        rotate,
    )
    return Word(text, (round(x0 * scale), round(y0 * scale), round(x1 * scale), round(y1 * scale)), line, -1.0)


def transform(rect: Rect, m: pymupdf.Matrix) -> Rect:
    """An axis-aligned rectangle under a matrix that turns by multiples of 90 degrees, normalized
    (the same as ``pymupdf.Rect(rect) * m``, without building PyMuPDF objects per character)."""
    x0, y0, x1, y1 = rect
    ax, ay = m.a * x0 + m.c * y0 + m.e, m.b * x0 + m.d * y0 + m.f
    bx, by = m.a * x1 + m.c * y1 + m.e, m.b * x1 + m.d * y1 + m.f
    return (min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))


def batches(count: int, limit: int = MAX_BATCH) -> int:
    """Images per batch for ``count`` images: every worker gets work, no batch over ``limit``."""
    n = max(1, workers())
    rounds = max(1, math.ceil(count / (n * limit)))
    return max(1, min(limit, math.ceil(count / (n * rounds))))


def ocr_images(
    images: Iterable[tuple[K, Raster]], count: int, dpi: int = DPI, lang: str = LANG, psm: int = PAGE_PSM
) -> Iterator[tuple[K, list[Word]]]:
    """(key, words) for each (key, image), in order. ``images`` is consumed in the calling thread
    (it may render with PyMuPDF); each image is written to disk at once, and batches are
    recognised on worker threads. ``count`` is the expected number of images (it sizes batches)."""
    tesseract_path()
    size = batches(count)
    pool = ThreadPoolExecutor(max_workers=workers())
    pending: list[tuple[list[K], Batch, Future[list[list[Word]]]]] = []
    keys: list[K] = []
    batch = Batch()
    try:
        for key, raster in images:
            keys.append(key)
            batch.add(raster)
            if len(batch) >= size:
                pending.append((keys, batch, pool.submit(batch.run, dpi, lang, psm)))
                keys, batch = [], Batch()
            while len(pending) > workers():
                done_keys, _, future = pending.pop(0)
                yield from zip(done_keys, future.result(), strict=True)
        if len(batch):
            pending.append((keys, batch, pool.submit(batch.run, dpi, lang, psm)))
            batch = Batch()
        while pending:
            done_keys, _, future = pending.pop(0)
            yield from zip(done_keys, future.result(), strict=True)
    finally:
        batch.discard()
        for _, queued, future in pending:
            if future.cancel():
                queued.discard()
        pool.shutdown(wait=True)


def ocr_pages(
    doc: pymupdf.Document, numbers: Iterable[int], dpi: int = DPI, lang: str = LANG
) -> Iterator[tuple[int, list[Word]]]:
    """(page number, words) for each page number, in order; pages recognised in parallel."""
    for number, words, _ in read_pages(doc, list(numbers), dpi, lang):
        yield number, words


def read_pages(
    doc: pymupdf.Document, numbers: list[int], dpi: int = DPI, lang: str = LANG
) -> Iterator[tuple[int, list[Word], str]]:
    """(page number, words, digest of the rendered page) for each page number, in order."""

    def rendered() -> Iterator[tuple[tuple[int, str], Raster]]:
        for number in numbers:
            raster = render(doc[number], dpi)
            yield (number, digest(raster, doc[number])), raster

    for (number, name), words in ocr_images(rendered(), len(numbers), dpi, lang):
        yield number, words, name
