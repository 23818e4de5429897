"""Dates of birth: a date tied to a person by context ("DOB", "born", a DOB form column).

Other dates (incident, report, arrest dates) are not personal data and are not reported.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from redactor.detect.context import before, cue_pattern, header_above
from redactor.detect.recognizers.base import SpanRecognizer
from redactor.detect.recognizers.dates import DATE, is_compact

CUES = cue_pattern(
    [
        "dob",
        "d.o.b",
        "d.o.b.",
        "d/o/b",
        "date of birth",
        "birth date",
        "birthdate",
        "birth",
        "born",
        "born on",
        "b/d",
        "bd",
        "birthday",
        "fecha de nacimiento",
        "dob/age",
        "age/dob",
        "f.n.",
        "f/n",
        "fecha de nac",
        "nacido",
        "nacida",
        "nac.",
        "dob_",
        "birth_date",
        "birthdate_",
        "ppb",  # NCIC: a protected person's date of birth, PPB/19880411
    ]
)
TRAILING_CUE = cue_pattern(["dob", "d.o.b.", "date of birth"])
WINDOW = 45
LABEL_RIGHT_BEFORE = regex.compile(CUES.pattern + r"[\s:.#/=-]*$", regex.IGNORECASE)


def tied_to_birth(text: str, start: int, end: int) -> bool:
    """True if a birth cue precedes this date on its line with no other date in between."""
    window = before(text, start, WINDOW)
    cues = list(CUES.finditer(window))
    if cues:
        between = window[cues[-1].end() :]
        if not DATE.search(between):
            return True
    if TRAILING_CUE.search(text[end : end + 8]):
        return True
    header = header_above(text, start, end)
    return bool(header and CUES.search(header))


class DobRecognizer(SpanRecognizer):
    ENTITY = "DATE_OF_BIRTH"
    NAME = "redactor.dob"

    def spans(self, text: str) -> Iterator[tuple[int, int, float]]:
        for m in DATE.finditer(text):
            if not tied_to_birth(text, m.start(), m.end()):
                continue
            # Eight bare digits are a date only right after a label.
            if is_compact(m.group()) and not LABEL_RIGHT_BEFORE.search(before(text, m.start(), 30)):
                continue
            yield m.start(), m.end(), 0.95
