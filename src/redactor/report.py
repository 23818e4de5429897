"""Rendering scan results: table, json, jsonl, csv. Values are masked unless asked for."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from redactor.batch import FileResult

FIELDS = ["file", "type", "role", "start", "end", "score", "page", "recognizer", "value"]


def records(result: FileResult, show_values: bool) -> Iterator[dict[str, Any]]:
    for finding, page in zip(result.findings, result.pages):
        yield {
            "file": result.path,
            "type": finding.type,
            "role": finding.role.value if finding.role else None,
            "start": finding.start,
            "end": finding.end,
            "score": finding.score,
            "page": page,
            "recognizer": finding.recognizer,
            "value": finding.value if show_values else finding.masked(),
        }


class Writer:
    """Streams results in one format; ``close`` writes what only fits at the end."""

    def __init__(self, fmt: str, out: TextIO, show_values: bool) -> None:
        self.fmt, self.out, self.show_values = fmt, out, show_values
        self.collected: list[dict[str, Any]] = []
        self.csv = csv.DictWriter(out, fieldnames=FIELDS) if fmt == "csv" else None
        if self.csv:
            self.csv.writeheader()
        if fmt == "table":
            out.write(f"{'file':40} {'page':>4} {'type':18} {'role':10} {'score':>5}  value\n")

    def write(self, result: FileResult) -> None:
        if result.error:
            if self.fmt == "json":
                self.collected.append({"file": result.path, "error": result.error, "findings": []})
            elif self.fmt == "jsonl":
                self._line({"file": result.path, "error": result.error})
            return
        rows = list(records(result, self.show_values))
        if self.fmt == "json":
            self.collected.append({"file": result.path, "findings": [_strip_file(r) for r in rows]})
        for row in rows:
            if self.fmt == "jsonl":
                self._line(row)
            elif self.csv:
                self.csv.writerow(row)
            elif self.fmt == "table":
                self.out.write(
                    f"{_short(row['file'], 40):40} {row['page']:>4} {row['type']:18} {row['role'] or '-':10} "
                    f"{row['score']:>5.2f}  {row['value']}\n"
                )

    def close(self) -> None:
        if self.fmt == "json":
            json.dump(self.collected, self.out, indent=2)
            self.out.write("\n")
        self.out.flush()

    def _line(self, obj: dict[str, Any]) -> None:
        self.out.write(json.dumps(obj) + "\n")


def _strip_file(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k != "file"}


def _short(path: str, width: int) -> str:
    return path if len(path) <= width else "…" + path[-(width - 1) :]


def render(results: Iterable[FileResult], fmt: str, show_values: bool = False) -> str:
    buffer = io.StringIO()
    writer = Writer(fmt, buffer, show_values)
    for result in results:
        writer.write(result)
    writer.close()
    return buffer.getvalue()
