"""rules/policy.yaml: what to do with a document on a channel (release, mail, watch, scan).

Each channel has an ordered list of rules; the first rule whose ``when`` conditions all hold wins,
and the last rule must be the channel's ``default: true`` rule. The result is a ``Decision``, the
only thing channels act on. Reasons name counts, types, roles, categories, levels and facts, never
a found value. A policy file with any error stops the program with file and line (ConfigError).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from redactor import yamlfile
from redactor.classify import Classification
from redactor.classify.levels import CATEGORIES, Level
from redactor.classify.markings import level_of, names_of, positive_int, roles_of, types_of
from redactor.errors import ConfigError
from redactor.model import Finding, Role
from redactor.rules import rules_dir

FILE_NAME = "policy.yaml"
CHANNELS: tuple[str, ...] = ("release", "mail", "watch", "scan")
FACTS: tuple[str, ...] = ("unreadable", "encrypted", "too_large")


class Action(str, Enum):
    ALLOW = "allow"
    REDACT = "redact"
    QUARANTINE = "quarantine"
    BLOCK = "block"

    @property
    def past(self) -> str:
        return {"allow": "allowed", "redact": "redacted", "quarantine": "quarantined", "block": "blocked"}[self.value]


@dataclass(frozen=True)
class Facts:
    """What is known about the document besides its text."""

    unreadable: bool = False
    encrypted: bool = False
    too_large: bool = False
    recipients: tuple[str, ...] = ()  # mail only: envelope recipients
    error: str = ""  # why the document could not be read (no document content)

    def present(self) -> list[str]:
        return [name for name in FACTS if getattr(self, name)]


@dataclass(frozen=True)
class FindingCondition:
    types: frozenset[str] = frozenset()
    roles: frozenset[Role] = frozenset()
    min_count: int = 1
    min_score: float = 0.0

    def matching(self, findings: Sequence[Finding]) -> list[Finding]:
        return [
            f
            for f in findings
            if (not self.types or f.type in self.types)
            and (not self.roles or f.role in self.roles)
            and f.score >= self.min_score
        ]


@dataclass(frozen=True)
class Condition:
    level_at_least: Level | None = None
    level_at_most: Level | None = None
    categories_any: frozenset[str] = frozenset()
    categories_none: frozenset[str] = frozenset()
    findings: FindingCondition | None = None
    facts_any: frozenset[str] = frozenset()
    recipients_outside: frozenset[str] = frozenset()  # domains; true if any recipient is elsewhere

    def explain(self, cls: Classification | None, findings: Sequence[Finding], facts: Facts) -> list[str] | None:
        """Why the condition holds (phrases for the reason), or None when it does not."""
        why: list[str] = []
        if self.facts_any:
            present = [f for f in facts.present() if f in self.facts_any]
            if not present:
                return None
            why += [f"document {f.replace('_', ' ')}" for f in present]
        needs_class = self.level_at_least is not None or self.level_at_most is not None or self.categories_any
        if needs_class and cls is None:
            return None
        if cls is not None:
            if self.level_at_least is not None and cls.level < self.level_at_least:
                return None
            if self.level_at_most is not None and cls.level > self.level_at_most:
                return None
            if self.level_at_least is not None:
                why.append(f"level {cls.level.name}")
            if self.categories_none & set(cls.categories):
                return None
            if self.categories_any:
                hit = [c for c in cls.categories if c in self.categories_any]
                if not hit:
                    return None
                why += [f"category {c}" for c in hit]
        if self.findings is not None:
            hits = self.findings.matching(findings)
            if len(hits) < self.findings.min_count:
                return None
            why += summarize(hits)
        if self.recipients_outside:
            outside = [r for r in facts.recipients if _domain(r) not in self.recipients_outside]
            if facts.recipients and not outside:
                return None
            why.append(
                f"{len(outside)} recipient(s) outside {', '.join(sorted(self.recipients_outside))}"
                if facts.recipients
                else "recipients unknown"
            )
        return why


def _domain(address: str) -> str:
    return address.rpartition("@")[2].strip().strip(">").lower()


def summarize(findings: Sequence[Finding]) -> list[str]:
    """'2 US_SSN (victim)' style counts, largest first. Never values."""
    counts = Counter((f.type, f.role.value if f.role else None) for f in findings)
    return [
        f"{n} {t}" + (f" ({r})" if r else "") for (t, r), n in sorted(counts.items(), key=lambda x: (-x[1], x[0][0]))
    ]


@dataclass(frozen=True)
class Rule:
    id: str
    action: Action
    when: Condition
    reason: str = ""
    default: bool = False
    line: int = 0


@dataclass(frozen=True)
class Decision:
    """The answer for one document on one channel: the only thing channels act on."""

    action: Action
    channel: str
    rule: str
    reasons: tuple[str, ...]
    findings: tuple[Finding, ...] = field(default=(), repr=False)
    classification: Classification | None = None
    facts: Facts = Facts()
    path: str = ""

    def to_dict(self) -> dict[str, Any]:
        cls = self.classification
        return {
            "file": self.path,
            "channel": self.channel,
            "action": self.action.value,
            "rule": self.rule,
            "reasons": list(self.reasons),
            "level": cls.level.name if cls else None,
            "categories": list(cls.categories) if cls else [],
            "facts": self.facts.present(),
            "findings": summarize(self.findings),
        }


@dataclass(frozen=True)
class Policy:
    source: str
    channels: dict[str, tuple[Rule, ...]]

    def rules_for(self, channel: str) -> tuple[Rule, ...]:
        if channel not in self.channels:
            raise ConfigError(f"no rules for channel '{channel}'", self.source)
        return self.channels[channel]

    def decide(
        self,
        channel: str,
        classification: Classification | None,
        findings: Sequence[Finding],
        facts: Facts = Facts(),
        path: str = "",
    ) -> Decision:
        for rule in self.rules_for(channel):
            why = ["no earlier rule matched"] if rule.default else rule.when.explain(classification, findings, facts)
            if why is None:
                continue
            reasons = [f"{rule.action.past}: " + ", ".join(why)]
            if rule.reason:
                reasons.append(rule.reason)
            return Decision(rule.action, channel, rule.id, tuple(reasons), tuple(findings), classification, facts, path)
        raise AssertionError("validated policies end with a default rule")


# -- loading and validation -----------------------------------------------------------------------

WHEN_KEYS = (
    "level_at_least",
    "level_at_most",
    "categories_any",
    "categories_none",
    "findings",
    "facts_any",
    "recipients_outside",
)


def _condition(node: yamlfile.Node) -> Condition:
    node.only(*WHEN_KEYS)
    if not node:
        raise node.fail("'when' needs at least one condition")
    findings = None
    if "findings" in node:
        sub = yamlfile.mapping(node["findings"], node.path, node.where("findings"), "'findings'")
        sub.only("types", "roles", "min_count", "min_score")
        score = sub.typed("min_score", (int, float), 0.0)
        if isinstance(score, bool) or not 0.0 <= float(score) <= 1.0:
            raise sub.fail("'min_score' must be between 0 and 1", "min_score")
        findings = FindingCondition(
            types_of(sub, "types"), roles_of(sub, "roles"), positive_int(sub, "min_count", 1), float(score)
        )
    domains = node.typed("recipients_outside", list, [])
    if any(not isinstance(d, str) or "@" in d or not d.strip() for d in domains):
        raise node.fail("'recipients_outside' must be a list of domain names", "recipients_outside")
    return Condition(
        level_at_least=level_of(node, "level_at_least") if "level_at_least" in node else None,
        level_at_most=level_of(node, "level_at_most") if "level_at_most" in node else None,
        categories_any=names_of(node, "categories_any", CATEGORIES, "category"),
        categories_none=names_of(node, "categories_none", CATEGORIES, "category"),
        findings=findings,
        facts_any=names_of(node, "facts_any", FACTS, "fact"),
        recipients_outside=frozenset(d.lower() for d in domains),
    )


def _rule(node: yamlfile.Node) -> Rule:
    node.only("id", "when", "action", "reason", "default")
    value = node.require("action", str)
    try:
        action = Action(value)
    except ValueError:
        raise node.fail(f"unknown action '{value}' (known: {', '.join(a.value for a in Action)})", "action") from None
    default = node.typed("default", bool, False)
    if default and "when" in node:
        raise node.fail("a default rule has no 'when'", "when")
    if not default and "when" not in node:
        raise node.fail("missing required key 'when' (or mark the rule 'default: true')")
    when = (
        Condition() if default else _condition(yamlfile.mapping(node["when"], node.path, node.where("when"), "'when'"))
    )
    return Rule(node.require("id", str), action, when, node.typed("reason", str, ""), default, node.line)


def load_policy(path: str | Path | None = None) -> Policy:
    path = Path(path) if path else rules_dir() / FILE_NAME
    root = yamlfile.mapping(yamlfile.load(path), str(path), 1, "file")
    root.only("channels")
    channels_node = yamlfile.mapping(root.require("channels", dict), str(path), root.where("channels"), "'channels'")
    channels: dict[str, tuple[Rule, ...]] = {}
    for name in channels_node:
        if name not in CHANNELS:
            raise channels_node.fail(f"unknown channel '{name}' (known: {', '.join(CHANNELS)})", name)
        items = channels_node.typed(name, list)
        if not items:
            raise channels_node.fail(f"channel '{name}' has no rules", name)
        rules = [_rule(yamlfile.mapping(i, str(path), channels_node.where(name), "a rule")) for i in items]
        ids = [r.id for r in rules]
        for rule in rules:
            if ids.count(rule.id) > 1:
                raise ConfigError(f"duplicate rule id '{rule.id}' in channel '{name}'", str(path), rule.line)
        if not rules[-1].default:
            raise ConfigError(f"channel '{name}' must end with a 'default: true' rule", str(path), rules[-1].line)
        for rule in rules[:-1]:
            if rule.default:
                raise ConfigError(
                    f"default rule '{rule.id}' must be the last rule of '{name}' (rules after it could never fire)",
                    str(path),
                    rule.line,
                )
        channels[name] = tuple(rules)
    if not channels:
        raise channels_node.fail("no channels defined")
    return Policy(str(path), channels)
