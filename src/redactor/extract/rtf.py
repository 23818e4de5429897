"""Rich Text Format, reduced to plain text by striprtf (control words and groups dropped)."""

from __future__ import annotations

from pathlib import Path

from redactor.errors import InputError
from redactor.extract.guard import damaged
from redactor.model import Document


def extract(path: Path) -> Document:
    from striprtf.striprtf import rtf_to_text

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    if not raw.lstrip().startswith(b"{\\rtf"):
        raise InputError(f"{path}: not an RTF file (no {{\\rtf header)")
    with damaged(path, "RTF file"):
        # RTF is 7-bit; \'xx escapes are decoded by striprtf with the document's code page.
        text = rtf_to_text(raw.decode("latin-1"), errors="replace")
    return Document(path=str(path), text=text, pages=Document.from_text(text).pages, media_type="application/rtf")
