"""Image pixels under the boxes of a released PDF must be blank (read from the output itself).

A rendered page shows the drawn box, not what lies under it, so OCR cannot prove that the
redaction blanked the image pixels under a box. This check reads the images themselves: on every
page, every opaque filled rectangle drawn after an image (``Page.get_drawings``, ordered against
the image by ``Page.get_bboxlog``) is mapped into that image's pixel space through the image's
placement (``Page.get_image_info`` ``transform``: the unit square to the page, in unrotated page
coordinates like the drawings, so a page's /Rotate needs no special case; a rotated or skewed
placement is handled by testing each pixel centre). The pixels whose centres lie inside the
rectangle, at least ``MARGIN`` pixel in from its edges along each axis, must be uniform within
``TOLERANCE`` in every channel, in the image itself and in its soft mask (/SMask) or stencil mask
(/Mask).

MuPDF blanks every pixel a redaction box touches to one value (white, and opaque in the mask) and
writes the image back Flate-encoded -- lossless, also when the input was a JPEG -- so a blanked
area is exactly uniform and the tolerance is small. There is no allowance for JPEG noise: a lossy
image under a box was not rewritten by the redaction, and fails. Inline images (no xref) are read
from the page's text-extraction image blocks. An image or mask that cannot be found or decoded, or
a mask given in a form not read here, fails the check (fail closed). Fills drawn before the image
(a page background) do not cover it; fills less than ``MIN_OPACITY`` opaque do not hide it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pymupdf

TOLERANCE = 2  # levels of 255 between the darkest and lightest pixel of a blanked area
MARGIN = 1.0  # pixels in from the box's edges left unchecked (rounding of the blanked area)
MIN_OPACITY = 0.5  # a fill at least this opaque hides what is under it from the rendered page
IMAGE_OPS = ("fill-image", "fill-imgmask")
PLACEMENT_TOLERANCE = 0.5  # points: an image block and an image info describe the same placement


@dataclass(frozen=True)
class Fill:
    """An opaque filled rectangle and its place in the page's drawing order."""

    rect: pymupdf.Rect
    seqno: int


@dataclass(frozen=True)
class Placed:
    """An image drawn on a page: its number on the page, xref (0: inline), placement, position in
    the drawing order (-1: unknown, every fill counts) and page bounding box."""

    number: int
    xref: int
    transform: pymupdf.Matrix
    seqno: int
    bbox: pymupdf.Rect


def fills(page: pymupdf.Page) -> list[Fill]:
    """Every rectangle of every opaque filled path on the page (one path may hold many)."""
    out = []
    for drawing in page.get_drawings():
        if drawing.get("fill") is None or drawing.get("type") not in ("f", "fs"):
            continue
        opacity = drawing.get("fill_opacity")
        if opacity is not None and opacity < MIN_OPACITY:
            continue
        for item in drawing["items"]:
            if item[0] == "re":
                out.append(Fill(pymupdf.Rect(item[1]), drawing["seqno"]))
            elif item[0] == "qu":
                out.append(Fill(pymupdf.Quad(item[1]).rect, drawing["seqno"]))
    return [f for f in out if not f.rect.is_empty]


def placed_images(page: pymupdf.Page, log: list[tuple[str, Any]]) -> list[Placed]:
    """Every image drawn on the page with its position in the drawing order (the first unclaimed
    image entry of the page's bbox log at the same place)."""
    entries = [(n, pymupdf.Rect(rect)) for n, (op, rect) in enumerate(log) if op in IMAGE_OPS]
    claimed: set[int] = set()
    out = []
    for info in page.get_image_info(xrefs=True):
        bbox = pymupdf.Rect(info["bbox"])
        seqno = next((n for n, r in entries if n not in claimed and same_rect(r, bbox)), -1)
        claimed.add(seqno)
        out.append(Placed(info["number"], info.get("xref", 0), pymupdf.Matrix(info["transform"]), seqno, bbox))
    return out


def same_rect(a: pymupdf.Rect, b: pymupdf.Rect) -> bool:
    return all(abs(x - y) <= PLACEMENT_TOLERANCE for x, y in zip(a, b))


def pixels(pix: pymupdf.Pixmap) -> np.ndarray:
    """A pixmap's samples as (height, width, channels)."""
    rows = np.frombuffer(pix.samples_mv, dtype=np.uint8).reshape(pix.height, pix.stride)
    return rows[:, : pix.width * pix.n].reshape(pix.height, pix.width, pix.n)


