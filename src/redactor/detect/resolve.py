"""Turning overlapping raw results into one clean list of findings."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import replace

import regex

from redactor.model import Finding

# When spans of different types overlap, the earlier type in this list wins: a name inside a
# street address ("Martin Luther King Jr Blvd") is part of the address, a code name is an
# informant identifier, and so on.
PRIORITY = (
    "US_SSN",
    "EMAIL_ADDRESS",
    "CREDIT_CARD",
    "IBAN_CODE",
    "DATE_OF_BIRTH",
    "INFORMANT_ID",
    "WITNESS_ID",
    "US_PASSPORT",
    "US_DRIVER_LICENSE",
    "LICENSE_PLATE",
    "BADGE_NUMBER",
    "STREET_ADDRESS",
    "PHONE_NUMBER",
    "CASE_NUMBER",
    "IP_ADDRESS",
    "PERSON",
)
RANK = {name: i for i, name in enumerate(PRIORITY)}


def merge_same_type(findings: Iterable[Finding]) -> list[Finding]:
    """Overlapping findings of one type become one finding spanning both, with the best score."""
    out: list[Finding] = []
    by_type: dict[str, list[Finding]] = {}
    for f in findings:
        by_type.setdefault(f.type, []).append(f)
    for group in by_type.values():
        group.sort(key=lambda f: (f.start, -f.end))
        current = group[0]
        for f in group[1:]:
            if f.start < current.end:
                best = current if current.score >= f.score else f
                start, end = current.start, max(current.end, f.end)
                current = replace(best, start=start, end=end, value="")
            else:
                out.append(current)
                current = f
        out.append(current)
    return out


def drop_conflicts(findings: list[Finding]) -> list[Finding]:
    """Of findings of different types that overlap, keep the one of higher priority."""
    ordered = sorted(findings, key=lambda f: (RANK.get(f.type, len(RANK)), -f.score, f.start))
    kept: list[Finding] = []  # sorted by start; kept findings never overlap each other
    starts: list[int] = []
    for f in ordered:
        i = bisect.bisect_left(starts, f.end)
        if i > 0 and kept[i - 1].end > f.start:
            continue
        kept.insert(i, f)
        starts.insert(i, f.start)
    return kept


def allow_list_pattern(allow_list: frozenset[str]) -> regex.Pattern[str] | None:
    if not allow_list:
        return None
    words = "|".join(regex.escape(w) for w in sorted(allow_list, key=len, reverse=True))
    return regex.compile(rf"(?<![\w])(?:{words})(?![\w])", regex.IGNORECASE)


def allow_listed_spans(text: str, pattern: regex.Pattern[str] | None) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)] if pattern else []


def without_allowed(findings: list[Finding], spans: list[tuple[int, int]]) -> list[Finding]:
    return [f for f in findings if not any(s <= f.start and f.end <= e for s, e in spans)]


def with_values(text: str, findings: Iterable[Finding]) -> list[Finding]:
    """Fill each finding's value from the text (merging leaves it empty)."""
    out = []
    for f in findings:
        value = text[f.start : f.end]
        out.append(f if f.value == value else replace(f, value=value))
    return out


def resolve(text: str, findings: list[Finding], allowed: list[tuple[int, int]], threshold: float) -> list[Finding]:
    """Threshold, merge, drop allow-listed spans and cross-type conflicts."""
    kept = [f for f in findings if f.score >= threshold]
    merged = with_values(text, merge_same_type(kept)) if kept else []
    return drop_conflicts(without_allowed(merged, allowed))
