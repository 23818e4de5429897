"""Distributed scans: a LocalCluster of 2 worker processes gives exactly the local results, also
when a worker is killed mid-scan (its batches are re-run elsewhere, none lost or doubled)."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from redactor.batch import FileResult
from redactor.sharescan.run import ScanConfig, scan
from tests.share_gen import MAX_SIZE_MB, generate


@pytest.fixture(scope="module")
def share(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("dask") / "share"
    generate(root, 400, images=0)
    return root


def collect(config: ScanConfig) -> list[FileResult]:
    results: list[FileResult] = []
    scan(config, results.append)
    return results


def comparable(results: list[FileResult]) -> list[tuple]:
    # Digests differ between runs (each run without a state or baseline draws its own salt).
    return [
        (r.path, r.status, r.level, r.action, r.error, tuple((h.type, h.start, h.end, h.masked) for h in r.hits))
        for r in results
    ]


@pytest.fixture(scope="module")
def local(share: Path) -> list[FileResult]:
    return collect(ScanConfig([str(share)], max_size=MAX_SIZE_MB << 20, jobs=2))


def test_dask_local_cluster_matches_local_run_with_a_killed_worker(share: Path, local: list[FileResult]) -> None:
    from distributed import Client, LocalCluster

    expected = local
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        killed: list[int] = []

        def kill_one_worker() -> None:
            deadline = time.monotonic() + 300
            while time.monotonic() < deadline:
                processing = client.processing()
                busy = [w for w, tasks in processing.items() if tasks]
                done = sum(1 for f in client.who_has().values() if f)
                if busy and done >= 3:
                    pids = client.run(os.getpid, workers=busy[:1])
                    pid = next(iter(pids.values()))
                    os.kill(pid, signal.SIGKILL)
                    killed.append(pid)
                    return
                time.sleep(0.2)

        killer = threading.Thread(target=kill_one_worker, daemon=True)
        killer.start()
        results = collect(ScanConfig([str(share)], max_size=MAX_SIZE_MB << 20, cluster=cluster.scheduler_address))
        killer.join(timeout=5)
    assert killed, "a worker was killed mid-scan"
    assert comparable(results) == comparable(expected)
    assert len({r.path for r in results}) == len(results)
