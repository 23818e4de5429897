"""``redactor scan``: find personal data in files, folders and whole shared drives."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click

from redactor import extract
from redactor.batch import FileResult
from redactor.errors import ExitCode
from redactor.report import FORMATS, Writer
from redactor.sharescan.run import RunInfo, ScanConfig, root_of, scan
from redactor.sharescan.summary import Totals


@click.command("scan")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help="Output format on stdout."
)
@click.option(
    "--summary",
    is_flag=True,
    help="One record per file (level, action, counts by type and role) instead of one per finding.",
)
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write a self-contained HTML report (totals, charts, riskiest files).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 256),
    default=1,
    show_default=True,
    help="Parallel worker processes (each loads the model once).",
)
@click.option(
    "--max-size",
    type=click.IntRange(1),
    default=extract.MAX_BYTES // (1024 * 1024),
    show_default=True,
    help="Skip files larger than this many MB (noted in the output, decided by the policy).",
)
@click.option(
    "--state",
    "state_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="SQLite state database: re-scans read only files that changed.",
)
@click.option("--resume", is_flag=True, help="Continue the last interrupted scan recorded in --state.")
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Accepted findings (salted hashes). Created on first use; later scans report only new findings.",
)
@click.option("--update-baseline", is_flag=True, help="Accept every current finding into --baseline.")
@click.option("--cluster", default=None, metavar="tcp://HOST:8786", help="Run batches on this Dask scheduler.")
@click.option(
    "--dask-workers",
    type=click.IntRange(0, 256),
    default=0,
    help="Run batches on a local Dask cluster of N worker processes.",
)
@click.option("--show-values", is_flag=True, help="Print raw values instead of masked ones. Handle the output as PII.")
@click.option(
    "--rules",
    "rules_dir",
    type=click.Path(exists=True, file_okay=False),
    default=None,
    help="Rules directory (default: the bundled rules/, or $REDACTOR_RULES).",
)
@click.option(
    "--progress/--no-progress", default=None, help="Progress bar on stderr (default: when stderr is a terminal)."
)
def command(
    paths: tuple[Path, ...],
    fmt: str,
    summary: bool,
    report_path: Path | None,
    jobs: int,
    max_size: int,
    state_path: str | None,
    resume: bool,
    baseline_path: str | None,
    update_baseline: bool,
    cluster: str | None,
    dask_workers: int,
    show_values: bool,
    rules_dir: str | None,
    progress: bool | None,
) -> int:
    """Scan files or directories (recursively) for personal data.

    \b
    Offsets are character offsets into the extracted text (for .txt files, into the file's
    UTF-8 text). Unreadable, corrupt or encrypted files are reported on stderr (and as error
    lines in jsonl/json) and the batch goes on; the exit code is then 2. Symbolic links are
    never followed; files above --max-size are skipped with a note.

    \b
    Examples:
      redactor scan samples/corpus/dev
      redactor scan report.pdf statement.txt --format jsonl
      redactor scan /mnt/share --jobs 2 --format csv > findings.csv
      redactor scan witness.txt --show-values --format json
      redactor scan /mnt/share -j 8 --state share.db --summary --format jsonl --report share.html
      redactor scan /mnt/share --state share.db --resume          # after an interruption
      redactor scan /mnt/share --baseline accepted.json           # later: only new findings
      redactor scan /mnt/share --cluster tcp://scheduler:8786 --format sarif > share.sarif
    """
    if resume and not state_path:
        raise click.UsageError("--resume needs --state FILE")
    if update_baseline and not baseline_path:
        raise click.UsageError("--update-baseline needs --baseline FILE")
    config = ScanConfig(
        paths=[str(p) for p in paths],
        rules_dir=rules_dir,
        show_values=show_values,
        max_size=max_size * 1024 * 1024,
        jobs=jobs,
        state_path=state_path,
        resume=resume,
        baseline_path=baseline_path,
        update_baseline=update_baseline,
        cluster=cluster,
        dask_workers=dask_workers,
        progress=sys.stderr.isatty() if progress is None else progress,
    )
    root = root_of(config.paths)
    writer = Writer(fmt, sys.stdout, show_values, summary=summary, root=root)
    totals = Totals(root=root)

    def sink(result: FileResult) -> None:
        writer.write(result)
        totals.add(result)
        if result.error:
            click.echo(f"error: {result.error}", err=True)

    info = scan(config, sink)
    writer.close()
    totals.unsupported = info.walk.unsupported_total
    if report_path is not None:
        _write_report(report_path, totals, info)
    _closing_line(totals, info)
    if totals.errors:
        return ExitCode.INPUT_ERROR
    return ExitCode.FINDINGS if totals.findings else ExitCode.OK


def _write_report(path: Path, totals: Totals, info: RunInfo) -> None:
    from redactor.sharescan.html import render

    fd, tmp = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".", prefix=".report-", suffix=".html")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(render(totals, elapsed=info.elapsed))
    os.replace(tmp, path)  # never a half-written report


def _closing_line(totals: Totals, info: RunInfo) -> None:
    parts = [f"{totals.files} files", f"{totals.findings} findings", f"{totals.errors} errors"]
    if totals.skipped:
        parts.append(f"{totals.skipped} skipped")
    if info.reused:
        parts.append(f"{info.reused} unchanged (not read again)")
    if info.resumed_run:
        parts.append("resumed")
    if info.walk.unsupported_total:
        parts.append(f"{info.walk.unsupported_total} of unsupported types not scanned")
    rate = info.to_read / info.elapsed if info.elapsed else 0.0
    click.echo(", ".join(parts) + f" ({info.elapsed:.1f} s, {rate:.1f} files/s read)", err=True)
