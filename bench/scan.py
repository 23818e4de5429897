"""Share-scan speed: local parallel scan of mixed small files, no-change re-scan, 1 vs 2 Dask workers.

    .venv/bin/python bench/scan.py [N_FILES]

Prints files/s and MB/s for a first scan with --jobs 2 (model loading included), the speed-up of a
re-scan with nothing changed (state database), and the wall time with 1 and 2 Dask workers.
Targets (issue 7): >= 50 files/s on mixed small office files; a no-change re-scan >= 20x faster.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.share_gen import MAX_SIZE_MB, generate

from redactor.batch import FileResult
from redactor.sharescan.run import ScanConfig, scan


def timed(config: ScanConfig) -> tuple[float, list[FileResult]]:
    results: list[FileResult] = []
    start = time.perf_counter()
    scan(config, results.append)
    return time.perf_counter() - start, results


def main() -> None:
    files = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    jobs = min(2, os.cpu_count() or 1) if len(sys.argv) <= 2 else int(sys.argv[2])
    with tempfile.TemporaryDirectory(prefix="redactor-bench-") as tmp:
        root = Path(tmp) / "share"
        generate(root, files, images=0)
        mb = sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6
        base = {"paths": [str(root)], "max_size": MAX_SIZE_MB << 20}
        first, results = timed(ScanConfig(**base, jobs=jobs, state_path=f"{tmp}/state.db"))
        again, _ = timed(ScanConfig(**base, jobs=jobs, state_path=f"{tmp}/state.db"))
        n = len(results)
        print(f"scan: {n} files, {mb:.1f} MB, jobs={jobs}")
        print(
            f"  first scan      {first:7.1f} s  {n / first:6.1f} files/s  {mb / first:5.2f} MB/s  (target >= 50 files/s)"
        )
        print(f"  no-change again {again:7.2f} s  speed-up {first / again:5.1f}x  (target >= 20x)")
        dask = {}
        for workers in (1, 2):
            dask[workers], _ = timed(ScanConfig(**base, dask_workers=workers))
            print(
                f"  dask {workers} worker{'s' if workers > 1 else ' '}   {dask[workers]:7.1f} s  {n / dask[workers]:6.1f} files/s"
            )
        print(f"  dask speed-up 1 -> 2 workers: {dask[1] / dask[2]:.2f}x on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
