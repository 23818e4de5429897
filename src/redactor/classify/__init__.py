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


@dataclass(frozen=True)
class Floor:
    """A lower bound on the level, with why. ``capped`` floors stop at the public cap in a public document."""

    level: Level
    why: str
    capped: bool = False


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
        """Categories from markings, findings rules and the model; the level is the highest floor (see
        rules/markings.yaml), except that a policy or public document stops at the public cap."""
        evidence: list[CategoryEvidence] = []
        floors: list[Floor] = []
        marking_ids, public = self._markings(document.text, evidence, floors)
        self._finding_rules(findings, evidence, floors)
        probabilities = self.model.probabilities(document.text, findings)
        set_aside = self._classifier_categories(probabilities, evidence)
        categories = _ranked(evidence)
        for category in categories:
            sources = ", ".join(sorted({e.source for e in evidence if e.category == category}))
            floors.append(Floor(self.rules.category_floors[category], f"category {category} ({sources})"))
        only_public = set(categories) <= {PUBLIC_CATEGORY}
        base = Level.PUBLIC if public and only_public else Level.INTERNAL
        cap, capped = self.rules.public_cap, False
        if cap is not None and categories == (PUBLIC_CATEGORY,):
            floors, capped = _cap(floors, cap)
        level = max([base, *(f.level for f in floors)])
        explanations = _explain(level, base, floors)
        if cap is not None and capped:
            explanations.append(f"findings floors capped at {cap.name}: the only category is {PUBLIC_CATEGORY}")
        if set_aside:
            p_public = probabilities.get(PUBLIC_CATEGORY, 0.0)
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

    def _markings(self, text: str, evidence: list[CategoryEvidence], floors: list[Floor]) -> tuple[list[str], bool]:
        """Marking ids found, and whether one of them marks the document for public release."""
        marking_ids: list[str] = []
        public = False
        for marking, count in find_markings(self.rules, text):
            marking_ids.append(marking.id)
            public = public or marking.public
            if marking.category:
                evidence.append(CategoryEvidence(marking.category, "marking", 1.0, marking.id))
            if marking.level is not None:
                floors.append(Floor(marking.level, f"marking '{marking.id}' ({count}x)"))
        return marking_ids, public

    def _finding_rules(
        self, findings: Sequence[Finding], evidence: list[CategoryEvidence], floors: list[Floor]
    ) -> None:
        for rule in self.rules.finding_rules:
            count = rule.count(findings)
            if count < rule.min_count:
                continue
            if rule.category:
                evidence.append(CategoryEvidence(rule.category, "findings", 1.0, rule.id))
            if rule.level is not None:
                floors.append(Floor(rule.level, f"findings rule '{rule.id}' ({count} findings)", rule.capped_in_public))

    def _classifier_categories(self, probabilities: dict[str, float], evidence: list[CategoryEvidence]) -> list[str]:
        """Add the classifier's categories to ``evidence``; return those set aside for policy_or_public.

        A policy or public document (a policy on informants, minutes that discuss discipline) is in no
        other category. So when the classifier takes it for one and no marking or findings rule names
        another category, the classifier's other categories must be more probable than policy_or_public.
        With no category over its threshold the most probable one is taken, if it is not noise (a
        one-line notice has no category at all).
        """
        best = max(probabilities, key=lambda c: probabilities[c])
        p_public = probabilities.get(PUBLIC_CATEGORY, 0.0)
        exclusive = p_public >= self.model.threshold_for(PUBLIC_CATEGORY) and not evidence
        fallback = not evidence and all(p < self.model.threshold_for(c) for c, p in probabilities.items())
        set_aside: list[str] = []
        for category, p in probabilities.items():
            threshold = self.model.threshold_for(category)
            if p >= threshold or (fallback and category == best and p >= threshold * FALLBACK_SHARE):
                if exclusive and category != PUBLIC_CATEGORY and p < p_public:
                    set_aside.append(f"{category} ({p:.2f})")
                    continue
                evidence.append(CategoryEvidence(category, "classifier", p, "probability"))
        return set_aside


def _ranked(evidence: Sequence[CategoryEvidence]) -> tuple[str, ...]:
    """Categories, strongest evidence first (ties in the order of CATEGORIES)."""
    scores: dict[str, float] = {}
    for e in evidence:
        scores[e.category] = max(scores.get(e.category, 0.0), e.score)
    return tuple(sorted(scores, key=lambda c: (-scores[c], CATEGORIES.index(c))))


def _cap(floors: Sequence[Floor], cap: Level) -> tuple[list[Floor], bool]:
    """Lower the capped floors above ``cap`` to it, for a document whose only category is policy_or_public;
    also say whether any was lowered.

    Such a document (a policy, a press release, minutes) names people because it is written to be read:
    the victim named in a news release, a resident who spoke at a meeting. That a findings rule finds
    a victim's name in it does not make it a confidential record. Markings and category floors are
    never capped; a juvenile record or informant file always has its own category, so is never capped.
    """
    kept: list[Floor] = []
    lowered = False
    for floor in floors:
        if floor.capped and floor.level > cap:
            floor, lowered = Floor(cap, f"{floor.why}, capped from {floor.level.name}", capped=True), True
        kept.append(floor)
    return kept, lowered


def _explain(level: Level, base: Level, floors: Sequence[Floor]) -> list[str]:
    """What set the level first (every floor at that level), then the lower floors above the base, so that
    a reviewer sees everything that would still hold the level up if the first reason went away."""
    if level > base:
        explanations = [f"{level.name}: " + "; ".join(f.why for f in floors if f.level == level)]
    elif base == Level.PUBLIC:
        explanations = [f"{level.name}: public-release marking, no sensitive category"]
    else:
        explanations = [f"{level.name}: no marking, category or finding above INTERNAL"]
    return explanations + [f"{f.level.name} floor from {f.why}" for f in floors if base < f.level < level]
