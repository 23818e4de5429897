"""``redactor classify``: sensitivity level and record categories of files, explained."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from redactor.batch import iter_files
from redactor.errors import ExitCode, InputError

FORMATS = ["table", "json", "jsonl"]


def emit(rows: Iterable[dict[str, Any]], fmt: str, columns: list[tuple[str, int]]) -> None:
    """Write rows as a table (the given columns), one JSON array, or JSON lines, to stdout."""
    out = sys.stdout
    if fmt == "json":
        json.dump(list(rows), out, indent=2)
        out.write("\n")
        return
    if fmt == "table":
        out.write(" ".join(f"{name:{width}}" for name, width in columns).rstrip() + "\n")
    for row in rows:
        if fmt == "jsonl":
            out.write(json.dumps(row) + "\n")
        else:
            cells = [_cell(row.get(name), width) for name, width in columns]
            out.write(" ".join(f"{c:{w}}" for c, (_, w) in zip(cells, columns)).rstrip() + "\n")
        out.flush()


def _cell(value: Any, width: int) -> str:
    text = "-" if value in (None, [], "") else ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return text if width <= 0 or len(text) <= width else "…" + text[-(width - 1) :]


@click.command("classify")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help="Output format on stdout."
)
def command(paths: tuple[Path, ...], fmt: str) -> int:
    """Classify files or directories: sensitivity level and record categories.

    \b
    Level is PUBLIC, INTERNAL, CONFIDENTIAL or RESTRICTED: the highest floor given by markings
    in the text and findings rules (rules/markings.yaml) and by the categories found (markings,
    findings rules and the trained classifier in models/classifier). json and jsonl show each
    category's source and score and why the level was chosen. Unreadable files are reported
    on stderr (and as error rows) and the exit code is then 2.

    \b
    Examples:
      redactor classify samples/corpus/dev
      redactor classify report.pdf statement.txt --format jsonl
      redactor classify /mnt/share --format json > levels.json
    """
    from redactor.pipeline import Pipeline

    pipeline = Pipeline()
    errors = 0

    def rows() -> Iterable[dict[str, Any]]:
        nonlocal errors
        for path, item in pipeline.classify_paths(iter_files(paths)):
            if isinstance(item, InputError):
                errors += 1
                click.echo(f"error: {item}", err=True)
                yield {"file": path, "error": str(item), "level": None, "categories": []}
                continue
            yield {"file": path, **item.to_dict()}

    emit(rows(), fmt, [("file", 44), ("level", 12), ("categories", 0)])
    return ExitCode.INPUT_ERROR if errors else ExitCode.OK
