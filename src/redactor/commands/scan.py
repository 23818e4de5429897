"""``redactor scan``: find personal data in files and directories."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from redactor.batch import FileResult, iter_files, scan_parallel, scan_serial
from redactor.errors import ExitCode
from redactor.report import Writer

FORMATS = ["table", "json", "jsonl", "csv"]


@click.command("scan")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="Output format on stdout.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Parallel worker processes (each loads the model once).")
@click.option("--show-values", is_flag=True, help="Print raw values instead of masked ones. Handle the output as PII.")
@click.option("--rules", "rules_dir", type=click.Path(exists=True, file_okay=False), default=None,
              help="Rules directory (default: the bundled rules/, or $REDACTOR_RULES).")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: when stderr is a terminal).")
def command(
    paths: tuple[Path, ...], fmt: str, jobs: int, show_values: bool, rules_dir: str | None, progress: bool | None
) -> int:
    """Scan files or directories (recursively) for personal data.

    \b
    Offsets are character offsets into the extracted text (for .txt files, into the file's
    UTF-8 text). Unreadable, corrupt or encrypted files are reported on stderr (and as error
    lines in jsonl/json) and the batch goes on; the exit code is then 2.

    \b
    Examples:
      redactor scan samples/corpus/dev
      redactor scan report.pdf statement.txt --format jsonl
      redactor scan /mnt/share --jobs 2 --format csv > findings.csv
      redactor scan witness.txt --show-values --format json
    """
    from redactor.detect.engine import Engine
    from redactor.rules import load_rules

    files = list(iter_files(paths))
    rules = load_rules(rules_dir)
    if jobs > 1 and len(files) > 1:
        results = scan_parallel(files, jobs, rules_dir)
    else:
        results = scan_serial(Engine(rules), files)
    writer = Writer(fmt, sys.stdout, show_values)
    found = errors = 0
    show = sys.stderr.isatty() if progress is None else progress
    with click.progressbar(results, length=len(files), label="scanning", file=sys.stderr,
                           hidden=not show, item_show_func=_label) as bar:
        for result in bar:
            writer.write(result)
            if result.error:
                errors += 1
                click.echo(f"error: {result.error}", err=True)
            found += len(result.findings)
    writer.close()
    click.echo(f"{len(files)} files, {found} findings, {errors} errors", err=True)
    if errors:
        return ExitCode.INPUT_ERROR
    return ExitCode.FINDINGS if found else ExitCode.OK


def _label(result: FileResult | None) -> str | None:
    return Path(result.path).name if result else None
