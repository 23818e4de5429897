"""Exemption mapping: (entity type, role) -> exemption code and whether to redact by default.

Loaded from rules/exemptions.yaml (or a file given with --exemptions). First matching rule wins;
the last rule must match everything, so every finding gets an exemption. A broken file stops the
program (ConfigError with file and line), never a silent fallback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from redactor import yamlfile
from redactor.errors import ConfigError
from redactor.model import ENTITY_TYPES, Finding, Role
from redactor.rules import rules_dir

NO_ROLE = "none"
ROLE_NAMES = frozenset(r.value for r in Role) | {NO_ROLE}


@dataclass(frozen=True)
class Decision:
    exemption: str
    redact: bool
    reason: str


@dataclass(frozen=True)
class ExemptionRule:
    types: frozenset[str]  # empty = any type
    roles: frozenset[str]  # empty = any role
    decision: Decision

    def matches(self, entity_type: str, role: str | None) -> bool:
        if self.types and entity_type not in self.types:
            return False
        return not self.roles or (role or NO_ROLE) in self.roles


@dataclass(frozen=True)
class Exemptions:
    name: str
    source: str
    codes: dict[str, str]
    rules: tuple[ExemptionRule, ...]

    def decide(self, entity_type: str, role: Role | str | None) -> Decision:
        role_name = role.value if isinstance(role, Role) else role
        for rule in self.rules:
            if rule.matches(entity_type, role_name):
                return rule.decision
        raise AssertionError("the last exemption rule matches everything")  # checked at load

    def for_finding(self, finding: Finding) -> Decision:
        return self.decide(finding.type, finding.role)

    def describe(self, code: str) -> str:
        return self.codes.get(code, "")


def default_path() -> Path:
    return rules_dir() / "exemptions.yaml"


def _names(node: yamlfile.Node, key: str, known: frozenset[str] | tuple[str, ...], what: str) -> frozenset[str]:
    value = node.get(key)
    if value is None:
        return frozenset()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        raise node.fail(f"'{key}' must be a {what} or a non-empty list of them", key)
    for item in items:
        if item not in known:
            raise node.fail(f"unknown {what} '{item}' (known: {', '.join(sorted(known))})", key)
    return frozenset(items)


def load_exemptions(path: str | Path | None = None) -> Exemptions:
    path = Path(path) if path else default_path()
    top = yamlfile.mapping(yamlfile.load(path), str(path), 1, "file")
    top.only("name", "codes", "rules")
    codes_node = yamlfile.mapping(top.require("codes", dict), str(path), top.where("codes"), "codes")
    codes: dict[str, str] = {}
    for code, text in codes_node.items():
        if not isinstance(text, str) or not code.strip():
            raise codes_node.fail("each code needs a description string", code)
        codes[code] = text
    rules: list[ExemptionRule] = []
    for item in top.require("rules", list):
        node = yamlfile.mapping(item, str(path), top.where("rules"), "rule")
        node.only("type", "role", "exemption", "redact", "reason")
        exemption = node.require("exemption", str).strip()
        if not exemption:
            raise node.fail("'exemption' must not be empty", "exemption")
        if exemption not in codes:
            raise node.fail(f"exemption '{exemption}' is not listed under 'codes'", "exemption")
        rules.append(
            ExemptionRule(
                types=_names(node, "type", ENTITY_TYPES, "entity type"),
                roles=_names(node, "role", ROLE_NAMES, "role"),
                decision=Decision(exemption, node.require("redact", bool), node.typed("reason", str, "") or ""),
            )
        )
    if not rules or rules[-1].types or rules[-1].roles:
        raise ConfigError(
            "the last rule must have no 'type' and no 'role' (a catch-all)", str(path), top.where("rules")
        )
    return Exemptions(name=top.require("name", str), source=str(path), codes=codes, rules=tuple(rules))
