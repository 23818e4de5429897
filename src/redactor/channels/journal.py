"""The watcher's journal (SQLite, WAL, synchronous=FULL): one row per document and its state.

    seen        claimed in the inbox; about to be moved into the private work area
    processing  the original is in work/ID/in/ (durable); a worker decides and writes outputs
    decided     the outcome and every file placement are recorded; placing them is idempotent
    placed      outputs and the original are in their final places (fsynced)
    done        the audit entry is written; work/ID is removed

Each transition is committed before the next side effect, and every side effect can be redone
from the row alone, so replaying the unfinished rows after a crash (``unfinished``) finishes
every document exactly once. Rows hold names, hashes and the decision summary, never raw values.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SEEN, PROCESSING, DECIDED, PLACED, DONE = "seen", "processing", "decided", "placed", "done"
STATES = (SEEN, PROCESSING, DECIDED, PLACED, DONE)

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS jobs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  state TEXT NOT NULL,
  name TEXT NOT NULL,
  inbox TEXT NOT NULL,
  dev INTEGER NOT NULL, ino INTEGER NOT NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
  uid INTEGER NOT NULL,
  sha256 TEXT NOT NULL DEFAULT '',
  result TEXT NOT NULL DEFAULT '{}',
  placements TEXT NOT NULL DEFAULT '[]',
  created REAL NOT NULL,
  updated REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS jobs_state ON jobs(state);
"""


@dataclass
class Job:
    id: int
    state: str
    name: str  # path relative to the inbox, '/'-separated
    inbox: str  # absolute path the file had in the inbox
    dev: int
    ino: int
    size: int
    mtime_ns: int
    uid: int
    sha256: str = ""
    result: dict[str, Any] = field(default_factory=dict)
    placements: list[dict[str, Any]] = field(default_factory=list)


class Journal:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        os.chmod(self.path, 0o600)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(SCHEMA)
        row = self.db.execute("SELECT value FROM meta WHERE key='instance'").fetchone()
        if row is None:
            self.instance = uuid.uuid4().hex
            self.db.execute("INSERT INTO meta VALUES ('instance', ?)", (self.instance,))
        else:
            self.instance = row[0]

    def close(self) -> None:
        self.db.close()

    def key(self, job: Job) -> str:
        """A name for the job that is unique across journals (used in audit entries)."""
        return f"{self.instance}:{job.id}"

    def claim(self, name: str, inbox: str, st: os.stat_result) -> Job:
        now = time.time()
        cur = self.db.execute(
            "INSERT INTO jobs (state, name, inbox, dev, ino, size, mtime_ns, uid, created, updated)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (SEEN, name, inbox, st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_uid, now, now),
        )
        assert cur.lastrowid is not None
        return Job(cur.lastrowid, SEEN, name, inbox, st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_uid)

    def processing(self, job: Job, sha256: str, size: int) -> None:
        job.state, job.sha256, job.size = PROCESSING, sha256, size
        self._update(job.id, state=PROCESSING, sha256=sha256, size=size)

    def decided(self, job: Job, result: dict[str, Any], placements: list[dict[str, Any]]) -> None:
        job.state, job.result, job.placements = DECIDED, result, placements
        self._update(job.id, state=DECIDED, result=json.dumps(result), placements=json.dumps(placements))

    def replan(self, job: Job) -> None:
        """Store changed placements (a destination name was taken by someone else meanwhile)."""
        self._update(job.id, placements=json.dumps(job.placements))

    def advance(self, job: Job, state: str) -> None:
        job.state = state
        self._update(job.id, state=state)

    def forget(self, job: Job) -> None:
        """Drop a claim whose file never reached the work area (it is still in the inbox, or gone)."""
        self.db.execute("DELETE FROM jobs WHERE id=? AND state=?", (job.id, SEEN))

    def unfinished(self) -> list[Job]:
        rows = self.db.execute(
            "SELECT id, state, name, inbox, dev, ino, size, mtime_ns, uid, sha256, result, placements"
            " FROM jobs WHERE state != ? ORDER BY id",
            (DONE,),
        ).fetchall()
        return [Job(*row[:10], json.loads(row[10]), json.loads(row[11])) for row in rows]

    def counts(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT state, COUNT(*) FROM jobs GROUP BY state").fetchall())

    def _update(self, job_id: int, **fields: Any) -> None:
        fields["updated"] = time.time()
        assignments = ", ".join(f"{k}=?" for k in fields)
        self.db.execute(f"UPDATE jobs SET {assignments} WHERE id=?", (*fields.values(), job_id))
