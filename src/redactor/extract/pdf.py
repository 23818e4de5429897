"""PDF text layer with the box of every character, read with PyMuPDF; OCR for scanned pages.

Pages are joined with a form feed. Within a page, lines end with a newline and text blocks are
separated by a blank line, so that form labels and values on separate lines stay apart.

A page with (almost) no text layer but an image covering part of it is a scanned page: it is
rendered and read by Tesseract (``extract.ocr``), its words split into per-character boxes, and
the page is marked ``Page.ocr`` with ``Page.ocr_digest`` naming the exact image that was read. Any
native text on such a page comes first, then the OCR text. The verifier passes its own ``reader``
for the OCR step (see ``redact.verify``).

Boxes are stored compactly (``BoxArray``: four float32 per character) so that a 500-page PDF does
not cost hundreds of megabytes of Python tuples.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path
from typing import Any, overload

import pymupdf

from redactor.errors import EncryptedInput, InputError, ModelError
from redactor.extract import ocr
from redactor.model import PAGE_SEPARATOR, Document, Page, Rect

TEXT_FLAGS = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP
# A page with fewer visible characters than this and an image covering at least MIN_IMAGE_AREA of
# it is treated as scanned and OCR'd.
MIN_TEXT_CHARS = 25
MIN_IMAGE_AREA = 0.10


class BoxArray(Sequence[Rect | None]):
    """An immutable sequence of per-character boxes (None = synthetic character), 16 bytes each."""

    __slots__ = ("_data",)

    def __init__(self, boxes: Sequence[Rect | None] = ()) -> None:
        data = array("f")
        nan = math.nan
        for box in boxes:
            data.extend(box if box is not None else (nan, nan, nan, nan))
        self._data = data

    def __len__(self) -> int:
        return len(self._data) // 4

    @overload
    def __getitem__(self, index: int) -> Rect | None: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Rect | None, ...]: ...
    def __getitem__(self, index: int | slice) -> Rect | tuple[Rect | None, ...] | None:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1:
                return tuple(self[i] for i in range(start, stop, step))
            part = BoxArray()
            part._data = self._data[4 * start : 4 * max(start, stop)]
            return tuple(part)
        n = len(self)
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError("box index out of range")
        x0, y0, x1, y1 = self._data[4 * index : 4 * index + 4]
        return None if x0 != x0 else (x0, y0, x1, y1)  # NaN marks None

    def __iter__(self) -> Iterator[Rect | None]:
        data = self._data
        for i in range(0, len(data), 4):
            x0 = data[i]
            yield None if x0 != x0 else (x0, data[i + 1], data[i + 2], data[i + 3])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, BoxArray):
            return list(self) == list(other)
        if isinstance(other, Sequence):
            return list(self) == list(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._data.tobytes())

    def __repr__(self) -> str:
        return f"BoxArray({len(self)} boxes)"


def open_pdf(path: Path) -> pymupdf.Document:
    try:
        doc = pymupdf.open(path, filetype="pdf")
    except Exception as exc:  # PyMuPDF raises several types for damaged files
        raise InputError(f"{path}: not a readable PDF ({type(exc).__name__})") from None
    if doc.needs_pass or doc.is_encrypted:
        doc.close()
        raise EncryptedInput(f"{path}: PDF is encrypted", "ask the sender for an unencrypted copy")
    if doc.page_count == 0:
        doc.close()
        raise InputError(f"{path}: damaged PDF (no pages)")
    return doc


def page_text(page: pymupdf.Page) -> tuple[str, list[Rect | None]]:
    """Text of one page and one box (or None for inserted separators) per character."""
    chars: list[str] = []
    boxes: list[Rect | None] = []
    raw: dict[str, Any] = page.get_text("rawdict", flags=TEXT_FLAGS)
    for block in raw["blocks"]:
        if block.get("type") != 0:
            continue
        for line in block["lines"]:
            for span in line["spans"]:
                for ch in span["chars"]:
                    chars.append(ch["c"])
                    boxes.append(tuple(ch["bbox"]))  # type: ignore[arg-type]
            chars.append("\n")
            boxes.append(None)
        chars.append("\n")
        boxes.append(None)
    return "".join(chars), boxes


def needs_ocr(page: pymupdf.Page, text: str) -> bool:
    """Scanned page: too little text, and an image covering a good part of the page."""
    if sum(1 for ch in text if not ch.isspace()) >= MIN_TEXT_CHARS:
        return False
    area = abs(page.rect) or 1.0
    for info in page.get_image_info():
        bbox = pymupdf.Rect(info["bbox"]) & page.rect
        if not bbox.is_empty and abs(bbox) / area >= MIN_IMAGE_AREA:
            return True
    return False


def extract(
    path: Path, ocr_scanned: bool = True, force_ocr: Collection[int] = (), reader: ocr.Reader | None = None
) -> Document:
    """The text and character boxes of a PDF. Scanned pages (and the 0-based ``force_ocr`` pages,
    e.g. formerly scanned pages that now carry a label) are OCR'd, by ``reader`` if given (the
    verifier's, which re-reads only what a redaction changed) or else by Tesseract page by page."""
    doc = open_pdf(path)
    try:
        native: list[tuple[str, BoxArray]] = []
        scanned: list[int] = []
        for page in doc:
            text, boxes = page_text(page)
            native.append((text, BoxArray(boxes)))
            if page.number in force_ocr or (ocr_scanned and needs_ocr(page, text)):
                scanned.append(page.number)
        digests: dict[int, str] = {}
        for number, words, digest in (reader or ocr.read_pages)(doc, scanned) if scanned else ():
            text, boxes = native[number]
            extra_text, extra_boxes = ocr.page_chars(words, doc[number])
            native[number] = (text + extra_text, BoxArray([*boxes, *extra_boxes]))
            digests[number] = digest
        is_scanned = set(scanned)
        parts: list[str] = []
        pages: list[Page] = []
        offset = 0
        for page in doc:
            text, boxes = native[page.number]
            pages.append(
                Page(
                    index=page.number,
                    start=offset,
                    end=offset + len(text),
                    width=page.rect.width,
                    height=page.rect.height,
                    boxes=boxes,  # type: ignore[arg-type]
                    ocr=page.number in is_scanned,
                    ocr_digest=digests.get(page.number, ""),
                )
            )
            parts.append(text + PAGE_SEPARATOR)
            offset += len(text) + len(PAGE_SEPARATOR)
        metadata = tuple((k, v) for k, v in (doc.metadata or {}).items() if v)
    except (InputError, ModelError):
        raise
    except Exception as exc:
        raise InputError(f"{path}: damaged PDF ({type(exc).__name__})") from None
    finally:
        doc.close()
    return Document(
        path=str(path),
        text="".join(parts),
        pages=tuple(pages),
        media_type="application/pdf",
        metadata=metadata,
    )
