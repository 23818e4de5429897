"""Identifiers that belong to a name because they stand right after it.

"K. Hallberg #1388", "Benjamin Aguilar, #1352", "Kristin Hallberg (#1388)" → a badge number;
"Roberto Alvarado-Cruz, 6/11/1995" is handled by the DOB recognizer's context instead.
"""

from __future__ import annotations

import regex

from redactor.model import Finding

BADGE_AFTER_NAME = regex.compile(r"\.?[ \t]*[,(]?[ \t]*#[ \t]*(?P<badge>[A-Z]?\d{2,6})(?![\w-])")
BADGE_SCORE = 0.85


def badges_after_names(text: str, findings: list[Finding]) -> list[Finding]:
    taken = {(f.start, f.end) for f in findings}
    added = []
    for f in findings:
        if f.type != "PERSON":
            continue
        m = BADGE_AFTER_NAME.match(text, f.end)
        if m and (m.start("badge"), m.end("badge")) not in taken:
            added.append(
                Finding(
                    type="BADGE_NUMBER", start=m.start("badge"), end=m.end("badge"), score=BADGE_SCORE,
                    recognizer="redactor.badge_after_name", value=m["badge"],
                    explanation="number sign and digits right after a name",
                )
            )
    return findings + added
