"""Detection rules users may edit without code: rules/*.yaml.

- ``detection.yaml``: engine settings (spaCy pipeline name, score threshold).
- ``recognizers.yaml``: pattern recognizers (regex, score, context words, deny lists).
- ``lists.yaml``: allow list (never reported) and informant code names.
- ``roles.yaml``: words that give a person's role (section headers, titles, phrases).

Any error stops the program with the file and line (ConfigError); nothing falls back silently.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import regex

from redactor import yamlfile
from redactor.errors import ConfigError
from redactor.model import ENTITY_TYPES, Role

DEFAULT_RULES_DIR = Path(__file__).resolve().parents[2] / "rules"


def rules_dir() -> Path:
    return Path(os.environ.get("REDACTOR_RULES", DEFAULT_RULES_DIR))


@dataclass(frozen=True)
class PatternRule:
    name: str
    regex: str
    score: float


@dataclass(frozen=True)
class RecognizerRule:
    name: str
    entity: str
    patterns: tuple[PatternRule, ...] = ()
    deny_list: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    context_score: float = 0.0
    context_window: int = 40
    ignore_case: bool = False
    not_after: tuple[str, ...] = ()  # a match right after one of these words is dropped


@dataclass(frozen=True)
class RoleRules:
    """Cue words per role. ``titles`` precede officer names ("Sgt.", "Det.")."""

    cues: dict[Role, tuple[str, ...]]
    titles: tuple[str, ...]
    juvenile_cues: tuple[str, ...]
    before_name: dict[Role, tuple[str, ...]]  # "arrested", "lineup with": phrases right before a name
    after_name: dict[Role, tuple[str, ...]]  # "was arrested", "called 911": phrases right after it


@dataclass(frozen=True)
class RuleSet:
    source: str
    spacy_model: str
    score_threshold: float
    recognizers: tuple[RecognizerRule, ...]
    allow_list: frozenset[str]
    code_names: tuple[str, ...]
    roles: RoleRules
    disabled_entities: frozenset[str] = field(default_factory=frozenset)


def _strings(node: yamlfile.Node, key: str) -> tuple[str, ...]:
    items = node.typed(key, list, [])
    for item in items:
        if not isinstance(item, str) or not item.strip():
            raise node.fail(f"'{key}' must be a list of non-empty strings", key)
    return tuple(items)


def _score(node: yamlfile.Node, key: str, default: float) -> float:
    value = node.typed(key, (int, float), default)
    if not 0.0 <= float(value) <= 1.0:
        raise node.fail(f"'{key}' must be between 0 and 1", key)
    return float(value)


def _pattern(node: yamlfile.Node, flags: int) -> PatternRule:
    node.only("name", "regex", "score")
    expr = node.require("regex", str)
    try:
        regex.compile(expr, flags)
    except regex.error as exc:
        raise node.fail(f"invalid regex: {exc}", "regex") from None
    return PatternRule(node.typed("name", str, "pattern"), expr, _score(node, "score", 0.6))


def _recognizer(node: yamlfile.Node) -> RecognizerRule:
    node.only(
        "name",
        "entity",
        "patterns",
        "deny_list",
        "context",
        "context_score",
        "context_window",
        "ignore_case",
        "not_after",
    )
    entity = node.require("entity", str)
    if entity not in ENTITY_TYPES:
        raise node.fail(f"unknown entity type '{entity}' (known: {', '.join(ENTITY_TYPES)})", "entity")
    ignore_case = node.typed("ignore_case", bool, False)
    flags = regex.MULTILINE | (regex.IGNORECASE if ignore_case else 0)
    patterns = []
    for item in node.typed("patterns", list, []):
        patterns.append(_pattern(yamlfile.mapping(item, node.path, node.where("patterns"), "pattern"), flags))
    deny = _strings(node, "deny_list")
    if not patterns and not deny:
        raise node.fail("a recognizer needs 'patterns' or a 'deny_list'")
    window = node.typed("context_window", int, 40)
    return RecognizerRule(
        name=node.require("name", str),
        entity=entity,
        patterns=tuple(patterns),
        deny_list=deny,
        context=tuple(w.lower() for w in _strings(node, "context")),
        context_score=_score(node, "context_score", 0.0),
        context_window=window,
        ignore_case=ignore_case,
        not_after=tuple(w.lower() for w in _strings(node, "not_after")),
    )


def _roles(node: yamlfile.Node) -> RoleRules:
    node.only("cues", "officer_titles", "juvenile_cues", "before_name", "after_name")
    return RoleRules(
        cues=_role_words(node, "cues", required=True),
        titles=_strings(node, "officer_titles"),
        juvenile_cues=tuple(w.lower() for w in _strings(node, "juvenile_cues")),
        before_name=_role_words(node, "before_name"),
        after_name=_role_words(node, "after_name"),
    )


def _role_words(node: yamlfile.Node, key: str, required: bool = False) -> dict[Role, tuple[str, ...]]:
    """A mapping of role name -> list of words or phrases."""
    if not required and key not in node:
        return {}
    child = yamlfile.mapping(node.require(key, dict), node.path, node.where(key), key)
    out: dict[Role, tuple[str, ...]] = {}
    for name in child:
        try:
            role = Role(name)
        except ValueError:
            known = ", ".join(r.value for r in Role)
            raise child.fail(f"unknown role '{name}' (known: {known})", name) from None
        out[role] = tuple(w.lower() for w in _strings(child, name))
    return out


def load_rules(directory: str | Path | None = None) -> RuleSet:
    directory = Path(directory) if directory else rules_dir()
    if not directory.is_dir():
        raise ConfigError("rules directory not found", str(directory))

    settings = yamlfile.mapping(
        yamlfile.load(directory / "detection.yaml"), str(directory / "detection.yaml"), 1, "file"
    )
    settings.only("spacy_model", "score_threshold", "disabled_entities")
    disabled = _strings(settings, "disabled_entities")
    for name in disabled:
        if name not in ENTITY_TYPES:
            raise settings.fail(f"unknown entity type '{name}'", "disabled_entities")

    rec_path = directory / "recognizers.yaml"
    rec_file = yamlfile.mapping(yamlfile.load(rec_path), str(rec_path), 1, "file")
    rec_file.only("recognizers")
    recognizers = []
    names: set[str] = set()
    for item in rec_file.require("recognizers", list):
        rule = _recognizer(yamlfile.mapping(item, str(rec_path), rec_file.where("recognizers"), "recognizer"))
        if rule.name in names:
            raise ConfigError(f"duplicate recognizer name '{rule.name}'", str(rec_path), item.line)
        names.add(rule.name)
        recognizers.append(rule)

    lists_path = directory / "lists.yaml"
    lists = yamlfile.mapping(yamlfile.load(lists_path), str(lists_path), 1, "file")
    lists.only("allow_list", "informant_code_names")

    roles_path = directory / "roles.yaml"
    roles = _roles(yamlfile.mapping(yamlfile.load(roles_path), str(roles_path), 1, "file"))

    return RuleSet(
        source=str(directory),
        spacy_model=settings.require("spacy_model", str),
        score_threshold=_score(settings, "score_threshold", 0.5),
        recognizers=tuple(recognizers),
        allow_list=frozenset(w.lower() for w in _strings(lists, "allow_list")),
        code_names=_strings(lists, "informant_code_names"),
        roles=roles,
        disabled_entities=frozenset(disabled),
    )
