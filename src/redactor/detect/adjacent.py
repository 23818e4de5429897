"""Identifiers that belong to a name because they stand right after it.

"K. Hallberg #1388", "Benjamin Aguilar, #1352", "Kristin Hallberg (#1388)", "Colby Strickland (P#7713)"
→ a badge number;
"SMITH, JOHN  04/05/1988  W/M", "Smith, John (04/05/1988)" → a date of birth, when the date lies at
least ADULT_YEARS before the latest date of the document, or today if it has no other date
(a report date next to a name is not one);
'ETSITTY, RONALD "RONDO"', '"Cheo" (José Trujillo, ...)' → a nickname of the same person.
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
# "Det. Simone Thibodeaux, BRPD P#10822", "TFO Aldo Fenwick (Salem PD, #SPD-2215)", "Det. Gail Nwachukwu
# (ID RISP-1306)", "Lt. Beverly Ashcombe (RPD Code R0718)", "Priscilla Agyeman, Shelby County Sheriff's
# Office, #8812", "Deputy Rayford Gentry, Badge\nT-161": an agency's name, in brackets, may come first.
NOT_AN_AGENCY = r"(?!(?i:case|report|incident|file|cad|call|item|exhibit|evidence|property|receipt|voucher)\b)"
BADGE_AFTER_NAME = regex.compile(
    r"(?:(?:,[ \t]*(?!(?i:victim|witness|suspect|juvenile|inmate|defendant|informant|source|item|exhibit|apt|unit|"
    r"room|lot|cell|bed|case)\b)[A-Z][A-Za-z'’]{1,12}\.?(?:[ \t]+(?:[IVX]{1,4}|[A-Z][A-Za-z'’]{1,12})){0,3}){1,2}"
    r"(?=,?[ \t]+(?:[A-Z]{2}[ \t]+(?i:cert\w*)[ \t]*)?#),?)?"
    rf"\.?[ \t]*(?:,|\((?:{NOT_AN_AGENCY}[A-Z][A-Za-z.&'’-]*,?[ \t]+){{0,3}})?[ \t]*"
    r"(?:[A-Z]{2}[ \t]+(?i:cert\w*)[ \t]*#|(?:[A-Z]{2,6}[ \t]+)?[A-Z]{1,2}#|\([A-Z]{2,8}\)[ \t]*#|[A-Z]/[A-Z]#|[A-Z]{2,6}[ \t]+#|#|"
    r"(?i:badge|bdg|serial|star|id|emp\.?|placa|code|cert\.?)(?:[ \t]*(?i:no\.?|#))?[ \t]*:?(?:[ \t]*\n)?)[ \t]*"
    r"(?P<value>(?:[A-Z]{1,4}-?)?\d{2,6}|\d-\d{3})(?![\w-])"
)
# An agency's code alone after a name, in brackets or before a column gap or the end of a list item:
# "Ivey (R2207) / Sowell (R1849)", "Causey PD-09  Renfroe PD-14", "Prepared by: N. Thibodeaux, PT-55".
CODE_AFTER_NAME = regex.compile(
    r"[ \t]*\((?P<value>[A-Z]{1,3}-?\d{2,6})\)|,?[ \t]+(?P<value>[A-Z]{1,3}-\d{2,4})(?=[ \t]{2,}|[ \t]*[,;.]?[ \t]*$|,)",
    regex.M,
)
# A bare number right after an officer's titled name: "Ptlm. Seo-yeon Han (4533)", "Sgt. M. Delahunt
# 4302", "Det. D. Salas Perez P-241", "Sgt. Terrance Hupp, TJ-072", "Inv. R. Mims  W318", also after a
# short label of the agency's own ("Det. Charlene Voorhees, CCN 3361", "Ofc. Kimball Atwood (P/N 5517)");
# the title is checked in ``Rule.applies``.
AGENCY_LABEL = (
    r"(?:(?:[A-Z]{2,4}(?:-[A-Z]{1,4})?|[A-Z]/[A-Z]|No\.)[ \t]+)?"  # "CCN 3361", "HA-PO 514", "P/N 5517", "No. 4-233"
)
NUMBER = r"(?P<value>[A-Z]{1,3}-?\d{2,6}|\d{3,6}|\d-\d{3})"
NUMBER_AFTER_TITLED_NAME = regex.compile(
    rf",?[ \t]*(?:\({AGENCY_LABEL}{NUMBER}\)(?![ \t]*\d{{3}}[ .-]\d{{4}})|{AGENCY_LABEL}{NUMBER}"
    r"(?=[ \t]{2,}|[ \t]*$|[ \t]*[,;(]|\.(?!\w)|[ \t]+(?:--|[-–—])[ \t]|[ \t]+(?:and|was|is|were|located|arrived|responded|assisted|also)\b))",
    regex.M,
)
OFFICER_TITLE_BEFORE = regex.compile(
    r"(?i:\b(?:ofc|off|officer|det|detective|sgt|sergeant|cpl|corporal|lt|lieutenant|capt|captain|dep|deputy|tpr|"
    r"trooper|ptl|ptlm|pfc|agte|inv|investigator|insp|inspector|cmdr|commander|sa|tfo|agent))\.?[ \t]+$"
)
# A nickname in quotes right after a name: 'ETSITTY, RONALD JAMES "RONDO"', 'EBERSOLE, TRAVIS LEE ("SPIDER")',
# 'her boyfriend, "Shawny,"' is another name of the same person (``roles.merge_aliases`` joins them).
NICKNAME_AFTER_NAME = regex.compile(r"[ \t]*\(?[\"“](?P<value>\p{Lu}[\p{L}'’-]+(?:[ \t]\p{Lu}[\p{L}'’-]+)?)[,.]?[\"”]")
# ... or right before the full name in brackets: '"Cheo" (José Anselmo Trujillo, DOB ...)'.
NICKNAME_BEFORE_NAME = regex.compile(
    r"(?<![\w\"“])[\"“](?P<value>\p{Lu}[\p{L}'’-]+(?:[ \t]\p{Lu}[\p{L}'’-]+)?)[\"”][ \t]*\($"
)
NICKNAME_REACH = 30
# A code name standing right after an informant number in a ledger row: "CI-24-031   SANDPIPER" (not the
# true name "TC-S-0093   OUELLETTE, DANIELLE MARIE")
CODE_NAME_AFTER_ID = regex.compile(r"[ \t]+(?:\(|/|-)?[ \t]*\"?(?P<value>[A-Z]{3,}(?:[ \t][A-Z]{3,})?)\"?(?![\w,-])")
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
            return titled(text, owner)
        if self.found == "INFORMANT_ID":  # a code name after a number, not after another code name
            return not owner.value.isalpha() and not never_name(m["value"].split()[0])
        if self.found == "PERSON":
            return nickname_ok(m["value"])
        if self.found == "DATE_OF_BIRTH":
            born = parse_date(m["value"])
            return born is not None and age_on(born, latest()) >= ADULT_YEARS
        return True


def titled(text: str, person: Finding) -> bool:
    """Whether an officer's title stands right before the name."""
    return bool(OFFICER_TITLE_BEFORE.search(text, max(0, person.start - 12), person.start))


