"""Extractors: bytes on disk -> ``Document``. One module per format family."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from redactor.errors import InputError, TooLargeInput
from redactor.extract import archive, csvfile, html, image, mail, msg, office, pdf, rtf, text
from redactor.model import Document

Extractor = Callable[[Path], Document]

EXTRACTORS: dict[str, Extractor] = {
    ".txt": text.extract,
    ".text": text.extract,
    ".log": text.extract,
    ".md": text.extract,
    ".pdf": pdf.extract,
    ".docx": office.extract_docx,
    ".xlsx": office.extract_xlsx,
    ".pptx": office.extract_pptx,
    ".odt": office.extract_odt,
    ".rtf": rtf.extract,
    ".html": html.extract,
    ".htm": html.extract,
    ".csv": csvfile.extract,
    ".eml": mail.extract_eml,
    ".mbox": mail.extract_mbox,
    ".msg": msg.extract,
    ".png": image.extract,
    ".jpg": image.extract,
    ".jpeg": image.extract,
    ".tif": image.extract,
    ".tiff": image.extract,
    ".zip": archive.extract,
}

MAX_BYTES = 200 * 1024 * 1024


def supported(path: Path) -> bool:
    return path.suffix.lower() in EXTRACTORS


def extract(path: str | Path, max_bytes: int = MAX_BYTES) -> Document:
    """Read one file into a Document, or raise InputError with a reason a user can act on."""
    path = Path(path)
    if path.is_symlink():
        raise InputError(f"{path}: is a symbolic link", "links are not followed")
    try:
        size = os.stat(path).st_size
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    if not path.is_file():
        raise InputError(f"{path}: not a regular file")
    if size > max_bytes:
        raise TooLargeInput(f"{path}: too large ({size} bytes > {max_bytes})", "raise the size limit")
    extractor = EXTRACTORS.get(path.suffix.lower())
    if extractor is None:
        raise InputError(f"{path}: unsupported file type '{path.suffix or 'none'}'")
    return extractor(path)


def extract_bytes(name: str, data: bytes, max_bytes: int = MAX_BYTES) -> Document:
    """Extract an in-memory file (an attachment, an archive member) by its name's suffix.

    The bytes go to a private temporary directory (mode 0700) that is removed afterwards, so
    every extractor works on paths. The Document's path is ``name``.
    """
    suffix = Path(name).suffix.lower()
    if suffix not in EXTRACTORS:
        raise InputError(f"{name}: unsupported file type '{suffix or 'none'}'")
    if len(data) > max_bytes:
        raise TooLargeInput(f"{name}: too large ({len(data)} bytes > {max_bytes})", "raise the size limit")
    with tempfile.TemporaryDirectory(prefix="redactor-") as tmp:
        path = Path(tmp) / f"member{suffix}"
        path.write_bytes(data)
        document = EXTRACTORS[suffix](path)
    return replace(document, path=name)
