"""The redaction log (a Vaughn index): NAME.redactions.csv and NAME.redactions.json.

One row per box: page, Bates number, rectangle, exemption (code and description), type, role,
reason, recognizer, source. Never a value, raw or masked: the log is released with the records.
The JSON adds the SHA-256 of input and output, the withheld pages and the verification summary.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from redactor.redact.exemptions import Exemptions
from redactor.redact.plan import DocumentPlan, Entry

COLUMNS = (
    "id",
    "page",
    "bates",
    "x0",
    "y0",
    "x1",
    "y1",
    "exemption",
    "exemption_description",
    "type",
    "role",
    "reason",
    "recognizer",
    "source",
)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class LogContext:
    input_name: str
    output_name: str
    input_sha256: str
    output_sha256: str
    exemptions: Exemptions
    bates: Sequence[str]  # per input page ('' when not numbered)
    verification: dict[str, Any]


def rows(plan: DocumentPlan, entries: Sequence[Entry], ctx: LogContext) -> list[dict[str, Any]]:
    out = []
    withheld = plan.withheld_pages()
    for entry in entries:
        if entry.page in withheld:
            continue
        for box in entry.boxes:
            out.append(
                {
                    "id": entry.id,
                    "page": entry.page,
                    "bates": ctx.bates[entry.page - 1] if ctx.bates else "",
                    "x0": round(box[0], 1),
                    "y0": round(box[1], 1),
                    "x1": round(box[2], 1),
                    "y1": round(box[3], 1),
                    "exemption": entry.exemption,
                    "exemption_description": ctx.exemptions.describe(entry.exemption),
                    "type": entry.type,
                    "role": entry.role or "",
                    "reason": entry.reason,
                    "recognizer": entry.recognizer,
                    "source": entry.source,
                }
            )
    return out


def atomic_write(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)
    os.chmod(tmp, 0o666 & ~current_umask())
    os.replace(tmp, path)


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_logs(base: Path, plan: DocumentPlan, entries: Sequence[Entry], ctx: LogContext) -> tuple[Path, Path]:
    """Write BASE.redactions.csv and BASE.redactions.json (BASE = output path without .pdf)."""
    table = rows(plan, entries, ctx)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(table)
    csv_path = base.with_name(base.name + ".redactions.csv")
    json_path = base.with_name(base.name + ".redactions.json")
    atomic_write(csv_path, buf.getvalue())
    document = {
        "input": {"file": ctx.input_name, "sha256": ctx.input_sha256, "pages": plan.pages},
        "output": {"file": ctx.output_name, "sha256": ctx.output_sha256},
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "exemption_set": ctx.exemptions.name,
        "boxes": table,
        "withheld_in_full": [
            {
                "pages": w.pages,
                "exemption": w.exemption,
                "exemption_description": ctx.exemptions.describe(w.exemption),
                "reason": w.reason,
            }
            for w in plan.withheld
        ],
        "summary": {
            "boxes": len(table),
            "by_exemption": _count(table, "exemption"),
            "by_type": _count(table, "type"),
            "pages_withheld": sorted(plan.withheld_pages()),
            "ocr_pages": plan.ocr_pages,
        },
        "verification": ctx.verification,
    }
    atomic_write(json_path, json.dumps(document, indent=1) + "\n")
    return csv_path, json_path


def _count(table: list[dict[str, Any]], key: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for row in table:
        out[row[key]] = out.get(row[key], 0) + 1
    return dict(sorted(out.items()))
