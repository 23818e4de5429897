"""The tree walk: sorted, never following symbolic links (a link is noted, its target is scanned
only if it lies in the tree anyway), surviving unreadable folders, and counting what it passes by."""

from __future__ import annotations

import os
import stat
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from redactor import extract
from redactor.batch import FileResult


@dataclass(frozen=True)
class Entry:
    """A regular file to scan, as seen by lstat."""

    path: str
    size: int
    mtime_ns: int


@dataclass
class WalkStats:
    unsupported: Counter[str] = field(default_factory=Counter)  # suffix -> files not scanned

    @property
    def unsupported_total(self) -> int:
        return sum(self.unsupported.values())


def walk(paths: Iterable[str | Path], max_size: int, stats: WalkStats) -> Iterator[Entry | FileResult]:
    """Entries to scan, and results for what is decided without reading (links, too large, errors)."""
    for raw in paths:
        root = str(raw)
        if os.path.isdir(root) and not os.path.islink(root):
            yield from _walk_dir(root, max_size, stats)
        else:
            yield _entry(root, max_size, stats, named=True) or FileResult(root, skipped="unsupported file type")


def _walk_dir(root: str, max_size: int, stats: WalkStats) -> Iterator[Entry | FileResult]:
    failed: list[FileResult] = []

    def onerror(exc: OSError) -> None:
        failed.append(_os_error(exc.filename or root, exc))

    for folder, dirs, files in os.walk(root, onerror=onerror, followlinks=False):
        yield from failed
        failed.clear()
        dirs.sort()
        for name in list(dirs):
            if os.path.islink(os.path.join(folder, name)):
                dirs.remove(name)
                yield FileResult(os.path.join(folder, name), skipped="symbolic link to a folder, not followed")
        for name in sorted(files):
            item = _entry(os.path.join(folder, name), max_size, stats, named=False)
            if item is not None:
                yield item
    yield from failed


def _entry(path: str, max_size: int, stats: WalkStats, named: bool) -> Entry | FileResult | None:
    if not extract.supported(Path(path)):
        if named:
            return FileResult(path, error=f"{path}: unsupported file type", reason="unsupported")
        stats.unsupported[Path(path).suffix.lower() or "(none)"] += 1
        return None
    try:
        info = os.lstat(path)
    except OSError as exc:
        return _os_error(path, exc)
    if stat.S_ISLNK(info.st_mode):
        return FileResult(path, skipped="symbolic link, not followed")
    if not stat.S_ISREG(info.st_mode):
        return FileResult(path, skipped="not a regular file")
    if info.st_size > max_size:
        return FileResult(
            path,
            size=info.st_size,
            mtime_ns=info.st_mtime_ns,
            reason="too_large",
            skipped=f"larger than the size limit ({info.st_size} > {max_size} bytes)",
        )
    return Entry(path, info.st_size, info.st_mtime_ns)


def _os_error(path: str, exc: OSError) -> FileResult:
    return FileResult(str(path), error=f"{path}: cannot read ({exc.strerror})", reason="unreadable", transient=True)
