"""Shared fixtures. The engine loads the spaCy pipeline once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from redactor.detect.engine import Engine
from tests.fixtures.pdf import build


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine()


@pytest.fixture(scope="session")
def scans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Report PDFs built once per session (read only): image-only upright and rotated 90°, and text."""
    base = tmp_path_factory.mktemp("scans")
    return {
        "scanned": build.scanned_report(base / "scanned.pdf"),
        "rotated": build.scanned_report(base / "rotated.pdf", rotate=90),
        "text": build.text_report(base / "text.pdf"),
    }


def found(engine: Engine, text: str) -> set[tuple[str, str]]:
    """(type, value) pairs the engine reports for a text."""
    return {(f.type, f.value) for f in engine.analyze_text(text)}
