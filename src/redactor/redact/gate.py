"""The release channel's policy decision for a whole document, before any box is planned.

The FOIA release asks the same policy as every other channel (rules/policy.yaml, channel
``release``): ``block`` withholds the document in full (every page becomes a placeholder page
naming the exemption), ``quarantine`` holds it back for a person's review (nothing is written),
``redact`` and ``allow`` go on to box-level redaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from redactor.model import Document, Finding, Role
from redactor.pipeline import Pipeline
from redactor.policy import Action, Decision
from redactor.redact.exemptions import Exemptions
from redactor.redact.plan import Withheld

# Which (type, role) of the exemption map names the exemption of a document withheld in full.
WITHHELD_AS = {
    "informant_file": ("INFORMANT_ID", Role.INFORMANT),
    "juvenile_record": ("PERSON", Role.JUVENILE),
}


@dataclass(frozen=True)
class GateResult:
    decision: Decision
    withheld: tuple[Withheld, ...] = ()
    held: bool = False

    def summary(self) -> str:
        return f"{self.decision.rule}: {'; '.join(self.decision.reasons)}"


class ReleaseGate:
    def __init__(self, exemptions: Exemptions, policy_path: str | Path | None = None) -> None:
        self.exemptions = exemptions
        self.policy_path = policy_path
        self._pipeline: Pipeline | None = None

    def pipeline(self, engine: object) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = Pipeline(engine=engine, policy_path=self.policy_path)  # type: ignore[arg-type]
        return self._pipeline

    def check(self, engine: object, document: Document, findings: Sequence[Finding]) -> GateResult:
        decision = self.pipeline(engine).assess(document, list(findings), "release")
        if decision.action is Action.QUARANTINE:
            return GateResult(decision, held=True)
        if decision.action is Action.BLOCK:
            pages = list(range(1, len(document.pages) + 1))
            reason = f"Withheld in full ({decision.rule})"
            return GateResult(decision, (Withheld(pages, self._exemption(decision), reason),))
        return GateResult(decision)

    def _exemption(self, decision: Decision) -> str:
        categories = decision.classification.categories if decision.classification else ()
        for category in categories:
            if category in WITHHELD_AS:
                etype, role = WITHHELD_AS[category]
                return self.exemptions.decide(etype, role).exemption
        return self.exemptions.decide("PERSON", None).exemption
