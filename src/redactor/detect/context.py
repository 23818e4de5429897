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


def header_above(text: str, start: int, end: int, max_lines: int = 3) -> str:
    """The words of the lines above that stand over the column [start, end) (form headers)."""
    col0 = start - line_start(text, start)
    col1 = col0 + (end - start)
    pos = line_start(text, start)
    found = []
    for _ in range(max_lines):
        if pos <= 0:
            break
        prev_start = line_start(text, pos - 1)
        line = text[prev_start : pos - 1]
        if line.strip():
            # Widen the column a little: headers are often shorter or offset by a few characters.
            found.append(line[max(0, col0 - 6) : col1 + 2])
        pos = prev_start
    return " ".join(found)


def cue_pattern(words: tuple[str, ...] | list[str]) -> regex.Pattern[str]:
    """A case-insensitive pattern matching any cue as a whole word or phrase."""
    alternatives = sorted((regex.escape(w) for w in words), key=len, reverse=True)
    return regex.compile(r"(?<![\w])(?:" + "|".join(alternatives) + r")(?![\w])", regex.IGNORECASE)
