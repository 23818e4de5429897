"""The release channel's policy decides whole documents before box-level redaction."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pymupdf

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "corpus" / "dev"


def redact(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "redactor", "redact", *args], capture_output=True, text=True, timeout=600
    )


def text_of(path: Path) -> str:
    with pymupdf.open(path) as doc:
        return "".join(page.get_text() for page in doc)


def test_juvenile_record_is_withheld_in_full(tmp_path: Path) -> None:
    source = SAMPLES / "juv_contact_shoplift.pdf"
    out = tmp_path / "juv.pdf"
    result = redact(str(source), "-o", str(out))
    assert result.returncode == 0, result.stderr
    released = text_of(out)
    original = text_of(source)
    assert "WITHHELD IN FULL" in released and "(b)(7)(C)" in released
    # not one line of the original survives, only the placeholder
    assert not any(line.strip() and line.strip() in released for line in original.splitlines() if len(line) > 12)
    log = json.loads(out.with_name("juv.redactions.json").read_text())
    assert log["withheld_in_full"][0]["reason"] == "Withheld in full (REL-JUVENILE)"


def test_restricted_record_is_held_for_review(tmp_path: Path) -> None:
    out = tmp_path / "sa.pdf"
    result = redact(str(SAMPLES / "sa_report_sensitive.pdf"), "-o", str(out))
    assert result.returncode == 5, result.stderr
    assert "held for review" in result.stderr
    assert not out.exists()


def test_no_policy_redacts_box_by_box(tmp_path: Path) -> None:
    out = tmp_path / "juv.pdf"
    result = redact(str(SAMPLES / "juv_contact_shoplift.pdf"), "-o", str(out), "--no-policy")
    assert result.returncode == 0, result.stderr
    assert "WITHHELD IN FULL" not in text_of(out)
