"""Calendar dates in the formats police records use. Shared by the date-of-birth recognizer."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import regex

MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
DATE = regex.compile(
    r"(?<![\w.-])(?<![\d ]/)(?:"
    r"(?:0?[1-9]|1[0-2])(?P<s1>[/.-])(?:0?[1-9]|[12]\d|3[01])(?P=s1)(?:19|20)?\d{2}"  # 03/14/1987, 3-14-87
    r"|(?:19|20)\d{2}(?P<s2>[/.-])(?:0?[1-9]|1[0-2])(?P=s2)(?:0?[1-9]|[12]\d|3[01])"  # 1987-03-14
    r"|(?:1[3-9]|2\d|3[01])(?P<s3>[/.-])(?:0?[1-9]|1[0-2])(?P=s3)(?:19|20)\d{2}"  # 23/07/1985 (day first)
    rf"|{MONTH}\.?\s+(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?,?\s+(?:19|20)\d{{2}}"  # March 14, 1987
    rf"|(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?[\s-]+(?:of\s+)?{MONTH}\.?,?[\s-]+(?:19|20)\d{{2}}"  # 14 Mar 1987
    r"|(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:19|20)\d{2}"  # 03141987 (labelled forms only)
    r"|(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"  # 19870314 (labelled forms only)
    r")(?![\w/-]|\.\d)",
    regex.IGNORECASE,
)


@lru_cache(maxsize=4)
def dates_in(text: str) -> tuple[tuple[tuple[int, int], date], ...]:
    """Every date in a text with its span (read once per document by the rules that need them)."""
    found = ((m.span(), parse_date(m.group())) for m in DATE.finditer(text))
    return tuple((span, day) for span, day in found if day is not None)


def is_compact(value: str) -> bool:
    return value.isdigit()


MONTHS = {
    m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])
}
NUMERIC = regex.compile(r"^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})$")
NAMED = regex.compile(r"(\d{1,2})?\D*?([A-Za-z]{3,})\.?\D*?(\d{1,2})?\D+(\d{4})")


def parse_date(value: str) -> date | None:
    """A calendar date from the formats DATE matches (US month-first order), or None."""
    value = value.strip()
    try:
        if value.isdigit() and len(value) == 8:
            if value[:2] in ("19", "20"):
                return date(int(value[:4]), int(value[4:6]), int(value[6:]))
            return date(int(value[4:]), int(value[:2]), int(value[2:4]))
        m = NUMERIC.match(value)
        if m:
            a, b, c = m.groups()
            if len(a) == 4:
                return date(int(a), int(b), int(c))
            year = int(c) + (1900 if len(c) == 2 and int(c) > 30 else 2000 if len(c) == 2 else 0)
            month, day = (int(b), int(a)) if int(a) > 12 else (int(a), int(b))
            return date(year, month, day)
        m = NAMED.search(value)
        if m and m.group(2)[:3].lower() in MONTHS:
            day = int(m.group(1) or m.group(3) or 1)
            return date(int(m.group(4)), MONTHS[m.group(2)[:3].lower()], day)
    except ValueError:
        return None
    return None


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
