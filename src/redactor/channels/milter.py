"""The mail gateway: a Sendmail-protocol milter (pymilter on libmilter) for Postfix and Sendmail.

Per message the MTA streams the envelope recipients, the header fields and the body to a
``MailFilter`` (one per SMTP connection, in libmilter's thread for that connection); the filter
rebuilds the message in a bounded buffer and, at end of message, hands it to the shared
``MailScanner``. The policy's ``mail`` channel decides; ``mailverdict`` turns the Decision into
the reply: reject (550 5.7.1), hold (Postfix hold queue) or accept, both of the latter with an
``X-Redactor-Verdict`` header. Fail closed: an error anywhere, or a scan past its budget, is a
tempfail (451 4.7.1), never an accept.
"""

from __future__ import annotations

import logging
import time
from typing import ClassVar

import Milter

from redactor.channels.mailscan import MAX_MESSAGE_BYTES, MailScanner, MessageBuffer, ScanTimeout
from redactor.channels.mailverdict import HEADER, Disposition, Verdict, tempfail, verdict_for

log = logging.getLogger(__name__)

NAME = "redactor"
LIBMILTER_TIMEOUT_S = 600  # how long libmilter waits for the MTA between protocol steps


class MailFilter(Milter.Base):  # type: ignore[misc]
    """One SMTP connection. Early callbacks never reply (NR) and never raise: a failure is
    remembered and answered with a tempfail at end of message."""

    scanner: ClassVar[MailScanner]
    max_bytes: ClassVar[int] = MAX_MESSAGE_BYTES

    def __init__(self) -> None:
        self.buffer: MessageBuffer | None = None
        self.recipients: list[str] = []
        self.spoofed = 0  # X-Redactor-Verdict fields the sender put in: removed before delivery
        self.failed = ""

    def _new_message(self) -> None:
        self._drop()
        self.buffer = MessageBuffer(self.max_bytes)
        self.recipients, self.spoofed, self.failed = [], 0, ""

    def _drop(self) -> None:
        if self.buffer is not None:
            self.buffer.close()
            self.buffer = None

    def _write(self, data: bytes) -> None:
        if self.failed:
            return
        try:
            if self.buffer is None:
                self._new_message()
            assert self.buffer is not None
            self.buffer.write(data)
        except Exception as exc:
            self.failed = type(exc).__name__
            log.exception("buffering the message failed")

    @Milter.noreply
    def envfrom(self, sender: str, *params: str) -> int:
        try:
            self._new_message()
        except Exception as exc:
            self.failed = type(exc).__name__
        return Milter.CONTINUE

    @Milter.noreply
    def envrcpt(self, recipient: str, *params: str) -> int:
        self.recipients.append(recipient.strip().strip("<>"))
        return Milter.CONTINUE

    @Milter.noreply
    @Milter.decode("bytes")
    def header(self, name: str, value: bytes) -> int:
        if name.lower() == HEADER.lower():
            self.spoofed += 1
        value = value.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        self._write(name.encode("ascii", "replace") + b": " + value + b"\r\n")
        return Milter.CONTINUE

    @Milter.noreply
    def eoh(self) -> int:
        self._write(b"\r\n")
        return Milter.CONTINUE

    @Milter.noreply
    def body(self, chunk: bytes) -> int:
        self._write(chunk)
        return Milter.CONTINUE

    def eom(self) -> int:
        started = time.monotonic()
        queue_id = self._queue_id()
        try:
            verdict = self._verdict()
            self._act(verdict)
        except Exception as exc:
            log.exception("%s: acting on the verdict failed", queue_id)
            verdict = tempfail(f"content scan failed ({type(exc).__name__})")
        finally:
            self._drop()
        log.info(
            "%s: %s%s (%d ms)",
            queue_id,
            verdict.disposition.value,
            f" {verdict.code} {verdict.xcode} {verdict.text}" if verdict.code else "",
            (time.monotonic() - started) * 1000,
        )
        if verdict.disposition in (Disposition.REJECT, Disposition.TEMPFAIL):
            self.setreply(verdict.code, verdict.xcode, verdict.text)
            return Milter.REJECT if verdict.disposition == Disposition.REJECT else Milter.TEMPFAIL
        return Milter.ACCEPT

    def _verdict(self) -> Verdict:
        if self.failed or self.buffer is None:
            return tempfail(f"content scan failed ({self.failed or 'no message'})")
        buffer, self.buffer = self.buffer, None  # the scanner owns it now
        try:
            decision = self.scanner.scan(buffer, tuple(self.recipients))
        except ScanTimeout:
            return tempfail("content scan timed out")
        except Exception as exc:
            log.error("scan failed: %s", type(exc).__name__, exc_info=log.isEnabledFor(logging.DEBUG))
            return tempfail(f"content scan failed ({type(exc).__name__})")
        return verdict_for(decision)

    def _act(self, verdict: Verdict) -> None:
        """Header changes and the hold happen only for mail that is accepted (reject/tempfail: none)."""
        if verdict.disposition not in (Disposition.ACCEPT, Disposition.HOLD):
            return
        for index in range(self.spoofed, 0, -1):
            self.chgheader(HEADER, index, None)
        self.addheader(HEADER, verdict.header)
        if verdict.disposition == Disposition.HOLD:
            self.quarantine(verdict.text)

    def _queue_id(self) -> str:
        try:
            return str(self.getsymval("i") or "-")
        except Exception:
            return "-"

    def abort(self) -> int:
        self._drop()
        return Milter.CONTINUE

    def close(self) -> int:
        self._drop()
        return Milter.CONTINUE


def socket_spec(listen: str) -> str:
    """libmilter's socket name for HOST:PORT ("inet:PORT@HOST", "inet6:PORT@HOST"), or as given."""
    if listen.startswith(("inet:", "inet6:", "unix:", "local:")):
        return listen
    host, sep, port = listen.rpartition(":")
    if not sep or not port.isdigit() or not host:
        raise ValueError(f"--listen expects HOST:PORT (e.g. 127.0.0.1:8899) or unix:/path, not '{listen}'")
    if host.startswith("[") and host.endswith("]"):
        return f"inet6:{port}@{host[1:-1]}"
    return f"inet:{port}@{host}"


def serve(listen: str, scanner: MailScanner, max_bytes: int = MAX_MESSAGE_BYTES) -> None:
    """Run the milter until SIGTERM/SIGINT (libmilter stops accepting and lets sessions finish)."""
    MailFilter.scanner = scanner
    MailFilter.max_bytes = max_bytes
    Milter.factory = MailFilter
    Milter.set_flags(Milter.ADDHDRS | Milter.CHGHDRS | Milter.QUARANTINE)
    Milter.runmilter(NAME, socket_spec(listen), timeout=LIBMILTER_TIMEOUT_S)
