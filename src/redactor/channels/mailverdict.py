"""What the mail gateway tells the MTA for a Decision: SMTP reply, hold reason, verdict header.

Everything here ends up outside the process (in the SMTP dialogue, the sender's bounce, the queue
file and the delivered message), so it is built only from the rule id, the level and the counts
and types the policy put in its reasons (never a found value), then reduced to short printable
ASCII without '%' (libmilter drops replies with a lone '%').
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from redactor.policy import Action, Decision

HEADER = "X-Redactor-Verdict"
MAX_TEXT = 180
_UNSAFE = re.compile(r"[^\x20-\x7e]|%")


class Disposition(str, Enum):
    ACCEPT = "accept"
    HOLD = "hold"  # Postfix hold queue (smfi_quarantine)
    REJECT = "reject"  # 550 5.7.1
    TEMPFAIL = "tempfail"  # 451 4.x.x: the client retries later; never accepted unscanned


@dataclass(frozen=True)
class Verdict:
    disposition: Disposition
    code: str = ""
    xcode: str = ""
    text: str = ""
    header: str = ""


def clean(text: str, limit: int = MAX_TEXT) -> str:
    text = _UNSAFE.sub("?", " ".join(text.split()))
    return text if len(text) <= limit else text[: limit - 3] + "..."


def summary(decision: Decision) -> str:
    """'1 US_SSN' from 'blocked: 1 US_SSN': the policy's first reason without its verb."""
    first = decision.reasons[0] if decision.reasons else ""
    return first.split(": ", 1)[1] if ": " in first else first


def header_value(decision: Decision) -> str:
    level = decision.classification.level.name if decision.classification else "unknown"
    facts = ",".join(decision.facts.present()) or "none"
    return clean(
        f"{decision.action.value}; rule={decision.rule}; level={level}; findings={len(decision.findings)}; "
        f"facts={facts}",
        400,
    )


def verdict_for(decision: Decision) -> Verdict:
    """Block rejects; quarantine and redact hold (the gateway does not rewrite mail); allow accepts."""
    header = header_value(decision)
    if decision.action == Action.BLOCK:
        text = clean(f"message blocked ({summary(decision)}); see policy {decision.rule}")
        return Verdict(Disposition.REJECT, "550", "5.7.1", text, header)
    if decision.action in (Action.QUARANTINE, Action.REDACT):
        text = clean(f"held for review ({summary(decision)}); see policy {decision.rule}")
        return Verdict(Disposition.HOLD, "", "", text, header)
    return Verdict(Disposition.ACCEPT, "", "", "", header)


def tempfail(why: str) -> Verdict:
    return Verdict(Disposition.TEMPFAIL, "451", "4.7.1", clean(f"{why}; try again later"))
