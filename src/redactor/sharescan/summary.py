"""Per-file summaries (classification + counts by type and role) and run totals.

Examples are masked and appear only when the user asked for values; counts never need a value.
The risk score orders files and folders in reports; it is a reading aid, not a policy: the
policy's action (quarantine, allow) comes from rules/policy.yaml like on every other channel.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from redactor.batch import FileResult

LEVEL_WEIGHT = {"PUBLIC": 0, "INTERNAL": 1, "CONFIDENTIAL": 5, "RESTRICTED": 20}
TYPE_WEIGHT = {
    "US_SSN": 5,
    "CREDIT_CARD": 5,
    "IBAN_CODE": 5,
    "US_PASSPORT": 5,
    "US_DRIVER_LICENSE": 4,
    "DATE_OF_BIRTH": 3,
    "INFORMANT_ID": 5,
    "WITNESS_ID": 3,
    "PERSON": 1,
}
ACTION_WEIGHT = {"quarantine": 10, "block": 10, "redact": 3}
EXAMPLES_PER_TYPE = 3


def risk(result: FileResult) -> int:
    if result.error:
        return 2  # unread: unknown content on the share
    score = LEVEL_WEIGHT.get(result.level or "", 0) + ACTION_WEIGHT.get(result.action or "", 0)
    return score + sum(TYPE_WEIGHT.get(hit.type, 2) for hit in result.hits)


def file_summary(result: FileResult, show_values: bool) -> dict[str, Any]:
    record: dict[str, Any] = {
        "kind": "file",
        "file": result.path,
        "status": result.status,
        "level": result.level,
        "categories": list(result.categories),
        "action": result.action,
        "rule": result.rule,
        "findings": len(result.hits),
        "by_type": dict(sorted(Counter(h.type for h in result.hits).items())),
        "by_role": dict(sorted(Counter(h.role or "none" for h in result.hits).items())),
        "risk": risk(result),
        "size": result.size,
        "cached": result.cached,
    }
    if show_values:
        examples: dict[str, list[str]] = {}
        for hit in result.hits:
            seen = examples.setdefault(hit.type, [])
            if len(seen) < EXAMPLES_PER_TYPE and hit.masked not in seen:
                seen.append(hit.masked)
        record["examples"] = examples
    for key in ("error", "reason", "skipped"):
        if getattr(result, key):
            record[key] = getattr(result, key)
    if result.unscanned:
        record["unscanned"] = list(result.unscanned)
    return record


@dataclass
class Totals:
    """Everything the HTML report and the closing line need, accumulated file by file."""

    root: str = ""
    files: int = 0
    scanned: int = 0
    cached: int = 0
    errors: int = 0
    skipped: int = 0
    bytes: int = 0
    findings: int = 0
    with_findings: int = 0
    unsupported: int = 0
    levels: Counter[str] = field(default_factory=Counter)
    actions: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)
    reasons: Counter[str] = field(default_factory=Counter)
    folders: dict[str, list[int]] = field(default_factory=dict)  # folder -> [risk, files, findings]
    riskiest: list[dict[str, Any]] = field(default_factory=list)
    keep: int = 500

    def add(self, result: FileResult) -> None:
        self.files += 1
        self.bytes += result.size
        self.findings += len(result.hits)
        self.with_findings += bool(result.hits)
        if result.error:
            self.errors += 1
            self.reasons[result.reason or "unreadable"] += 1
        elif result.skipped:
            self.skipped += 1
            self.reasons[result.reason or "skipped"] += 1
        else:
            self.scanned += 1
            self.cached += result.cached
            self.levels[result.level or "UNKNOWN"] += 1
        if result.action:
            self.actions[result.action] += 1
        self.types.update(h.type for h in result.hits)
        self.roles.update(h.role for h in result.hits if h.role)
        score = risk(result)
        folder = self.folder(result.path)
        entry = self.folders.setdefault(folder, [0, 0, 0])
        entry[0] += score
        entry[1] += 1
        entry[2] += len(result.hits)
        if score:
            self.riskiest.append(file_summary(result, show_values=False))
            if len(self.riskiest) > 2 * self.keep:
                self._trim()

    def folder(self, path: str) -> str:
        parent = os.path.dirname(path)
        rel = os.path.relpath(parent, self.root) if self.root else parent
        return "." if rel in ("", ".") else rel

    def _trim(self) -> None:
        self.riskiest.sort(key=lambda r: (-r["risk"], r["file"]))
        del self.riskiest[self.keep :]

    def top_files(self) -> list[dict[str, Any]]:
        self._trim()
        return self.riskiest

    def top_folders(self, n: int = 15) -> list[tuple[str, int, int, int]]:
        rows = [(f, *v) for f, v in self.folders.items() if v[0]]
        rows.sort(key=lambda r: (-r[1], r[0]))
        return [(f, r, n_files, n_find) for f, r, n_files, n_find in rows[:n]]
