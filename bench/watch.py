"""Outbox watcher throughput, end to end: documents/s through a running ``redactor watch``.

Starts the daemon (2 workers) on temp folders, waits until its models are loaded, then renames a
batch into the inbox at once and times until the last audit entry. Two batches:

- 2-page text PDFs with personal data (each is redacted, verified and released with its log);
- a mixed batch: clean text files, clean text PDFs, 2-page PII PDFs and scanned (OCR) PDFs.

Peak memory is the largest sum of RSS over the daemon and its workers, sampled every 0.1 s.

    .venv/bin/python bench/watch.py            # 60 text PDFs + a 60-document mixed batch
    .venv/bin/python bench/watch.py --quick    # 20 + 20
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
import pymupdf

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.fixtures.pdf import build  # noqa: E402  (the test fixtures build the PDFs)

TARGET = 5.0
WORKERS = 2


def clean_pdf(path: Path) -> Path:
    doc = pymupdf.open()
    build.write_lines(doc.new_page(), ["Public notice", "The parking lot will be repaved next week.", "Thank you."])
    doc.save(path)
    return path


class PeakRss(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.peak = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
                self.peak = max(self.peak, sum(p.memory_info().rss for p in procs if p.is_running()))
            except psutil.Error:
                pass
            time.sleep(0.1)


def audited(log: Path) -> int:
    try:
        with open(log, "rb") as fh:
            return sum(1 for line in fh if line.endswith(b"\n"))
    except FileNotFoundError:
        return 0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of the daemon and its workers so far."""
    root = psutil.Process(pid)
    total = 0.0
    for p in [root, *root.children(recursive=True)]:
        try:
            t = p.cpu_times()
            total += t.user + t.system + t.children_user + t.children_system
        except psutil.Error:
            pass
    return total


def run_batch(inbox: Path, batch: list[Path], log: Path, proc: subprocess.Popen[bytes]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) from dropping ``batch`` until its last audit entry."""
    before = audited(log)
    cpu = cpu_seconds(proc.pid)
    start = time.perf_counter()
    for path in batch:
        os.rename(path, inbox / path.name)
    while audited(log) < before + len(batch):
        if proc.poll() is not None:
            raise SystemExit(f"bench: the watcher exited with {proc.returncode}")
        time.sleep(0.05)
    return time.perf_counter() - start, cpu_seconds(proc.pid) - cpu


def main() -> None:
    n = 20 if "--quick" in sys.argv else 60
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        src, inbox = tmp / "src", tmp / "inbox"
        src.mkdir()
        inbox.mkdir()
        texts = [build.long_report(src / f"text-{i:03d}.pdf", 2) for i in range(n)]
        mixed: list[Path] = []
        for i in range(n):
            kind = i % 10
            if kind < 3:
                path = src / f"mixed-{i:03d}.txt"
                path.write_text(f"Notice {i}: the parking lot is closed on Friday.\n")
            elif kind < 5:
                path = clean_pdf(src / f"mixed-{i:03d}.pdf")
            elif kind < 9:
                path = build.long_report(src / f"mixed-{i:03d}.pdf", 2)
            else:
                path = build.scanned_report(src / f"mixed-{i:03d}.pdf")
            mixed.append(path)
        state = tmp / "held" / ".redactor-watch"
        log = state / "audit.jsonl"
        stderr = open(tmp / "stderr.log", "wb")  # noqa: SIM115
        cmd = [sys.executable, "-m", "redactor", "watch", str(inbox), "--release", str(tmp / "out"),
               "--quarantine", str(tmp / "held"), "--blocked", str(tmp / "blocked"),
               "--workers", str(WORKERS), "--settle", "0.2", "--rescan", "2"]  # fmt: skip
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=stderr)
        rss = PeakRss(proc.pid)
        rss.start()
        while b"ready" not in (tmp / "stderr.log").read_bytes():
            if proc.poll() is not None:
                raise SystemExit(f"bench: the watcher did not start:\n{(tmp / 'stderr.log').read_text()[-2000:]}")
            time.sleep(0.1)
        load = time.perf_counter() - started
        took_text, cpu_text = run_batch(inbox, texts, log, proc)
        took_mixed, cpu_mixed = run_batch(inbox, mixed, log, proc)
        load_avg = os.getloadavg()[0]
        proc.send_signal(signal.SIGTERM)
        proc.wait(120)
        rss.done.set()
        rss.join()
        released = len(list((tmp / "out").glob("text-*.redactions.json")))
        if released != n:
            raise SystemExit(f"bench: only {released} of {n} text PDFs were released redacted")
        rate = n / took_text
        print(f"watch: start-up (model load, {WORKERS} workers) {load:.1f} s")
        cores = len(os.sched_getaffinity(0))
        print(f"watch: {n} 2-page text PDFs (redacted + verified) in {took_text:.1f} s = {rate:.1f} documents/s "
              f"(target >= {TARGET:g}) {'ok' if rate >= TARGET else 'BELOW TARGET'}; "
              f"{cpu_text / n:.2f} CPU s/document = {cores * n / cpu_text:.1f} documents/s on {cores} idle cores")  # fmt: skip
        print(f"watch: mixed batch of {n} (30% text, 20% clean PDF, 40% PII PDF, 10% scanned) in {took_mixed:.1f} s "
              f"= {n / took_mixed:.1f} documents/s; {cpu_mixed / n:.2f} CPU s/document")  # fmt: skip
        if load_avg > cores:
            print(f"watch: note: load average {load_avg:.1f} on {cores} cores: other processes shared the CPU")
        print(f"watch: peak RSS {rss.peak / 2**20:.0f} MB (daemon + {WORKERS} workers)")


if __name__ == "__main__":
    main()
