"""Scoring detections against labelled spans: per-type recall and precision, role accuracy.

Matching is by character coverage, so that span edges that differ only by punctuation or a
title do not count as misses: a gold span is found when predictions of its type cover at least
``COVER`` of its letters and digits; a prediction is correct when gold spans of its type cover
at least ``COVER`` of its letters and digits.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

COVER = 0.8


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    type: str
    role: str | None = None


@dataclass
class Scores:
    tp_gold: Counter[str] = field(default_factory=Counter)  # gold spans found, per type
    gold: Counter[str] = field(default_factory=Counter)
    tp_pred: Counter[str] = field(default_factory=Counter)  # predictions that are right
    pred: Counter[str] = field(default_factory=Counter)
    role_right: int = 0
    role_total: int = 0
    misses: list[tuple[str, Span]] = field(default_factory=list)
    false_alarms: list[tuple[str, Span]] = field(default_factory=list)

    def recall(self, t: str) -> float:
        return self.tp_gold[t] / self.gold[t] if self.gold[t] else float("nan")

    def precision(self, t: str) -> float:
        return self.tp_pred[t] / self.pred[t] if self.pred[t] else float("nan")

    def overall_precision(self) -> float:
        total = sum(self.pred.values())
        return sum(self.tp_pred.values()) / total if total else float("nan")

    def overall_recall(self) -> float:
        total = sum(self.gold.values())
        return sum(self.tp_gold.values()) / total if total else float("nan")

    def role_accuracy(self) -> float:
        return self.role_right / self.role_total if self.role_total else float("nan")

    def types(self) -> list[str]:
        return sorted(set(self.gold) | set(self.pred))


def load_gold(path: Path) -> tuple[str, list[Span]]:
    """(text, spans) of one labelled document: NAME.txt with NAME.json beside it."""
    meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    spans = [Span(s["start"], s["end"], s["type"], s.get("role")) for s in meta["spans"]]
    return text, spans


def _covered(text: str, span: Span, others: Iterable[Span]) -> float:
    positions = [i for i in range(span.start, span.end) if text[i].isalnum()]
    if not positions:
        return 1.0
    hit = {i for o in others if o.type == span.type for i in range(max(o.start, span.start), min(o.end, span.end))}
    return sum(1 for i in positions if i in hit) / len(positions)


def score_document(scores: Scores, name: str, text: str, gold: list[Span], pred: list[Span]) -> None:
    for g in gold:
        scores.gold[g.type] += 1
        if _covered(text, g, pred) >= COVER:
            scores.tp_gold[g.type] += 1
            if g.type == "PERSON" and g.role:
                match = best_overlap(g, pred)
                scores.role_total += 1
                scores.role_right += int(match is not None and match.role == g.role)
        else:
            scores.misses.append((name, g))
    for p in pred:
        scores.pred[p.type] += 1
        if _covered(text, p, gold) >= COVER:
            scores.tp_pred[p.type] += 1
        else:
            scores.false_alarms.append((name, p))


def best_overlap(g: Span, pred: list[Span]) -> Span | None:
    best, size = None, 0
    for p in pred:
        if p.type == g.type:
            overlap = min(p.end, g.end) - max(p.start, g.start)
            if overlap > size:
                best, size = p, overlap
    return best


def table(scores: Scores, title: str) -> str:
    lines = [f"{title}", f"{'type':20} {'gold':>5} {'pred':>5} {'recall':>7} {'precision':>9}"]
    for t in scores.types():
        lines.append(
            f"{t:20} {scores.gold[t]:>5} {scores.pred[t]:>5} {scores.recall(t):>7.3f} {scores.precision(t):>9.3f}"
        )
    lines.append(
        f"{'ALL':20} {sum(scores.gold.values()):>5} {sum(scores.pred.values()):>5} "
        f"{scores.overall_recall():>7.3f} {scores.overall_precision():>9.3f}"
    )
    lines.append(f"role accuracy (PERSON found, gold role given): {scores.role_accuracy():.3f} of {scores.role_total}")
    return "\n".join(lines)
