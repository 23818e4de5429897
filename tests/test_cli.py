"""The redactor command, run as a user would: a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPORT = "VICTIM: DIAZ, AMANDA M.  DOB: 03/14/1987\nSSN 123-45-6789. Case No. 2024-029772.\n"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "redactor", *args], capture_output=True, text=True, cwd=cwd, timeout=300
    )


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("share")
    (root / "sub").mkdir()
    (root / "report.txt").write_text(REPORT)
    (root / "sub" / "memo.txt").write_text("The meeting is on Tuesday.\n")
    (root / "sub" / "broken.pdf").write_bytes(b"not a pdf at all")
    return root


def test_help_has_examples() -> None:
    out = run("scan", "--help")
    assert out.returncode == 0
    assert "Examples:" in out.stdout and "--format" in out.stdout


def test_jsonl_keys_and_offsets(tree: Path) -> None:
    out = run("scan", str(tree / "report.txt"), "--format", "jsonl")
    assert out.returncode == 1, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert rows and all({"file", "type", "role", "start", "end", "score", "page"} <= r.keys() for r in rows)
    ssn = next(r for r in rows if r["type"] == "US_SSN")
    assert REPORT[ssn["start"] : ssn["end"]] == "123-45-6789"
    assert ssn["value"] == "***-**-6789"
    assert "123-45-6789" not in out.stdout + out.stderr


def test_show_values(tree: Path) -> None:
    out = run("scan", str(tree / "report.txt"), "--format", "json", "--show-values")
    values = {f["value"] for f in json.loads(out.stdout)[0]["findings"]}
    assert "123-45-6789" in values


def test_directory_with_a_bad_file_goes_on(tree: Path) -> None:
    out = run("scan", str(tree), "--format", "jsonl", "--jobs", "2")
    assert out.returncode == 2
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    errors = [r for r in rows if "error" in r]
    assert len(errors) == 1 and errors[0]["file"].endswith("broken.pdf")
    assert any(r.get("type") == "US_SSN" for r in rows)
    assert "error:" in out.stderr


def test_no_findings_exit_zero(tree: Path) -> None:
    out = run("scan", str(tree / "sub" / "memo.txt"), "--format", "csv")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("file,type,role")


def test_bad_rules_dir_exit_code(tmp_path: Path, tree: Path) -> None:
    (tmp_path / "detection.yaml").write_text("spacy_model: [\n")
    out = run("scan", str(tree / "report.txt"), "--rules", str(tmp_path))
    assert out.returncode == 3
    assert "detection.yaml" in out.stderr


def test_missing_path_is_usage_error() -> None:
    assert run("scan", "/nonexistent/file.txt").returncode == 2
