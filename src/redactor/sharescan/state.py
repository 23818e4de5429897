"""The scan state database (SQLite, WAL): what each file looked like when it was last scanned and
what was found, so a re-scan reads only files that changed and an interrupted scan resumes.

A file is unchanged when path, size and mtime match. When only the mtime moved, or the mtime was
too close to the scan to trust (a write in the same second), the content hash decides. Cached
results hold masked values and salted hashes only. Everything is keyed by a fingerprint of the
configuration (rules, policy, salt, size limit, redactor version): change it and files are re-read.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
import time
from pathlib import Path

from redactor.batch import FileResult
from redactor.sharescan.walk import Entry

RACY_NS = 2_000_000_000  # an mtime this close to the scan may hide a later write in the same tick

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY, roots TEXT NOT NULL, fingerprint TEXT NOT NULL,
  started REAL NOT NULL, finished REAL
);
CREATE TABLE IF NOT EXISTS files (
  path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL,
  scanned_ns INTEGER NOT NULL, run INTEGER NOT NULL, fingerprint TEXT NOT NULL, result TEXT NOT NULL
);
"""


class State:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.db = sqlite3.connect(self.path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        self.run = 0
        self.fingerprint = ""
        self._pending = 0
        self._last_commit = time.monotonic()

    def close(self) -> None:
        self.commit()
        self.db.close()

    # -- salt and runs --------------------------------------------------------------------------

    def salt(self) -> bytes | None:
        row = self.db.execute("SELECT value FROM meta WHERE key='salt'").fetchone()
        return bytes.fromhex(row[0]) if row else None

    def set_salt(self, salt: bytes) -> None:
        if self.salt() != salt:  # cached hashes were made with another salt: they are worthless now
            self.db.execute("DELETE FROM files")
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('salt', ?)", (salt.hex(),))

    def begin(self, roots: list[str], fingerprint: str, resume: bool) -> tuple[int, bool]:
        """Start a run (or continue the last unfinished one with ``resume``): (run id, resumed)."""
        self.fingerprint = fingerprint
        key = "\n".join(roots)
        if resume:
            row = self.db.execute(
                "SELECT id FROM runs WHERE roots=? AND fingerprint=? AND finished IS NULL ORDER BY id DESC LIMIT 1",
                (key, fingerprint),
            ).fetchone()
            if row:
                self.run = row[0]
                return self.run, True
        cursor = self.db.execute(
            "INSERT INTO runs (roots, fingerprint, started) VALUES (?, ?, ?)", (key, fingerprint, time.time())
        )
        self.run = int(cursor.lastrowid or 0)
        return self.run, False

    def finish(self, roots: list[str], seen: set[str]) -> int:
        """Mark the run complete and forget files under the roots that are gone: how many."""
        self.commit()
        gone = [
            path
            for (path,) in self.db.execute("SELECT path FROM files")
            if path not in seen and any(_under(path, root) for root in roots)
        ]
        self.db.execute("BEGIN")
        self.db.executemany("DELETE FROM files WHERE path=?", [(p,) for p in gone])
        self.db.execute("UPDATE runs SET finished=? WHERE id=?", (time.time(), self.run))
        self.db.execute("COMMIT")
        return len(gone)

    def done_in_run(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM files WHERE run=?", (self.run,)).fetchone()[0])

    # -- files ----------------------------------------------------------------------------------

    def lookup(self, entry: Entry) -> FileResult | None:
        """The cached result if the file is unchanged, else None (the file must be read)."""
        row = self.db.execute(
            "SELECT size, mtime_ns, sha256, scanned_ns, fingerprint, result FROM files WHERE path=?",
            (_key(entry.path),),
        ).fetchone()
        if row is None:
            return None
        size, mtime_ns, sha256, scanned_ns, fingerprint, text = row
        if fingerprint != self.fingerprint or size != entry.size or not sha256:
            return None
        if mtime_ns != entry.mtime_ns or scanned_ns - mtime_ns < RACY_NS:
            from redactor.sharescan.worker import file_sha256

            try:
                if file_sha256(entry.path) != sha256:
                    return None
            except OSError:
                return None
            self.db.execute(
                "UPDATE files SET mtime_ns=?, scanned_ns=? WHERE path=?",
                (entry.mtime_ns, time.time_ns(), _key(entry.path)),
            )
        result = FileResult.from_json(text)
        return FileResult(**{**result.__dict__, "path": entry.path, "mtime_ns": entry.mtime_ns, "cached": True})

    def store(self, result: FileResult) -> None:
        """Remember a file's result; transient errors (permissions, I/O) are retried next time."""
        if result.transient or result.skipped or not result.sha256:
            return
        if self._pending == 0:
            self.db.execute("BEGIN")
        self.db.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                _key(result.path),
                result.size,
                result.mtime_ns,
                result.sha256,
                time.time_ns(),
                self.run,
                self.fingerprint,
                result.to_json(),
            ),
        )
        self._pending += 1
        # Commit often enough that an interrupted scan loses at most a couple of seconds of work.
        if self._pending >= 500 or time.monotonic() - self._last_commit > 2.0:
            self.commit()

    def commit(self) -> None:
        if self._pending:
            self.db.execute("COMMIT")
            self._pending = 0
        self._last_commit = time.monotonic()


def new_salt() -> bytes:
    return secrets.token_bytes(16)


def _key(path: str) -> str:
    return os.path.abspath(path)


def _under(path: str, root: str) -> bool:
    root = os.path.abspath(root)
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)
