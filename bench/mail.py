#!/usr/bin/env python3
"""Mail gateway throughput and verdict latency through a real Postfix (``make bench``).

Starts the private loopback Postfix of the tests (tests/postfix/harness.py) with the milter, then
sends N messages from several concurrent SMTP clients: a mix of clean text, text with an SSN
(rejected) and clean mail with a 3-page PDF attachment. The same mix then goes through the same
Postfix on a listener without the milter. Prints messages/s and p50/p95/p99 of the time from
connect to Postfix's final answer to DATA (the verdict), per kind and overall.

    python bench/mail.py [--messages 300] [--clients 4]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests.postfix.client import send  # noqa: E402
from tests.postfix.harness import gateway  # noqa: E402
from tests.postfix.messages import CLEAN, REPORT_PAGE, SSN_TEXT, mail, text_pdf  # noqa: E402

POLICY = str(ROOT / "tests" / "postfix" / "policy.yaml")
KINDS = ("text clean", "text PII", "3-page PDF")
P95_TEXT_TARGET_MS = 250.0
RATE_TARGET = 20.0


def make(kind: str, i: int, pdf: bytes) -> EmailMessage:
    if kind == "text clean":
        return mail(f"Schedule {i}", CLEAN)
    if kind == "text PII":
        return mail(f"File update {i}", SSN_TEXT)
    return mail(f"Daily summary {i}", CLEAN, attachments=((f"summary-{i}.pdf", pdf, "application/pdf"),))


def percentile(values: list[float], q: float) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def run(port: int, count: int, clients: int, pdf: bytes) -> tuple[float, dict[str, list[float]], dict[int, int]]:
    jobs = [(KINDS[i % len(KINDS)], make(KINDS[i % len(KINDS)], i, pdf)) for i in range(count)]
    latencies: dict[str, list[float]] = {kind: [] for kind in KINDS}
    codes: dict[int, int] = {}

    def one(job: tuple[str, EmailMessage]) -> tuple[str, float, int]:
        kind, message = job
        started = time.perf_counter()
        answer = send(port, message)
        return kind, (time.perf_counter() - started) * 1000, answer.code

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        for kind, ms, code in pool.map(one, jobs):
            latencies[kind].append(ms)
            codes[code] = codes.get(code, 0) + 1
    return count / (time.perf_counter() - started), latencies, codes


def row(label: str, rate: float, values: list[float]) -> str:
    return (
        f"{label:28} {len(values):5} {rate:8.1f} {percentile(values, 50):8.1f} "
        f"{percentile(values, 95):8.1f} {percentile(values, 99):8.1f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    pdf = text_pdf([REPORT_PAGE.format(n=n, calls=40 + n) for n in (1, 2, 3)])
    print(f"== mail gateway: {args.messages} messages, {args.clients} concurrent clients, real Postfix on loopback")
    with gateway("--policy", POLICY) as gw:
        run(gw.ports.smtp, 12, 2, pdf)  # warm-up: Postfix processes, first scans
        results = {
            "milter": run(gw.ports.smtp, args.messages, args.clients, pdf),
            "no milter": run(gw.ports.plain, args.messages, args.clients, pdf),
        }
    print(f"{'setup / kind':28} {'n':>5} {'msg/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for name, (rate, latencies, codes) in results.items():
        print(row(f"{name}: all", rate, [v for vs in latencies.values() for v in vs]))
        for kind in KINDS:
            print(row(f"{name}: {kind}", 0.0, latencies[kind]).replace("     0.0 ", "       - ", 1))
        print(f"{'':28} answers: " + ", ".join(f"{code}×{n}" for code, n in sorted(codes.items())))
    rate, latencies, _ = results["milter"]
    text_p95 = percentile(latencies["text clean"] + latencies["text PII"], 95)
    print(
        f"text mail p95 {text_p95:.0f} ms [{'PASS' if text_p95 <= P95_TEXT_TARGET_MS else 'MISS'} target <= "
        f"{P95_TEXT_TARGET_MS:.0f} ms]; {rate:.1f} messages/s [{'PASS' if rate >= RATE_TARGET else 'MISS'} "
        f"target >= {RATE_TARGET:.0f}]"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
