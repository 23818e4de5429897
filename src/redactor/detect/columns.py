"""Code names in a fixed-width table's source column.

A payment ledger or a source roster lists each informant by number, and the ones with a code name by
that name, in the same column:

     1  07/02/24  SRC-RPD-0231      CRDG-24-0187   Services - info
     4  07/23/24  WEATHERVANE       CRDG-24-0154   Relocation expense

Where two or more rows of a block of lines hold an informant number starting at the same column, an
upper-case word starting at that column in another row of the block is a code name too. Later
mentions of it are found by ``repeats``.
"""

from __future__ import annotations

import bisect
from collections import defaultdict

import regex

from redactor.model import Finding

CELL = regex.compile(r"(?P<value>[A-Z]{4,}(?:[ \t][A-Z]{4,})?)(?=[ \t]{2,}|\t|[ \t]*$)", regex.M)
BLANK_LINE = regex.compile(r"\n[ \t]*\n")
# words a ledger writes in any column: not code names
TABLE_WORDS = frozenset(
    {
        "VOID",
        "VOIDED",
        "TOTAL",
        "TOTALS",
        "SUBTOTAL",
        "NONE",
        "CASH",
        "PENDING",
        "BALANCE",
        "UNKNOWN",
        "REDACTED",
        "SEALED",
        "CLOSED",
        "ACTIVE",
        "INACTIVE",
        "DEACTIVATED",
        "CHECK",
        "DATE",
        "SOURCE",
    }
)
MIN_ROWS = 2
SCORE = 0.8


def code_names_in_columns(text: str, findings: list[Finding]) -> list[Finding]:
    """``findings`` plus the code names that stand in a column of informant numbers."""
    line_starts = [0, *(m.end() for m in regex.finditer(r"\n", text))]
    blocks = [0, *(m.start() for m in BLANK_LINE.finditer(text))]
    columns: dict[tuple[int, int], set[int]] = defaultdict(set)  # (block, column) -> lines
    for f in findings:
        if f.type == "INFORMANT_ID" and any(c.isdigit() for c in f.value):
            line = bisect.bisect_right(line_starts, f.start) - 1
            column = f.start - line_starts[line]
            if column == 0 or text[f.start - 1] in " \t":
                columns[(bisect.bisect_right(blocks, f.start) - 1, column)].add(line)
    taken = {(f.start, f.end) for f in findings}
    added: list[Finding] = []
    for (block, column), lines in columns.items():
        if len(lines) < MIN_ROWS:
            continue
        end = blocks[block + 1] if block + 1 < len(blocks) else len(text)
        for line in range(bisect.bisect_right(line_starts, blocks[block]) - 1, len(line_starts)):
            start = line_starts[line] + column
            if line_starts[line] >= end or line in lines:
                continue
            m = CELL.match(text, start)
            if not m or text[start - 1] not in " \t" or m.span() in taken or m["value"] in TABLE_WORDS:
                continue
            if "\n" in text[line_starts[line] : start]:
                continue  # the line is shorter than the column
            added.append(
                Finding(
                    type="INFORMANT_ID",
                    start=m.start(),
                    end=m.end(),
                    score=SCORE,
                    recognizer="redactor.code_name_in_column",
                    explanation="an upper-case word in a column of informant numbers",
                    value=m["value"],
                )
            )
            taken.add(m.span())
    return findings + added
