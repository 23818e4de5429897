"""rules/markings.yaml: explicit markings, category floors and findings rules (see the file).

Any error stops the program with file and line; nothing falls back to a default.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import regex

from redactor import yamlfile
from redactor.classify.levels import CATEGORIES, LEVEL_NAMES, Level
from redactor.errors import ConfigError
from redactor.model import ENTITY_TYPES, Finding, Role
from redactor.rules import rules_dir

FILE_NAME = "markings.yaml"


@dataclass(frozen=True)
class Marking:
    id: str
    pattern: regex.Pattern[str]
    level: Level | None = None
    category: str | None = None
    public: bool = False


@dataclass(frozen=True)
class FindingRule:
    id: str
    types: frozenset[str]
    roles: frozenset[Role]
    min_count: int
    level: Level | None = None
    category: str | None = None
    # the floor stops at MarkingRules.public_cap in a document whose only category is policy_or_public
    capped_in_public: bool = False

    def count(self, findings: Sequence[Finding]) -> int:
        return sum(
            1 for f in findings if (not self.types or f.type in self.types) and (not self.roles or f.role in self.roles)
        )


@dataclass(frozen=True)
class MarkingRules:
    source: str
    markings: tuple[Marking, ...]
    finding_rules: tuple[FindingRule, ...]
    category_floors: dict[str, Level]
    public_cap: Level | None = None  # the highest floor a 'capped_in_public' findings rule gives a public document


# -- validation helpers, shared with policy.py ----------------------------------------------------


def level_of(node: yamlfile.Node, key: str) -> Level:
    value = node.require(key, str)
    if value.upper() not in LEVEL_NAMES:
        raise node.fail(f"unknown level '{value}' (known: {', '.join(LEVEL_NAMES)})", key)
    return Level.parse(value)


def category_of(node: yamlfile.Node, key: str, value: object) -> str:
    if value not in CATEGORIES:
        raise node.fail(f"unknown category '{value}' (known: {', '.join(CATEGORIES)})", key)
    return str(value)


def names_of(node: yamlfile.Node, key: str, known: Sequence[str], what: str) -> frozenset[str]:
    items = node.typed(key, list, [])
    for item in items:
        if item not in known:
            raise node.fail(f"unknown {what} '{item}' (known: {', '.join(known)})", key)
    return frozenset(items)


def roles_of(node: yamlfile.Node, key: str) -> frozenset[Role]:
    return frozenset(Role(r) for r in names_of(node, key, [r.value for r in Role], "role"))


def types_of(node: yamlfile.Node, key: str) -> frozenset[str]:
    return names_of(node, key, ENTITY_TYPES, "entity type")


def positive_int(node: yamlfile.Node, key: str, default: int) -> int:
    value = node.typed(key, int, default)
    if isinstance(value, bool) or value < 1:
        raise node.fail(f"'{key}' must be a whole number of at least 1", key)
    return int(value)


# -- loading -----------------------------------------------------------------------------------


def _marking(node: yamlfile.Node) -> Marking:
    node.only("id", "pattern", "level", "category", "public", "ignore_case")
    flags = regex.MULTILINE | (regex.IGNORECASE if node.typed("ignore_case", bool, False) else 0)
    try:
        pattern = regex.compile(node.require("pattern", str), flags)
    except regex.error as exc:
        raise node.fail(f"invalid regex: {exc}", "pattern") from None
    marking = Marking(
        id=node.require("id", str),
        pattern=pattern,
        level=level_of(node, "level") if "level" in node else None,
        category=category_of(node, "category", node["category"]) if "category" in node else None,
        public=node.typed("public", bool, False),
    )
    if marking.level is None and marking.category is None and not marking.public:
        raise node.fail("a marking needs 'level', 'category' or 'public: true'")
    return marking


def _finding_rule(node: yamlfile.Node) -> FindingRule:
    node.only("id", "types", "roles", "min_count", "level", "category", "capped_in_public")
    rule = FindingRule(
        id=node.require("id", str),
        types=types_of(node, "types"),
        roles=roles_of(node, "roles"),
        min_count=positive_int(node, "min_count", 1),
        level=level_of(node, "level") if "level" in node else None,
        category=category_of(node, "category", node["category"]) if "category" in node else None,
        capped_in_public=node.typed("capped_in_public", bool, False),
    )
    if rule.level is None and rule.category is None:
        raise node.fail("a findings rule needs 'level' or 'category'")
    if rule.capped_in_public and rule.category is not None:
        # a rule that names a category makes the document more than a public one, so a cap could never apply
        raise node.fail("'capped_in_public' is for rules without a category", "capped_in_public")
    return rule


def _items(root: yamlfile.Node, key: str) -> list[yamlfile.Node]:
    return [yamlfile.mapping(item, root.path, root.where(key), key) for item in root.typed(key, list, [])]


def load_markings(path: str | Path | None = None) -> MarkingRules:
    path = Path(path) if path else rules_dir() / FILE_NAME
    root = yamlfile.mapping(yamlfile.load(path), str(path), 1, "file")
    root.only("category_floors", "public_cap", "markings", "findings")
    floors_node = yamlfile.mapping(
        root.require("category_floors", dict), str(path), root.where("category_floors"), "category_floors"
    )
    floors = {category_of(floors_node, key, key): level_of(floors_node, key) for key in floors_node}
    missing = [c for c in CATEGORIES if c not in floors]
    if missing:
        raise floors_node.fail(f"category_floors must give every category a level; missing: {', '.join(missing)}")
    markings = tuple(_marking(n) for n in _items(root, "markings"))
    finding_rules = tuple(_finding_rule(n) for n in _items(root, "findings"))
    public_cap = level_of(root, "public_cap") if "public_cap" in root else None
    if public_cap is None and any(r.capped_in_public for r in finding_rules):
        raise root.fail("findings rules are 'capped_in_public' but 'public_cap' (a level) is missing")
    ids = [m.id for m in markings] + [r.id for r in finding_rules]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ConfigError(f"duplicate ids: {', '.join(duplicates)}", str(path))
    return MarkingRules(str(path), markings, finding_rules, floors, public_cap)


def find_markings(rules: MarkingRules, text: str) -> list[tuple[Marking, int]]:
    """Markings present in the text, each with its number of occurrences."""
    found = []
    for marking in rules.markings:
        count = sum(1 for _ in marking.pattern.finditer(text))
        if count:
            found.append((marking, count))
    return found
