"""A learned role for each person: logistic regression over the rules' evidence and the words
around the person's mentions.

The rules of ``roles.py`` name a role only where a label, a title or a known phrase stands at the
name. Across authors, that left a third of victims, witnesses and suspects without evidence or
with the wrong one: what people did is written in too many ways ("his truck was gone", "has 14
staples in his scalp"). The model reads the rules' evidence (which role, how strong, whether a
deed) as features beside the words near each mention and the other findings on its lines, so it
keeps what the rules know and learns the rest from the labelled corpus (``models/roles/train.py``).

Left out on purpose: anything that names a person (words inside PERSON findings), so the model
learns contexts, not the corpus' names. Stored as plain arrays plus ``meta.json`` (see
``redactor.modelfiles``).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import regex

from redactor import modelfiles
from redactor.detect.context import line_start
from redactor.errors import ModelError
from redactor.model import Finding, Role
from redactor.modelfiles import MODEL_FILE, load_checked

if TYPE_CHECKING:
    from redactor.detect.roles import Person

DEFAULT_MODEL_DIR = Path(__file__).resolve().parents[3] / "models" / "roles"
FEATURE_VERSION = 1  # bump when person_features changes; the model must then be retrained
WINDOW_WORDS = 6  # words read on each side of a mention
WINDOW_CHARS = 80
NEAREST = 2  # the words right next to the name count on their own too ("l=arrested")
WORD = regex.compile(r"\p{L}[\p{L}'’-]*")


@dataclass(frozen=True)
class Surroundings:
    """What the features of every person in a document read: where the names are, and which other
    kinds of findings stand on each line (a DOB, a phone, a badge...). Built once per document."""

    names: list[tuple[int, int]]
    line_types: dict[int, set[str]]

    @classmethod
    def of(cls, text: str, findings: Sequence[Finding]) -> Surroundings:
        names = sorted((f.start, f.end) for f in findings if f.type == "PERSON")
        line_types: dict[int, set[str]] = {}
        for f in findings:
            if f.type != "PERSON":
                line_types.setdefault(line_start(text, f.start), set()).add(f.type)
        return cls(names, line_types)


def person_features(text: str, person: Person, around: Surroundings) -> dict[str, float]:
    """Binary features of one person (all the mentions of one cluster)."""
    x = {f"rule={person.role.value}": 1.0}
    if not person.evidence:
        x["noev"] = 1.0
    for e in person.evidence:
        x[f"ev={e.role.value}"] = x[f"ev={e.role.value}:{e.strength}"] = 1.0
        if e.deed:
            x[f"deed={e.role.value}"] = 1.0
    n = len(person.members)
    x["n=" + ("1" if n == 1 else "2-3" if n <= 3 else "4+")] = 1.0
    for f in person.members:
        x.update({f"line={t}": 1.0 for t in around.line_types.get(line_start(text, f.start), ())})
        x.update(window_features(text, f, around.names))
    return x


def window_features(text: str, f: Finding, names: list[tuple[int, int]]) -> dict[str, float]:
    left = [w for w in words_between(text, max(0, f.start - WINDOW_CHARS), f.start, names)][-WINDOW_WORDS:]
    right = [w for w in words_between(text, f.end, min(len(text), f.end + WINDOW_CHARS), names)][:WINDOW_WORDS]
    x = {f"w={w}": 1.0 for w in left + right}
    x.update({f"l={w}": 1.0 for w in left[-NEAREST:]})
    x.update({f"r={w}": 1.0 for w in right[:NEAREST]})
    return x


def words_between(text: str, start: int, end: int, names: list[tuple[int, int]]) -> list[str]:
    """Lower-case words in [start, end) outside every PERSON finding."""
    return [m.group().lower() for m in WORD.finditer(text, start, end) if not inside(names, m.start(), m.end())]


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_right(spans, (start, 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


@dataclass(frozen=True)
class RoleModel:
    classes: tuple[Role, ...]
    vocab: dict[str, int]
    coef: np.ndarray  # (classes, features)
    intercept: np.ndarray

    @classmethod
    def load(cls, directory: str | Path | None = None) -> RoleModel:
        directory = Path(directory) if directory else DEFAULT_MODEL_DIR
        meta, arrays = load_checked(directory, "role model")
        model_path, hint = directory / MODEL_FILE, modelfiles.hint("role model")
        if meta.get("feature_version") != FEATURE_VERSION:
            raise ModelError(f"{model_path}: trained with other features than this version uses", hint)
        vocab = [str(t) for t in arrays["vocab"]]
        model = cls(
            classes=tuple(Role(str(c)) for c in arrays["classes"]),
            vocab={term: i for i, term in enumerate(vocab)},
            coef=arrays["coef"].astype(np.float64),
            intercept=arrays["intercept"].astype(np.float64),
        )
        if model.coef.shape != (len(model.classes), len(vocab)) or model.intercept.shape != (len(model.classes),):
            raise ModelError(f"{model_path}: array shapes do not match", hint)
        return model

    def predict(self, features: dict[str, float]) -> Role:
        scores = self.intercept.copy()
        for key, value in features.items():
            if (i := self.vocab.get(key)) is not None:
                scores += self.coef[:, i] * value
        return self.classes[int(np.argmax(scores))]
