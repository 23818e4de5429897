"""Labelled example documents: NAME.txt (or .pdf) next to NAME.json with ``level`` and ``categories``.

Used by the training script, the benchmark and ``redactor policy check``; the same layout as
samples/corpus, so both sets can be read the same way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from redactor.classify.levels import CATEGORIES, Level
from redactor.errors import ConfigError


@dataclass(frozen=True)
class Example:
    path: Path
    level: Level
    categories: frozenset[str]


def load_examples(directory: str | Path) -> list[Example]:
    directory = Path(directory)
    examples = []
    for label_path in sorted(directory.glob("*.json")):
        text_path = label_path.with_suffix(".txt")
        if not text_path.is_file():
            continue
        try:
            label = json.loads(label_path.read_text(encoding="utf-8"))
            level = Level.parse(label["level"])
            categories = frozenset(label["categories"])
        except (ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"bad label file ({exc})", str(label_path)) from None
        unknown = categories - set(CATEGORIES)
        if unknown:
            raise ConfigError(f"unknown categories {sorted(unknown)}", str(label_path))
        examples.append(Example(text_path, level, categories))
    if not examples:
        raise ConfigError("no labelled documents (NAME.txt + NAME.json) found", str(directory))
    return examples
