"""Regression guard on the labelled corpus (samples/corpus). The full side-by-side numbers come
from `make bench`; this only checks that quality does not fall below what was measured."""

from __future__ import annotations

from pathlib import Path

from redactor.detect.engine import Engine
from redactor.evaluation import Scores, Span, load_gold, score_document
from redactor.model import Document

CORPUS = Path(__file__).resolve().parents[1] / "samples" / "corpus"


def test_heldout_quality(engine: Engine) -> None:
    files = sorted((CORPUS / "heldout").glob("*.txt"))
    assert len(files) >= 10
    scores = Scores()
    for path in files:
        text, gold = load_gold(path)
        pred = [
            Span(f.start, f.end, f.type, f.role.value if f.role else None)
            for f in engine.analyze(Document.from_text(text, str(path)))
        ]
        score_document(scores, path.name, text, gold, pred)
    assert scores.overall_recall() >= 0.85
    assert scores.overall_precision() >= 0.85
    for etype in ("US_SSN", "EMAIL_ADDRESS", "PHONE_NUMBER"):
        assert scores.recall(etype) >= 0.95, etype
