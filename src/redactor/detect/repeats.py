"""Every occurrence of an identifier: once a plate, licence, case or badge number is found where
a label names it ("KS tag 412 KFR"), its later occurrences without a label ("the BOLO for KS 412
KFR", "BQV8823" in a CAD line) are findings too. Redacting one and releasing the other leaks it.
"""

from __future__ import annotations

from dataclasses import replace

import regex

from redactor.model import Finding

REPEATED_TYPES = frozenset(
    {
        "LICENSE_PLATE",
        "US_DRIVER_LICENSE",
        "CASE_NUMBER",
        "BADGE_NUMBER",
        "INFORMANT_ID",
        "WITNESS_ID",
        "US_PASSPORT",
        "US_SSN",
    }
)
MIN_CHARS = 5  # letters and digits; a bare "07" or "162" is found everywhere
REPEAT_SCORE = 0.8
ALNUM = regex.compile(r"[A-Za-z0-9]")


def pattern_of(value: str) -> regex.Pattern[str] | None:
    """The value with or without its spaces and hyphens ("BQV-8823", "BQV 8823", "BQV8823"); None
    for values too short or without a digit to be told apart from other text."""
    chars = ALNUM.findall(value)
    if len(chars) < MIN_CHARS or not any(c.isdigit() for c in chars):
        return None
    body = r"[- ]?".join(regex.escape(c) for c in chars)
    return regex.compile(rf"(?<![\w-]){body}(?![\w-])", regex.IGNORECASE)


def repeat_identifiers(text: str, findings: list[Finding]) -> list[Finding]:
    seen: dict[str, Finding] = {}
    for f in findings:
        if f.type in REPEATED_TYPES:
            seen.setdefault("".join(ALNUM.findall(f.value)).upper(), f)
    added: list[Finding] = []
    taken = [(f.start, f.end) for f in findings]
    for source in seen.values():
        pattern = pattern_of(source.value)
        if pattern is None:
            continue
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            added.append(
                replace(
                    source,
                    start=m.start(),
                    end=m.end(),
                    value=m.group(),
                    score=min(source.score, REPEAT_SCORE),
                    recognizer="redactor.repeat",
                    explanation="the same value as a finding elsewhere in the document",
                )
            )
    return sorted(findings + added, key=lambda f: (f.start, f.end)) if added else findings
