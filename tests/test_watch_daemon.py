"""The outbox watcher as users run it: ``redactor watch`` as a subprocess on temp folders."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pymupdf
import pytest

from redactor.audit import verify
from tests.fixtures.pdf import build

ROOT = Path(__file__).resolve().parents[1]

SSN = "123-45-6789"
CLEAN = "Quarterly newsletter: the parking lot will be repaved next week.\n"
WITH_SSN = f"Subject identifier {SSN} on file.\n"
RESTRICTED = "RESTRICTED\nInternal memo about staffing levels.\n"
WITH_NAME = "Witness statement. Contact Robert Chen at (555) 867-5309.\n"
RAW_VALUES = [SSN, "Robert Chen", "867-5309", *build.SECRETS]


class Daemon:
    """One watcher set-up (folders) that can be started, crashed and restarted."""

    def __init__(self, base: Path, *args: str, workers: int = 1, settle: float = 0.3) -> None:
        self.base = base
        self.inbox, self.release, self.quarantine, self.blocked = (
            base / n for n in ("inbox", "release", "held", "blocked")
        )
        self.inbox.mkdir(parents=True, exist_ok=True)
        self.state = self.quarantine / ".redactor-watch"
        self.audit = self.state / "audit.jsonl"
        self.args = [
            str(self.inbox), "--release", str(self.release), "--quarantine", str(self.quarantine),
            "--blocked", str(self.blocked), "--settle", str(settle), "--rescan", "1", "--workers", str(workers),
            *args,
        ]  # fmt: skip
        self.proc: subprocess.Popen[bytes] | None = None
        self.runs = 0

    def start(self, env: dict[str, str] | None = None, args: tuple[str, ...] = ()) -> Daemon:
        self.runs += 1
        clean = {k: v for k, v in os.environ.items() if not k.startswith("REDACTOR_WATCH_")}
        self.log = self.base / f"stderr-{self.runs}.log"
        with open(self.log, "wb") as err:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "redactor", "watch", *self.args, *args],
                stdout=subprocess.DEVNULL,
                stderr=err,
                env={**clean, **(env or {})},
                start_new_session=True,
            )
        return self

    @property
    def stderr(self) -> str:
        return "".join(p.read_text(errors="replace") for p in sorted(self.base.glob("stderr-*.log")))

    def wait_for(self, check: Callable[[], bool], what: str, timeout: float = 180.0, may_exit: bool = False) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if check():
                return
            assert self.proc is not None
            if not may_exit and self.proc.poll() is not None:
                raise AssertionError(
                    f"watcher exited ({self.proc.returncode}) waiting for {what}:\n{self.stderr[-3000:]}"
                )
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}:\n{self.stderr[-3000:]}")

    def audited(self) -> list[dict[str, Any]]:
        if not self.audit.exists():
            return []
        return [
            json.loads(line)
            for line in self.audit.read_text(encoding="utf-8").splitlines(keepends=True)
            if line.endswith("\n")
        ]

    def wait_audited(self, count: int, timeout: float = 180.0) -> list[dict[str, Any]]:
        self.wait_for(lambda: len(self.audited()) >= count, f"{count} audit entries", timeout)
        return self.audited()

    def wait_exit(self, timeout: float = 180.0) -> int:
        assert self.proc is not None
        return self.proc.wait(timeout)

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 120.0) -> int:
        assert self.proc is not None
        self.wait_for(lambda: "ready" in self.log.read_text(), "the workers")  # signals before start-up just kill
        self.proc.send_signal(sig)
        return self.proc.wait(timeout)

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(30)

    def files(self, folder: Path) -> list[str]:
        """Files below ``folder`` (relative, sorted), the state folder left out."""
        if not folder.exists():
            return []
        return sorted(
            p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and self.state not in p.parents
        )


@pytest.fixture
def daemons() -> Iterator[list[Daemon]]:
    started: list[Daemon] = []
    yield started
    for d in started:
        d.kill()


def drop(folder: Path, name: str, data: str | bytes) -> Path:
    """Write outside the inbox, then rename into place (how a careful writer drops a file)."""
    tmp = folder / f".{Path(name).name}.writing"
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp.write_bytes(data.encode() if isinstance(data, str) else data)
    os.rename(tmp, path)
    return path


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def no_raw_values(*texts: str) -> None:
    for text in texts:
        for value in RAW_VALUES:
            assert value not in text


def sidecar(path: Path) -> dict[str, Any]:
    return json.loads(path.with_name(path.name + ".decision.json").read_text())


def test_every_action_and_every_failure(tmp_path: Path, daemons: list[Daemon]) -> None:
    alerts = tmp_path / "alerts.txt"
    d = Daemon(tmp_path, "--timeout", "5", "--alert-command", f"sh -c 'echo \"$REDACTOR_RULE $0\" >> {alerts}'")
    daemons.append(d.start(env={"REDACTOR_WATCH_FAULT": "hang:slowpoke,die:crashy,raise:oops"}))
    src = tmp_path / "src"
    src.mkdir()
    report = build.text_report(src / "report.pdf")
    inputs = {
        "clean.txt": CLEAN,
        "report.pdf": report.read_bytes(),
        "ssn.txt": WITH_SSN,
        "restricted.txt": RESTRICTED,
        "encrypted.pdf": build.encrypted(src / "enc.pdf").read_bytes(),
        "corrupt.pdf": build.corrupt(src / "bad.pdf").read_bytes(),
        "data.bin": b"\x00\x01binary",
        "names.txt": WITH_NAME,
        "slowpoke.txt": CLEAN,
        "crashy.txt": CLEAN,
        "oops.txt": CLEAN,
    }
    for name, data in inputs.items():
        drop(d.inbox, name, data)
    entries = d.wait_audited(len(inputs), timeout=240)

    assert d.files(d.inbox) == []
    assert d.files(d.release) == ["clean.txt", "report.pdf", "report.redactions.csv", "report.redactions.json"]
    assert (d.release / "clean.txt").read_text() == CLEAN
    released_text = "".join(page.get_text() for page in pymupdf.open(d.release / "report.pdf"))
    assert "Case No" in released_text
    no_raw_values(released_text)
    log = json.loads((d.release / "report.redactions.json").read_text())
    assert log["verification"]["passed"] is True and log["summary"]["boxes"] > 0

    held = [
        "corrupt.pdf",
        "crashy.txt",
        "data.bin",
        "encrypted.pdf",
        "names.txt",
        "oops.txt",
        "slowpoke.txt",
        "ssn.txt",
    ]
    assert d.files(d.quarantine) == sorted([*held, *(n + ".decision.json" for n in held)])
    assert d.files(d.blocked) == ["restricted.txt", "restricted.txt.decision.json"]
    for folder in (d.quarantine, d.blocked):
        assert folder.stat().st_mode & 0o777 == 0o700
    assert sidecar(d.quarantine / "ssn.txt")["rule"] == "WATCH-IDENTIFIERS"
    assert sidecar(d.quarantine / "encrypted.pdf")["facts"] == ["encrypted"]
    assert sidecar(d.quarantine / "corrupt.pdf")["facts"] == ["unreadable"]
    assert "unsupported file type" in sidecar(d.quarantine / "data.bin")["error"]
    names = sidecar(d.quarantine / "names.txt")
    assert (names["policy_action"], names["action"]) == ("redact", "quarantine") and "PDF only" in names["error"]
    assert "longer than 5 s" in sidecar(d.quarantine / "slowpoke.txt")["error"]
    assert "died" in sidecar(d.quarantine / "crashy.txt")["error"]
    assert sidecar(d.quarantine / "oops.txt")["error"] == "internal error (RuntimeError)"
    blocked = sidecar(d.blocked / "restricted.txt")
    assert blocked["action"] == "block" and blocked["sha256"] == hashlib.sha256(RESTRICTED.encode()).hexdigest()
    assert "ALERT: restricted.txt blocked by WATCH-RESTRICTED" in d.stderr
    d.wait_for(lambda: alerts.exists() and "WATCH-RESTRICTED" in alerts.read_text(), "the alert hook")
    assert str(d.blocked / "restricted.txt.decision.json") in alerts.read_text()

    originals = d.state / "originals"
    assert sorted(p.name for p in originals.iterdir()) == ["clean.txt", "report.pdf"]
    assert sha(originals / "report.pdf") == sha(report)

    assert sorted(e["file"]["name"] for e in entries) == sorted(inputs)
    assert {e["decision"]["action"] for e in entries} == {"allow", "redact", "quarantine", "block"}
    assert verify(d.audit).ok
    no_raw_values(d.stderr, d.audit.read_text(), *(p.read_text() for p in d.quarantine.glob("*.decision.json")))
    assert d.stop() == 0
    assert f"{len(inputs)} documents (1 released, 1 redacted, 8 quarantined, 1 blocked)" in d.stderr


def test_slow_writers_renames_subfolders_and_repeated_names(tmp_path: Path, daemons: list[Daemon]) -> None:
    config = tmp_path / "watch.yaml"
    config.write_text("polling: true\npoll-interval: 0.3\nworkers: 1\n")  # options from a config file
    d = Daemon(tmp_path, "--config", str(config), settle=1.0)
    daemons.append(d.start())
    lines = [f"line {i} of a slowly written newsletter\n" for i in range(12)]

    def slow_writer() -> None:
        with open(d.inbox / "slow.txt", "w") as fh:
            for line in lines:
                fh.write(line)
                fh.flush()
                time.sleep(0.3)

    writer = threading.Thread(target=slow_writer)
    writer.start()
    part = d.inbox / "big.txt.part"
    part.write_text(CLEAN * 2000)
    os.rename(part, d.inbox / "big.txt")
    drop(d.inbox, "case 17/letters/a.txt", CLEAN)
    drop(d.inbox, "same.txt", "first version\n")
    drop(d.inbox, "ssn.txt", WITH_SSN)
    writer.join()
    d.wait_audited(5)
    drop(d.inbox, "same.txt", "second version\n")
    drop(d.inbox, "ssn.txt", WITH_SSN + "again\n")
    entries = d.wait_audited(7)

    assert (d.release / "slow.txt").read_text() == "".join(lines)  # only picked up once complete
    assert (d.release / "big.txt").read_text() == CLEAN * 2000
    assert (d.release / "case 17" / "letters" / "a.txt").read_text() == CLEAN
    assert (d.release / "same.txt").read_text() == "first version\n"
    assert (d.release / "same (2).txt").read_text() == "second version\n"
    assert d.files(d.quarantine) == ["ssn (2).txt", "ssn (2).txt.decision.json", "ssn.txt", "ssn.txt.decision.json"]
    assert (d.quarantine / "ssn (2).txt").read_text().endswith("again\n")
    assert len(entries) == 7 and not d.files(d.inbox)
    assert d.stop(signal.SIGINT) == 0


def test_500_files_dropped_at_once(tmp_path: Path, daemons: list[Daemon]) -> None:
    d = Daemon(tmp_path, workers=2)
    daemons.append(d.start())
    src = tmp_path / "batch"
    src.mkdir()
    for i in range(500):
        (src / f"note-{i:03d}.txt").write_text(f"Notice {i}: the parking lot is closed on day {i}.\n")
    d.wait_for(lambda: "ready" in d.stderr, "the workers")
    for path in sorted(src.iterdir()):
        os.rename(path, d.inbox / path.name)
    entries = d.wait_audited(500, timeout=300)
    released = d.files(d.release)
    assert len(released) == 500 and released == sorted(f"note-{i:03d}.txt" for i in range(500))
    assert len({e["file"]["name"] for e in entries}) == 500 and len(entries) == 500
    assert verify(d.audit).ok
    assert d.stop() == 0
    assert "500 documents (500 released" in d.stderr


def test_config_file_errors_stop_with_file_and_line(tmp_path: Path) -> None:
    config = tmp_path / "watch.yaml"
    config.write_text("inbox: in\nrelease: out\nreleese: typo\n")
    proc = subprocess.run(
        [sys.executable, "-m", "redactor", "watch", "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 3 and f"{config}:3" in proc.stderr and "releese" in proc.stderr
