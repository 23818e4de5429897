"""Render page 1 of a sample before and after `redactor redact`, side by side, for the README.

    .venv/bin/redactor redact samples/corpus/dev -o out/release --bates-prefix DEMO-
    .venv/bin/python samples/release/before_after.py out/release ir_agg_assault_laspalmas.pdf

The picture is rendered from the real released file, not mocked up.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pymupdf

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    released = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "out" / "release"
    name = sys.argv[2] if len(sys.argv) > 2 else "ir_agg_assault_laspalmas.pdf"
    before = pymupdf.open(ROOT / "samples" / "corpus" / "dev" / name)[0]
    after = pymupdf.open(released / name)[0]
    clip = pymupdf.Rect(0, 0, before.rect.width, before.rect.height * 0.55)
    left = before.get_pixmap(dpi=90, clip=clip)
    right = after.get_pixmap(dpi=90, clip=clip)
    gap = 16
    canvas = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, left.width + right.width + gap, left.height), False)
    canvas.clear_with(200)
    left.set_origin(0, 0)
    right.set_origin(left.width + gap, 0)
    canvas.copy(left, left.irect)
    canvas.copy(right, right.irect)
    out = Path(__file__).with_name("before_after.png")
    canvas.save(out)
    print(out)


if __name__ == "__main__":
    main()
