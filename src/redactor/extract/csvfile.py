"""CSV exports. The text is kept as it is in the file, so offsets point into the file itself;
the only change is the media type (and binary files named .csv are rejected by ``text``)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from redactor.extract import text
from redactor.model import Document


def extract(path: Path) -> Document:
    return replace(text.extract(path), media_type="text/csv")
