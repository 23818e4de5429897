"""Values in the named fields of records-system exports.

RMS and CAD exports name their fields: a CSV or tab-separated table has a header row
(``CASE_NO,SEQ,LAST,FIRST,DOB,STREET,PHONE,DL_NUM,SSN``) and a text export has ``KEY: value`` lines
(``DL_NO: 10447382  DL_ST: TX``, ``CELL_PH: 9795550188``). The field's name says what its value is,
where the value alone is ambiguous (nine digits: a licence or an SSN? ten digits: a phone?).

In a table the name columns hold one name part each (``ARCENEAUX`` | ``TREMAINE``; their roles come
later, from ``roles``), and the header, the typed cells and the place and vehicle columns hold no name
("Palmetto Key", "Mangrove Ter" are no people there): ``with_fields`` drops names found there.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from redactor.detect.recognizers.dates import parse_date
from redactor.model import Finding

NO_NAME = "-"  # a column of places or vehicles: no name stands in it
SCORE = 0.96  # the field's name outweighs a value's shape and the context words around it
# Field names, upper case with "_" for any run of other characters, and the type of their values.
FIELD_TYPES: tuple[tuple[regex.Pattern[str], str], ...] = tuple(
    (regex.compile(pattern), entity)
    for pattern, entity in (
        (r"(?:[A-Z]{1,4}_)?(?:DOB|D_O_B|BIRTH_?DATE|DATE_OF_BIRTH|BDATE)", "DATE_OF_BIRTH"),
        (
            r"(?:[A-Z]{2}_)?(?:DL|OLN|DRIVERS?_LIC(?:ENSE)?|DRV_LIC|DL_LIC)(?:_?(?:NO|NUM|NUMBER|NBR|ID))?",
            "US_DRIVER_LICENSE",
        ),
        (r"(?:[A-Z]{1,4}_)?(?:SSN|SOC|SOC_SEC|SS_NO|SOCIAL_SECURITY(?:_NO)?)", "US_SSN"),
        (r"(?:HOME_|CELL_|WORK_|ALT_|CONTACT_|[A-Z]{1,4}_)?(?:PH|PHONE|TEL|CELL)(?:_?(?:NO|NUM|\d))?", "PHONE_NUMBER"),
        (r"(?:VEH_)?(?:TAG|PLATE|LIC_PLATE|LP|LPN)(?:_?(?:NO|NUM))?", "LICENSE_PLATE"),
        (
            r"(?:LAST_KNOWN_|HOME_|RES_|MAIL_|[A-Z]{1,4}_)?(?:ADDR|ADDRESS|STREET|STREET_ADDR)|CITY_ST(?:ATE)?_ZIP",
            "STREET_ADDRESS",
        ),
        (r"(?:CASE|INCIDENT|INC|REPORT|RPT|WARRANT|ARREST|BOOKING|CITATION)_?(?:NO|NUM|NUMBER|NBR|ID)?", "CASE_NUMBER"),
        (
            r"(?:OFFICER_|OFC_)?(?:BADGE(?:_?(?:NO|NUM|ID))?|EMP_?(?:NO|ID)|ID_NO|(?:CSI|OFFICER|DET|DEPUTY)_ID)",
            "BADGE_NUMBER",
        ),
        (r"(?:[A-Z]{1,4}_)?(?:LAST|FIRST)(?:_?NAME)?|(?:[A-Z]{1,4}_)?NAME(?:_(?:LAST|FIRST))?|REG_OWNER", "PERSON"),
        (r"(?:[A-Z]{1,4}_)?(?:CITY|ST|STATE|ZIP|MAKE|MODEL|COLOR)", NO_NAME),
    )
)
HEADER_FIELD = regex.compile(r"[A-Z][A-Z0-9_ #/.]{0,30}")
KEY_VALUE = regex.compile(
    r"(?<![\w])(?P<key>[A-Z][A-Z0-9_]{1,30}[A-Z0-9])[ \t]*:[ \t]*(?P<value>[^\s:|](?:[^\n:|]*?[^\s:|])?)"
    r"(?=[ \t]{2,}[A-Z][A-Z0-9_]*[ \t]*:|[ \t]*\||[ \t]*$)",
    regex.MULTILINE,
)
DELIMITERS = (",", "\t", "|")
PLACE_ZIP = regex.compile(r"[\p{L} .'-]+,[ \t]*[A-Z]{2}[ \t]+\d{5}(?:-\d{4})?")
NAME_VALUE = regex.compile(r"\p{L}[\p{L}'’.-]*(?:,?[ \t]+\p{L}[\p{L}'’.-]*){0,3}")


def field_type(name: str) -> str | None:
    key = regex.sub(r"[^A-Z0-9]+", "_", name.strip().strip('"').upper()).strip("_")
    return next((entity for pattern, entity in FIELD_TYPES if pattern.fullmatch(key)), None)


def value_ok(entity: str, value: str) -> bool:
    """The value has the shape its field promises: a date of birth parses, a number has digits."""
    digits = sum(c.isdigit() for c in value)
    if entity == NO_NAME:
        return True
    if entity == "PERSON":
        return len(value) > 1 and bool(NAME_VALUE.fullmatch(value))
    if entity == "DATE_OF_BIRTH":
        return parse_date(value) is not None
    if entity == "PHONE_NUMBER":
        return 10 <= digits <= 11
    if entity == "US_SSN":
        return digits == 9
    if entity == "STREET_ADDRESS":
        return value[:1].isdigit() or bool(PLACE_ZIP.fullmatch(value))
    return digits >= 2 and len(value) >= 4


def cells(line: str, delimiter: str) -> list[tuple[int, int]]:
    """(start, end) of each cell of a delimited line, inside its quotes if quoted."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i <= len(line):
        if line.startswith('"', i):
            end = line.find('"', i + 1)
            end = len(line) if end < 0 else end
            spans.append((i + 1, end))
            nxt = line.find(delimiter, end)
            i = len(line) + 1 if nxt < 0 else nxt + 1
        else:
            nxt = line.find(delimiter, i)
            end = len(line) if nxt < 0 else nxt
            spans.append((i, end))
            i = end + 1
    return spans


