#!/usr/bin/env python3
"""Train the record-category classifier (``make train``).

Input: the labelled documents in TRAIN_DIRS: samples/classify/train (generated from templates by
samples/classify/generate.py), samples/corpus/dev to dev9, and samples/classify/realistic (hand-written
records of many kinds, agencies and layouts). Never samples/classify/heldout nor samples/corpus/heldout:
those are for ``make eval`` only. Each document is run through the detection engine, because counts of
findings by type and role are features too (as are counts of cues, see src/redactor/classify/features.py).

The probability thresholds are chosen by cross-validation, scored on the hand-written documents only: the
template documents are kept in every training fold, but they are too easy to say how the model does on
records written by other people. ``models/classifier/cv.py`` prints the same cross-validation per category.

Output: models/classifier/model.npz (plain arrays, no pickle) and meta.json (settings, training
set, SHA-256 of model.npz). Deterministic for a given training set and library versions.
"""

from __future__ import annotations

import functools
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import sklearn
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from redactor import extract  # noqa: E402
from redactor.classify import Classifier  # noqa: E402
from redactor.classify.dataset import load_examples  # noqa: E402
from redactor.classify.features import (  # noqa: E402
    CUE_DIGEST,
    CUE_KEYS,
    CUE_SCALE,
    FINDING_KEYS,
    FINDING_SCALE,
    dense_vector,
    text_terms,
    tfidf_terms,
)
from redactor.classify.levels import CATEGORIES  # noqa: E402
from redactor.classify.markings import load_markings  # noqa: E402
from redactor.classify.model import TextModel  # noqa: E402
from redactor.detect.engine import Engine  # noqa: E402
from redactor.model import Document, Finding  # noqa: E402
from redactor.modelfiles import META_FILE, MODEL_FILE, sha256  # noqa: E402

TEMPLATE_DIR = ROOT / "samples" / "classify" / "train"
TRAIN_DIRS = [
    TEMPLATE_DIR,
    ROOT / "samples" / "corpus" / "dev",
    ROOT / "samples" / "corpus" / "dev2",
    ROOT / "samples" / "corpus" / "dev3",
    ROOT / "samples" / "corpus" / "dev4",
    ROOT / "samples" / "corpus" / "dev5",
    ROOT / "samples" / "corpus" / "dev6",
    ROOT / "samples" / "corpus" / "dev7",
    ROOT / "samples" / "corpus" / "dev8",
    ROOT / "samples" / "corpus" / "dev9",
    ROOT / "samples" / "corpus" / "dev10",
    ROOT / "samples" / "corpus" / "dev11",
    ROOT / "samples" / "corpus" / "dev12",
    ROOT / "samples" / "corpus" / "dev13",
    ROOT / "samples" / "corpus" / "dev14",
    ROOT / "samples" / "corpus" / "dev15",
    ROOT / "samples" / "corpus" / "dev16",
    ROOT / "samples" / "corpus" / "dev17",
    ROOT / "samples" / "corpus" / "dev18",
    ROOT / "samples" / "classify" / "realistic",
]
OUT = Path(__file__).resolve().parent
# C and MIN_DF (and FINDING_SCALE in features.py) were chosen by 5-fold cross-validation on the
# hand-written documents (templates always in the training folds): weak regularisation, and terms
# must occur in 3 documents so that one record's names and places do not become vocabulary.
C = 50.0
MIN_DF = 3
THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)  # chosen by cross-validation on the training set only
FOLDS = 5
PER_CATEGORY = False  # per-category thresholds: nested leave-one-source-out CV 0.867 vs 0.870 for one threshold
MIN_GAIN = 0.003  # about one document more right in a category with 30 documents


@dataclass
class TrainingSet:
    documents: list[Document]
    findings: list[list[Finding]]
    y: np.ndarray  # (documents, categories) 0/1
    sources: np.ndarray  # the training directory of each document, relative to ROOT
    template: np.ndarray  # True for the generated documents, which are never scored

    @property
    def texts(self) -> list[str]:
        return [d.text for d in self.documents]

    def dense_matrix(self, analyzer: Callable[[str], list[str]]) -> sparse.csr_matrix:
        """Finding and cue counts of every document (the columns after the TF-IDF terms)."""
        rows = [dense_vector(analyzer(t), f) for t, f in zip(self.texts, self.findings)]
        return sparse.csr_matrix(np.array(rows))


