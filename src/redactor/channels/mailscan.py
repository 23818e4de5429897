"""Scanning whole messages for the mail gateway: one scan worker, many waiting connections.

The detection engine (and PyMuPDF) are not thread-safe, so one worker thread owns the Pipeline
and scans messages in arrival order; queued messages are handed to NER together (``analyze_many``)
when several are waiting. Connection threads only buffer bytes and wait on their own job with a
deadline, so a slow message makes the others wait but never makes them fail open: past the
deadline the caller gets ``ScanTimeout`` (tempfail) and the worker drops the job if it has not
started it.

Memory: each message is spooled to a private temporary file once it passes ``spool_bytes``, and
bytes beyond ``max_bytes`` are counted but not kept; such a message is decided as ``too_large``
by the policy. Only the message being scanned is held in memory whole.
"""

from __future__ import annotations

import logging
import queue
import tempfile
import threading
import time
from dataclasses import dataclass, field
from typing import BinaryIO

from redactor.errors import InputError, TooLargeInput
from redactor.extract.archive import unscanned
from redactor.extract.mail import message_document
from redactor.model import Document, Finding
from redactor.pipeline import Pipeline
from redactor.policy import Decision, Facts

log = logging.getLogger(__name__)

CHANNEL = "mail"
MAX_MESSAGE_BYTES = 25 * 1024 * 1024
SCAN_TIMEOUT_S = 20.0
SPOOL_BYTES = 1024 * 1024
MAX_BATCH = 8
MESSAGE_NAME = "message.eml"


class ScanTimeout(Exception):
    """The scan did not finish within its time budget."""


class MessageBuffer:
    """The bytes of one message: memory first, a temporary file past ``spool_bytes``, none past ``max_bytes``."""

    def __init__(self, max_bytes: int = MAX_MESSAGE_BYTES, spool_bytes: int = SPOOL_BYTES) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._file: BinaryIO = tempfile.SpooledTemporaryFile(max_size=spool_bytes, prefix="redactor-mail-")  # type: ignore[assignment]  # noqa: SIM115

    @property
    def too_large(self) -> bool:
        return self.size > self.max_bytes

    def write(self, data: bytes) -> None:
        room = self.max_bytes - self.size
        if room > 0:
            self._file.write(data[:room])
        self.size += len(data)

    def read(self) -> bytes:
        self._file.seek(0)
        return self._file.read()

    def close(self) -> None:
        self._file.close()


@dataclass(eq=False)
class _Job:
    message: MessageBuffer
    recipients: tuple[str, ...]
    deadline: float
    done: threading.Event = field(default_factory=threading.Event)
    decision: Decision | None = None
    error: BaseException | None = None
    abandoned: bool = False


@dataclass
class _Parsed:
    job: _Job
    document: Document
    facts: Facts


class MailScanner:
    """Decide messages on the ``mail`` channel with one Pipeline, from any number of threads."""

    def __init__(self, pipeline: Pipeline, timeout: float = SCAN_TIMEOUT_S, max_batch: int = MAX_BATCH) -> None:
        self.pipeline = pipeline
        self.timeout = timeout
        self.max_batch = max_batch
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
        self._lock = threading.Lock()
        self._worker = threading.Thread(target=self._run, name="redactor-mail-scan", daemon=True)
        self._worker.start()

    def scan(self, message: MessageBuffer, recipients: tuple[str, ...], timeout: float | None = None) -> Decision:
        """The Decision for one message; raises ScanTimeout, or whatever the scan raised.

        The scanner takes ownership of ``message`` and closes it.
        """
        budget = self.timeout if timeout is None else timeout
        if not self._worker.is_alive():
            message.close()
            raise RuntimeError("the scan worker has stopped")
        job = _Job(message, recipients, time.monotonic() + budget)
        self._jobs.put(job)
        if not job.done.wait(budget):
            with self._lock:
                job.abandoned = True
            raise ScanTimeout(f"scan exceeded its budget of {budget:g} s")
        if job.error is not None:
            raise job.error
        assert job.decision is not None
        return job.decision

    def close(self) -> None:
        self._jobs.put(None)
        self._worker.join(timeout=5)

    # -- the worker ---------------------------------------------------------------------------

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            batch = [job]
            while len(batch) < self.max_batch:
                try:
                    more = self._jobs.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    self._jobs.put(None)
                    break
                batch.append(more)
            self._scan_batch(batch)

    def _live(self, job: _Job) -> bool:
        with self._lock:
            if not job.abandoned and time.monotonic() < job.deadline:
                return True
        job.message.close()
        return False

    def _scan_batch(self, batch: list[_Job]) -> None:
        parsed: list[_Parsed] = []
        for job in batch:
            if not self._live(job):
                continue
            try:
                item = self._parse(job)
            except Exception as exc:  # fail closed: the waiting connection tempfails
                self._finish(job, error=exc)
                continue
            if isinstance(item, Decision):
                self._finish(job, decision=item)
            else:
                parsed.append(item)
        if not parsed:
            return
        try:
            results = list(self.pipeline.engine.analyze_many(p.document for p in parsed))
        except Exception:
            results = []  # isolate the message that broke the batch: scan them one by one
        if len(results) != len(parsed):
            for item in parsed:
                self._decide_alone(item)
            return
        for item, (_, findings) in zip(parsed, results):
            self._decide(item, findings)

    def _parse(self, job: _Job) -> _Parsed | Decision:
        facts = Facts(recipients=job.recipients)
        try:
            if job.message.too_large:
                raise TooLargeInput(
                    f"message larger than the scan limit of {job.message.max_bytes} bytes", "raise --max-message-size"
                )
            raw = job.message.read()
            job.message.close()
            document = message_document(raw, MESSAGE_NAME)
        except InputError as error:
            job.message.close()
            return self.pipeline.assess_unreadable(MESSAGE_NAME, error, CHANNEL, facts)
        return _Parsed(job, document, unscanned_facts(document, facts))

    def _decide_alone(self, item: _Parsed) -> None:
        try:
            findings = self.pipeline.engine.analyze(item.document)
        except Exception as exc:
            self._finish(item.job, error=exc)
            return
        self._decide(item, findings)

    def _decide(self, item: _Parsed, findings: list[Finding]) -> None:
        try:
            decision = self.pipeline.assess(item.document, findings, CHANNEL, item.facts)
        except Exception as exc:
            self._finish(item.job, error=exc)
            return
        self._finish(item.job, decision=decision)

    @staticmethod
    def _finish(job: _Job, decision: Decision | None = None, error: BaseException | None = None) -> None:
        job.decision, job.error = decision, error
        job.done.set()


def unscanned_facts(document: Document, facts: Facts) -> Facts:
    """Parts that could not be read (encrypted, corrupt, unsupported) become document facts."""
    kinds = {item.rpartition(": ")[2] for item in unscanned(document)}
    if not kinds:
        return facts
    return Facts(
        encrypted="encrypted" in kinds,
        too_large="too_large" in kinds,
        unreadable=bool(kinds - {"encrypted", "too_large"}),
        recipients=facts.recipients,
        error=f"{len(unscanned(document))} part(s) could not be scanned",
    )
