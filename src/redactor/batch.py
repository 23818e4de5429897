"""What scanning one file produces (``FileResult``, ``Hit``) and the plain file walk other
commands use. Results cross process and machine boundaries (pool workers, Dask) and are cached in
the scan state database, so they hold masked values and salted hashes; the raw value travels only
when the user asked for values (``--show-values``) and is never stored."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from redactor import extract


@dataclass(frozen=True)
class Hit:
    """One finding as reported: offsets into the extracted text, 1-based page, masked value."""

    type: str
    role: str | None
    start: int
    end: int
    score: float
    page: int
    recognizer: str
    masked: str
    digest: str  # salted hash of the normalised value (baselines compare these)
    label: str = ""  # the container part ("attachment report.pdf / member a.docx")
    value: str | None = field(default=None, repr=False)  # raw, only with --show-values


@dataclass(frozen=True)
class FileResult:
    path: str
    hits: tuple[Hit, ...] = ()
    chars: int = 0
    size: int = 0
    mtime_ns: int = 0
    sha256: str = ""
    level: str | None = None
    categories: tuple[str, ...] = ()
    action: str | None = None
    rule: str | None = None
    unscanned: tuple[str, ...] = ()  # container parts that could not be read
    error: str | None = None  # the file could not be read (message names no content)
    reason: str | None = None  # unreadable | encrypted | too_large | ... (InputError.reason)
    skipped: str | None = None  # a note: the file was deliberately not read (too large, link)
    transient: bool = False  # an error worth retrying next time (permission, I/O)
    cached: bool = False  # taken from the state database, the file was not read again

    @property
    def status(self) -> str:
        return "error" if self.error else "skipped" if self.skipped else "ok"

    def to_json(self) -> str:
        """The cacheable form: never a raw value."""
        data = asdict(replace(self, hits=tuple(replace(h, value=None) for h in self.hits), cached=False))
        for hit in data["hits"]:
            del hit["value"]
        return json.dumps(data, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> FileResult:
        data: dict[str, Any] = json.loads(text)
        data["hits"] = tuple(Hit(**h) for h in data["hits"])
        data["categories"] = tuple(data["categories"])
        data["unscanned"] = tuple(data["unscanned"])
        return cls(**data)


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and supported files below directories (sorted; symlinks are not followed)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir() and not path.is_symlink():
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs.sort()
                for name in sorted(files):
                    candidate = Path(root) / name
                    if extract.supported(candidate) and not candidate.is_symlink():
                        yield candidate
        else:
            yield path
