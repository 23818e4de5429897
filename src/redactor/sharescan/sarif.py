"""SARIF 2.1.0 output: one result per finding (rule = entity type), located by character offset
into the extracted text and page; unreadable files become tool execution notifications."""

from __future__ import annotations

from typing import Any

from redactor.batch import FileResult
from redactor.sharescan.baseline import relative

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
HIGH_RISK = {"US_SSN", "CREDIT_CARD", "IBAN_CODE", "US_PASSPORT", "INFORMANT_ID"}


class Sarif:
    def __init__(self, root: str, show_values: bool, version: str) -> None:
        self.root, self.show_values, self.version = root, show_values, version
        self.results: list[dict[str, Any]] = []
        self.notes: list[dict[str, Any]] = []
        self.rules: set[str] = set()

    def add(self, result: FileResult) -> None:
        uri = relative(result.path, self.root)
        if result.error or result.skipped:
            self.notes.append(
                {
                    "level": "error" if result.error else "note",
                    "message": {"text": result.error or f"{uri}: {result.skipped}"},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri, "uriBaseId": "SCANROOT"}}}],
                }
            )
            return
        for hit in result.hits:
            self.rules.add(hit.type)
            value = hit.value if self.show_values and hit.value is not None else hit.masked
            role = f" ({hit.role})" if hit.role else ""
            self.results.append(
                {
                    "ruleId": hit.type,
                    "level": "error" if hit.type in HIGH_RISK or result.action == "quarantine" else "warning",
                    "message": {"text": f"{hit.type}{role}: {value}"},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {"uri": uri, "uriBaseId": "SCANROOT"},
                                "region": {"charOffset": hit.start, "charLength": hit.end - hit.start},
                            }
                        }
                    ],
                    "partialFingerprints": {"valueHash/v1": hit.digest},
                    "properties": {
                        "page": hit.page,
                        "part": hit.label,
                        "role": hit.role,
                        "score": hit.score,
                        "level": result.level,
                        "action": result.action,
                    },
                }
            )

    def document(self) -> dict[str, Any]:
        rules = [{"id": r, "name": r, "shortDescription": {"text": f"Personal data: {r}"}} for r in sorted(self.rules)]
        return {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "redactor",
                            "version": self.version,
                            "rules": rules,
                            "informationUri": "https://www.gnu.org/licenses/agpl-3.0.html",
                        }
                    },
                    "originalUriBaseIds": {"SCANROOT": {"uri": _root_uri(self.root)}},
                    "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": self.notes}],
                    "results": self.results,
                }
            ],
        }


def _root_uri(root: str) -> str:
    from pathlib import Path

    return Path(root or ".").resolve().as_uri().rstrip("/") + "/"
