#!/usr/bin/env python3
"""Train the role model (``make train``): which role each person in a document has.

Input: the labelled corpus splits in SPLITS (samples/corpus/dev...), never samples/corpus/heldout.
Each document runs through the detection engine with rule roles only; each person (a cluster of
mentions, ``RoleAssigner.people``) becomes one example: its features are those of
``redactor.detect.rolemodel.person_features``, its label the role most of its labelled mentions
have. A person is weighted by the square root of its labelled mentions, because role accuracy is
counted per mention. Persons the detector found but nobody labelled are left out.

    python models/roles/train.py            # train on every split in SPLITS, write the model
    python models/roles/train.py --cv       # leave one split out: rules vs model, per split

Output: models/roles/model.npz (plain arrays, no pickle) and meta.json (settings, training set,
SHA-256 of model.npz). Deterministic for a given training set and library versions.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import sklearn
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from redactor.detect.engine import Engine  # noqa: E402
from redactor.detect.rolemodel import DEFAULT_MODEL_DIR, FEATURE_VERSION, Surroundings, person_features  # noqa: E402
from redactor.detect.roles import Person  # noqa: E402
from redactor.evaluation import Span, best_overlap, load_gold  # noqa: E402
from redactor.model import Document, Role  # noqa: E402
from redactor.modelfiles import META_FILE, MODEL_FILE, sha256  # noqa: E402

CORPUS = ROOT / "samples" / "corpus"
SPLITS = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11", "dev12", "dev13", "dev14", "dev15", "dev16", "dev17", "dev18")
C = 0.1  # strong regularisation: ~1,400 persons, ~10,000 features; chosen by --cv


@dataclass(frozen=True)
class Example:
    split: str
    features: dict[str, float]
    gold: tuple[str | None, ...]  # the labelled role of each mention, None where unlabelled
    rule: Role
    own: tuple[Role | None, ...]  # a family surname's own role, as the rules give it

    @property
    def label(self) -> str | None:
        roles = [g for g in self.gold if g]
        return Counter(roles).most_common(1)[0][0] if roles else None

    @property
    def weight(self) -> float:
        return max(1, sum(1 for g in self.gold if g)) ** 0.5


def examples(split: str, engine: Engine) -> list[Example]:
    out = []
    for path in sorted((CORPUS / split).glob("*.txt")):
        text, gold = load_gold(path)
        labelled = [g for g in gold if g.type == "PERSON" and g.role]
        findings = engine.analyze(Document.from_text(text))
        around = Surroundings.of(text, findings)
        for person in engine.roles.people(text, findings):
            out.append(example(split, text, person, around, labelled))
    return out


def example(split: str, text: str, person: Person, around: Surroundings, labelled: list[Span]) -> Example:
    gold = []
    for f in person.members:
        match = best_overlap(Span(f.start, f.end, "PERSON"), labelled)
        gold.append(match.role if match else None)
    own = tuple(person.own.get((f.start, f.end)) for f in person.members)
    return Example(split, person_features(text, person, around), tuple(gold), person.role, own)


def fit(train: list[Example]) -> tuple[DictVectorizer, LogisticRegression]:
    train = [e for e in train if e.label]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([e.features for e in train])
    model = LogisticRegression(C=C, max_iter=5000)
    model.fit(x, [e.label for e in train], sample_weight=[e.weight for e in train])
    return vectorizer, model


def mention_accuracy(tests: list[Example], roles: list[str]) -> tuple[int, int]:
    """Right and labelled mentions, as ``RoleAssigner`` would assign ``roles`` to the persons."""
    right = total = 0
    for e, role in zip(tests, roles):
        chosen = e.rule.value if e.rule is Role.JUVENILE else role
        for gold, own in zip(e.gold, e.own):
            if gold:
                total += 1
                right += (own.value if own else chosen) == gold
    return right, total


def cross_validate(data: list[Example]) -> None:
    print(f"{'left out':10} {'mentions':>8} {'rules':>6} {'model':>6}")
    sums = Counter[str]()
    for split in SPLITS:
        tests = [e for e in data if e.split == split]
        vectorizer, model = fit([e for e in data if e.split != split])
        predicted = list(model.predict(vectorizer.transform([e.features for e in tests])))
        rule_right, total = mention_accuracy(tests, [e.rule.value for e in tests])
        model_right, _ = mention_accuracy(tests, predicted)
        sums.update(total=total, rules=rule_right, model=model_right)
        print(f"{split:10} {total:8} {rule_right / total:6.3f} {model_right / total:6.3f}")
    print(f"{'all':10} {sums['total']:8} {sums['rules'] / sums['total']:6.3f} {sums['model'] / sums['total']:6.3f}")


def save(data: list[Example], directory: Path) -> None:
    vectorizer, model = fit(data)
    directory.mkdir(parents=True, exist_ok=True)
    model_path = directory / MODEL_FILE
    np.savez_compressed(
        model_path,
        vocab=np.array(vectorizer.get_feature_names_out(), dtype=str),
        classes=np.array(model.classes_, dtype=str),
        coef=model.coef_.astype(np.float32),
        intercept=model.intercept_.astype(np.float32),
    )
    meta = {
        "feature_version": FEATURE_VERSION,
        "splits": list(SPLITS),
        "persons": sum(1 for e in data if e.label),
        "mentions": sum(1 for e in data for g in e.gold if g),
        "features": len(vectorizer.vocabulary_),
        "C": C,
        "sklearn": sklearn.__version__,
        "sha256": sha256(model_path),
    }
    (directory / META_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {model_path}: {meta['persons']} persons, {meta['features']} features")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cv", action="store_true", help="leave one split out and compare with the rules")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_MODEL_DIR)
    args = parser.parse_args()
    engine = Engine(learned_roles=False)
    data = [e for split in SPLITS for e in examples(split, engine)]
    if args.cv:
        cross_validate(data)
    else:
        save(data, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
