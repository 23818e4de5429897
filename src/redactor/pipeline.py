"""The one entry point every channel calls: document -> findings -> classification -> Decision.

Release, mail, watch and scan differ only in how bytes come in and go out. They all call
``Pipeline.assess`` (a Document they already have) or ``Pipeline.assess_path`` / ``assess_paths``
(files), so the same document gets the same decision, for the same reasons, on every door. A file
the extractors cannot read becomes a Decision too (facts unreadable / encrypted / too_large),
decided by the policy like any other document, usually quarantine.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from redactor import extract
from redactor.classify import Classification, Classifier
from redactor.detect.engine import Engine
from redactor.errors import InputError
from redactor.model import Document, Finding
from redactor.policy import Decision, Facts, Policy, load_policy


def facts_from_error(error: InputError) -> Facts:
    """Which document fact an extraction error means (its message names no document content)."""
    if error.reason == "encrypted":
        return Facts(encrypted=True, error=str(error))
    if error.reason == "too_large":
        return Facts(too_large=True, error=str(error))
    return Facts(unreadable=True, error=str(error))


class Pipeline:
    """Engine, classifier and policy, each loaded once per process (the engine is the slow one)."""

    def __init__(
        self,
        engine: Engine | None = None,
        classifier: Classifier | None = None,
        policy: Policy | None = None,
        policy_path: str | Path | None = None,
    ) -> None:
        self._engine = engine
        self.classifier = classifier or Classifier()
        self.policy = policy or load_policy(policy_path)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = Engine()
        return self._engine

    # -- the single decision point ------------------------------------------------------------

    def assess(self, document: Document, findings: list[Finding], channel: str, facts: Facts = Facts()) -> Decision:
        classification = self.classifier.classify(document, findings)
        return self.policy.decide(channel, classification, findings, facts, document.path)

    def assess_unreadable(self, path: str | Path, error: InputError, channel: str, facts: Facts = Facts()) -> Decision:
        facts = replace(facts_from_error(error), recipients=facts.recipients)
        return self.policy.decide(channel, None, [], facts, str(path))

    # -- files --------------------------------------------------------------------------------

    def assess_path(self, path: str | Path, channel: str, facts: Facts = Facts()) -> Decision:
        return next(self.assess_paths([path], channel, facts))

    def assess_paths(self, paths: Iterable[str | Path], channel: str, facts: Facts = Facts()) -> Iterator[Decision]:
        for path, item in self.analyze_paths(paths):
            if isinstance(item, InputError):
                yield self.assess_unreadable(path, item, channel, facts)
            else:
                document, findings = item
                yield self.assess(document, findings, channel, facts)

    def classify_paths(self, paths: Iterable[str | Path]) -> Iterator[tuple[str, Classification | InputError]]:
        for path, item in self.analyze_paths(paths):
            yield path, item if isinstance(item, InputError) else self.classifier.classify(*item)

    def analyze_paths(
        self, paths: Iterable[str | Path]
    ) -> Iterator[tuple[str, tuple[Document, list[Finding]] | InputError]]:
        """Extract and detect, streaming in input order; NER runs in batches over the readable files."""
        order: deque[tuple[str, InputError | None]] = deque()

        def documents() -> Iterator[Document]:
            for path in map(str, paths):
                try:
                    document = extract.extract(path)
                except InputError as exc:
                    order.append((path, exc))
                    continue
                order.append((path, None))
                yield document

        for document, findings in self.engine.analyze_many(documents()):
            while order[0][1] is not None:
                yield order.popleft()  # type: ignore[misc]
            yield order.popleft()[0], (document, findings)
        while order:
            yield order.popleft()  # type: ignore[misc]