def under(shape: tuple[int, int], transform: pymupdf.Matrix, rect: pymupdf.Rect, margin: float) -> np.ndarray | None:
    """(rows, cols) of the pixels of an image of ``shape`` (height, width) placed by ``transform``
    whose centres lie inside ``rect`` at least ``margin`` pixels from its edges, or None."""
    height, width = shape
    to_page = pymupdf.Matrix(1 / width, 0, 0, 1 / height, 0, 0) * transform  # pixel space -> page
    if abs(to_page.a * to_page.d - to_page.b * to_page.c) < 1e-12:
        return None
    corners = [p * ~to_page for p in (rect.tl, rect.tr, rect.bl, rect.br)]
    x0 = max(0, int(np.floor(min(p.x for p in corners))))
    x1 = min(width, int(np.ceil(max(p.x for p in corners))))
    y0 = max(0, int(np.floor(min(p.y for p in corners))))
    y1 = min(height, int(np.ceil(max(p.y for p in corners))))
    if x0 >= x1 or y0 >= y1:
        return None
    cols, rows = np.meshgrid(np.arange(x0, x1) + 0.5, np.arange(y0, y1) + 0.5)
    px = to_page.a * cols + to_page.c * rows + to_page.e
    py = to_page.b * cols + to_page.d * rows + to_page.f
    dx = margin * (abs(to_page.a) + abs(to_page.c))  # a pixel's extent along the page's x, y
    dy = margin * (abs(to_page.b) + abs(to_page.d))
    inside = (px >= rect.x0 + dx) & (px <= rect.x1 - dx) & (py >= rect.y0 + dy) & (py <= rect.y1 - dy)
    if not inside.any():
        return None
    ys, xs = np.nonzero(inside)
    return np.stack([ys + y0, xs + x0])


def blank(samples: np.ndarray, transform: pymupdf.Matrix, rect: pymupdf.Rect) -> bool:
    """Whether the pixels of an image under ``rect`` are uniform (within ``TOLERANCE``)."""
    where = under(samples.shape[:2], transform, rect, MARGIN)
    if where is None:
        return True
    values = samples[where[0], where[1]].astype(np.int16)
    return bool((values.max(axis=0) - values.min(axis=0)).max() <= TOLERANCE)


def xref_layers(doc: pymupdf.Document, xref: int) -> Iterator[tuple[str, np.ndarray]]:
    """The decoded samples of an image XObject and of its masks (raises if one is unreadable)."""
    yield "image", pixels(pymupdf.Pixmap(doc, xref))
    for key in ("SMask", "Mask"):
        kind, value = doc.xref_get_key(xref, key)
        if kind == "xref":
            mask = int(value.split()[0])
            yield key, pixels(pymupdf.Pixmap(doc, mask))
        elif kind not in ("null", "array"):  # a color-key /Mask array holds no pixels
            raise ValueError(f"/{key} of type {kind}")


def inline_layers(page: pymupdf.Page, image: Placed) -> Iterator[tuple[str, np.ndarray]]:
    """An inline image's samples (and mask) from the page's text-extraction image blocks."""
    blocks = page.get_text("dict", flags=pymupdf.TEXT_PRESERVE_IMAGES)["blocks"]
    for block in blocks:
        if block.get("type") == 1 and same_matrix(pymupdf.Matrix(block["transform"]), image.transform):
            yield "image", pixels(pymupdf.Pixmap(block["image"]))
            if block.get("mask"):
                yield "mask", pixels(pymupdf.Pixmap(block["mask"]))
            return
    raise ValueError("inline image not found among the page's image blocks")


def same_matrix(a: pymupdf.Matrix, b: pymupdf.Matrix) -> bool:
    return all(abs(x - y) <= PLACEMENT_TOLERANCE for x, y in zip(a, b))


def covering(image: Placed, boxes: list[Fill]) -> list[pymupdf.Rect]:
    """The fills drawn after the image that overlap it."""
    return [f.rect for f in boxes if f.seqno > image.seqno and f.rect.intersects(image.bbox)]


def check_page(page: pymupdf.Page) -> tuple[list[str], int]:
    """Problems on one page, and how many (image, box) pairs were checked."""
    log = page.get_bboxlog()
    if not any(op in IMAGE_OPS for op, _ in log):
        return [], 0
    boxes = fills(page)
    problems, checked = [], 0
    for image in placed_images(page, log):
        rects = covering(image, boxes)
        if not rects:
            continue
        layers = xref_layers(page.parent, image.xref) if image.xref else inline_layers(page, image)
        try:
            for layer, samples in layers:
                for rect in rects:
                    checked += 1
                    if not blank(samples, image.transform, rect):
                        problems.append(
                            f"image pixels: page {page.number + 1}: {layer} {image.number + 1} is not blank under "
                            f"the filled box at ({rect.x0:.0f}, {rect.y0:.0f}, {rect.x1:.0f}, {rect.y1:.0f})"
                        )
        except Exception as exc:  # unreadable: fail closed
            problems.append(
                f"image pixels: page {page.number + 1}: image {image.number + 1} under a filled box could not be "
                f"read ({type(exc).__name__})"
            )
    return problems, checked


def check(doc: pymupdf.Document) -> tuple[list[str], int]:
    """Problems over all pages, and the number of (image layer, box) pairs checked."""
    problems: list[str] = []
    checked = 0
    for page in doc:
        found, n = check_page(page)
        problems += found
        checked += n
    return problems, checked
