#!/usr/bin/env python3
"""Train the record-category classifier (``make train``).

Input: the labelled documents in TRAIN_DIRS: samples/classify/train (generated from templates by
samples/classify/generate.py), samples/corpus/dev and dev2, and samples/classify/realistic (hand-written
records of many kinds, agencies and layouts). Never samples/classify/heldout nor samples/corpus/heldout:
those are for ``make eval`` only. Each document is run through the detection engine, because counts of
findings by type and role are features too.

The probability threshold is chosen by cross-validation, scored on the hand-written documents only: the
template documents are kept in every training fold, but they are too easy to say how the model does on
records written by other people.

Output: models/classifier/model.npz (plain arrays, no pickle) and meta.json (settings, training
set, SHA-256 of model.npz). Deterministic for a given training set and library versions.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np
import sklearn
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from redactor import extract  # noqa: E402
from redactor.classify.dataset import load_examples  # noqa: E402
from redactor.classify.features import FINDING_KEYS, FINDING_SCALE, finding_vector, text_terms  # noqa: E402
from redactor.classify.levels import CATEGORIES  # noqa: E402
from redactor.classify.model import META_FILE, MODEL_FILE, sha256  # noqa: E402
from redactor.detect.engine import Engine  # noqa: E402

TEMPLATE_DIR = ROOT / "samples" / "classify" / "train"
TRAIN_DIRS = [
    TEMPLATE_DIR,
    ROOT / "samples" / "corpus" / "dev",
    ROOT / "samples" / "corpus" / "dev2",
    ROOT / "samples" / "classify" / "realistic",
]
OUT = Path(__file__).resolve().parent
# C and MIN_DF (and FINDING_SCALE in features.py) were chosen by 5-fold cross-validation on the
# hand-written documents (templates always in the training folds): weak regularisation, and terms
# must occur in 3 documents so that one record's names and places do not become vocabulary.
C = 50.0
MIN_DF = 3
THRESHOLDS = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5]  # chosen by cross-validation on the training set only
FOLDS = 5


def fit(x: sparse.csr_matrix, y: np.ndarray) -> LogisticRegression:
    return LogisticRegression(C=C, class_weight="balanced", max_iter=5000).fit(x, y)


def choose_threshold(texts: list[str], finding_x: sparse.csr_matrix, y: np.ndarray, template: np.ndarray) -> float:
    """The probability threshold with the best macro-F1 over out-of-fold predictions of the hand-written
    documents (``template`` marks the generated ones, which are in every training fold and never scored)."""
    folds = np.arange(len(texts)) % FOLDS
    np.random.default_rng(0).shuffle(folds)
    folds[template] = -1
    probs = np.zeros(y.shape)
    for k in range(FOLDS):
        train, test = folds != k, folds == k
        vec = TfidfVectorizer(analyzer=text_terms, sublinear_tf=True, min_df=MIN_DF, norm="l2")
        x_train = sparse.hstack([vec.fit_transform([t for t, m in zip(texts, train) if m]), finding_x[train]]).tocsr()
        x_test = sparse.hstack([vec.transform([t for t, m in zip(texts, test) if m]), finding_x[test]]).tocsr()
        for j in range(y.shape[1]):
            probs[test, j] = fit(x_train, y[train, j]).predict_proba(x_test)[:, 1]
    scores = {}
    probs, y = probs[~template], y[~template]
    for t in THRESHOLDS:
        pred = probs >= t
        pred[np.arange(len(pred)), probs.argmax(1)] = True  # the classifier always names the best category
        tp, fp, fn = (pred & (y == 1)).sum(0), (pred & (y == 0)).sum(0), (~pred & (y == 1)).sum(0)
        scores[t] = float(np.mean(2 * tp / np.maximum(2 * tp + fp + fn, 1)))
    best = max(THRESHOLDS, key=lambda t: (scores[t], t))
    print(
        "  cross-validated macro-F1 of the hand-written documents by threshold: "
        + ", ".join(f"{t}: {v:.3f}" for t, v in scores.items()),
        file=sys.stderr,
    )
    return best


def main() -> None:
    started = time.monotonic()
    examples = [e for d in TRAIN_DIRS for e in load_examples(d)]
    documents = [extract.extract(e.path) for e in examples]
    print(f"training on {len(examples)} documents; running detection for finding features...", file=sys.stderr)
    engine = Engine()
    findings = [f for _, f in engine.analyze_many(documents)]

    vectorizer = TfidfVectorizer(analyzer=text_terms, sublinear_tf=True, min_df=MIN_DF, norm="l2")
    text_x = vectorizer.fit_transform([d.text for d in documents])
    finding_x = sparse.csr_matrix(np.array([finding_vector(f) for f in findings]))
    x = sparse.hstack([text_x, finding_x]).tocsr()

    y = np.array([[c in e.categories for c in CATEGORIES] for e in examples], dtype=int)
    template = np.array([e.path.parent == TEMPLATE_DIR for e in examples])
    threshold = choose_threshold([d.text for d in documents], finding_x, y, template)
    coef, intercept = [], []
    for j, category in enumerate(CATEGORIES):
        if y[:, j].sum() == 0:
            raise SystemExit(f"no training documents for category {category}")
        clf = fit(x, y[:, j])
        coef.append(clf.coef_[0])
        intercept.append(clf.intercept_[0])
        print(f"  {category:20} {int(y[:, j].sum()):4} positive", file=sys.stderr)

    vocab = vectorizer.get_feature_names_out()
    model_path = OUT / MODEL_FILE
    np.savez_compressed(
        model_path,
        classes=np.array(CATEGORIES),
        vocab=np.array(vocab, dtype=str),
        idf=vectorizer.idf_.astype(np.float32),
        coef=np.array(coef, dtype=np.float32),
        intercept=np.array(intercept, dtype=np.float64),
    )
    meta = {
        "sha256": sha256(model_path),
        "classes": list(CATEGORIES),
        "finding_keys": list(FINDING_KEYS),
        "finding_scale": FINDING_SCALE,
        "threshold": threshold,
        "C": C,
        "min_df": MIN_DF,
        "terms": len(vocab),
        "trained_on": [str(d.relative_to(ROOT)) for d in TRAIN_DIRS],
        "documents": len(examples),
        "scikit_learn": sklearn.__version__,
    }
    (OUT / META_FILE).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {model_path} ({len(vocab)} terms) in {time.monotonic() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
