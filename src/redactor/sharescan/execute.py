"""Running batches of files: in this process, in a local process pool, or on a Dask cluster.

Every runner takes (batch number, paths) pairs and yields (batch number, results) as batches
finish, in any order; the caller puts them back in walk order, so the output does not depend on
where or in which order the work ran. A batch is idempotent (``worker.scan_batch``): when a Dask
worker dies, the scheduler re-runs its batch elsewhere and the client still receives one result
per batch, so nothing is lost or counted twice.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from redactor.batch import FileResult
from redactor.sharescan.worker import Options, scan_batch, warm

Batch = tuple[int, list[str]]
Done = tuple[int, list[FileResult]]


def run_serial(batches: Iterable[Batch], options: Options) -> Iterator[Done]:
    for number, paths in batches:
        yield number, scan_batch(paths, options)


def run_pool(batches: Iterable[Batch], options: Options, jobs: int) -> Iterator[Done]:
    """A process pool, one model per process. A crashed process (a parser segfault, the OOM
    killer) breaks the pool: the batches that were in flight are re-run file by file, each in a
    process of its own, and a file that kills its process again is reported as an error."""
    queue = deque(batches)
    while queue:
        suspects: list[Batch] = []
        try:
            yield from _pool(queue, options, jobs, suspects)
        except BrokenProcessPool:
            for number, paths in suspects:
                yield number, [_isolated(path, options) for path in paths]


def _pool(queue: deque[Batch], options: Options, jobs: int, suspects: list[Batch]) -> Iterator[Done]:
    with ProcessPoolExecutor(max_workers=jobs, initializer=warm, initargs=(options.rules_dir,)) as pool:
        running: dict[Future[list[FileResult]], Batch] = {}
        while queue or running:
            while queue and len(running) < jobs * 2:
                batch = queue.popleft()
                running[pool.submit(scan_batch, batch[1], options)] = batch
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                batch = running.pop(future)
                try:
                    results = future.result()
                except BrokenProcessPool:
                    suspects[:] = [batch, *running.values()]
                    raise
                yield batch[0], results


def _isolated(path: str, options: Options) -> FileResult:
    with ProcessPoolExecutor(max_workers=1) as pool:
        try:
            return pool.submit(scan_batch, [path], options).result()[0]
        except BrokenProcessPool:
            return _crashed(path)


def _crashed(path: str) -> FileResult:
    return FileResult(path, error=f"{path}: the worker process crashed reading this file", reason="unreadable")


def run_dask(batches: Iterable[Batch], options: Options, address: str | None, workers: int) -> Iterator[Done]:
    """Batches as Dask tasks on a cluster (``address``) or a local cluster of ``workers`` processes."""
    from distributed import Client, LocalCluster, as_completed

    cluster: Any = None
    if address is None:
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        )
    try:
        with Client(address or cluster) as client:
            futures = {
                client.submit(
                    scan_batch, paths, options, key=f"redactor-scan-{number}-{_key(paths)}", retries=2
                ): number
                for number, paths in batches
            }
            for future in as_completed(futures):
                yield futures[future], future.result()
    finally:
        if cluster is not None:
            cluster.close()


def _key(paths: list[str]) -> str:
    import hashlib

    return hashlib.sha256("\n".join(paths).encode("utf-8", "surrogateescape")).hexdigest()[:16]
