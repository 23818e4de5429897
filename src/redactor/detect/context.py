"""Context helpers shared by recognizers: what stands before a match on its line, or above it."""

from __future__ import annotations

import regex


def line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def before(text: str, pos: int, window: int) -> str:
    """Up to ``window`` characters before ``pos`` on the same line; when the match opens its line,
    the end of the line above (a label wrapped onto the previous line: "DOB\n 03/14/1987")."""
    start = line_start(text, pos)
    if start > 0 and not text[start:pos].strip():
        start = line_start(text, start - 1)
    return text[max(start, pos - window) : pos]


def header_above(text: str, start: int, end: int, max_lines: int = 40) -> str:
    """The words that stand over the column of [start, end) in the table header above: the
    nearest line above without digits (before any blank line). In a pipe table ("| name | DOB |")
    the header cell with the same index is taken, whatever the alignment."""
    ls = line_start(text, start)
    row = text[ls : line_end(text, start)]
    cell = row.count("|", 0, start - ls) if "|" in row else None
    col0, col1 = start - ls, start - ls + (end - start)
    pos = ls
    for _ in range(max_lines):
        if pos <= 0:
            break
        prev_start = line_start(text, pos - 1)
        line = text[prev_start : pos - 1]
        if not line.strip():
            break
        if any(c.isdigit() for c in line) or not any(c.isalpha() for c in line):
            pos = prev_start
            continue
        if cell is not None:
            return line.split("|")[cell] if line.count("|") >= cell + 1 else ""
        # Widen the column a little: headers are often shorter or offset by a few characters.
        return line[max(0, col0 - 6) : col1 + 2]
    return ""


def cue_pattern(words: tuple[str, ...] | list[str]) -> regex.Pattern[str]:
    """A case-insensitive pattern matching any cue as a whole word or phrase."""
    alternatives = sorted((regex.escape(w) for w in words), key=len, reverse=True)
    return regex.compile(r"(?<![\w])(?:" + "|".join(alternatives) + r")(?![\w])", regex.IGNORECASE)
