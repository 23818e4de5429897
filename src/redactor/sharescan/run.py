"""One scan of a share, start to end: walk, reuse what the state database knows, run the rest in
batches (here, in a process pool or on Dask), put results back in walk order, filter through the
baseline, and hand each result to the sink (the output writers) exactly once."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from importlib.metadata import version
from pathlib import Path

from redactor import extract
from redactor.batch import FileResult
from redactor.sharescan import execute
from redactor.sharescan.baseline import Baseline
from redactor.sharescan.progress import Progress
from redactor.sharescan.state import State, new_salt
from redactor.sharescan.walk import Entry, WalkStats, walk
from redactor.sharescan.worker import Options

BATCH_FILES = 16
BATCH_BYTES = 8 * 1024 * 1024


@dataclass
class ScanConfig:
    paths: list[str]
    rules_dir: str | None = None
    show_values: bool = False
    max_size: int = extract.MAX_BYTES
    jobs: int = 1
    state_path: str | None = None
    resume: bool = False
    baseline_path: str | None = None
    update_baseline: bool = False
    cluster: str | None = None
    dask_workers: int = 0
    progress: bool = False


@dataclass
class RunInfo:
    files: int = 0
    to_read: int = 0
    bytes_to_read: int = 0
    reused: int = 0
    resumed_run: bool = False
    forgotten: int = 0
    baseline_created: bool = False
    walk: WalkStats = field(default_factory=WalkStats)
    elapsed: float = 0.0
    notes: list[str] = field(default_factory=list)


def root_of(paths: list[str]) -> str:
    """The folder paths are reported relative to (baseline, SARIF, report folders)."""
    absolute = [os.path.abspath(p) for p in paths]
    common = os.path.commonpath(absolute) if absolute else "."
    return common if os.path.isdir(common) else os.path.dirname(common)


def scan(config: ScanConfig, sink: Callable[[FileResult], None]) -> RunInfo:
    started = time.monotonic()
    info = RunInfo()
    root = root_of(config.paths)
    state = State(config.state_path) if config.state_path else None
    baseline = Baseline.load(config.baseline_path, b"") if config.baseline_path else None
    salt = (baseline.salt if baseline and baseline.exists else None) or (state.salt() if state else None) or new_salt()
    if baseline and not baseline.exists:
        baseline.salt = salt
    options = Options(config.rules_dir, salt, config.show_values, config.max_size)
    try:
        if state:
            state.set_salt(salt)
            _, info.resumed_run = state.begin(config.paths, fingerprint(options), config.resume)
        items = list(walk(config.paths, config.max_size, info.walk))
        info.files = len(items)
        slots: list[FileResult | None] = [None] * len(items)
        todo: list[tuple[int, Entry]] = []
        for index, item in enumerate(items):
            if isinstance(item, FileResult):
                slots[index] = _decided(item, options)
            elif state and not config.show_values and (cached := state.lookup(item)) is not None:
                slots[index] = cached
                info.reused += 1
            else:
                todo.append((index, item))
        info.to_read = len(todo)
        info.bytes_to_read = sum(e.size for _, e in todo)
        batches = list(_batches(todo))
        emitted = 0
        with Progress(len(todo), info.bytes_to_read, config.progress) as bar:
            for number, results in _runner(config, options, [(n, [e.path for _, e in b]) for n, b in batches]):
                for (index, _), result in zip(batches[number][1], results):
                    if slots[index] is not None:
                        continue  # a batch delivered twice: keep the first
                    slots[index] = result
                    if state:
                        state.store(result)
                    bar.update(result)
                emitted = _emit(slots, emitted, sink, baseline, root)
        emitted = _emit(slots, emitted, sink, baseline, root)
        assert emitted == len(items), "every walked file gets exactly one result"
        if state:
            info.forgotten = state.finish(config.paths, {os.path.abspath(str(_path(i))) for i in items})
        if baseline and (config.update_baseline or not baseline.exists):
            for result in slots:
                if result is not None:
                    baseline.accept(result, root)
            baseline.save()
            info.baseline_created = not baseline.exists
    finally:
        if state:
            state.close()
    info.elapsed = time.monotonic() - started
    return info


def _path(item: Entry | FileResult) -> str:
    return item.path


def _decided(result: FileResult, options: Options) -> FileResult:
    """Files the walk decided on (too large, links, unreadable folders) still get a policy action."""
    if result.reason not in ("too_large", "unreadable") or result.action:
        return result
    from redactor.policy import Facts  # not the pipeline: the parent process never loads spaCy
    from redactor.sharescan.worker import CHANNEL, policy_for

    note = result.error or result.skipped or ""
    facts = Facts(too_large=True, error=note) if result.reason == "too_large" else Facts(unreadable=True, error=note)
    decision = policy_for(options.rules_dir).decide(CHANNEL, None, [], facts, result.path)
    return replace(result, action=decision.action.value, rule=decision.rule)


def _batches(todo: list[tuple[int, Entry]]) -> Iterator[tuple[int, list[tuple[int, Entry]]]]:
    batch: list[tuple[int, Entry]] = []
    size = 0
    number = 0
    for item in todo:
        batch.append(item)
        size += item[1].size
        if len(batch) >= BATCH_FILES or size >= BATCH_BYTES:
            yield number, batch
            number, batch, size = number + 1, [], 0
    if batch:
        yield number, batch


def _runner(config: ScanConfig, options: Options, batches: list[execute.Batch]) -> Iterator[execute.Done]:
    if config.cluster or config.dask_workers:
        return execute.run_dask(batches, options, config.cluster, config.dask_workers or 1)
    if config.jobs > 1 and len(batches) > 1:
        return execute.run_pool(batches, options, config.jobs)
    return execute.run_serial(batches, options)


def _emit(
    slots: list[FileResult | None],
    emitted: int,
    sink: Callable[[FileResult], None],
    baseline: Baseline | None,
    root: str,
) -> int:
    while emitted < len(slots) and slots[emitted] is not None:
        result = slots[emitted]
        assert result is not None
        if baseline and baseline.exists:
            result = baseline.new_hits(result, root)
        sink(result)
        emitted += 1
    return emitted


def fingerprint(options: Options) -> str:
    """What the cached results depend on besides the file: change any of it and files are re-read."""
    from redactor.rules import rules_dir

    digest = hashlib.sha256()
    digest.update(version("redactor").encode())
    digest.update(f"{options.max_size}|{options.salt.hex()}|{sorted(extract.EXTRACTORS)}".encode())
    folder = Path(options.rules_dir) if options.rules_dir else rules_dir()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
