"""Identifiers that belong to a name because they stand right after it.

"K. Hallberg #1388", "Benjamin Aguilar, #1352", "Kristin Hallberg (#1388)" → a badge number;
"Roberto Alvarado-Cruz, 6/11/1995" is handled by the DOB recognizer's context instead.
"""

from __future__ import annotations

import regex

from redactor.detect.names import never_name
from redactor.model import Finding

BADGE_AFTER_NAME = regex.compile(
    r"\.?[ \t]*[,(]?[ \t]*(?:#|(?i:badge|bdg|serial|star|id|emp\.?)(?:[ \t]*(?i:no\.?|#))?[ \t]*:?)[ \t]*"
    r"(?P<badge>(?:[A-Z]{1,3}-?)?\d{2,6})(?![\w-])"
)
# A code name standing right after an informant number in a ledger row: "CI-24-031   SANDPIPER"
CODE_NAME_AFTER_ID = regex.compile(r"[ \t]+(?:\(|/|-)?[ \t]*\"?(?P<code>[A-Z]{3,}(?:[ \t][A-Z]{3,})?)\"?(?![\w-])")
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
                    type="BADGE_NUMBER",
                    start=m.start("badge"),
                    end=m.end("badge"),
                    score=BADGE_SCORE,
                    recognizer="redactor.badge_after_name",
                    value=m["badge"],
                    explanation="number sign and digits right after a name",
                )
            )
    return findings + added


def code_names_after_ids(text: str, findings: list[Finding]) -> list[Finding]:
    taken = {(f.start, f.end) for f in findings}
    added = []
    for f in findings:
        if f.type != "INFORMANT_ID" or f.value.isalpha():
            continue
        m = CODE_NAME_AFTER_ID.match(text, f.end)
        if m and (m.start("code"), m.end("code")) not in taken and not never_name(m["code"].split()[0]):
            added.append(
                Finding(
                    type="INFORMANT_ID",
                    start=m.start("code"),
                    end=m.end("code"),
                    score=BADGE_SCORE,
                    recognizer="redactor.code_name_after_id",
                    value=m["code"],
                    explanation="a code name right after an informant number",
                )
            )
    return findings + added