RULES = (
    Rule("PERSON", BADGE_AFTER_NAME, "BADGE_NUMBER", "redactor.badge_after_name", "a badge number right after a name"),
    Rule("PERSON", CODE_AFTER_NAME, "BADGE_NUMBER", "redactor.badge_after_name", "an agency's code right after a name"),
    Rule(
        "PERSON",
        NUMBER_AFTER_TITLED_NAME,
        "BADGE_NUMBER",
        "redactor.badge_after_officer",
        "a number right after an officer's titled name",
    ),
    Rule("PERSON", NICKNAME_AFTER_NAME, "PERSON", "redactor.nickname_after_name", "a nickname right after a name"),
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
    """Add the badge numbers that follow names and the code names that follow informant numbers.
    A number that follows an officer's titled name is a badge even where a case label read it first
    ("Det. Curtis Lyle (Independence PD #IPD-0392)")."""
    taken = {(f.start, f.end): f for f in findings}

    @cache
    def latest() -> date:  # the document's latest date; today when it has no other date
        days = [day for _, day in dates_in(text)]
        return max(days) if len(days) > 1 else date.today()

    added: list[Finding] = []
    replaced: list[Finding] = []
    for rule in RULES:
        for owner in findings:
            if owner.type != rule.after:
                continue
            m = rule.pattern.match(text, owner.end)
            if not m or not rule.applies(text, owner, m, latest):
                continue
            held = taken.get(m.span("value"))
            if held is not None:
                if not (rule.found == "BADGE_NUMBER" and held.type == "CASE_NUMBER" and titled(text, owner)):
                    continue
                replaced.append(held)
            found = Finding(
                type=rule.found,
                start=m.start("value"),
                end=m.end("value"),
                score=SCORE,
                recognizer=rule.recognizer,
                value=m["value"],
                explanation=rule.explanation,
            )
            taken[m.span("value")] = found
            added.append(found)
    return [f for f in findings if not any(f is r for r in replaced)] + added + nicknames_before(text, findings, taken)


def nickname_ok(value: str) -> bool:
    """No word of a quoted nickname is a form or common word ("CHOKED ME" is a quote, not a name)."""
    return not any(never_name(word) for word in value.split())


def nicknames_before(text: str, findings: list[Finding], taken: dict[tuple[int, int], Finding]) -> list[Finding]:
    """The quoted nicknames that stand right before a bracketed name."""
    found = []
    for owner in findings:
        m = NICKNAME_BEFORE_NAME.search(text, max(0, owner.start - NICKNAME_REACH), owner.start)
        if owner.type == "PERSON" and m and m.span("value") not in taken and nickname_ok(m["value"]):
            found.append(
                Finding(
                    type="PERSON",
                    start=m.start("value"),
                    end=m.end("value"),
                    score=SCORE,
                    recognizer="redactor.nickname_before_name",
                    value=m["value"],
                    explanation="a nickname right before a name in brackets",
                )
            )
    return found