DetectFn = Callable[[list[Document]], list[list[Finding]]]


def detect(documents: list[Document]) -> list[list[Finding]]:
    return [f for _, f in Engine().analyze_many(documents)]


def load_training_set(detect_fn: DetectFn = detect) -> TrainingSet:
    examples = [e for d in TRAIN_DIRS for e in load_examples(d)]
    documents = [extract.extract(e.path) for e in examples]
    print(f"{len(examples)} training documents; running detection for finding features...", file=sys.stderr)
    return TrainingSet(
        documents=documents,
        findings=detect_fn(documents),
        y=np.array([[c in e.categories for c in CATEGORIES] for e in examples], dtype=int),
        sources=np.array([str(e.path.parent.relative_to(ROOT)) for e in examples]),
        template=np.array([e.path.parent == TEMPLATE_DIR for e in examples]),
    )


def fit(x: sparse.csr_matrix, y: np.ndarray) -> LogisticRegression:
    return LogisticRegression(C=C, class_weight="balanced", max_iter=5000).fit(x, y)


def fit_model(
    data: TrainingSet, rows: np.ndarray, thresholds: dict[str, float], analyzer: Callable[[str], list[str]] = text_terms
) -> TextModel:
    """One logistic regression per category on the documents selected by ``rows`` (a boolean mask).
    ``analyzer`` must give what ``text_terms`` gives (cross-validation passes a memoised one)."""
    vectorizer = TfidfVectorizer(
        analyzer=lambda t: tfidf_terms(analyzer(t)), sublinear_tf=True, min_df=MIN_DF, norm="l2"
    )
    text_x = vectorizer.fit_transform([t for t, keep in zip(data.texts, rows) if keep])
    x = sparse.hstack([text_x, data.dense_matrix(analyzer)[rows]]).tocsr()
    coef, intercept = [], []
    for j, category in enumerate(CATEGORIES):
        if data.y[rows, j].sum() == 0:
            raise SystemExit(f"no training documents for category {category}")
        clf = fit(x, data.y[rows, j])
        coef.append(clf.coef_[0])
        intercept.append(clf.intercept_[0])
    vocab = vectorizer.get_feature_names_out()
    return TextModel(
        classes=CATEGORIES,
        vocab={str(t): i for i, t in enumerate(vocab)},
        idf=vectorizer.idf_.astype(np.float32).astype(np.float64),
        coef=np.array(coef, dtype=np.float32).astype(np.float64),
        intercept=np.array(intercept, dtype=np.float64),
        thresholds=thresholds,
        source="<training>",
    )


def out_of_fold(data: TrainingSet, folds: np.ndarray, analyzer: Callable[[str], list[str]] = text_terms) -> np.ndarray:
    """Probabilities of each scored document from a model trained without its fold (``folds`` -1: never
    scored, always trained on; -2: left out altogether)."""
    probs = np.zeros(data.y.shape)
    for k in sorted(set(folds[folds >= 0].tolist())):
        model = fit_model(data, (folds != k) & (folds != -2), {}, analyzer)
        for i in np.flatnonzero(folds == k):
            p = model.probabilities_of(model.vector_of_terms(analyzer(data.texts[i]), data.findings[i]))
            probs[i] = [p[c] for c in CATEGORIES]
    return probs


def random_folds(data: TrainingSet, n: int = FOLDS, seed: int = 0) -> np.ndarray:
    folds = np.arange(len(data.documents)) % n
    np.random.default_rng(seed).shuffle(folds)
    folds[data.template] = -1
    return folds


class FixedModel:
    """Given probabilities in place of the text model, so that decisions can be scored for many thresholds."""

    def __init__(self, probabilities: dict[str, float], thresholds: dict[str, float]) -> None:
        self._probabilities = probabilities
        self.thresholds = thresholds

    def threshold_for(self, category: str) -> float:
        return self.thresholds[category]

    def probabilities(self, text: str, findings: Sequence[Finding]) -> dict[str, float]:
        return self._probabilities


