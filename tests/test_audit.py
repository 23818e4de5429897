"""The hash-chained audit log: appends chain, and any edited, removed or reordered line is caught."""

from __future__ import annotations

import itertools
import json
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest

from redactor.audit import GENESIS, AuditLog, verify


def _log(tmp_path: Path, n: int = 5) -> Path:
    log = AuditLog(tmp_path / "audit.jsonl")
    for i in range(n):
        log.append({"channel": "test", "file": {"name": f"f{i}.pdf"}, "decision": {"action": "allow"}})
    return log.path


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def test_chain_and_permissions(tmp_path: Path) -> None:
    path = _log(tmp_path)
    entries = [json.loads(line) for line in _lines(path)]
    assert [e["seq"] for e in entries] == [0, 1, 2, 3, 4]
    assert entries[0]["prev"] == GENESIS
    assert all(b["prev"] == a["hash"] for a, b in itertools.pairwise(entries))
    assert os.stat(path).st_mode & 0o777 == 0o600
    result = verify(path)
    assert result.ok and result.entries == 5 and result.head == entries[-1]["hash"]
    assert verify(path, expect_head=entries[-1]["hash"]).ok


def _edit(lines: list[str]) -> list[str]:
    entry = json.loads(lines[2])
    entry["decision"]["action"] = "block"
    return [*lines[:2], json.dumps(entry, separators=(",", ":")) + "\n", *lines[3:]]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (_edit, "edited"),
        (lambda lines: lines[:2] + lines[3:], "removed"),
        (lambda lines: lines[1:], "removed"),
        (lambda lines: [lines[0], lines[2], lines[1], *lines[3:]], "reordered"),
        (lambda lines: [*lines[:-1], lines[-1].replace('"allow"', '"block"')], "edited"),
        (lambda lines: [*lines[:3], "not json\n", *lines[3:]], "not valid JSON"),
    ],
    ids=["edited", "removed-middle", "removed-first", "reordered", "edited-last", "garbage"],
)
def test_tampering_is_detected(tmp_path: Path, change, expected: str) -> None:
    path = _log(tmp_path)
    path.write_text("".join(change(_lines(path))), encoding="utf-8")
    result = verify(path)
    assert not result.ok
    assert any(expected in p for p in result.problems), result.problems


def test_truncated_end_needs_the_head(tmp_path: Path) -> None:
    path = _log(tmp_path)
    head = verify(path).head
    path.write_text("".join(_lines(path)[:-1]), encoding="utf-8")
    assert verify(path).ok  # the chain itself cannot tell
    assert not verify(path, expect_head=head).ok


def test_torn_last_line_is_repaired_on_append(tmp_path: Path) -> None:
    path = _log(tmp_path, 3)
    with open(path, "ab") as fh:
        fh.write(b'{"seq":3,"prev":"ab')  # a crash in the middle of a write
    assert not verify(path).ok
    AuditLog(path).append({"channel": "test"})
    result = verify(path)
    assert result.ok and result.entries == 4


def _append_many(path: str, count: int) -> None:
    log = AuditLog(path)
    for i in range(count):
        log.append({"channel": "test", "n": i, "pid": os.getpid()})


def test_processes_share_one_log(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_append_many, args=(str(path), 40)) for _ in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    result = verify(path)
    assert result.ok and result.entries == 120


def test_cli_verify(tmp_path: Path) -> None:
    path = _log(tmp_path)
    cmd = [sys.executable, "-m", "redactor", "audit", "verify", str(path)]
    ok = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0 and ok.stdout.startswith("ok: 5 entries")
    path.write_text("".join(_edit(_lines(path))), encoding="utf-8")
    bad = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 4
    assert "line 3" in bad.stderr and "FAILED" in bad.stderr
