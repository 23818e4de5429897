"""Every occurrence of an identifier: once a plate, licence, case or badge number is found where
a label names it ("KS tag 412 KFR"), its later occurrences without a label ("the BOLO for KS 412
KFR", "BQV8823" in a CAD line) are findings too. Redacting one and releasing the other leaks it.
A label that is an informant's in one place is an informant's everywhere.
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


def body_of(value: str) -> str | None:
    """The value with or without its spaces and hyphens ("BQV-8823", "BQV 8823", "BQV8823"); None
    for values too short or without a digit to be told apart from other text."""
    chars = ALNUM.findall(value)
    if len(chars) < MIN_CHARS or not any(c.isdigit() for c in chars):
        return None
    return r"[- ]?".join(regex.escape(c) for c in chars)


def key_of(value: str) -> str:
    return "".join(ALNUM.findall(value)).upper()


def one_type_per_label(findings: list[Finding]) -> list[Finding]:
    """A label found once as an informant's ("Source: SOI W-31") is the informant's everywhere, also
    where it reads like a witness label ("INFORMATION PROVIDED BY W-31")."""
    informants = {key_of(f.value) for f in findings if f.type == "INFORMANT_ID"}
    return [
        replace(f, type="INFORMANT_ID", explanation="an informant's label elsewhere in the document")
        if f.type == "WITNESS_ID" and key_of(f.value) in informants
        else f
        for f in findings
    ]


def repeat_identifiers(text: str, findings: list[Finding]) -> list[Finding]:
    findings = one_type_per_label(findings)
    seen: dict[str, Finding] = {}
    for f in findings:
        if f.type in REPEATED_TYPES:
            seen.setdefault(key_of(f.value), f)
    bodies = sorted((b for f in seen.values() if (b := body_of(f.value))), key=len, reverse=True)
    if not bodies:
        return findings
    pattern = regex.compile(rf"(?<![\w-])(?:{'|'.join(bodies)})(?![\w-])", regex.IGNORECASE)
    taken = bytearray(len(text))
    for f in findings:
        taken[f.start : f.end] = b"\x01" * (f.end - f.start)
    added: list[Finding] = []
    for m in pattern.finditer(text):  # one pass for every value: a long document has hundreds
        if any(taken[m.start() : m.end()]):
            continue
        source = seen[key_of(m.group())]
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
