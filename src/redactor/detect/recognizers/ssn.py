"""US Social Security numbers in all common forms, validated, scored by form and context."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from redactor.detect.context import before, cue_pattern, header_above
from redactor.detect.recognizers.base import SpanRecognizer

SSN = regex.compile(r"(?<![\w-])(\d{3})([- ]?)(\d{2})\2(\d{4})(?![\w-]|\.\d)")
CUES = cue_pattern(
    [
        "ssn",
        "ssn#",
        "ss#",
        "ss #",
        "s.s.n",
        "s.s.n.",
        "soc",
        "soc sec",
        "social",
        "social security",
        "ss no",
        "ssa",
        "ss",
        "ssan",
        "tin",
    ]
)
# An undashed number right after another identifier's label is that identifier, even on a line with
# an SSN: "SSN: 427 09 6615   MS DL: 800551927   SID: MS0994127".
OTHER_LABEL = regex.compile(
    r"(?i:\b(?:dl|d/l|oln|cdl|lic|license|licence|sid|fbi|inmate|booking|case|acct|account|phone|tel|cell)\b)"
    r"[ \t.#:]*(?i:no\.?|number|#)?[ \t.#:]*$"
)
SCORE_BY_SEPARATOR = {"-": 0.85, " ": 0.6, "": 0.3}
CONTEXT_SCORE = 0.95


def valid(area: str, group: str, serial: str) -> bool:
    if area in {"000", "666"} or area.startswith("9") or group == "00" or serial == "0000":
        return False
    return len(set(area + group + serial)) > 1


class SsnRecognizer(SpanRecognizer):
    ENTITY = "US_SSN"
    NAME = "redactor.ssn"

    def spans(self, text: str) -> Iterator[tuple[int, int, float]]:
        for m in SSN.finditer(text):
            if not valid(m[1], m[3], m[4]):
                continue
            if m[2] != "-" and OTHER_LABEL.search(before(text, m.start(), 16)):
                continue
            score = SCORE_BY_SEPARATOR[m[2]]
            if CUES.search(before(text, m.start(), 40)) or CUES.search(header_above(text, m.start(), m.end())):
                score = CONTEXT_SCORE
            yield m.start(), m.end(), score
