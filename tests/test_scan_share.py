"""``redactor scan`` on a generated share of ~1,500 files: exact expected counts per file, the
incremental state database, resume, baseline, SARIF and the HTML report in headless Chromium."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.share_gen import MAX_SIZE_MB, Expect, expected_totals, generate

FILES = 1500


def scan(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "redactor", "scan", "--max-size", str(MAX_SIZE_MB), *args],
        capture_output=True,
        text=True,
        timeout=900,
    )


def rows(out: subprocess.CompletedProcess[str]) -> list[dict]:
    return [json.loads(line) for line in out.stdout.splitlines()]


@pytest.fixture(scope="module")
def share(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Expect]]:
    root = tmp_path_factory.mktemp("drive") / "share"
    return root, generate(root, FILES, images=1)


@pytest.fixture(scope="module")
def first(share: tuple[Path, dict[str, Expect]], tmp_path_factory: pytest.TempPathFactory) -> dict:
    root, _ = share
    work = tmp_path_factory.mktemp("work")
    out = scan(
        str(root),
        "-j",
        "2",
        "--summary",
        "--format",
        "jsonl",
        "--state",
        str(work / "state.db"),
        "--report",
        str(work / "report.html"),
        "--baseline",
        str(work / "baseline.json"),
    )
    return {"out": out, "work": work}


def test_exact_counts_for_every_file(share: tuple[Path, dict[str, Expect]], first: dict) -> None:
    root, manifest = share
    out = first["out"]
    assert out.returncode == 2, out.stderr[-2000:]  # errors (corrupt, encrypted, bombs) are present
    got = {os.path.relpath(r["file"], root): r for r in rows(out)}
    assert set(got) == set(manifest)
    for rel, expect in manifest.items():
        row = got[rel]
        assert row["status"] == expect.status, (rel, row)
        if expect.status == "ok":
            assert row["by_type"].get("US_SSN", 0) == expect.ssn, (rel, row)
            assert row["by_type"].get("EMAIL_ADDRESS", 0) == expect.email, (rel, row)
            assert len(row.get("unscanned", [])) == expect.unscanned, (rel, row)
            assert row["level"] and row["action"]
    totals = expected_totals(manifest)
    assert sum(r["by_type"].get("US_SSN", 0) for r in got.values()) == totals["US_SSN"]
    encrypted = {rel for rel, r in got.items() if r.get("reason") == "encrypted"}
    assert encrypted == {"bad/locked.pdf", "bad/locked.docx"}
    assert got["big/huge.txt"]["action"] == "quarantine" and "size limit" in got["big/huge.txt"]["skipped"]
    assert "outside" not in out.stdout.replace("links/outside", "")  # nothing read outside the tree
    assert "examples" not in out.stdout and "-" + "6789" not in out.stdout


def test_rescan_reads_nothing_and_gives_the_same_output(share: tuple[Path, dict[str, Expect]], first: dict) -> None:
    root, _ = share
    work = first["work"]
    again = scan(str(root), "-j", "2", "--summary", "--format", "jsonl", "--state", str(work / "state.db"))
    strip = [{k: v for k, v in r.items() if k != "cached"} for r in rows(first["out"])]
    assert [{k: v for k, v in r.items() if k != "cached"} for r in rows(again)] == strip
    assert f"{len(strip) - 4} unchanged (not read again)" in again.stderr  # all but the links and the huge file
    changed = root / "docs" / "00" / "new.txt"
    changed.write_text("Social security number: 219-09-9999.\n")
    third = scan(str(root), "--summary", "--format", "jsonl", "--state", str(work / "state.db"))
    read = [r for r in rows(third) if not r["cached"] and r["status"] == "ok"]
    assert [os.path.relpath(r["file"], root) for r in read] == ["docs/00/new.txt"]
    changed.unlink()


def test_baseline_reports_only_new_exposures(share: tuple[Path, dict[str, Expect]], first: dict) -> None:
    root, _ = share
    work = first["work"]
    baseline = json.loads((work / "baseline.json").read_text())
    assert baseline["salt"] and "219-09" not in json.dumps(baseline)
    target = root / "docs" / "00" / "extra.txt"
    target.write_text("Social security number: 219-09-9998.\n")
    out = scan(
        str(root), "--format", "jsonl", "--baseline", str(work / "baseline.json"), "--state", str(work / "state.db")
    )
    findings = [r for r in rows(out) if "type" in r]
    assert [(os.path.relpath(r["file"], root), r["type"]) for r in findings] == [("docs/00/extra.txt", "US_SSN")]
    target.unlink()


def test_sarif(share: tuple[Path, dict[str, Expect]], first: dict) -> None:
    root, manifest = share
    out = scan(str(root / "formats"), "--format", "sarif", "--state", str(first["work"] / "state.db"))
    sarif = json.loads(out.stdout)
    run = sarif["runs"][0]
    assert sarif["version"] == "2.1.0" and run["tool"]["driver"]["name"] == "redactor"
    ssn = [r for r in run["results"] if r["ruleId"] == "US_SSN"]
    assert len(ssn) == sum(e.ssn for k, e in manifest.items() if k.startswith("formats/"))
    assert all(r["message"]["text"].startswith("US_SSN") and "***" in r["message"]["text"] for r in ssn)


def test_resume_after_interruption(share: tuple[Path, dict[str, Expect]], tmp_path: Path) -> None:
    root, _ = share
    subset = tmp_path / "subset"
    for part in ("00", "01", "02"):
        shutil.copytree(root / "docs" / part, subset / part)
    state = tmp_path / "state.db"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "redactor",
            "scan",
            "--max-size",
            str(MAX_SIZE_MB),
            str(subset),
            "--state",
            str(state),
            "--format",
            "jsonl",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    import sqlite3
    import time

    deadline = time.monotonic() + 300
    done = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.1)
        try:
            with sqlite3.connect(state) as db:
                done = db.execute("SELECT COUNT(*) FROM files").fetchone()[0]
        except sqlite3.Error:
            continue
        if done >= 10:
            proc.kill()
            break
    proc.wait()
    assert 10 <= done < 300
    out = scan(str(subset), "--state", str(state), "--resume", "--summary", "--format", "jsonl")
    assert "resumed" in out.stderr
    results = rows(out)
    assert len(results) == 300
    assert sum(r["cached"] for r in results) >= done


def test_html_report_in_headless_chromium(first: dict, tmp_path: Path) -> None:
    report = first["work"] / "report.html"
    html = report.read_text()
    for section in ("Files by sensitivity level", "Top folders by risk", "Findings by entity type", "Riskiest files"):
        assert section in html
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    assert browser, "Debian package chromium is required (make system-deps)"
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    shot = tmp_path / "report.png"
    subprocess.run(
        [browser, *flags, f"--screenshot={shot}", "--window-size=1280,1600", report.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert shot.stat().st_size > 20_000  # a rendered page, not a blank one
    # Click the "risk" header in the live page and read the DOM back: the table sorts ascending.
    probe = tmp_path / "probe.html"
    probe.write_text(
        html.replace(
            "</body>",
            "<script>document.querySelectorAll('#riskiest th')[1].click();"
            "document.title='sorted:'+Array.from(document.querySelectorAll('#riskiest tbody tr'))"
            ".map(r=>r.cells[1].textContent).slice(0,3).join(',');</script></body>",
        )
    )
    dom = subprocess.run(
        [browser, *flags, "--dump-dom", probe.as_uri()], capture_output=True, text=True, timeout=120, check=True
    ).stdout
    title = dom.split("<title>")[1].split("</title>")[0]
    values = [int(v) for v in title.removeprefix("sorted:").split(",")]
    assert values == sorted(values) and len(values) == 3
