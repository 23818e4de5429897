"""Finding complete files in the inbox: file-system events are only hints.

A file becomes ready when its size, mtime and inode have not changed for ``settle`` seconds
between two looks (writers may be slow; "created" fires when writing starts). Every event, every
periodic rescan and the start-up scan just add candidates; nothing is lost when inotify overflows
or a network share sends no events at all. Hidden files and folders, office lock files and the
usual temporary names of browsers, copy tools and editors are never picked up: write as
``name.part`` (or ``.name``) and rename when complete.
"""

from __future__ import annotations

import fnmatch
import logging
import os
import queue
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler

log = logging.getLogger(__name__)

TEMP_SUFFIXES = (".part", ".partial", ".tmp", ".temp", ".crdownload", ".download", ".filepart", ".swp", ".lock")


def ignored(name: str, patterns: Sequence[str] = ()) -> bool:
    lower = name.lower()
    return (
        name.startswith((".", "~$"))
        or name.endswith("~")
        or lower.endswith(TEMP_SUFFIXES)
        or any(fnmatch.fnmatch(name, p) for p in patterns)
    )


@dataclass(frozen=True)
class Ready:
    path: Path
    name: str  # relative to the inbox, '/'-separated
    st: os.stat_result


class Inbox:
    def __init__(self, root: Path, settle: float, patterns: Sequence[str] = ()) -> None:
        self.root = root
        self.settle = settle
        self.patterns = tuple(patterns)
        self.hints: queue.SimpleQueue[str] = queue.SimpleQueue()
        self._seen: dict[str, tuple[tuple[int, int, int, int], float]] = {}  # path -> (signature, since)

    def __len__(self) -> int:
        return len(self._seen)

    def hint(self, path: str) -> None:
        """Thread-safe: called from the observer thread."""
        self.hints.put(path)

    def drain(self, now: float) -> None:
        while True:
            try:
                path = self.hints.get_nowait()
            except queue.Empty:
                return
            self.observe(path, now)

    def rescan(self, now: float) -> None:
        self.observe(str(self.root), now)

    def _relative(self, path: str) -> str | None:
        try:
            rel = Path(path).relative_to(self.root)
        except ValueError:
            return None
        parts = rel.parts
        if any(ignored(p, self.patterns) for p in parts):
            return None
        return rel.as_posix()

    def observe(self, path: str, now: float) -> None:
        if path != str(self.root) and self._relative(path) is None:
            return
        try:
            st = os.lstat(path)
        except OSError:
            self._seen.pop(path, None)
            return
        if stat.S_ISDIR(st.st_mode):
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs[:] = [d for d in dirs if not ignored(d, self.patterns)]
                for name in files:
                    if not ignored(name, self.patterns):
                        self.observe(os.path.join(root, name), now)
            return
        if not (stat.S_ISREG(st.st_mode) or stat.S_ISLNK(st.st_mode)):
            return  # FIFOs, sockets, devices: never opened
        signature = (st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev)
        known = self._seen.get(path)
        if known is None or known[0] != signature:
            self._seen[path] = (signature, now)

    def ready(self, now: float, limit: int) -> list[Ready]:
        """Up to ``limit`` files unchanged for ``settle`` seconds, oldest first (removed from the candidates)."""
        out: list[Ready] = []
        for path, (signature, since) in sorted(self._seen.items(), key=lambda kv: kv[1][1]):
            if len(out) >= limit or now - since < self.settle:
                break
            try:
                st = os.lstat(path)
            except OSError:
                del self._seen[path]
                continue
            if (st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev) != signature:
                self._seen[path] = ((st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev), now)
                continue
            del self._seen[path]
            name = self._relative(path)
            if name is not None:
                out.append(Ready(Path(path), name, st))
        return out


class Hints(FileSystemEventHandler):
    """Turns every watchdog event into a hint; the path is looked at by the main loop."""

    def __init__(self, inbox: Inbox) -> None:
        self.inbox = inbox

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        for path in (event.src_path, getattr(event, "dest_path", "")):
            if path:
                self.inbox.hint(os.fsdecode(path))
