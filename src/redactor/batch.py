"""Running the engine over many files: walking trees, one engine per worker process, and
reporting unreadable files as errors without stopping the batch."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from redactor import extract
from redactor.detect.engine import Engine
from redactor.errors import InputError
from redactor.model import Document, Finding


@dataclass(frozen=True)
class FileResult:
    path: str
    findings: tuple[Finding, ...] = ()
    pages: tuple[int, ...] = field(default=(), repr=False)  # 1-based page of each finding
    chars: int = 0
    error: str | None = None


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


def result_for(document: Document, findings: list[Finding]) -> FileResult:
    pages = tuple(document.page_at(f.start).index + 1 for f in findings)
    return FileResult(document.path, tuple(findings), pages, len(document.text))


def _documents(paths: Iterable[Path], errors: dict[str, str]) -> Iterator[Document]:
    for path in paths:
        try:
            yield extract.extract(path)
        except InputError as exc:
            errors[str(path)] = str(exc)


def scan_serial(engine: Engine, paths: Iterable[Path]) -> Iterator[FileResult]:
    """Results in input order; unreadable files come back as error results."""
    paths = list(paths)
    errors: dict[str, str] = {}
    done = {}
    for document, findings in engine.analyze_many(_documents(paths, errors)):
        done[document.path] = result_for(document, findings)
    for path in paths:
        key = str(path)
        yield done.get(key) or FileResult(key, error=errors.get(key, "not processed"))


_worker_engine: Engine | None = None


def _init_worker(rules_dir: str | None) -> None:
    global _worker_engine
    from redactor.rules import load_rules

    _worker_engine = Engine(load_rules(rules_dir))


def _scan_one(path: str) -> FileResult:
    assert _worker_engine is not None
    return next(scan_serial(_worker_engine, [Path(path)]))


def scan_parallel(paths: Iterable[Path], jobs: int, rules_dir: str | None) -> Iterator[FileResult]:
    """One engine per worker process, results in input order."""
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(rules_dir,)) as pool:
        yield from pool.map(_scan_one, [str(p) for p in paths], chunksize=4)
