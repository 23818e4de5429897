"""Scanning files inside a worker process (a local pool process or a Dask worker).

The Pipeline (spaCy model, classifier, policy) is loaded once per process, on first use, and
reused for every batch. ``scan_batch`` is a pure function of the files' bytes and the options, so
a batch that is re-run after its worker died gives the same results (Dask relies on that).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from redactor import extract
from redactor.batch import FileResult, Hit
from redactor.errors import InputError
from redactor.extract.archive import unscanned
from redactor.model import Document, Finding

if TYPE_CHECKING:  # the pipeline imports spaCy: only worker processes pay for it
    from redactor.pipeline import Pipeline
    from redactor.policy import Decision, Policy

CHANNEL = "scan"


@dataclass(frozen=True)
class Options:
    rules_dir: str | None
    salt: bytes
    show_values: bool = False
    max_size: int = extract.MAX_BYTES


_pipelines: dict[str | None, Pipeline] = {}


def pipeline(rules_dir: str | None) -> Pipeline:
    if rules_dir not in _pipelines:
        from redactor.detect.engine import Engine
        from redactor.pipeline import Pipeline
        from redactor.rules import load_rules

        _pipelines[rules_dir] = Pipeline(engine=Engine(load_rules(rules_dir)), policy=policy_for(rules_dir))
    return _pipelines[rules_dir]


@cache
def policy_for(rules_dir: str | None) -> Policy:
    """The policy next to the rules in use (``--rules DIR/policy.yaml``), else the bundled one."""
    from redactor.policy import load_policy

    path = Path(rules_dir) / "policy.yaml" if rules_dir else None
    return load_policy(path if path and path.exists() else None)


def warm(rules_dir: str | None) -> None:
    """Pool initializer: one BLAS/OpenMP thread per process (the pool is the parallelism; more
    threads only fight over the same cores, as Dask's nannies also arrange), then load the model."""
    from threadpoolctl import threadpool_limits

    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[name] = "1"
    threadpool_limits(1)
    pipeline(rules_dir)


def scan_batch(paths: list[str], options: Options) -> list[FileResult]:
    """Results for the files, in order; one bad file never fails the others."""
    pipe = pipeline(options.rules_dir)
    try:
        return list(_scan(pipe, paths, options))
    except Exception:  # a bug in one document must not lose the batch: redo one by one
        return [_scan_alone(pipe, path, options) for path in paths]


def _scan_alone(pipe: Pipeline, path: str, options: Options) -> FileResult:
    try:
        return next(_scan(pipe, [path], options))
    except Exception as exc:
        return FileResult(path, error=f"{path}: internal error ({type(exc).__name__})", reason="unreadable")


def _scan(pipe: Pipeline, paths: list[str], options: Options) -> Iterator[FileResult]:
    stats: dict[str, tuple[int, int, str]] = {}
    failed: dict[str, FileResult] = {}

    def documents() -> Iterator[Document]:
        for path in paths:
            try:
                stats[path] = _fingerprint(path)
                document = extract.extract(path, max_bytes=options.max_size)
            except InputError as error:
                size, mtime, digest = stats.get(path, (0, 0, ""))
                decision = pipe.assess_unreadable(path, error, CHANNEL)
                message = str(error) if str(error).startswith(path) else f"{path}: {error}"
                failed[path] = FileResult(
                    path,
                    size=size,
                    mtime_ns=mtime,
                    sha256=digest,
                    error=message,
                    reason=error.reason,
                    action=decision.action.value,
                    rule=decision.rule,
                )
                continue
            except OSError as exc:
                failed[path] = FileResult(
                    path, error=f"{path}: cannot read ({exc.strerror})", reason="unreadable", transient=True
                )
                continue
            yield replace(document, path=path)

    done: dict[str, FileResult] = {}
    for document, findings in pipe.engine.analyze_many(documents()):
        decision = pipe.assess(document, findings, CHANNEL)
        done[document.path] = _result(document, findings, decision, stats[document.path], options)
    for path in paths:
        yield done.get(path) or failed[path]


def _fingerprint(path: str) -> tuple[int, int, str]:
    """size, mtime and SHA-256 of the bytes about to be read (the state database keys on them)."""
    info = os.stat(path)
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return info.st_size, info.st_mtime_ns, digest.hexdigest()


def _result(
    document: Document, findings: list[Finding], decision: Decision, stat: tuple[int, int, str], options: Options
) -> FileResult:
    hits = []
    for finding in findings:
        page = document.page_at(finding.start)
        hits.append(
            Hit(
                type=finding.type,
                role=finding.role.value if finding.role else None,
                start=finding.start,
                end=finding.end,
                score=finding.score,
                page=page.index + 1,
                recognizer=finding.recognizer,
                masked=finding.masked(),
                digest=finding.value_hash(options.salt),
                label=page.label,
                value=finding.value if options.show_values else None,
            )
        )
    cls = decision.classification
    size, mtime, digest = stat
    return FileResult(
        path=document.path,
        hits=tuple(hits),
        chars=len(document.text),
        size=size,
        mtime_ns=mtime,
        sha256=digest,
        level=cls.level.name if cls else None,
        categories=cls.categories if cls else (),
        action=decision.action.value,
        rule=decision.rule,
        unscanned=tuple(unscanned(document)),
    )


def file_sha256(path: str | Path) -> str:
    return _fingerprint(str(path))[2]
