"""The outbox watcher daemon: every file dropped into INBOX ends up released (unchanged or
redacted and verified), quarantined or blocked, exactly once, whatever crashes when.

One main thread owns the journal and all file moves; watchdog's observer thread only posts hints;
worker processes (``workers.py``) decide and write outputs into the private work area. For one
document (states in ``journal.py``)::

    inbox --stage--> STATE/work/ID/in/NAME --worker--> STATE/work/ID/out-RUN/...
          --place--> RELEASE/ (+ original to ORIGINALS/)  or  QUARANTINE|BLOCKED/ (+ NAME.decision.json)
          --> audit entry --> done

Every step is committed to the journal before the next side effect and every side effect is
idempotent, so on start-up ``replay`` finishes what a crash interrupted. Only one watcher may use
a state folder at a time (an exclusive lock).
"""

from __future__ import annotations

import fcntl
import logging
import os
import shlex
import shutil
import signal
import subprocess
import threading
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from types import FrameType
from typing import Any

from redactor.audit import AuditLog, actor
from redactor.channels import journal as states
from redactor.channels.inbox import Hints, Inbox
from redactor.channels.journal import Job, Journal
from redactor.channels.outcome import LostFile, choose_names, digest, place, private_dir, stage, write_json
from redactor.channels.watchwork import CHANNEL, failure
from redactor.channels.workers import Pool, Task
from redactor.errors import InputError

log = logging.getLogger(__name__)

CRASH_ENV = "REDACTOR_WATCH_CRASH"  # test only: "STEP" or "STEP:N" -> os._exit(137) the Nth time STEP is reached
CRASH_STEPS = ("claimed", "staged", "decided", "placing", "placed", "audited")
TICK_S = 0.25
SIDECAR = ".decision.json"
RELEASED = ("allow", "redact")


@dataclass(frozen=True)
class Config:
    inbox: Path
    release: Path
    quarantine: Path
    blocked: Path
    policy: str | None = None
    polling: bool = False
    poll_interval: float = 1.0
    workers: int = 2
    settle: float = 2.0
    rescan: float = 30.0
    timeout: float = 300.0
    grace: float = 30.0
    state: Path | None = None  # default: QUARANTINE/.redactor-watch
    originals: Path | None = None  # default: STATE/originals
    audit_log: Path | None = None  # default: STATE/audit.jsonl
    alert_command: str | None = None
    ignore: tuple[str, ...] = ()

    @property
    def state_dir(self) -> Path:
        return self.state or self.quarantine / ".redactor-watch"

    @property
    def originals_dir(self) -> Path:
        return self.originals or self.state_dir / "originals"

    @property
    def audit_path(self) -> Path:
        return self.audit_log or self.state_dir / "audit.jsonl"


class _Crash:
    """Test-only crash injection (``REDACTOR_WATCH_CRASH``); a no-op unless the variable is set."""

    def __init__(self) -> None:
        step, _, nth = os.environ.get(CRASH_ENV, "").partition(":")
        self.step, self.left = step, int(nth or 1)

    def __call__(self, step: str) -> None:
        if step == self.step:
            self.left -= 1
            if self.left == 0:
                os._exit(137)


@dataclass
class Stats:
    started: float = field(default_factory=time.monotonic)
    actions: Counter[str] = field(default_factory=Counter)
    resumed: int = 0

    def line(self, left: int) -> str:
        done = sum(self.actions.values())
        parts = ", ".join(
            f"{self.actions[a]} {p}"
            for a, p in (
                ("allow", "released"),
                ("redact", "redacted"),
                ("quarantine", "quarantined"),
                ("block", "blocked"),
            )
        )
        return (
            f"redactor watch: stopped after {time.monotonic() - self.started:.1f} s: {done} documents ({parts}); "
            f"{self.resumed} resumed from an earlier run; {left} left for the next start"
        )


def check_folders(config: Config) -> None:
    inbox = config.inbox.resolve()
    if not inbox.is_dir():
        raise InputError(f"{config.inbox}: the inbox is not a folder", "create it or fix the path")
    others = {
        "--release": config.release,
        "--quarantine": config.quarantine,
        "--blocked": config.blocked,
        "--state": config.state_dir,
        "--originals": config.originals_dir,
    }
    for option, folder in others.items():
        resolved = folder.resolve()
        if resolved == inbox or inbox in resolved.parents or resolved in inbox.parents:
            raise InputError(f"{option} {folder}: must not be inside the inbox, nor contain it", "use separate folders")
    outcome = {k: others[k].resolve() for k in ("--release", "--quarantine", "--blocked")}
    if len(set(outcome.values())) != 3:
        raise InputError("--release, --quarantine and --blocked must be three different folders")


