"""Calendar dates in the formats police records use. Shared by the date-of-birth recognizer."""

from __future__ import annotations

import regex

MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
DATE = regex.compile(
    r"(?<![\w/.-])(?:"
    r"(?:0?[1-9]|1[0-2])([/.-])(?:0?[1-9]|[12]\d|3[01])\1(?:19|20)?\d{2}"  # 03/14/1987, 3-14-87
    r"|(?:19|20)\d{2}([/.-])(?:0?[1-9]|1[0-2])\2(?:0?[1-9]|[12]\d|3[01])"  # 1987-03-14
    rf"|{MONTH}\.?\s+(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?,?\s+(?:19|20)\d{{2}}"  # March 14, 1987
    rf"|(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?[\s-]+(?:of\s+)?{MONTH}\.?,?[\s-]+(?:19|20)\d{{2}}"  # 14 Mar 1987
    r"|(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:19|20)\d{2}"  # 03141987 (labelled forms only)
    r"|(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"  # 19870314 (labelled forms only)
    r")(?![\w/-]|\.\d)",
    regex.IGNORECASE,
)


def is_compact(value: str) -> bool:
    return value.isdigit()
