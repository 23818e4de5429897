"""Shared fixtures. The engine loads the spaCy pipeline once per test session."""

from __future__ import annotations

import pytest

from redactor.detect.engine import Engine


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine()


def found(engine: Engine, text: str) -> set[tuple[str, str]]:
    """(type, value) pairs the engine reports for a text."""
    return {(f.type, f.value) for f in engine.analyze_text(text)}
