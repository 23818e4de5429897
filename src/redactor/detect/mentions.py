"""Every mention of a person: once "Amanda Diaz" is found, "Diaz", "DIAZ, AMANDA", "Ms. Diaz"
and "Diaz's" anywhere in the same document are findings too.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import regex

from redactor.detect import names
from redactor.model import Finding

NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
MENTION_SCORE = 0.8
NICKNAME = regex.compile(r"[\"“]([^\"”]{2,20})[\"”]")


@dataclass(frozen=True)
class NameParts:
    first: str | None
    last: str


def parse(value: str) -> NameParts | None:
    """First and last name of a name span, in either "First M. Last" or "LAST, FIRST" order."""
    if "," in value:
        last_part, _, first_part = value.partition(",")
        lasts = _words(last_part)
        firsts = _words(first_part)
        if lasts and firsts and firsts[0].lower() not in NAME_SUFFIXES:
            return NameParts(first=firsts[0], last=lasts[-1])
    ws = _words(value)
    ws = [w for w in ws if w.lower() not in NAME_SUFFIXES]
    if not ws:
        return None
    if len(ws) == 1:
        return NameParts(first=None, last=ws[0])
    return NameParts(first=ws[0], last=ws[-1])


def _words(part: str) -> list[str]:
    return [w.strip(".'’") for w in part.replace(",", " ").split() if len(w.strip(".'’")) > 1]


def variants(value: str) -> set[str]:
    """Surface forms under which a person may appear again in the same document."""
    parts = parse(value)
    out = {value}
    if parts is None:
        return out
    if not names.never_name(parts.last) and len(parts.last) > 1:
        out.add(parts.last)
    if parts.first:
        out.add(f"{parts.first} {parts.last}")
        out.add(f"{parts.last}, {parts.first}")
        if len(parts.first) > 2 and not names.never_name(parts.first):
            out.add(parts.first)
    out |= set(NICKNAME.findall(value))
    out |= {name for name in (compound_surname(value), given_names(value)) if name}
    return out


def given_names(value: str) -> str | None:
    """Both given names of "VANG, MAI YER" or "HERNÁNDEZ, JOSÉ LUIS": people are called so."""
    if "," not in value:
        return None
    given = [w for w in _words(value.partition(",")[2]) if w.lower() not in NAME_SUFFIXES]
    return f"{given[0]} {given[1]}" if len(given) == 2 else None


def compound_surname(value: str) -> str | None:
    """The two-word surname of "Lyle Iron Shell" or "Vicki Spotted Wolf": the last two words of a
    name of three or more, when the middle one is no first name (not "Ana Maria Diaz")."""
    ws = [w for w in _words(value) if w.lower() not in NAME_SUFFIXES]
    if "," in value or len(ws) < 3 or not ws[-2][0].isupper() or names.is_first(ws[-2]):
        return None
    return f"{ws[-2]} {ws[-1]}"


CAPITALISED = regex.compile(r"(?<![\w@.-])\p{Lu}")
# A surname before a street suffix is the street: witness Imogen Birch lives near "Birch St".
STREET_AFTER = regex.compile(
    r"[ \t]+(?:St|Ave|Rd|Blvd|Dr|Ln|Ct|Ter|Terr|Cir|Hwy|Pkwy|Street|Avenue|Road|Boulevard|Drive|Lane|Court|Terrace)\b",
    regex.IGNORECASE,
)


def expand(text: str, findings: list[Finding]) -> list[Finding]:
    """Add a finding for each further mention of a person, or of an informant's code name,
    found elsewhere in the text."""
    forms: dict[str, str] = {}  # lower-cased: "DIAZ", "Diaz" and "McAllister"/"MCALLISTER" all match
    for f in findings:
        if f.type == "PERSON":
            forms.update(dict.fromkeys((v.lower() for v in variants(f.value)), "PERSON"))
        elif f.type == "INFORMANT_ID" and f.value.isalpha():
            forms[f.value.lower()] = "INFORMANT_ID"
    if not forms:
        return findings
    # Every mention starts with a capital letter: look only where one stands, longest form first.
    by_initial: dict[str, list[str]] = {}
    for form in sorted(forms, key=len, reverse=True):
        by_initial.setdefault(form[0], []).append(form)
    taken = sorted((f.start, f.end) for f in findings)
    added = []
    pos = 0
    for m in CAPITALISED.finditer(text):
        start = m.start()
        if start < pos:
            continue
        form = next((f for f in by_initial.get(text[start].lower(), ()) if _whole(text, start, f)), None)
        if form is None:
            continue
        end = start + len(form)
        pos = end
        place = names.org_follows(text, end) or STREET_AFTER.match(text, end)
        if not _overlapped(taken, start, end) and not (forms[form] == "PERSON" and place):
            added.append(
                Finding(
                    type=forms[form],
                    start=start,
                    end=end,
                    score=MENTION_SCORE,
                    recognizer="redactor.mention",
                    value=text[start:end],
                    explanation="another mention of someone found in this document",
                )
            )
    return findings + added


def _whole(text: str, start: int, form: str) -> bool:
    """``form`` (lower case) stands at ``start`` as whole words (a possessive "'s" may follow)."""
    if text[start : start + len(form)].lower() != form:
        return False
    after = text[start + len(form) : start + len(form) + 2]
    return not after or not (after[0].isalnum() or after[0] in "@-" or (after[0] == "." and after[1:2].isalnum()))


def _overlapped(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether a finding overlaps the mention other than from inside it: "Hope" alone does not
    stop the mention "Hope Church" (the longer one wins when overlaps are resolved)."""
    i = bisect.bisect_left(spans, (end, end))
    return any(
        s < end and start < e and not (start <= s and e <= end and (s, e) != (start, end))
        for s, e in spans[max(0, i - 8) : i]
    )
