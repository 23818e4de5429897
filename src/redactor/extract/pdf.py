"""PDF text layer with the box of every character, read with PyMuPDF.

Pages are joined with a form feed. Within a page, lines end with a newline and text blocks are
separated by a blank line, so that form labels and values on separate lines stay apart.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pymupdf

from redactor.errors import EncryptedInput, InputError
from redactor.model import PAGE_SEPARATOR, Document, Page, Rect

TEXT_FLAGS = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP


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


def extract(path: Path) -> Document:
    doc = open_pdf(path)
    try:
        parts: list[str] = []
        pages: list[Page] = []
        offset = 0
        for page in doc:
            text, boxes = page_text(page)
            pages.append(
                Page(
                    index=page.number,
                    start=offset,
                    end=offset + len(text),
                    width=page.rect.width,
                    height=page.rect.height,
                    boxes=tuple(boxes),
                )
            )
            parts.append(text + PAGE_SEPARATOR)
            offset += len(text) + len(PAGE_SEPARATOR)
        metadata = tuple((k, v) for k, v in (doc.metadata or {}).items() if v)
    except InputError:
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
