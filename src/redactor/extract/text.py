"""Plain text files. Offsets are character offsets into the file's UTF-8 text."""

from __future__ import annotations

from pathlib import Path

from redactor.errors import InputError
from redactor.model import Document


def extract(path: Path) -> Document:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    if b"\x00" in raw[:8192]:
        raise InputError(f"{path}: looks binary, not text")
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError:
        # Old records systems write cp1252; decoding keeps one character per byte.
        content = raw.decode("cp1252", errors="replace")
    return Document.from_text(content, path=str(path))
