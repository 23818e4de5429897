"""Context helpers shared by recognizers: what stands before a match on its line, or above it."""

from __future__ import annotations

from collections.abc import Iterable

import regex


def line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def before(text: str, pos: int, window: int) -> str:
    """Up to ``window`` characters before ``pos`` on the same line; when the match opens its line
    (after the ">" of a quoted e-mail, if any), the end of the line above (a label wrapped onto the
    previous line: "DOB\n 03/14/1987", "(DOB\n> 3/30/2009)")."""
    start = line_start(text, pos)
    if start > 0 and not text[start:pos].replace(">", "").strip():
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


def cue_pattern(words: Iterable[str]) -> regex.Pattern[str]:
    """A case-insensitive pattern matching any cue as a whole word or phrase."""
    return regex.compile(rf"(?<![\w])(?:{alternatives(w.lower() for w in words)})(?![\w])", regex.IGNORECASE)


def word_start(phrases: Iterable[str]) -> str:
    """``\\b`` if every phrase opens with a word character: a cheap anchor that lets the regex
    engine skip most positions before trying the alternatives (a third faster on long texts)."""
    return r"\b" if all(regex.match(r"\w", p) for p in phrases) else ""


def alternatives(phrases: Iterable[str], space: str = r"\s+") -> str:
    """A regex matching any of the literal phrases (``space`` between words), built as a trie so
    that shared prefixes are tried once: with hundreds of cue words that is several times faster
    than a plain alternation. Longer phrases win, as in a longest-first alternation."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for phrase in phrases:
        node = trie
        for token in regex.findall(r"\s+|\S", " ".join(phrase.split())):
            node = node.setdefault(token, {})
        node[""] = {}
    return _trie_regex(trie, space) or "(?!)"


def _trie_regex(node: dict[str, dict], space: str) -> str:  # type: ignore[type-arg]
    branches = [
        (space if token.isspace() else regex.escape(token)) + _trie_regex(child, space)
        for token, child in sorted(node.items())
        if token
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    return f"(?:{body})?" if len(branches) == 1 and len(body) > 1 else body + "?"