def table_values(text: str) -> Iterator[tuple[int, int, str]]:
    """Cells of the typed columns of delimited tables: a header row of field names, then rows with
    as many cells, up to a blank or comment line."""
    columns: dict[int, str] = {}
    delimiter, width = ",", 0
    for m in regex.finditer(r"^[^\n]*", text, regex.MULTILINE):
        line = m.group()
        if not line.strip() or line.lstrip().startswith("#"):
            columns = {}
            continue
        header = header_columns(line)
        if header is not None:
            delimiter, width, columns = header
            yield m.start(), m.end(), NO_NAME  # field names, not names
            continue
        row = cells(line, delimiter) if columns else []
        if len(row) != width:
            continue
        for index, entity in columns.items():
            start, end = row[index]
            cell = line[start:end]
            value = cell.strip()
            if value and value_ok(entity, value):
                start = m.start() + start + len(cell) - len(cell.lstrip())
                yield start, start + len(value), entity


def header_columns(line: str) -> tuple[str, int, dict[int, str]] | None:
    """(delimiter, number of cells, typed columns) if the line is a header row of field names."""
    for delimiter in DELIMITERS:
        if line.count(delimiter) < 2:
            continue
        row = [line[s:e].strip() for s, e in cells(line, delimiter)]
        if all(HEADER_FIELD.fullmatch(c) for c in row if c) and sum(bool(c) for c in row) >= 3:
            typed = {i: t for i, c in enumerate(row) if c and (t := field_type(c)) is not None}
            # field names of values, not a line of names and words in capitals ("MOORE, JAYLEN, JUVENILE")
            return (delimiter, len(row), typed) if len(set(typed.values()) - {"PERSON", NO_NAME}) >= 2 else None
    return None


def with_fields(text: str, found: list[Finding]) -> list[Finding]:
    """``found`` plus the values of typed fields (in tables and in ``KEY: value`` lines), less the
    names found where no name stands (header rows, typed cells, place and vehicle columns) and the
    names that run across a table's name cells ("ARCENEAUX,TREMAINE,L" -> "ARCENEAUX", "TREMAINE")."""
    spans = list(table_values(text))
    nameless = [(start, end) for start, end, entity in spans if entity != "PERSON"]
    cells = [(start, end) for start, end, entity in spans if entity == "PERSON"]
    spans = [span for span in spans if span[2] != NO_NAME]
    for m in KEY_VALUE.finditer(text):
        entity = field_type(m["key"])
        if entity not in (None, NO_NAME) and "_" in m["key"] and value_ok(entity, m["value"]):
            spans.append((m.start("value"), m.end("value"), entity))

    def overridden(f: Finding) -> bool:
        return f.type == "PERSON" and (
            any(f.start < e and s < f.end for s, e in nameless)
            or any(f.start <= s and e <= f.end and (s, e) != (f.start, f.end) for s, e in cells)
        )

    fields = [
        Finding(
            type=entity,
            start=start,
            end=end,
            score=SCORE,
            recognizer="redactor.field",
            explanation="the value of a field named for it in a records-system export",
            value=text[start:end],
        )
        for start, end, entity in spans
    ]
    return [f for f in found if not overridden(f)] + fields
