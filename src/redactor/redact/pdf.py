"""Apply redactions to a PDF with PyMuPDF so that the content under each box is really gone.

Per page, two passes of redaction annotations, each added in full and applied once:

1. text: boxes shrunk to the middle of the line (MuPDF removes every glyph a box touches, so a
   full-height character box would also eat descenders and ascenders of the lines above and
   below); text only.
2. images and vector graphics: the full box (padded on scanned pages, whose OCR word boxes are
   tight); image pixels under it are blanked, graphics removed (if covered, or if touched).

Then the visible box and its exemption label are drawn (base-14 Helvetica, sized to fit or left
off; the log carries the exemption anyway), withheld pages are replaced by a placeholder page,
the file is sanitized, Bates numbers are stamped, and the result is saved in full.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pymupdf

from redactor.extract.pdf import open_pdf
from redactor.model import Rect
from redactor.redact import sanitize
from redactor.redact.plan import Options, Withheld

GRAPHICS_MODES = {
    "covered": pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_COVERED,
    "touched": pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_TOUCHED,
    "none": pymupdf.PDF_REDACT_LINE_ART_NONE,
}
TEXT_SHRINK_Y = 0.25  # of the box height, top and bottom (tested: neighbouring lines survive)
TEXT_SHRINK_X = 0.08  # of the box height, left and right, at most 1 pt
DRAW_SHRINK_Y = 0.10  # the visible box: a little less than the full font height
OCR_PAD = 1.5  # points around OCR word boxes
LABEL_MAX_PT = 9.0
LABEL_MIN_PT = 4.0  # base-14 text below ~4 pt is not legible


@dataclass(frozen=True)
class Box:
    page: int  # 0-based
    rect: Rect
    label: str
    ocr: bool = False


def text_rect(rect: pymupdf.Rect) -> pymupdf.Rect:
    h = rect.height
    dx = min(1.0, TEXT_SHRINK_X * h, rect.width * 0.3)
    return pymupdf.Rect(rect.x0 + dx, rect.y0 + TEXT_SHRINK_Y * h, rect.x1 - dx, rect.y1 - TEXT_SHRINK_Y * h)


def area_rect(box: Box) -> pymupdf.Rect:
    rect = pymupdf.Rect(box.rect)
    return pymupdf.Rect(rect.x0 - OCR_PAD, rect.y0 - OCR_PAD, rect.x1 + OCR_PAD, rect.y1 + OCR_PAD) if box.ocr else rect


def draw_rect(box: Box) -> pymupdf.Rect:
    rect = pymupdf.Rect(box.rect)
    if box.ocr:
        return area_rect(box)
    dy = DRAW_SHRINK_Y * rect.height
    return pymupdf.Rect(rect.x0, rect.y0 + dy, rect.x1, rect.y1 - dy)


def redact_page(page: pymupdf.Page, boxes: Sequence[Box], options: Options) -> None:
    for box in boxes:
        rect = pymupdf.Rect(box.rect)
        page.add_redact_annot(rect if box.ocr else text_rect(rect), fill=False, cross_out=False)
    page.apply_redactions(
        images=pymupdf.PDF_REDACT_IMAGE_NONE,
        graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
        text=pymupdf.PDF_REDACT_TEXT_REMOVE,
    )
    for box in boxes:
        page.add_redact_annot(area_rect(box), fill=False, cross_out=False)
    page.apply_redactions(
        images=pymupdf.PDF_REDACT_IMAGE_PIXELS,
        graphics=GRAPHICS_MODES[options.graphics],
        text=pymupdf.PDF_REDACT_TEXT_NONE,
    )
    fill = options.rgb()
    ink = (1.0, 1.0, 1.0) if sum(fill) < 1.5 else (0.0, 0.0, 0.0)
    shape = page.new_shape()
    for box in boxes:
        shape.draw_rect(draw_rect(box))
    shape.finish(color=None, fill=fill, width=0)
    shape.commit(overlay=True)
    if options.labels:
        for box in boxes:
            draw_label(page, draw_rect(box), box.label, ink)


def fit_label(label: str, width: float, height: float) -> tuple[str, float] | None:
    for text in (label, label.replace(" ", "")):
        size = min(LABEL_MAX_PT, height * 0.75)
        length = pymupdf.get_text_length(text, fontname="helv", fontsize=size)
        if length > width - 2:
            size *= (width - 2) / length
        if size >= LABEL_MIN_PT:
            return text, size
    return None


def draw_label(page: pymupdf.Page, rect: pymupdf.Rect, label: str, ink: tuple[float, float, float]) -> None:
    """The exemption code inside a box, upright as the page is displayed."""
    shown = rect * page.rotation_matrix  # as displayed
    shown.normalize()
    fitted = fit_label(label, shown.width, shown.height)
    if fitted is None:
        return
    text, size = fitted
    baseline = pymupdf.Point(shown.x0 + 1, shown.y0 + (shown.height + 0.7 * size) / 2)
    page.insert_text(
        baseline * page.derotation_matrix, text, fontname="helv", fontsize=size, color=ink, rotate=page.rotation
    )


def stamp(page: pymupdf.Page, text: str) -> None:
    """A Bates number at the bottom right of the page as displayed."""
    size = 8.0
    width = pymupdf.get_text_length(text, fontname="helv", fontsize=size)
    shown = page.rect
    point = pymupdf.Point(shown.x1 - width - 18, shown.y1 - 12)
    page.insert_text(
        point * page.derotation_matrix, text, fontname="helv", fontsize=size, color=(0, 0, 0), rotate=page.rotation
    )


def placeholder(doc: pymupdf.Document, index: int, width: float, height: float, lines: list[str]) -> None:
    page = doc.new_page(index, width=width, height=height)
    y = height / 2 - 20 * len(lines) / 2
    for i, line in enumerate(lines):
        size = 16.0 if i == 0 else 11.0
        w = pymupdf.get_text_length(line, fontname="helv", fontsize=size)
        page.insert_text((max(36.0, (width - w) / 2), y), line, fontname="helv", fontsize=size)
        y += 24 if i == 0 else 16
    page.draw_rect(pymupdf.Rect(36, 36, width - 36, height - 36), color=(0, 0, 0), width=1)


def withheld_runs(withheld: dict[int, Withheld]) -> list[tuple[int, int, Withheld]]:
    """Consecutive withheld pages with the same exemption: (first, last, entry), 0-based."""
    runs: list[tuple[int, int, Withheld]] = []
    for page in sorted(withheld):
        entry = withheld[page]
        if runs and runs[-1][1] == page - 2 and runs[-1][2].exemption == entry.exemption:
            runs[-1] = (runs[-1][0], page - 1, entry)
        else:
            runs.append((page - 1, page - 1, entry))
    return runs


def write_redacted(
    source: Path,
    output: Path,
    boxes: Sequence[Box],
    withheld: dict[int, Withheld],
    options: Options,
    bates: Sequence[str] | None = None,
) -> list[str]:
    """Write the redacted, sanitized PDF. Returns the Bates label of each output page ('' if none)."""
    doc = open_pdf(source)
    try:
        by_page: dict[int, list[Box]] = {}
        for box in boxes:
            by_page.setdefault(box.page, []).append(box)
        for number in sorted(by_page):
            if number + 1 not in withheld:
                redact_page(doc[number], by_page[number], options)
        labels = list(bates) if bates else [""] * doc.page_count
        for first, last, entry in reversed(withheld_runs(withheld)):
            rect = doc[first].rect
            count = last - first + 1
            pages = f"Page {first + 1}" if count == 1 else f"Pages {first + 1}-{last + 1}"
            lines = [
                "WITHHELD IN FULL",
                f"{pages} ({count} page{'s' if count > 1 else ''})",
                f"Exemption: {entry.exemption}",
            ]
            if bates:
                lines.append(f"Bates {bates[first]}" + (f" - {bates[last]}" if count > 1 else ""))
            doc.delete_pages(first, last)
            placeholder(doc, first, rect.width, rect.height, lines)
            labels[first : last + 1] = [labels[first] + (f" - {labels[last]}" if count > 1 and bates else "")]
        sanitize.sanitize(doc)
        if bates:
            for page, label in zip(doc, labels):
                stamp(page, label)
        sanitize.save(doc, output)
        return labels
    finally:
        doc.close()
