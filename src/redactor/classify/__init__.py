"""Sensitivity classification: a level and record categories for a document, explained.

Three sources are combined and all reported: explicit markings (rules/markings.yaml), rules on the
detection findings (same file), and the trained text classifier (models/classifier). See
``Classifier.classify`` for how the level is worked out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redactor.classify.levels import CATEGORIES, Level
from redactor.classify.markings import MarkingRules, find_markings, load_markings
from redactor.classify.model import TextModel
from redactor.model import Document, Finding

__all__ = ["CATEGORIES", "CategoryEvidence", "Classification", "Classifier", "Level"]

PUBLIC_CATEGORY = "policy_or_public"
# The most probable category counts without reaching its threshold only above this share of it.
FALLBACK_SHARE = 0.5


@dataclass(frozen=True)
class CategoryEvidence:
    category: str
    source: str  # "marking" | "findings" | "classifier"
    score: float
    detail: str  # marking or rule id, or "probability"


@dataclass(frozen=True)
class Classification:
    level: Level
    categories: tuple[str, ...]  # strongest first
    evidence: tuple[CategoryEvidence, ...] = ()
    explanations: tuple[str, ...] = ()
    markings: tuple[str, ...] = ()
    probabilities: tuple[tuple[str, float], ...] = field(default=(), repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level.name,
            "categories": list(self.categories),
            "evidence": [
                {"category": e.category, "source": e.source, "score": e.score, "detail": e.detail}
                for e in self.evidence
            ],
            "markings": list(self.markings),
            "explanations": list(self.explanations),
            "probabilities": dict(self.probabilities),
        }


class Classifier:
    """Build once per process (loads rules and model); ``classify`` is then cheap."""

    def __init__(
        self,
        rules: MarkingRules | None = None,
        model: TextModel | None = None,
        rules_path: str | Path | None = None,
        model_dir: str | Path | None = None,
    ) -> None:
        self.rules = rules or load_markings(rules_path)
        self.model = model or TextModel.load(model_dir)

    def classify(self, document: Document, findings: Sequence[Finding]) -> Classification:
        evidence: list[CategoryEvidence] = []
        floors: list[tuple[Level, str]] = []
        public = False
        marking_ids = []
        for marking, count in find_markings(self.rules, document.text):
            marking_ids.append(marking.id)
            public = public or marking.public
            if marking.category:
                evidence.append(CategoryEvidence(marking.category, "marking", 1.0, marking.id))
            if marking.level is not None:
                floors.append((marking.level, f"marking '{marking.id}' ({count}x)"))
        for rule in self.rules.finding_rules:
            count = rule.count(findings)
            if count >= rule.min_count:
                if rule.category:
                    evidence.append(CategoryEvidence(rule.category, "findings", 1.0, rule.id))
                if rule.level is not None:
                    floors.append((rule.level, f"findings rule '{rule.id}' ({count} findings)"))
        probabilities = self.model.probabilities(document.text, findings)
        best = max(probabilities, key=lambda c: probabilities[c])
        # A policy or public document (a policy on informants, minutes that discuss discipline) is in no
        # other category. So when the classifier takes it for one and no marking or findings rule names
        # another category, the classifier's other categories must be more probable than policy_or_public.
        p_public = probabilities.get(PUBLIC_CATEGORY, 0.0)
        exclusive = p_public >= self.model.threshold_for(PUBLIC_CATEGORY) and not evidence
        set_aside: list[str] = []
        for category, p in probabilities.items():
            threshold = self.model.threshold_for(category)
            # With no category over its threshold the most probable one is taken, if it is not noise
            # (a one-line notice has no category at all).
            if p >= threshold or (category == best and not evidence and p >= threshold * FALLBACK_SHARE):
                if exclusive and category != PUBLIC_CATEGORY and p < p_public:
                    set_aside.append(f"{category} ({p:.2f})")
                    continue
                evidence.append(CategoryEvidence(category, "classifier", p, "probability"))

        scores: dict[str, float] = {}
        for e in evidence:
            scores[e.category] = max(scores.get(e.category, 0.0), e.score)
        categories = tuple(sorted(scores, key=lambda c: (-scores[c], CATEGORIES.index(c))))
        for category in categories:
            sources = ", ".join(sorted({e.source for e in evidence if e.category == category}))
            floors.append((self.rules.category_floors[category], f"category {category} ({sources})"))

        only_public = set(categories) <= {"policy_or_public"}
        base = Level.PUBLIC if public and only_public else Level.INTERNAL
        level = max([base, *(f for f, _ in floors)])
        explanations = (
            [f"{level.name}: " + "; ".join(why for f, why in floors if f == level)]
            if level > base
            else [
                f"{level.name}: "
                + (
                    "public-release marking, no sensitive category"
                    if base == Level.PUBLIC
                    else "no marking, category or finding above INTERNAL"
                )
            ]
        )
        explanations += [f"{lvl.name} floor from {why}" for lvl, why in floors if lvl < level and lvl > base]
        if set_aside:
            explanations.append(
                f"not taken, less probable than {PUBLIC_CATEGORY} ({p_public:.2f}): " + ", ".join(set_aside)
            )
        return Classification(
            level=level,
            categories=categories,
            evidence=tuple(evidence),
            explanations=tuple(explanations),
            markings=tuple(marking_ids),
            probabilities=tuple(sorted(probabilities.items())),
        )
