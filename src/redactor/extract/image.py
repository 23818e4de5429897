"""Images (.png, .jpg, .tif, multi-page TIFF): each frame becomes a one-page PDF in memory and is
read by Tesseract through the PDF extractor's OCR path, so boxes come out in the same page
coordinates (points) as for a scanned PDF."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from redactor.errors import InputError
from redactor.extract import pdf
from redactor.extract.guard import damaged
from redactor.model import Document

MAX_PIXELS = 100_000_000  # per frame; a decompression bomb is refused before it is rendered
MAX_FRAMES = 200


def extract(path: Path) -> Document:
    import pymupdf

    with damaged(path, "image"):
        image = pymupdf.open(str(path))
        try:
            if image.page_count > MAX_FRAMES:
                raise InputError(f"{path}: image has {image.page_count} frames (limit {MAX_FRAMES})")
            for page in image:
                if page.rect.width * page.rect.height > MAX_PIXELS:
                    raise InputError(f"{path}: image too large to OCR", "possible decompression bomb")
            data = image.convert_to_pdf()
        finally:
            image.close()
    with tempfile.TemporaryDirectory(prefix="redactor-") as tmp:
        scan = Path(tmp) / "image.pdf"
        scan.write_bytes(data)
        document = pdf.extract(scan, force_ocr=range(_pages(scan)))
    return replace(document, path=str(path), media_type="image/" + path.suffix.lower().lstrip("."), metadata=())


def _pages(scan: Path) -> int:
    import pymupdf

    with pymupdf.open(str(scan)) as doc:
        return doc.page_count