class Watcher:
    def __init__(self, config: Config) -> None:
        self.config = replace(
            config,
            **{k: getattr(config, k).absolute() for k in ("inbox", "release", "quarantine", "blocked")},
            **{k: getattr(config, k).absolute() for k in ("state", "originals", "audit_log") if getattr(config, k)},
        )
        self.stop_requested = threading.Event()
        self.crash = _Crash()
        self.stats = Stats()
        self.queue: deque[Job] = deque()
        self.jobs: dict[int, Job] = {}  # staged, not yet finished
        self.run_id = f"{os.getpid()}-{int(time.time())}"
        self.alerts: list[subprocess.Popen[bytes]] = []

    # -- set-up ---------------------------------------------------------------------------------

    def _prepare(self) -> None:
        c = self.config
        check_folders(c)
        c.release.mkdir(parents=True, exist_ok=True)
        for folder in (c.quarantine, c.blocked, c.state_dir, c.originals_dir, c.state_dir / "work"):
            private_dir(folder)
        self._lock = os.open(c.state_dir / "lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError(f"{c.state_dir}: another watcher is using this state folder", "stop it first") from None
        from redactor.policy import load_policy

        self.policy_source = load_policy(c.policy)
        self.policy_source.rules_for(CHANNEL)  # a bad policy or one without a watch channel stops here
        self.journal = Journal(c.state_dir / "journal.sqlite3")
        self.audit = AuditLog(c.audit_path)
        self.who = actor(f"redactor watch {_version()}")

    @property
    def work(self) -> Path:
        return self.config.state_dir / "work"

    # -- the loop -------------------------------------------------------------------------------

    def run(self) -> Stats:
        previous = {s: signal.signal(s, self._on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
        try:
            self._prepare()
            self.replay()
            pool = Pool(self.config.workers, self.config.policy, self.config.timeout)
            inbox = Inbox(self.config.inbox.resolve(), self.config.settle, self.config.ignore)
            observer = self._observer(inbox)
            pool.start()
            try:
                self._loop(pool, inbox)
            finally:
                if observer is not None:
                    observer.stop()
                for job_id, result in pool.stop(self.config.grace, lambda: self._hard_stop):
                    self._finish(job_id, result)
                left = len(self.jobs)
                self.journal.close()
                os.close(self._lock)
                log.warning("%s", self.stats.line(left))
        finally:
            for s, handler in previous.items():
                signal.signal(s, handler)
        return self.stats

    _hard_stop = False

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        if self.stop_requested.is_set():
            self._hard_stop = True  # a second signal: abandon in-flight work now (it is redone on start)
        self.stop_requested.set()

    def _observer(self, inbox: Inbox) -> Any:
        from watchdog.observers import Observer
        from watchdog.observers.polling import PollingObserver

        observer = PollingObserver(timeout=self.config.poll_interval) if self.config.polling else Observer()
        try:
            observer.schedule(Hints(inbox), str(inbox.root), recursive=True)
            observer.start()
        except OSError as exc:  # e.g. inotify watch limit: the periodic rescans still find everything
            log.warning("file events unavailable (%s); relying on rescans every %g s", exc.strerror, self.config.rescan)
            return None
        return observer

    def _loop(self, pool: Pool, inbox: Inbox) -> None:
        last_scan = -float("inf")
        announced = False
        capacity = self.config.workers * 2
        while not self.stop_requested.is_set():
            now = time.monotonic()
            inbox.drain(now)
            if now - last_scan >= self.config.rescan:
                inbox.rescan(now)
                last_scan = now
            room = capacity - len(self.jobs)
            if room > 0:
                for ready in inbox.ready(now, room):
                    self._claim(ready.path, ready.name, ready.st)
            self._dispatch(pool)
            results = pool.wait(TICK_S)
            self._dispatch(pool)  # keep the workers busy while this thread places files
            for job_id, result in results:
                self._finish(job_id, result)
            if not announced and pool.ready:
                announced = True
                log.warning("redactor watch: ready; watching %s (%d workers)", self.config.inbox, len(pool.workers))
            self._reap_alerts()

    def _dispatch(self, pool: Pool) -> None:
        while self.queue and pool.idle():
            job = self.queue.popleft()
            pool.submit(Task(job.id, str(self._staged(job)), str(self._out(job)), job.name))

    # -- one document ---------------------------------------------------------------------------

    def _staged(self, job: Job) -> Path:
        return self.work / str(job.id) / "in" / PurePosixPath(job.name).name

    def _out(self, job: Job) -> Path:
        return self.work / str(job.id) / f"out-{self.run_id}"

    def _claim(self, path: Path, name: str, st: os.stat_result) -> None:
        job = self.journal.claim(name, str(path), st)
        self.crash("claimed")
        self._stage(job)

    def _stage(self, job: Job) -> None:
        staged = self._staged(job)
        if not stage(Path(job.inbox), staged, (job.dev, job.ino, job.size, job.mtime_ns)):
            self.journal.forget(job)
            shutil.rmtree(self.work / str(job.id), ignore_errors=True)
            return
        self.crash("staged")
        self.journal.processing(job, digest(staged), os.lstat(staged).st_size)
        self.jobs[job.id] = job
        self.queue.append(job)

    def _finish(self, job_id: int, result: dict[str, Any]) -> None:
        job = self.jobs.get(job_id)
        if job is None or job.state != states.PROCESSING:
            return
        try:
            try:
                self._decide(job, result)
            except OSError as exc:  # e.g. an output vanished: fail closed
                self._decide(job, failure(f"the outputs could not be collected ({type(exc).__name__})", result))
            self._complete(job)
        except (OSError, LostFile) as exc:
            log.error("%s: could not be finished (%s); it stays in the journal for the next start", job.name, exc)

    def _decide(self, job: Job, result: dict[str, Any]) -> None:
        """Record where every file goes (names chosen now, so a replay uses the same ones)."""
        out = self._out(job)
        staged = self._staged(job)
        parent = PurePosixPath(job.name).parent
        name = staged.name
        placements: list[dict[str, Any]] = []
        if result["action"] in RELEASED:
            folder = self.config.release / parent
            folder.mkdir(parents=True, exist_ok=True)
            artifacts = result["artifacts"]
            derive = [_deriver(kind) for _, kind in artifacts]
            for (src, _), dest in zip(artifacts, choose_names(folder, name, derive)):
                placements.append(_placement(out / src, folder / dest))
            archive = _private_tree(self.config.originals_dir, parent)
            placements.append(_placement(staged, archive / choose_names(archive, name, [str])[0]))
        else:
            if result["action"] not in ("quarantine", "block"):
                result = failure(f"unknown action '{result['action']}'", result)
            base = self.config.blocked if result["action"] == "block" else self.config.quarantine
            folder = _private_tree(base, parent)
            dest_name, sidecar_name = choose_names(folder, name, [str, lambda v: v + SIDECAR])
            out.mkdir(parents=True, exist_ok=True)
            sidecar = out / (name + SIDECAR)
            write_json(sidecar, self._sidecar(job, result))
            placements.append(_placement(staged, folder / dest_name))
            placements.append(_placement(sidecar, folder / sidecar_name))
        record = {k: v for k, v in result.items() if k != "artifacts"}
        self.journal.decided(job, record, placements)
        self.crash("decided")

    def _sidecar(self, job: Job, result: dict[str, Any]) -> dict[str, Any]:
        return {
            "file": job.name,
            "sha256": job.sha256,
            "size": job.size,
            **{k: v for k, v in result.items() if k != "artifacts"},
            "channel": CHANNEL,
            "policy": self.policy_source.source,
            "decided": datetime.now(UTC).isoformat(timespec="seconds"),
            "job": self.journal.key(job),
        }

    def _complete(self, job: Job) -> None:
        """decided -> placed -> done; idempotent (replay calls it too)."""
        if job.state == states.DECIDED:
            for i, p in enumerate(job.placements):
                while not place(Path(p["src"]), Path(p["dest"]), p["sha256"]):
                    dest = Path(p["dest"])  # someone else took the name meanwhile: take the next one
                    p["dest"] = str(dest.parent / choose_names(dest.parent, dest.name, [str])[0])
                    self.journal.replan(job)
                if i == 0:
                    self.crash("placing")
            self.journal.advance(job, states.PLACED)
            self.crash("placed")
        key = self.journal.key(job)
        if not any(e.get("job") == key for e in self.audit.tail()):
            self.audit.append(self._audit_record(job, key))
        self.crash("audited")
        result = job.result
        if result.get("action") == "block":
            self._alert(job)
        self.journal.advance(job, states.DONE)
        shutil.rmtree(self.work / str(job.id), ignore_errors=True)
        self.jobs.pop(job.id, None)
        self.stats.actions[result.get("action", "quarantine")] += 1
        outputs = [p["dest"] for p in job.placements if not p["dest"].startswith(str(self.config.originals_dir))]
        log.info(
            "%s: %s by %s -> %s", job.name, _past(result.get("action", "")), result.get("rule"), ", ".join(outputs)
        )

    def _audit_record(self, job: Job, key: str) -> dict[str, Any]:
        r = job.result
        return {
            "channel": CHANNEL,
            "who": self.who,
            "job": key,
            "file": {"name": job.name, "sha256": job.sha256, "size": job.size, "owner_uid": job.uid},
            "decision": {
                k: r.get(k)
                for k in (
                    "action",
                    "policy_action",
                    "rule",
                    "reasons",
                    "level",
                    "categories",
                    "facts",
                    "findings",
                    "error",
                )
            },
            "outputs": [{"path": p["dest"], "sha256": p["sha256"]} for p in job.placements],
        }

    def _alert(self, job: Job) -> None:
        r = job.result
        log.warning("ALERT: %s blocked by %s: %s", job.name, r.get("rule"), "; ".join(r.get("reasons", [])))
        if not self.config.alert_command:
            return
        sidecar = next((p["dest"] for p in job.placements if p["dest"].endswith(SIDECAR)), "")
        env = {
            **os.environ,
            "REDACTOR_FILE": job.name,
            "REDACTOR_ACTION": r.get("action", ""),
            "REDACTOR_RULE": r.get("rule") or "",
            "REDACTOR_SIDECAR": sidecar,
        }
        try:
            self.alerts.append(
                subprocess.Popen([*shlex.split(self.config.alert_command), sidecar], env=env, stdin=subprocess.DEVNULL)
            )
        except OSError as exc:
            log.error("alert command failed to start (%s)", exc.strerror)

    def _reap_alerts(self) -> None:
        for proc in list(self.alerts):
            if proc.poll() is not None:
                if proc.returncode:
                    log.error("alert command exited with code %d", proc.returncode)
                self.alerts.remove(proc)

    # -- crash recovery -------------------------------------------------------------------------

    def replay(self) -> None:
        """Finish or requeue every document an earlier run left unfinished."""
        unfinished = self.journal.unfinished()
        keep = {str(j.id) for j in unfinished}
        for entry in self.work.iterdir():
            if entry.name not in keep:
                shutil.rmtree(entry, ignore_errors=True)
        for job in unfinished:
            self.stats.resumed += 1
            if job.state == states.SEEN:
                self._stage(job)
            elif job.state == states.PROCESSING:
                for old in (self.work / str(job.id)).glob("out-*"):
                    shutil.rmtree(old, ignore_errors=True)  # an interrupted attempt: start again
                self.jobs[job.id] = job
                self.queue.append(job)
            else:
                self.jobs[job.id] = job
                try:
                    self._complete(job)
                except (OSError, LostFile) as exc:
                    log.error("%s: could not be finished (%s); it stays in the journal", job.name, exc)
        if unfinished:
            log.warning("redactor watch: resumed %d unfinished documents from the journal", len(unfinished))


def _placement(src: Path, dest: Path) -> dict[str, Any]:
    return {"src": str(src), "dest": str(dest), "sha256": digest(src)}


def _deriver(kind: str) -> Callable[[str], str]:
    """'' -> the name itself; '.redactions.csv' -> STEM.redactions.csv (the redaction log's naming)."""
    if not kind:
        return str
    return lambda name: PurePosixPath(name).stem + kind


def _private_tree(base: Path, parent: PurePosixPath) -> Path:
    folder = base
    for part in parent.parts:
        folder = private_dir(folder / part)
    return folder


def _past(action: str) -> str:
    return {"allow": "released", "redact": "redacted", "quarantine": "quarantined", "block": "blocked"}.get(
        action, action
    )


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("redactor")
    except PackageNotFoundError:
        return "unknown"
