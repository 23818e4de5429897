"""Redaction throughput: pages/s for text PDFs and for scanned pages, peak RSS for 500 pages.

Each measurement is the full release path (extract + OCR, detect, plan, apply, sanitize, save,
verify with pdftotext + PyMuPDF + raw scan + OCR of what the redaction changed on scanned pages
+ re-detection), after the engine is loaded. Test PDFs are generated into a temp dir with
tests/fixtures/pdf/build.py.

The scanned run also prints the CPU seconds it used (this process and its Tesseract children):
on a shared machine the wall time depends on the load, the CPU time much less.

    .venv/bin/python bench/redaction.py              # all three
    .venv/bin/python bench/redaction.py --quick      # smaller sizes
    .venv/bin/python bench/redaction.py --scanned 5  # only the scanned run, 5 times, and the medians
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pymupdf

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.fixtures.pdf import build  # noqa: E402  (the test fixtures build the PDFs)


def scanned(path: Path, pages: int) -> Path:
    """Image-only pages (200 dpi grayscale) of a typical narrative page."""
    text = build.long_report(path.with_suffix(".src.pdf"), 1)
    src = pymupdf.open(text)
    png = src[0].get_pixmap(dpi=200, colorspace=pymupdf.csGRAY).tobytes("png")
    doc = pymupdf.open()
    for _ in range(pages):
        page = doc.new_page(width=src[0].rect.width, height=src[0].rect.height)
        page.insert_image(page.rect, stream=png)
    doc.save(path, deflate=True)
    return path


def cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(releaser: object, src: Path, out: Path) -> float:
    from redactor.errors import ExitCode
    from redactor.redact.release import redact

    start = time.perf_counter()
    outcomes = redact(releaser, src, out)  # type: ignore[arg-type]
    elapsed = time.perf_counter() - start
    bad = [o for o in outcomes if o.exit_code != ExitCode.OK]
    if bad:
        raise SystemExit(f"bench: redaction failed: {bad[0].error} {bad[0].problems[:3]}")
    return elapsed


def one(path: str, out: str) -> None:
    """Child process for the peak-RSS measurement: load the engine, redact one file."""
    from redactor.redact.release import Releaser

    start = time.perf_counter()
    took = timed(Releaser(), Path(path), Path(out))
    print(f"{took:.1f} {time.perf_counter() - start:.1f}")


def scanned_run(releaser: object, src: Path, out: Path, pages: int) -> tuple[float, float]:
    """Redact the scanned PDF once and print the result: (pages/s, CPU seconds)."""
    cpu = cpu_seconds()
    took = timed(releaser, src, out)
    cpu = cpu_seconds() - cpu
    print(
        f"redact scanned PDF: {pages} pages in {took:.1f} s = {pages / took:.2f} pages/s (target >= 1), CPU {cpu:.1f} s"
    )
    return pages / took, cpu


def scanned_only(releaser: object, tmp: Path, runs: int) -> None:
    """The scanned run ``runs`` times on one file, then the medians (the machine may be shared)."""
    src = scanned(tmp / "scan.pdf", 8)
    results = [scanned_run(releaser, src, tmp / f"scan.{n}.out.pdf", 8) for n in range(runs)]
    rate, cpu = (statistics.median(r[i] for r in results) for i in range(2))
    print(f"median of {runs}: {rate:.2f} pages/s, CPU {cpu:.1f} s")


def main() -> None:
    quick = "--quick" in sys.argv
    from redactor.redact.release import Releaser

    releaser = Releaser()
    releaser.engine  # noqa: B018 - load the model outside the timings
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if "--scanned" in sys.argv:
            scanned_only(releaser, tmp, int(sys.argv[sys.argv.index("--scanned") + 1]))
            return
        n_text = 20 if quick else 50
        src = build.long_report(tmp / "text.pdf", n_text)
        took = timed(releaser, src, tmp / "text.out.pdf")
        print(f"redact text PDF: {n_text} pages in {took:.1f} s = {n_text / took:.1f} pages/s (target >= 10)")
        n_scan = 4 if quick else 8
        scanned_run(releaser, scanned(tmp / "scan.pdf", n_scan), tmp / "scan.out.pdf", n_scan)
        n_big = 100 if quick else 500
        big = build.long_report(tmp / "big.pdf", n_big)
        proc = subprocess.run(
            [sys.executable, __file__, "--one", str(big), str(tmp / "big.out.pdf")],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            raise SystemExit(f"bench: {n_big}-page run failed: {proc.stderr[-2000:]}")
        took, _total = (float(v) for v in proc.stdout.split())
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(
            f"redact {n_big}-page text PDF: {took:.1f} s = {n_big / took:.1f} pages/s, "
            f"peak RSS {rss:.0f} MB (whole process incl. model)"
        )


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--one":
        one(sys.argv[2], sys.argv[3])
    else:
        main()
