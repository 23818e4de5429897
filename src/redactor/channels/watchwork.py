"""What a watcher worker process does with one document: decide, and write what would be released.

The worker owns one Pipeline (engine, classifier, policy; loaded once) and one Releaser sharing
its engine. For a staged file it returns a JSON-able result: the Decision's summary (rule,
reasons, counts; never values) and the names of the files it wrote into its output folder. It
never touches the inbox or the outcome folders: the daemon places files, so a worker that dies or
hangs can never leave a half-released document.

Fail closed: an unreadable file, a 'redact' decision for a type the redactor cannot rewrite (only
PDF), an output that fails verification, or any exception becomes 'quarantine' with the reason.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from redactor.errors import ExitCode, RedactorError

if TYPE_CHECKING:  # spaCy is loaded in worker processes only
    from redactor.pipeline import Pipeline
    from redactor.policy import Decision
    from redactor.redact.release import Releaser

CHANNEL = "watch"
FAILED_RULE = "WATCH-FAILED"
FAULT_ENV = "REDACTOR_WATCH_FAULT"  # test only: "hang:TEXT", "die:TEXT" or "raise:TEXT" for names containing TEXT


def summary(decision: Decision, **extra: Any) -> dict[str, Any]:
    data = decision.to_dict()
    del data["file"], data["channel"]
    data["policy_action"] = data["action"]
    data.update(error=decision.facts.error or None, artifacts=[])
    data.update(extra)
    return data


def failure(reason: str, base: dict[str, Any] | None = None) -> dict[str, Any]:
    """Quarantine with ``reason`` (which names no document content)."""
    data: dict[str, Any] = {
        "rule": FAILED_RULE,
        "reasons": [],
        "level": None,
        "categories": [],
        "facts": [],
        "findings": [],
        "policy_action": None,
    }
    data.update(base or {})
    data.update(
        action="quarantine",
        reasons=[*data["reasons"], f"quarantined: {reason}; a person must review it"],
        error=reason,
        artifacts=[],
    )
    return data


def _fault(name: str) -> None:
    """Test-only fault injection (see FAULT_ENV, comma-separated); a no-op unless the variable is set."""
    for spec in filter(None, os.environ.get(FAULT_ENV, "").split(",")):
        kind, _, text = spec.partition(":")
        if not text or text not in name:
            continue
        if kind == "hang":
            time.sleep(3600)
        elif kind == "die":
            os._exit(70)
        elif kind == "raise":
            raise RuntimeError("injected fault")


class DocumentWorker:
    def __init__(self, policy_path: str | None) -> None:
        from redactor.pipeline import Pipeline
        from redactor.redact.release import Releaser

        self.pipeline: Pipeline = Pipeline(policy_path=policy_path)
        self.pipeline.policy.rules_for(CHANNEL)
        self.releaser: Releaser = Releaser(engine=self.pipeline.engine)  # loads the model now

    def process(self, staged: Path, out: Path, name: str) -> dict[str, Any]:
        """Decide ``staged`` (the document called ``name`` in the inbox); outputs go to ``out``."""
        out.mkdir(parents=True, exist_ok=True)
        try:
            _fault(name)
            return self._process(staged, out, name)
        except RedactorError as exc:
            return failure(str(exc).replace(str(staged), name))
        except Exception as exc:  # never echo an arbitrary message: it could quote the document
            return failure(f"internal error ({type(exc).__name__})")

    def _process(self, staged: Path, out: Path, name: str) -> dict[str, Any]:
        from redactor.errors import InputError
        from redactor.policy import Action

        _, item = next(self.pipeline.analyze_paths([staged]))
        if isinstance(item, InputError):
            decision = self.pipeline.assess_unreadable(staged, item, CHANNEL)
            result = summary(decision)
            result["error"] = str(item).replace(str(staged), name)
            return (
                result if decision.action != Action.ALLOW else failure("unreadable file allowed by the policy", result)
            )
        document, findings = item
        decision = self.pipeline.assess(document, findings, CHANNEL)
        if decision.action == Action.ALLOW:
            shutil.copyfile(staged, out / staged.name, follow_symlinks=False)
            return summary(decision, artifacts=[[staged.name, ""]])
        if decision.action == Action.REDACT:
            return self._redact(decision, document, findings, staged, out, name)
        return summary(decision)

    def _redact(
        self, decision: Decision, document: Any, findings: Any, staged: Path, out: Path, name: str
    ) -> dict[str, Any]:
        from redactor.redact.vaughn import sha256_file

        result = summary(decision)
        if staged.suffix.lower() != ".pdf":
            return failure(
                f"the policy asks for redaction, which is available for PDF only, not '{staged.suffix}'", result
            )
        plan = self.releaser.plan_document(document, findings, name, sha256_file(staged))
        target = out / staged.name
        outcome = self.releaser.apply_document(self.releaser.options, plan, staged, target, document)
        if outcome.exit_code != ExitCode.OK or outcome.output != str(target):
            shutil.rmtree(out, ignore_errors=True)  # nothing unverified is kept, not even here
            return failure(
                f"the redacted output failed verification ({len(outcome.problems)} problems); nothing was released",
                result,
            )
        stem = target.with_suffix("").name
        result["artifacts"] = [
            [f"{stem}.redactions.csv", ".redactions.csv"],
            [f"{stem}.redactions.json", ".redactions.json"],
            [target.name, ""],
        ]
        result["boxes"], result["pages"] = outcome.boxes, outcome.pages
        return result
