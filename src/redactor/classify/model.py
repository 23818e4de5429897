"""The trained record-category model: TF-IDF terms + finding counts + cue counts -> one logistic
regression per category (one-vs-rest, so a document can be in several categories).

Why this and not spaCy textcat: training takes seconds on a laptop CPU, the model is a few MB,
prediction needs only numpy, and the weights are inspectable. Why not pickle: a pickle file runs
code when loaded, so a swapped model file would be code execution in a DLP tool. The model is
stored as plain arrays plus ``meta.json`` (see ``redactor.modelfiles``).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from redactor import modelfiles
from redactor.classify.features import (
    CUE_DIGEST,
    CUE_KEYS,
    CUE_SCALE,
    FINDING_KEYS,
    FINDING_SCALE,
    dense_vector,
    text_terms,
)
from redactor.errors import ModelError
from redactor.model import Finding
from redactor.modelfiles import MODEL_FILE, load_checked

DEFAULT_MODEL_DIR = Path(__file__).resolve().parents[3] / "models" / "classifier"


def thresholds_of(meta: dict[str, Any], classes: Sequence[str]) -> dict[str, float]:
    """Per-category thresholds from meta.json (``thresholds``), or one ``threshold`` for all."""
    given = meta.get("thresholds")
    if isinstance(given, dict) and set(given) == set(classes):
        return {c: float(given[c]) for c in classes}
    return dict.fromkeys(classes, float(meta.get("threshold", 0.5)))


@dataclass(frozen=True)
class TextModel:
    classes: tuple[str, ...]
    vocab: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray  # (classes, terms + finding keys + cue keys)
    intercept: np.ndarray
    thresholds: dict[str, float]  # a category is taken when its probability reaches its threshold
    source: str

    @classmethod
    def load(cls, directory: str | Path | None = None) -> TextModel:
        directory = Path(directory) if directory else DEFAULT_MODEL_DIR
        meta, arrays = load_checked(directory, "classifier")
        model_path, hint = directory / MODEL_FILE, modelfiles.hint("classifier")
        vocab = [str(t) for t in arrays["vocab"]]
        model = cls(
            classes=tuple(str(c) for c in arrays["classes"]),
            vocab={term: i for i, term in enumerate(vocab)},
            idf=arrays["idf"].astype(np.float64),
            coef=arrays["coef"].astype(np.float64),
            intercept=arrays["intercept"].astype(np.float64),
            thresholds=thresholds_of(meta, tuple(str(c) for c in arrays["classes"])),
            source=str(directory),
        )
        if tuple(meta.get("finding_keys", ())) != FINDING_KEYS or meta.get("finding_scale") != FINDING_SCALE:
            raise ModelError(f"{model_path}: trained with other finding features than this version uses", hint)
        cues = (tuple(meta.get("cue_keys", ())), meta.get("cue_scale"), meta.get("cue_digest"))
        if cues != (CUE_KEYS, CUE_SCALE, CUE_DIGEST):
            raise ModelError(f"{model_path}: trained with other cue features than this version uses", hint)
        if model.coef.shape != (len(model.classes), len(vocab) + len(FINDING_KEYS) + len(CUE_KEYS)):
            raise ModelError(f"{model_path}: array shapes do not match", hint)
        return model

    def threshold_for(self, category: str) -> float:
        return self.thresholds[category]

    def vector(self, text: str, findings: Sequence[Finding]) -> np.ndarray:
        return self.vector_of_terms(text_terms(text), findings)

    def vector_of_terms(self, terms: Sequence[str], findings: Sequence[Finding]) -> np.ndarray:
        """TF-IDF as scikit-learn computes it (sublinear tf, l2 norm) followed by finding and cue counts.
        Cue terms are not in the vocabulary, so they count only in the dense columns."""
        counts = Counter(i for i in map(self.vocab.get, terms) if i is not None)
        tfidf = np.zeros(len(self.vocab))
        for index, n in counts.items():
            tfidf[index] = (1.0 + math.log(n)) * self.idf[index]
        norm = float(np.linalg.norm(tfidf))
        if norm > 0:
            tfidf /= norm
        return np.concatenate([tfidf, np.asarray(dense_vector(terms, findings))])

    def probabilities(self, text: str, findings: Sequence[Finding]) -> dict[str, float]:
        return self.probabilities_of(self.vector(text, findings))

    def probabilities_of(self, vector: np.ndarray) -> dict[str, float]:
        logits = self.coef @ vector + self.intercept
        probs = 1.0 / (1.0 + np.exp(-logits))
        return {c: round(float(p), 4) for c, p in zip(self.classes, probs)}
