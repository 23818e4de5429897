"""Crash safety of the outbox watcher: kill -9 at every step, then restart; SIGTERM mid-work.

The crash points use the test-only variable REDACTOR_WATCH_CRASH=STEP[:N], which makes the daemon
``os._exit(137)`` (no clean-up at all, like kill -9) the Nth time it reaches STEP.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from redactor.audit import verify
from redactor.channels.journal import Journal
from redactor.channels.watch import CRASH_STEPS
from tests.test_watch_daemon import CLEAN, RESTRICTED, WITH_SSN, Daemon, build, daemons, drop, sha

__all__ = ["daemons"]  # the fixture


def accounted_once(d: Daemon, expected: dict[str, str]) -> None:
    """Every input is in exactly the folder its action sends it to, once; nothing else anywhere."""
    entries = d.audited()
    assert sorted(e["file"]["name"] for e in entries) == sorted(expected), [e["file"]["name"] for e in entries]
    assert verify(d.audit).ok
    assert d.files(d.inbox) == []
    released = d.files(d.release)
    held, blocked = d.files(d.quarantine), d.files(d.blocked)
    assert not any(" (2)" in n for n in released + held + blocked), (released, held, blocked)
    for name, action in expected.items():
        folder = {"allow": released, "redact": released, "quarantine": held, "block": blocked}[action]
        assert name in folder, (name, action, folder)
        for other in (released, held, blocked):
            if other is not folder:
                assert name not in other
    assert list((d.state / "work").iterdir()) == []
    journal = Journal(d.state / "journal.sqlite3")
    assert journal.unfinished() == []
    journal.close()


INPUTS = {"clean.txt": ("allow", CLEAN), "ssn.txt": ("quarantine", WITH_SSN), "restricted.txt": ("block", RESTRICTED)}


@pytest.mark.parametrize("step", [f"{s}:{n}" for s, n in zip(CRASH_STEPS, (1, 2, 1, 2, 1, 3))])
def test_crash_at_each_step_then_restart(tmp_path: Path, daemons: list[Daemon], step: str) -> None:
    d = Daemon(tmp_path)
    daemons.append(d)
    report = build.text_report(tmp_path / "report.pdf")
    expected = {name: action for name, (action, _) in INPUTS.items()} | {"report.pdf": "redact"}
    for name, (_, data) in INPUTS.items():
        drop(d.inbox, name, data)
    drop(d.inbox, "report.pdf", report.read_bytes())
    d.start(env={"REDACTOR_WATCH_CRASH": step})
    assert d.wait_exit() == 137
    d.start()
    d.wait_audited(len(expected))
    assert d.stop() == 0
    assert "resumed" in d.stderr
    accounted_once(d, expected)
    assert sha(d.state / "originals" / "report.pdf") == sha(report)


def test_kill_9_at_random_moments(tmp_path: Path, daemons: list[Daemon]) -> None:
    d = Daemon(tmp_path, workers=2)
    daemons.append(d)
    expected = {}
    for i in range(40):
        name, (action, data) = list(INPUTS.items())[i % 3]
        stem, _, suffix = name.partition(".")
        expected[f"{stem}-{i:02d}.{suffix}"] = action
        drop(d.inbox, f"{stem}-{i:02d}.{suffix}", data.replace("\n", f" {i}\n", 1))
    for kill_after in (3, 17, 30):
        d.start()
        d.wait_audited(kill_after)
        time.sleep(0.05 * kill_after % 7)
        d.kill()
    d.start()
    d.wait_audited(len(expected))
    assert d.stop() == 0
    accounted_once(d, expected)


def test_sigterm_abandons_in_flight_work_safely(tmp_path: Path, daemons: list[Daemon]) -> None:
    d = Daemon(tmp_path, "--grace", "0")
    daemons.append(d)
    reports = [build.long_report(tmp_path / f"r{i}.pdf", 2) for i in range(3)]
    d.start()
    d.wait_for(lambda: "ready" in d.stderr, "the workers")
    for path in reports:
        drop(d.inbox, path.name, path.read_bytes())
    d.wait_for(lambda: any((d.state / "work").glob("*/out-*")), "a document in a worker")
    assert d.stop(signal.SIGTERM) == 0
    assert "left for the next start" in d.stderr and "; 0 left" not in d.stderr
    d.start(args=("--grace", "60"))
    d.wait_audited(1)
    assert d.stop(signal.SIGTERM) == 0  # with a grace period the in-flight document is finished
    d.start()
    d.wait_audited(3)
    assert d.stop() == 0
    accounted_once(d, {p.name: "redact" for p in reports})
