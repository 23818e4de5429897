"""A small pool of worker processes, each with its own Pipeline, one document at a time each.

Unlike ``concurrent.futures`` the pool knows which process holds which document, so it can
enforce a per-document time limit (kill that worker, start a fresh one) and tell a crashed worker
apart from the others; both come back as a 'quarantine' result for that document only. Workers
ignore SIGINT (the daemon decides when to stop) and die with the daemon (PR_SET_PDEATHSIG).
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import multiprocessing
import os
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from redactor.channels.watchwork import failure
from redactor.errors import ConfigError, RedactorError

log = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1
MAX_LOAD_FAILURES = 3
# Without these each worker's numpy/scikit-learn starts a thread per core, and two workers on two
# cores run at half speed (measured with bench/watch.py).
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


@dataclass(frozen=True)
class Task:
    job: int
    staged: str
    out: str
    name: str


def _die_with_parent() -> None:
    with contextlib.suppress(OSError, AttributeError):  # not Linux: orphans finish their document, exit on EOF
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def worker_main(conn: Connection, policy_path: str | None) -> None:
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from redactor.channels.watchwork import DocumentWorker

    try:
        worker = DocumentWorker(policy_path)
    except RedactorError as exc:
        conn.send(("fatal", str(exc)))
        return
    except Exception as exc:
        conn.send(("fatal", f"internal error while loading the model ({type(exc).__name__})"))
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        result = worker.process(Path(task.staged), Path(task.out), task.name)
        try:
            conn.send(("done", task.job, result))
        except (BrokenPipeError, OSError):
            return


@dataclass(eq=False)
class Worker:
    process: BaseProcess
    conn: Connection
    ready: bool = False
    task: Task | None = None
    started: float = 0.0


class Pool:
    def __init__(self, size: int, policy_path: str | None, timeout: float) -> None:
        self.size = size
        self.policy_path = policy_path
        self.timeout = timeout
        self.ctx = multiprocessing.get_context("spawn")  # the daemon has threads: never fork it
        self.workers: list[Worker] = []
        self.load_failures = 0
        self.stopping = False

    def start(self) -> None:
        for name in THREAD_VARIABLES:  # one worker per core is the parallelism; inherited by spawned workers
            os.environ.setdefault(name, "1")
        while len(self.workers) < self.size:
            self.workers.append(self._spawn())

    def _spawn(self) -> Worker:
        parent, child = self.ctx.Pipe()
        process = self.ctx.Process(
            target=worker_main, args=(child, self.policy_path), name="redactor-watch-worker", daemon=True
        )
        process.start()
        child.close()
        return Worker(process, parent)

    @property
    def ready(self) -> bool:
        return any(w.ready for w in self.workers)

    def idle(self) -> int:
        return sum(1 for w in self.workers if w.ready and w.task is None)

    def busy(self) -> list[Task]:
        return [w.task for w in self.workers if w.task is not None]

    def submit(self, task: Task) -> None:
        worker = next(w for w in self.workers if w.ready and w.task is None)
        worker.task, worker.started = task, time.monotonic()
        worker.conn.send(task)

    def wait(self, timeout: float) -> list[tuple[int, dict[str, Any]]]:
        """Results that arrived within ``timeout`` seconds, including failures of dead or overdue workers."""
        results: list[tuple[int, dict[str, Any]]] = []
        handles: dict[Any, Worker] = {}
        for w in self.workers:
            handles[w.conn] = w
            handles[w.process.sentinel] = w
        for handle in wait(list(handles), timeout):
            worker = handles[handle]
            if worker not in self.workers:
                continue
            if handle is worker.conn:
                self._receive(worker, results)
            elif not worker.conn.poll():
                self._replace(worker, results, f"the worker process died (exit code {worker.process.exitcode})")
        now = time.monotonic()
        for worker in list(self.workers):
            if worker.task is not None and now - worker.started > self.timeout:
                self._replace(worker, results, f"processing took longer than {self.timeout:g} s")
        return results

    def _receive(self, worker: Worker, results: list[tuple[int, dict[str, Any]]]) -> None:
        try:
            message = worker.conn.recv()
        except (EOFError, OSError):
            worker.process.join(5)
            self._replace(worker, results, f"the worker process died (exit code {worker.process.exitcode})")
            return
        if message[0] == "ready":
            worker.ready = True
            self.load_failures = 0
        elif message[0] == "fatal":
            raise ConfigError(message[1])
        elif message[0] == "done" and worker.task is not None and message[1] == worker.task.job:
            results.append((message[1], message[2]))
            worker.task = None

    def _replace(self, worker: Worker, results: list[tuple[int, dict[str, Any]]], reason: str) -> None:
        if worker.task is not None:
            log.error("%s: %s", worker.task.name, reason)
            results.append((worker.task.job, failure(reason)))
        elif not worker.ready:
            self.load_failures += 1
            if self.load_failures >= MAX_LOAD_FAILURES:
                raise ConfigError(f"worker processes die while loading the model ({reason})")
        self._kill(worker)
        if self.stopping:
            self.workers.remove(worker)
        else:
            self.workers[self.workers.index(worker)] = self._spawn()

    def _kill(self, worker: Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(10)
        worker.conn.close()

    def stop(self, grace: float, abandon: Callable[[], bool] = lambda: False) -> list[tuple[int, dict[str, Any]]]:
        """Let busy workers finish for up to ``grace`` seconds; then stop all. Returns the results
        that arrived; documents still in a worker are abandoned (the journal redoes them)."""
        self.stopping = True
        results: list[tuple[int, dict[str, Any]]] = []
        deadline = time.monotonic() + grace
        while self.busy() and time.monotonic() < deadline and not abandon():
            results += self.wait(min(0.2, max(0.0, deadline - time.monotonic())))
        for worker in self.workers:
            if worker.task is None and worker.process.is_alive():
                with contextlib.suppress(OSError):
                    worker.conn.send(None)
        for worker in self.workers:
            worker.process.join(2 if worker.task is None else 0)
            self._kill(worker)
        self.workers = []
        return results