def decide(data: TrainingSet, probs: np.ndarray, rows: np.ndarray, thresholds: dict[str, float]) -> np.ndarray:
    """Categories that ``redactor classify`` would give (markings, findings rules and the model combined)."""
    rules = load_markings()
    pred = np.zeros(data.y.shape, dtype=int)
    for i in np.flatnonzero(rows):
        model = FixedModel(dict(zip(CATEGORIES, probs[i].tolist())), thresholds)
        result = Classifier(rules=rules, model=model).classify(data.documents[i], data.findings[i])  # type: ignore[arg-type]
        pred[i] = [c in result.categories for c in CATEGORIES]
    return pred


def f1_per_category(y: np.ndarray, pred: np.ndarray) -> np.ndarray:
    tp, fp, fn = (pred & y).sum(0), (pred & (1 - y)).sum(0), ((1 - pred) & y).sum(0)
    return 2 * tp / np.maximum(2 * tp + fp + fn, 1)


def macro_f1(data: TrainingSet, probs: np.ndarray, rows: np.ndarray, thresholds: dict[str, float]) -> float:
    return float(f1_per_category(data.y[rows], decide(data, probs, rows, thresholds)[rows]).mean())


def choose_thresholds(data: TrainingSet, probs: np.ndarray, rows: np.ndarray) -> dict[str, float]:
    """Thresholds with the best macro-F1 of the cross-validated decisions: first one for all categories,
    then, one category at a time, a threshold of its own where that gains at least MIN_GAIN (so that a
    category's threshold moves only for a real gain, not to fit a document or two)."""
    scores = {t: macro_f1(data, probs, rows, dict.fromkeys(CATEGORIES, t)) for t in THRESHOLDS}
    best = max(THRESHOLDS, key=lambda t: (scores[t], t))
    print(
        "  cross-validated macro-F1 of the hand-written documents by threshold: "
        + ", ".join(f"{t}: {v:.3f}" for t, v in scores.items()),
        file=sys.stderr,
    )
    thresholds, score = dict.fromkeys(CATEGORIES, best), scores[best]
    if not PER_CATEGORY:
        return thresholds
    for category in CATEGORIES:
        for t in THRESHOLDS:
            trial = {**thresholds, category: t}
            trial_score = macro_f1(data, probs, rows, trial)
            if trial_score >= score + MIN_GAIN:
                thresholds, score = trial, trial_score
    print(f"  per-category thresholds: {thresholds} (macro-F1 {score:.3f})", file=sys.stderr)
    return thresholds


def save(model: TextModel, data: TrainingSet) -> None:
    model_path = OUT / MODEL_FILE
    vocab = sorted(model.vocab, key=model.vocab.__getitem__)
    np.savez_compressed(
        model_path,
        classes=np.array(model.classes),
        vocab=np.array(vocab, dtype=str),
        idf=model.idf.astype(np.float32),
        coef=model.coef.astype(np.float32),
        intercept=model.intercept,
    )
    meta = {
        "sha256": sha256(model_path),
        "classes": list(model.classes),
        "finding_keys": list(FINDING_KEYS),
        "finding_scale": FINDING_SCALE,
        "cue_keys": list(CUE_KEYS),
        "cue_scale": CUE_SCALE,
        "cue_digest": CUE_DIGEST,
        "thresholds": model.thresholds,
        "C": C,
        "min_df": MIN_DF,
        "terms": len(vocab),
        "trained_on": [str(d.relative_to(ROOT)) for d in TRAIN_DIRS],
        "documents": len(data.documents),
        "scikit_learn": sklearn.__version__,
    }
    (OUT / META_FILE).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {model_path} ({len(vocab)} terms)", file=sys.stderr)


def main() -> None:
    started = time.monotonic()
    data = load_training_set()
    folds = random_folds(data)
    terms = functools.cache(text_terms)  # each document's terms are needed by every fold
    thresholds = choose_thresholds(data, out_of_fold(data, folds, terms), folds >= 0)
    model = fit_model(data, np.ones(len(data.documents), dtype=bool), thresholds, terms)
    for j, category in enumerate(CATEGORIES):
        print(
            f"  {category:20} {int(data.y[:, j].sum()):4} positive, threshold {thresholds[category]}", file=sys.stderr
        )
    save(model, data)
    print(f"done in {time.monotonic() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
