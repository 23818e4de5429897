"""Identifiers that belong to a name because they stand right after it.

"K. Hallberg #1388", "Benjamin Aguilar, #1352", "Kristin Hallberg (#1388)", "Colby Strickland (P#7713)"
→ a badge number;
"SMITH, JOHN  04/05/1988  W/M", "Smith, John (04/05/1988)" → a date of birth, when the date lies at
least ADULT_YEARS before the latest date of the document, or today if it has no other date
(a report date next to a name is not one).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache

import regex

from redactor.detect.names import never_name
from redactor.detect.recognizers.dates import DATE, age_on, dates_in, parse_date
from redactor.model import Finding

# "Dana Strohbehn, PPO III   #60211", "Rosalie Kincaid, NRP #P-55817", "Jana Vlcek, Deputy #Q-44",
# "T. Faleolo, Det., CSPD #5512", "W. Baker, Corporal, Otter Bend Police Department, #D-14",
# "Kalena Medeiros, NRP, HI cert #P-2281", "Lance Pfaff (OFCSO #1140)", "Monique Carrington, Code No. F-19":
# a title, an agency or a state certificate may come between.
BADGE_AFTER_NAME = regex.compile(
    r"(?:(?:,[ \t]*(?!(?i:victim|witness|suspect|juvenile|inmate|defendant|informant|source|item|exhibit|apt|unit|"
    r"room|lot|cell|bed|case)\b)[A-Z][A-Za-z]{1,12}\.?(?:[ \t]+(?:[IVX]{1,4}|[A-Z][A-Za-z]{1,12})){0,3}){1,2}"
    r"(?=,?[ \t]+(?:[A-Z]{2}[ \t]+(?i:cert\w*)[ \t]*)?#),?)?"
    r"\.?[ \t]*[,(]?[ \t]*(?:[A-Z]{2}[ \t]+(?i:cert\w*)[ \t]*#|[A-Z]{1,2}#|[A-Z]/[A-Z]#|[A-Z]{2,6}[ \t]+#|#|"
    r"(?i:badge|bdg|serial|star|id|emp\.?|placa|code|cert\.?)(?:[ \t]*(?i:no\.?|#))?[ \t]*:?)[ \t]*"
    r"(?P<value>(?:[A-Z]{1,3}-?)?\d{2,6})(?![\w-])"
)
# A bare number right after an officer's titled name: "Ptlm. Seo-yeon Han (4533)", "Sgt. M. Delahunt
# 4302", "Det. D. Salas Perez P-241", "Sgt. Terrance Hupp, TJ-072", "Inv. R. Mims  W318"; the title is
# checked in ``Rule.applies``.
NUMBER_AFTER_TITLED_NAME = regex.compile(
    r",?[ \t]*\(?(?P<value>[A-Z]{1,3}-?\d{2,6}|\d{3,6})\)?"
    r"(?=[ \t]{2,}|[ \t]*$|[ \t]*[,;(]|[ \t]+(?:and|was|is|were|located|arrived|responded|assisted|also)\b)",
    regex.M,
)
OFFICER_TITLE_BEFORE = regex.compile(
    r"(?i:\b(?:ofc|off|officer|det|detective|sgt|sergeant|cpl|corporal|lt|lieutenant|capt|captain|dep|deputy|tpr|"
    r"trooper|ptl|ptlm|pfc|agte|inv|investigator|insp|inspector|cmdr|commander|sa|tfo|agent))\.?[ \t]+$"
)
# A code name standing right after an informant number in a ledger row: "CI-24-031   SANDPIPER"
CODE_NAME_AFTER_ID = regex.compile(r"[ \t]+(?:\(|/|-)?[ \t]*\"?(?P<value>[A-Z]{3,}(?:[ \t][A-Z]{3,})?)\"?(?![\w-])")
DATE_AFTER_NAME = regex.compile(  # a suffix, a nickname, a race/sex code may stand between: 'III', '"LEESHA"', 'W/M'
    r"(?:[ \t]+(?:Jr|Sr|JR|SR|II|III|IV)\.?)?(?:[ \t]+[\"“][^\"”\n]{1,20}[\"”])?"
    r"(?:[ \t,]+(?:[A-Z]{1,2}/[A-Z]{1,2}|[WBHAIU]?[MF]))?"
    rf"[ \t]*[,(]?[ \t]*(?P<value>{DATE.pattern})(?=[ \t]*[),;]|[ \t]+\d|[ \t]{{2,}}|[ \t]*$)",
    regex.M | regex.I,
)
ADULT_YEARS = 10
SCORE = 0.85


@dataclass(frozen=True)
class Rule:
    """An identifier of ``found`` type that stands right after a finding of ``after`` type."""

    after: str
    pattern: regex.Pattern[str]
    found: str
    recognizer: str
    explanation: str

    def applies(self, text: str, owner: Finding, m: regex.Match[str], latest: Callable[[], date]) -> bool:
        if self.pattern is NUMBER_AFTER_TITLED_NAME:
            return bool(OFFICER_TITLE_BEFORE.search(text, max(0, owner.start - 12), owner.start))
        if self.found == "INFORMANT_ID":  # a code name after a number, not after another code name
            return not owner.value.isalpha() and not never_name(m["value"].split()[0])
        if self.found == "DATE_OF_BIRTH":
            born = parse_date(m["value"])
            return born is not None and age_on(born, latest()) >= ADULT_YEARS
        return True


RULES = (
    Rule("PERSON", BADGE_AFTER_NAME, "BADGE_NUMBER", "redactor.badge_after_name", "a badge number right after a name"),
    Rule(
        "PERSON",
        NUMBER_AFTER_TITLED_NAME,
        "BADGE_NUMBER",
        "redactor.badge_after_officer",
        "a number right after an officer's titled name",
    ),
    Rule("PERSON", DATE_AFTER_NAME, "DATE_OF_BIRTH", "redactor.dob_after_name", "an old date right after a name"),
    Rule(
        "INFORMANT_ID",
        CODE_NAME_AFTER_ID,
        "INFORMANT_ID",
        "redactor.code_name_after_id",
        "a code name right after an informant number",
    ),
)


def identifiers_after(text: str, findings: list[Finding]) -> list[Finding]:
    """Add the badge numbers that follow names and the code names that follow informant numbers."""
    taken = {(f.start, f.end) for f in findings}

    @cache
    def latest() -> date:  # the document's latest date; today when it has no other date
        days = [day for _, day in dates_in(text)]
        return max(days) if len(days) > 1 else date.today()

    added = []
    for rule in RULES:
        for owner in findings:
            if owner.type != rule.after:
                continue
            m = rule.pattern.match(text, owner.end)
            if m and m.span("value") not in taken and rule.applies(text, owner, m, latest):
                start, end = m.span("value")
                added.append(
                    Finding(
                        type=rule.found,
                        start=start,
                        end=end,
                        score=SCORE,
                        recognizer=rule.recognizer,
                        value=m["value"],
                        explanation=rule.explanation,
                    )
                )
    return findings + added
