"""A tamper-evident audit log: JSON lines, each carrying the hash of the line before it.

Every entry gets ``seq`` (0, 1, 2, ...), ``prev`` (the previous entry's ``hash``; 64 zeros for the
first) and ``hash`` (SHA-256 of the entry's canonical JSON without ``hash``). Editing a line changes
its hash; removing or reordering lines breaks ``seq`` and ``prev``; ``verify`` reports all three.
Removing lines from the end is only visible against a head hash kept elsewhere (``expect_head``).

Any channel can append: appends take an exclusive ``flock`` on the file (so several processes can
share one log), are written in one ``write`` and fsynced before ``append`` returns. A torn last
line (a crash in the middle of a write, never fsynced, never acknowledged) is cut off on the next
append. Entries must never contain raw values found in documents: callers pass counts, types,
rules and file hashes.
"""

from __future__ import annotations

import fcntl
import getpass
import hashlib
import json
import logging
import os
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

GENESIS = "0" * 64
TAIL_BYTES = 256 * 1024


def entry_hash(entry: dict[str, Any]) -> str:
    body = {k: v for k, v in entry.items() if k != "hash"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def actor(tool: str) -> dict[str, Any]:
    """Who is acting: the account, host and process running ``tool``."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid())
    return {"user": user, "host": socket.gethostname(), "pid": os.getpid(), "tool": tool}


class AuditLog:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def append(self, record: dict[str, Any]) -> dict[str, Any]:
        """Add ``record`` (plus seq, prev, time, hash) as one durable line; returns the full entry."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            last = _repair_tail(fd, self.path)
            entry: dict[str, Any] = {
                "seq": last["seq"] + 1 if last else 0,
                "prev": last["hash"] if last else GENESIS,
                "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
                **{k: v for k, v in record.items() if k not in ("seq", "prev", "hash")},
            }
            entry["hash"] = entry_hash(entry)
            line = json.dumps(entry, separators=(",", ":"), ensure_ascii=False) + "\n"
            os.write(fd, line.encode("utf-8"))
            os.fsync(fd)
            return entry
        finally:
            os.close(fd)  # closing releases the lock

    def tail(self, count: int = 64) -> list[dict[str, Any]]:
        """The last ``count`` complete entries (fewer if the log is shorter), oldest first."""
        try:
            with open(self.path, "rb") as fh:
                size = fh.seek(0, os.SEEK_END)
                fh.seek(max(0, size - TAIL_BYTES))
                data = fh.read()
        except FileNotFoundError:
            return []
        lines = data.split(b"\n")
        lines = lines[1:-1] if size > TAIL_BYTES else lines[:-1]  # first may be cut; last is '' or torn
        out = []
        for raw in lines[-count:]:
            try:
                out.append(json.loads(raw))
            except ValueError:
                continue
        return out


def _repair_tail(fd: int, path: Path) -> dict[str, Any] | None:
    """The last entry; a torn (unterminated) last line is truncated first."""
    size = os.lseek(fd, 0, os.SEEK_END)
    if size == 0:
        return None
    start = max(0, size - TAIL_BYTES)
    data = os.pread(fd, size - start, start)
    if not data.endswith(b"\n"):
        cut = data.rfind(b"\n")
        keep = start + cut + 1 if cut >= 0 else start
        log.warning("audit log %s: removing a torn last line (%d bytes) left by a crash", path, size - keep)
        os.ftruncate(fd, keep)
        os.fsync(fd)
        data = data[: keep - start]
        if not data:
            return None
    last = data.rstrip(b"\n").rsplit(b"\n", 1)[-1]
    try:
        entry = json.loads(last)
    except ValueError:
        raise ValueError("the last audit entry is not valid JSON; run 'redactor audit verify'") from None
    if not isinstance(entry, dict) or "hash" not in entry or "seq" not in entry:
        raise ValueError("the last audit entry has no hash; run 'redactor audit verify'")
    return entry


@dataclass
class Verification:
    entries: int = 0
    head: str = GENESIS
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _lines(path: Path) -> Iterator[tuple[int, bytes]]:
    with open(path, "rb") as fh:
        yield from enumerate(fh, 1)


def verify(path: str | Path, expect_head: str | None = None) -> Verification:
    """Check every line's hash, sequence number and link to the line before."""
    result = Verification()
    prev, expected_seq = GENESIS, 0
    for number, raw in _lines(Path(path)):
        if not raw.endswith(b"\n"):
            result.problems.append(f"line {number}: incomplete last line (torn write)")
            break
        try:
            entry = json.loads(raw)
        except ValueError:
            result.problems.append(f"line {number}: not valid JSON")
            prev, expected_seq = "", expected_seq + 1
            continue
        if not isinstance(entry, dict) or not isinstance(entry.get("hash"), str):
            result.problems.append(f"line {number}: not an audit entry")
            prev, expected_seq = "", expected_seq + 1
            continue
        if entry_hash(entry) != entry["hash"]:
            result.problems.append(f"line {number}: content does not match its hash (edited)")
        if entry.get("seq") != expected_seq:
            result.problems.append(
                f"line {number}: sequence number {entry.get('seq')}, expected {expected_seq} (lines removed or reordered)"
            )
        if prev and entry.get("prev") != prev:
            result.problems.append(
                f"line {number}: does not follow the line before (lines removed, reordered or edited)"
            )
        result.entries += 1
        prev = entry["hash"]
        expected_seq = entry["seq"] + 1 if isinstance(entry.get("seq"), int) else expected_seq + 1
    result.head = prev or result.head
    if expect_head is not None and result.head != expect_head:
        result.problems.append(
            f"the last entry's hash is {result.head[:16]}..., expected {expect_head[:16]}... (lines removed at the end?)"
        )
    return result
