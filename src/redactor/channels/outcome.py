"""Moving files between inbox, work area and the outcome folders without ever losing or
overwriting one.

- ``stage`` moves a file out of the inbox into the private work area (``os.rename`` on one
  filesystem; across filesystems a fsynced copy renamed into place, then the original removed
  only if it is still the file that was claimed).
- ``place`` puts a finished file at its destination with ``os.link`` (which fails instead of
  overwriting), fsyncs it and its folder, then removes the source. Re-running it after a crash at
  any point finishes the job: a destination that already holds the expected bytes counts as done.
- ``choose_names`` picks "name (2).pdf"-style names so the same name arriving twice never
  overwrites anything, keeping a group of files (a PDF and its logs, a file and its sidecar) on
  one variant.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS}
NO_DIR_FSYNC = {errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EBADF, errno.EACCES}


class LostFile(Exception):
    """A file the journal says exists is neither at its source nor at its destination."""


def fsync_file(path: Path) -> None:
    if path.is_symlink():
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        if exc.errno in NO_DIR_FSYNC:
            return
        raise
    try:
        os.fsync(fd)
    except OSError as exc:  # some network filesystems cannot sync a directory
        if exc.errno not in NO_DIR_FSYNC:
            raise
    finally:
        os.close(fd)


def digest(path: Path) -> str:
    """SHA-256 of the file's bytes; of the link text for a symbolic link (never followed)."""
    if path.is_symlink():
        return hashlib.sha256(b"symlink:" + os.fsencode(os.readlink(path))).hexdigest()
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) owner-only; warn when an existing one is open to others."""
    if not path.exists():
        path.mkdir(mode=0o700, parents=True)
        os.chmod(path, 0o700)
    elif path.stat().st_mode & 0o077:
        log.warning("%s is readable by other users; quarantined documents belong in an owner-only folder", path)
    return path


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Write a small JSON file durably (owner-only; temp file, fsync, rename)."""
    tmp = path.with_name(f".{path.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=1, ensure_ascii=False)
        fh.write("\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def same_file(path: Path, dev: int, ino: int, size: int, mtime_ns: int) -> bool:
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return False
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns) == (dev, ino, size, mtime_ns)


def _copy(src: Path, tmp: Path) -> None:
    if src.is_symlink():
        os.symlink(os.readlink(src), tmp)
        return
    shutil.copyfile(src, tmp, follow_symlinks=False)
    fsync_file(tmp)


def stage(src: Path, dest: Path, ident: tuple[int, int, int, int]) -> bool:
    """Move a claimed inbox file to ``dest`` in the private work area. Idempotent.

    Returns False when the file is gone (nothing staged)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    if not os.path.lexists(dest):
        try:
            os.rename(src, dest)
        except FileNotFoundError:
            return False
        except OSError as exc:
            if exc.errno != errno.EXDEV:
                raise
            tmp = dest.with_name(f".{dest.name}.copy")
            if os.path.lexists(tmp):
                os.unlink(tmp)
            try:
                _copy(src, tmp)
            except FileNotFoundError:
                return False
            os.rename(tmp, dest)
        fsync_file(dest)
        fsync_dir(dest.parent)
    if os.path.lexists(src) and same_file(src, *ident):  # a cross-filesystem copy: remove the original
        os.unlink(src)
    fsync_dir(src.parent)
    return True


def place(src: Path, dest: Path, sha256: str) -> bool:
    """Move ``src`` to ``dest`` without overwriting; True when done (now or before), False when
    ``dest`` is taken by a different file (pick another name). Idempotent."""
    if not os.path.lexists(src):
        if os.path.lexists(dest) and digest(dest) == sha256:
            return True
        raise LostFile(f"{src.name}: neither in the work area nor at {dest}")
    if os.path.lexists(dest):
        if digest(dest) != sha256:
            return False
    else:
        fsync_file(src)
        how = _put(src, dest)
        if how == "taken":
            return False
        fsync_file(dest)
        fsync_dir(dest.parent)
        if how == "renamed":
            fsync_dir(src.parent)
            return True
    os.unlink(src)
    fsync_dir(src.parent)
    return True


def _put(src: Path, dest: Path) -> str:
    """'linked' (src still there), 'renamed' (src gone) or 'taken' (dest exists)."""
    try:
        os.link(src, dest, follow_symlinks=False)
        return "linked"
    except FileExistsError:
        return "taken"
    except OSError as exc:
        if exc.errno == errno.EXDEV:
            tmp = dest.with_name(f".{dest.name}.{os.getpid()}.part")
            _copy(src, tmp)
            try:
                return "linked" if _put(tmp, dest) != "taken" else "taken"
            finally:
                if os.path.lexists(tmp):
                    os.unlink(tmp)
        if exc.errno in NO_HARD_LINKS:  # e.g. some SMB mounts: check, then rename (a tiny race)
            if os.path.lexists(dest):
                return "taken"
            os.rename(src, dest)
            return "renamed"
        raise


def variant(name: str, n: int) -> str:
    if n == 1:
        return name
    stem, dot, suffix = name.rpartition(".")
    if not stem:
        return f"{name} ({n})"
    return f"{stem} ({n}){dot}{suffix}"


def choose_names(folder: Path, name: str, derive: Sequence[Callable[[str], str]]) -> list[str]:
    """The first variant of ``name`` for which every derived name is free in ``folder``."""
    n = 1
    while True:
        names = [d(variant(name, n)) for d in derive]
        if not any(os.path.lexists(folder / x) for x in names):
            return names
        n += 1
