"""Features of the record-category classifier, shared by training and prediction.

The same two functions turn a document into features in ``models/classifier/train.py`` and at run
time, so the two can never drift apart: terms of the text (words, word pairs, character 4-grams
inside words; digits folded to 0 so case numbers and dates do not become vocabulary) and counts of
detection findings by type and by role.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from itertools import pairwise

import regex

from redactor.model import ENTITY_TYPES, Finding, Role

WORD = regex.compile(r"[\p{L}0-9]+(?:'[\p{L}]+)?")
DIGIT = regex.compile(r"[0-9]")
FIELD_LABEL = regex.compile(r"^([\p{L}][\p{L} /&'-]{1,40}?)\s*:(?!//)")
MAX_HEADING_WORDS = 8
TITLE_LINES = 6
MAX_CHARS = 50_000  # the head of a long document says what it is; keeps prediction time bounded

FINDING_KEYS: tuple[str, ...] = tuple(f"type:{t}" for t in ENTITY_TYPES) + tuple(f"role:{r.value}" for r in Role)
# Dense finding columns are scaled down to weigh like one or two text terms. Cross-validated on
# hand-written records, larger weights (0.35 was used before) made the model lean on finding counts,
# which the template-generated training documents make look more telling than they are.
FINDING_SCALE = 0.1


def words_of(text: str) -> list[str]:
    return [DIGIT.sub("0", w) for w in WORD.findall(text.lower())]


def header_words(text: str) -> list[str]:
    """Words of the lines that say what a document or section is: titles and headings written in capitals,
    and form labels at the start of a line ("Chief complaint:", "Prior arrests:")."""
    words = []
    for line in text.splitlines():
        stripped = line.strip()
        label = FIELD_LABEL.match(stripped)
        if label:
            words += words_of(label.group(1))
        elif stripped.isupper() and len(stripped.split()) <= MAX_HEADING_WORDS:
            words += words_of(stripped)
    return words


def title_words(text: str) -> list[str]:
    """Words of the first lines, where a record names its agency and its kind."""
    lines = [line for line in text.splitlines() if line.strip()][:TITLE_LINES]
    return words_of("\n".join(lines))


def text_terms(text: str) -> list[str]:
    text = text[:MAX_CHARS]
    words = words_of(text)
    terms = [f"w:{w}" for w in words]
    terms += [f"h:{w}" for w in header_words(text)]
    terms += [f"t:{w}" for w in title_words(text)]
    terms += [f"b:{a} {b}" for a, b in pairwise(words)]
    for w in words:
        if len(w) > 4 and not w.isdigit():
            padded = f"<{w}>"
            terms += [f"c:{padded[i : i + 4]}" for i in range(len(padded) - 3)]
    return terms


def finding_counts(findings: Iterable[Finding]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for finding in findings:
        counts[f"type:{finding.type}"] += 1
        if finding.role is not None:
            counts[f"role:{finding.role.value}"] += 1
    return counts


def finding_vector(findings: Iterable[Finding]) -> list[float]:
    counts = finding_counts(findings)
    return [FINDING_SCALE * math.log1p(counts.get(key, 0)) for key in FINDING_KEYS]
