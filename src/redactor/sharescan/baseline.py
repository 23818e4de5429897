"""Baselines (as in detect-secrets): accepted findings, recorded by salted hash so later scans
report only new exposures. The file holds no value, only HMAC-SHA256 of the normalised value with
the baseline's random salt, the entity type and the file path relative to the scanned root.
Keep the baseline as private as the share: with the salt, short values (an SSN) can be guessed.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from redactor.batch import FileResult
from redactor.errors import ConfigError

VERSION = 1


@dataclass
class Baseline:
    path: Path
    salt: bytes
    accepted: set[tuple[str, str, str]] = field(default_factory=set)  # (relative path, type, digest)
    exists: bool = False

    @classmethod
    def load(cls, path: str | Path, fallback_salt: bytes) -> Baseline:
        path = Path(path)
        if not path.exists():
            return cls(path, fallback_salt)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != VERSION:
                raise ValueError(f"unknown version {data.get('version')!r}")
            accepted = {(f, e["type"], e["hash"]) for f, entries in data["files"].items() for e in entries}
            return cls(path, bytes.fromhex(data["salt"]), accepted, exists=True)
        except (ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"not a redactor baseline ({exc})", str(path)) from None

    def new_hits(self, result: FileResult, root: str) -> FileResult:
        """The result with accepted findings removed."""
        rel = relative(result.path, root)
        return replace(result, hits=tuple(h for h in result.hits if (rel, h.type, h.digest) not in self.accepted))

    def accept(self, result: FileResult, root: str) -> None:
        rel = relative(result.path, root)
        self.accepted.update((rel, h.type, h.digest) for h in result.hits)

    def save(self) -> None:
        files: dict[str, list[dict[str, str]]] = {}
        for rel, kind, digest in sorted(self.accepted):
            files.setdefault(rel, []).append({"type": kind, "hash": digest})
        data = {
            "version": VERSION,
            "generated": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "salt": self.salt.hex(),
            "files": files,
        }
        fd, tmp = tempfile.mkstemp(dir=self.path.parent or ".", prefix=".baseline-")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=1)
            out.write("\n")
        os.replace(tmp, self.path)


def relative(path: str, root: str) -> str:
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root)) if root else path
    return rel.replace(os.sep, "/")
