"""The one data model shared by every channel: Document in, Findings out.

A ``Document`` is the extracted text of a file plus, for formats with geometry (PDF, OCR), the
box of every character. Everything downstream works on character offsets into ``Document.text``;
only the PDF redactor turns offsets back into rectangles.
"""

from __future__ import annotations

import bisect
import hashlib
import hmac
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 in page coordinates (points)

PAGE_SEPARATOR = "\f"


class Role(str, Enum):
    OFFICER = "officer"
    VICTIM = "victim"
    WITNESS = "witness"
    SUSPECT = "suspect"
    INFORMANT = "informant"
    JUVENILE = "juvenile"
    GUARDIAN = "guardian"
    OTHER = "other"


ENTITY_TYPES: tuple[str, ...] = (
    "PERSON",
    "US_SSN",
    "DATE_OF_BIRTH",
    "PHONE_NUMBER",
    "EMAIL_ADDRESS",
    "STREET_ADDRESS",
    "US_DRIVER_LICENSE",
    "LICENSE_PLATE",
    "WITNESS_ID",
    "INFORMANT_ID",
    "CASE_NUMBER",
    "BADGE_NUMBER",
    "CREDIT_CARD",
    "IBAN_CODE",
    "IP_ADDRESS",
    "US_PASSPORT",
)


@dataclass(frozen=True)
class Page:
    """One page of a document. ``start``/``end`` are offsets into ``Document.text``.

    ``boxes`` holds one rectangle (or None for synthetic characters such as inserted spaces and
    newlines) per character of the page text; it is empty for formats without geometry.
    """

    index: int
    start: int
    end: int
    width: float = 0.0
    height: float = 0.0
    boxes: tuple[Rect | None, ...] = ()
    ocr: bool = False
    label: str = ""  # where the page came from inside a container ("attachment report.pdf", "sheet Q3")
    ocr_digest: str = ""  # OCR'd pages: digest of the rendered image the OCR text was read from

    def rects(self, start: int, end: int) -> list[Rect]:
        """Rectangles covering document offsets [start, end) on this page, one per line run."""
        if not self.boxes:
            return []
        lo, hi = max(start, self.start) - self.start, min(end, self.end) - self.start
        merged: list[Rect] = []
        for box in self.boxes[lo:hi]:
            if box is None:
                continue
            if merged and _same_line(merged[-1], box):
                x0, y0, x1, y1 = merged[-1]
                merged[-1] = (min(x0, box[0]), min(y0, box[1]), max(x1, box[2]), max(y1, box[3]))
            else:
                merged.append(box)
        return merged


def _same_line(a: Rect, b: Rect) -> bool:
    overlap = min(a[3], b[3]) - max(a[1], b[1])
    return overlap > 0.5 * min(a[3] - a[1], b[3] - b[1]) and b[0] >= a[0] - 1.0


@dataclass(frozen=True)
class Document:
    path: str
    text: str
    pages: tuple[Page, ...]
    media_type: str = "text/plain"
    metadata: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_text(cls, text: str, path: str = "<text>") -> Document:
        return cls(path=path, text=text, pages=(Page(index=0, start=0, end=len(text)),))

    @classmethod
    def combine(cls, path: str, parts: Sequence[tuple[str, Document]], media_type: str) -> Document:
        """One document from the parts of a container (attachments, archive members, sheets).

        Texts are joined with page separators; each page keeps its boxes and gets the part's
        label, so findings can be reported as "attachment report.pdf, page 2".
        """
        texts: list[str] = []
        pages: list[Page] = []
        offset = 0
        for label, part in parts:
            for page in part.pages:
                pages.append(
                    replace(
                        page,
                        index=len(pages),
                        start=page.start + offset,
                        end=page.end + offset,
                        label=" / ".join(x for x in (label, page.label) if x),
                    )
                )
            texts.append(part.text + PAGE_SEPARATOR)
            offset += len(part.text) + len(PAGE_SEPARATOR)
        if not pages:
            pages.append(Page(index=0, start=0, end=0))
        return cls(path=path, text="".join(texts), pages=tuple(pages), media_type=media_type)

    def page_at(self, offset: int) -> Page:
        starts = [p.start for p in self.pages]
        return self.pages[max(0, bisect.bisect_right(starts, offset) - 1)]

    def rects(self, start: int, end: int) -> Iterator[tuple[int, Rect]]:
        """(page index, rectangle) pairs covering the text span [start, end)."""
        for page in self.pages:
            if page.end > start and page.start < end:
                for rect in page.rects(start, end):
                    yield page.index, rect


@dataclass(frozen=True)
class Finding:
    """One piece of personal data. ``value`` is the raw text: never print or log it."""

    type: str
    start: int
    end: int
    score: float
    recognizer: str
    value: str = field(repr=False)
    role: Role | None = None
    explanation: str = ""

    def masked(self) -> str:
        return mask(self.type, self.value)

    def value_hash(self, salt: bytes) -> str:
        return salted_hash(self.value, salt)

    def overlaps(self, other: Finding) -> bool:
        return self.start < other.end and other.start < self.end


def salted_hash(value: str, salt: bytes) -> str:
    normal = " ".join(value.lower().split())
    return hmac.new(salt, normal.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def mask(entity_type: str, value: str) -> str:
    """A masked form that keeps shape and, for long numbers, the last four digits."""
    if entity_type in {"US_SSN", "CREDIT_CARD", "IBAN_CODE", "US_DRIVER_LICENSE", "US_PASSPORT"}:
        digits_seen = 0
        out = []
        for ch in reversed(value):
            if ch.isalnum():
                digits_seen += 1
                out.append(ch if digits_seen <= 4 and len(value) > 6 else "*")
            else:
                out.append(ch)
        return "".join(reversed(out))
    if entity_type == "EMAIL_ADDRESS" and "@" in value:
        local, _, domain = value.partition("@")
        return f"{local[:1]}***@{domain}"
    return " ".join(word[:1] + "*" * (len(word) - 1) for word in value.split())
