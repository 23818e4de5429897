"""Cost of each pattern in rules/recognizers.yaml: milliseconds to scan a corpus split, slowest first.

Detection must stay >= 5x faster than vanilla Presidio (bench/detection.py), and one badly anchored
pattern can cost a tenth of that: a pattern that opens with a variable-length lookbehind is tried at
every position of the text. Run this after adding or changing a pattern.

    .venv/bin/python bench/patterns.py                 # held-out split, the 12 slowest patterns
    .venv/bin/python bench/patterns.py --split dev9 --top 30
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import regex

from redactor.rules import load_rules

CORPUS = Path(__file__).resolve().parents[1] / "samples" / "corpus"


def timings(text: str) -> list[tuple[float, str, int]]:
    """(seconds, recognizer/pattern, matches) for every pattern of the rules, on ``text``."""
    rows = []
    for rule in load_rules().recognizers:
        flags = regex.MULTILINE | (regex.IGNORECASE if rule.ignore_case else 0)
        for pattern in rule.patterns:
            compiled = regex.compile(pattern.regex, flags)
            start = time.perf_counter()
            matches = sum(1 for _ in compiled.finditer(text))
            rows.append((time.perf_counter() - start, f"{rule.name}/{pattern.name}", matches))
    return sorted(rows, reverse=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="heldout", help="corpus split to scan (default: heldout)")
    parser.add_argument("--top", type=int, default=12, help="how many patterns to print")
    args = parser.parse_args()
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((CORPUS / args.split).glob("*.txt")))
    rows = timings(text)
    print(f"{len(text):,} characters of {args.split}; all patterns {sum(r[0] for r in rows) * 1000:.0f} ms")
    for seconds, name, matches in rows[: args.top]:
        print(f"{seconds * 1000:8.1f} ms  {matches:5} matches  {name}")


if __name__ == "__main__":
    main()
