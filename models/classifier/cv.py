#!/usr/bin/env python3
"""Cross-validation of the record-category classifier on the training side only (never the held-out splits).

Scored: the hand-written documents (samples/classify/realistic, samples/corpus/dev to dev9); the template
documents are in every training fold and never scored. Two schemes:

* ``kfold``: 5 random folds over the hand-written documents;
* ``source``: leave one source out (train on templates and the other sources), the closest to
  "records written by someone else".

Decisions are those of ``redactor classify`` (markings, findings rules and the model combined), with the
thresholds chosen the way ``train.py`` chooses them, on the training folds' out-of-fold predictions.
Detection findings are cached in /tmp (keyed by the text's SHA-256) so that reruns are quick; the cache
directory is named after a digest of the detection code, rules and name lists, so that a change to
detection is never scored with the findings of the code before it.

    .venv/bin/python models/classifier/cv.py [kfold|source]... [--nested]
"""

from __future__ import annotations

import functools
import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train

from redactor.classify.features import text_terms
from redactor.classify.levels import CATEGORIES
from redactor.model import Document, Finding, Role

ROOT = Path(__file__).resolve().parents[2]
# What detection depends on: its code, its rules and its name lists (not markings.yaml, which is classification).
DETECTION_INPUTS = (
    "src/redactor/detect",
    "src/redactor/model.py",
    "src/redactor/rules.py",
    "rules/detection.yaml",
    "rules/recognizers.yaml",
    "rules/lists.yaml",
    "rules/roles.yaml",
    "models/names",
    "models/roles",
)


def detection_digest() -> str:
    """A digest of every file detection depends on, so that cached findings are never stale."""
    digest = hashlib.sha256()
    for name in DETECTION_INPUTS:
        path = ROOT / name
        for file in sorted(p for p in ([path] if path.is_file() else path.rglob("*")) if p.is_file()):
            if "__pycache__" not in file.parts:
                digest.update(str(file.relative_to(ROOT)).encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()[:16]


CACHE = Path(tempfile.gettempdir()) / f"redactor-classify-cv-cache-{detection_digest()}"


def cache_path(text: str) -> Path:
    return CACHE / (hashlib.sha256(text.encode("utf-8")).hexdigest() + ".json")


def cached_detect(documents: list[Document]) -> list[list[Finding]]:
    CACHE.mkdir(exist_ok=True)
    missing = [d for d in documents if not cache_path(d.text).is_file()]
    for document, findings in zip(missing, train.detect(missing) if missing else []):
        rows = [[f.type, f.start, f.end, f.role.value if f.role else None] for f in findings]
        cache_path(document.text).write_text(json.dumps(rows), encoding="utf-8")
    return [load_cached(d.text) for d in documents]


def load_cached(text: str) -> list[Finding]:
    rows = json.loads(cache_path(text).read_text(encoding="utf-8"))
    return [Finding(t, s, e, 1.0, "cache", text[s:e], Role(r) if r else None) for t, s, e, r in rows]


def source_folds(data: train.TrainingSet) -> np.ndarray:
    names = sorted(set(data.sources[~data.template].tolist()))
    folds = np.array([names.index(s) if s in names else -1 for s in data.sources])
    folds[data.template] = -1
    return folds


@functools.cache
def memo_terms(text: str) -> list[str]:
    return text_terms(text)


def inner_thresholds(data: train.TrainingSet, folds: np.ndarray, k: int) -> dict[str, float]:
    """Thresholds chosen as train.py would, on out-of-fold predictions of the documents outside fold ``k``."""
    inner = train.random_folds(data)
    inner[folds == k] = -2  # neither trained on nor scored
    return train.choose_thresholds(data, train.out_of_fold(data, inner, memo_terms), inner >= 0)


def print_errors(data: train.TrainingSet, pred: np.ndarray, rows: np.ndarray) -> None:
    """Training-side documents only: which categories each misclassified document gained (+) or lost (-)."""
    for i in np.flatnonzero(rows):
        gained = [c for j, c in enumerate(CATEGORIES) if pred[i, j] and not data.y[i, j]]
        lost = [c for j, c in enumerate(CATEGORIES) if data.y[i, j] and not pred[i, j]]
        if gained or lost:
            name = Path(data.documents[i].path).name
            print(f"  {name:55} " + " ".join([f"+{c}" for c in gained] + [f"-{c}" for c in lost]))


def report(name: str, data: train.TrainingSet, pred: np.ndarray, rows: np.ndarray) -> float:
    y, p = data.y[rows], pred[rows]
    print(f"\n== {name}: {int(rows.sum())} documents\n{'category':20} {'n':>4} {'P':>6} {'R':>6} {'F1':>6}")
    tp, fp, fn = (p & y).sum(0), (p & (1 - y)).sum(0), ((1 - p) & y).sum(0)
    for j, category in enumerate(CATEGORIES):
        precision, recall = tp[j] / max(tp[j] + fp[j], 1), tp[j] / max(tp[j] + fn[j], 1)
        f1 = 2 * tp[j] / max(2 * tp[j] + fp[j] + fn[j], 1)
        print(f"{category:20} {tp[j] + fn[j]:4} {precision:6.2f} {recall:6.2f} {f1:6.2f}")
    if "--errors" in sys.argv:
        print_errors(data, pred, rows)
    macro = float(train.f1_per_category(y, p).mean())
    by_source = {
        s: float(train.f1_per_category(data.y[rows & (data.sources == s)], pred[rows & (data.sources == s)]).mean())
        for s in sorted(set(data.sources[rows].tolist()))
    }
    print(f"macro-F1 {macro:.3f}  (" + ", ".join(f"{Path(s).name} {v:.3f}" for s, v in by_source.items()) + ")")
    return macro


def run(scheme: str, data: train.TrainingSet, nested: bool) -> float:
    """Without ``nested``, the thresholds are chosen once on all out-of-fold predictions (a little
    optimistic, much quicker); with it, for each fold on an inner cross-validation of the other folds."""
    folds = train.random_folds(data) if scheme == "kfold" else source_folds(data)
    probs = train.out_of_fold(data, folds, memo_terms)
    scored = folds >= 0
    if not nested:
        pred = train.decide(data, probs, scored, train.choose_thresholds(data, probs, scored))
        return report(scheme, data, pred, scored)
    pred = np.zeros(data.y.shape, dtype=int)
    for k in sorted(set(folds[scored].tolist())):
        rows = folds == k
        pred[rows] = train.decide(data, probs, rows, inner_thresholds(data, folds, k))[rows]
    return report(f"{scheme} (nested thresholds)", data, pred, scored)


def main() -> None:
    started = time.monotonic()
    nested = "--nested" in sys.argv
    schemes = [a for a in sys.argv[1:] if not a.startswith("--")] or ["kfold", "source"]
    data = train.load_training_set(cached_detect)
    scores = {scheme: run(scheme, data, nested) for scheme in schemes}
    print(
        "\n" + "  ".join(f"{s} macro-F1 {v:.3f}" for s, v in scores.items()) + f"  ({time.monotonic() - started:.0f} s)"
    )


if __name__ == "__main__":
    main()
