"""Rendering scan results on stdout: table, json, jsonl, csv (one row per finding, or one per file
with ``summary``) and SARIF. Values are masked unless asked for; summaries carry counts (and
masked examples only with ``show_values``)."""

from __future__ import annotations

import csv
import json
from importlib.metadata import version
from typing import Any, TextIO

from redactor.batch import FileResult
from redactor.sharescan.sarif import Sarif
from redactor.sharescan.summary import file_summary

FIELDS = ["file", "type", "role", "start", "end", "score", "page", "recognizer", "value", "part"]
SUMMARY_FIELDS = [
    "file",
    "status",
    "level",
    "categories",
    "action",
    "rule",
    "findings",
    "by_type",
    "by_role",
    "risk",
    "size",
    "cached",
    "error",
    "reason",
    "skipped",
    "unscanned",
    "examples",
]
FORMATS = ["table", "json", "jsonl", "csv", "sarif"]


def records(result: FileResult, show_values: bool) -> list[dict[str, Any]]:
    return [
        {
            "file": result.path,
            "type": hit.type,
            "role": hit.role,
            "start": hit.start,
            "end": hit.end,
            "score": hit.score,
            "page": hit.page,
            "recognizer": hit.recognizer,
            "value": hit.value if show_values and hit.value is not None else hit.masked,
            "part": hit.label,
        }
        for hit in result.hits
    ]


class Writer:
    """Streams results in one format; ``close`` writes what only fits at the end (json, sarif)."""

    def __init__(self, fmt: str, out: TextIO, show_values: bool, summary: bool = False, root: str = "") -> None:
        self.fmt, self.out, self.show_values, self.summary = fmt, out, show_values, summary
        self.collected: list[dict[str, Any]] = []
        self.sarif = Sarif(root, show_values, version("redactor")) if fmt == "sarif" else None
        self.csv: csv.DictWriter[str] | None = None
        if fmt == "csv":
            self.csv = csv.DictWriter(out, fieldnames=SUMMARY_FIELDS if summary else FIELDS, extrasaction="ignore")
            self.csv.writeheader()
        if fmt == "table":
            header = (
                f"{'file':50} {'level':12} {'action':10} {'found':>5}  types"
                if summary
                else f"{'file':40} {'page':>4} {'type':18} {'role':10} {'score':>5}  value"
            )
            out.write(header + "\n")

    def write(self, result: FileResult) -> None:
        if self.sarif is not None:
            self.sarif.add(result)
        elif self.summary:
            self._summary(file_summary(result, self.show_values))
        else:
            self._findings(result)

    def _summary(self, row: dict[str, Any]) -> None:
        if self.fmt == "json":
            self.collected.append(row)
        elif self.fmt == "jsonl":
            self._line(row)
        elif self.csv:
            self.csv.writerow({k: _cell(v) for k, v in row.items()})
        elif self.fmt == "table":
            types = (
                ", ".join(f"{t} {n}" for t, n in row["by_type"].items()) or row.get("error") or row.get("skipped", "")
            )
            level = row["level"] or row["status"]
            self.out.write(
                f"{_short(row['file'], 50):50} {level:12} {row['action'] or '-':10} {row['findings']:>5}  {types}\n"
            )

    def _findings(self, result: FileResult) -> None:
        if result.error or result.skipped:
            note = (
                {"file": result.path, "error": result.error}
                if result.error
                else {"file": result.path, "skipped": result.skipped}
            )
            if self.fmt == "json":
                self.collected.append({**note, "findings": []})
            elif self.fmt == "jsonl":
                self._line(note)
            return
        rows = records(result, self.show_values)
        if self.fmt == "json":
            self.collected.append(
                {
                    "file": result.path,
                    "level": result.level,
                    "action": result.action,
                    "findings": [{k: v for k, v in r.items() if k != "file"} for r in rows],
                }
            )
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
        if self.sarif is not None:
            json.dump(self.sarif.document(), self.out, indent=1)
            self.out.write("\n")
        self.out.flush()

    def _line(self, obj: dict[str, Any]) -> None:
        self.out.write(json.dumps(obj) + "\n")


def _cell(value: Any) -> Any:
    if isinstance(value, dict):
        return ";".join(f"{k}:{v if not isinstance(v, list) else '|'.join(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ";".join(map(str, value))
    return value


def _short(path: str, width: int) -> str:
    return path if len(path) <= width else "…" + path[-(width - 1) :]
