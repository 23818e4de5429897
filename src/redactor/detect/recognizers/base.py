"""The shape shared by recognizers written in code: spans with scores, nothing to load."""

from __future__ import annotations

from collections.abc import Iterator

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts


class SpanRecognizer(EntityRecognizer):
    """Subclasses set ENTITY and NAME and yield (start, end, score) from ``spans``."""

    ENTITY = ""
    NAME = ""

    def __init__(self) -> None:
        super().__init__(supported_entities=[self.ENTITY], name=self.NAME)

    def load(self) -> None:
        pass

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        return [RecognizerResult(self.ENTITY, start, end, score) for start, end, score in self.spans(text)]

    def spans(self, text: str) -> Iterator[tuple[int, int, float]]:
        raise NotImplementedError
