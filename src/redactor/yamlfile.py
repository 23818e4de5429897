"""Strict YAML loading that remembers line numbers, so errors can name file and line.

A DLP tool must not fall back to defaults when a rule or policy file is broken: every problem
raises ConfigError with the path and the 1-based line of the offending node.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from redactor.errors import ConfigError


class Node(dict):  # type: ignore[type-arg]
    """A YAML mapping that knows its line and the line of each key."""

    line: int
    key_lines: dict[str, int]
    path: str

    def where(self, key: str | None = None) -> int:
        return self.key_lines.get(key, self.line) if key else self.line

    def fail(self, message: str, key: str | None = None) -> ConfigError:
        return ConfigError(message, self.path, self.where(key))

    def require(self, key: str, kind: type | tuple[type, ...]) -> Any:
        if key not in self:
            raise self.fail(f"missing required key '{key}'")
        return self.typed(key, kind)

    def typed(self, key: str, kind: type | tuple[type, ...], default: Any = None) -> Any:
        value = self.get(key, default)
        if key in self and not isinstance(value, kind):
            names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
            raise self.fail(f"'{key}' must be {names}", key)
        return value

    def only(self, *allowed: str) -> None:
        for key in self:
            if key not in allowed:
                raise self.fail(f"unknown key '{key}' (allowed: {', '.join(allowed)})", key)


def _convert(node: yaml.Node, path: str) -> Any:
    if isinstance(node, yaml.MappingNode):
        out = Node()
        out.line, out.key_lines, out.path = node.start_mark.line + 1, {}, path
        for key_node, value_node in node.value:
            key = _convert(key_node, path)
            if not isinstance(key, str):
                raise ConfigError("keys must be strings", path, key_node.start_mark.line + 1)
            if key in out:
                raise ConfigError(f"duplicate key '{key}'", path, key_node.start_mark.line + 1)
            out[key] = _convert(value_node, path)
            out.key_lines[key] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path) for item in node.value]
    return yaml.SafeLoader(" ").construct_object(node)  # type: ignore[no-untyped-call]


def load(path: str | Path) -> Any:
    path = Path(path)
    try:
        source = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read ({exc.strerror})", str(path)) from None
    try:
        node = yaml.compose(source, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"invalid YAML: {problem}", str(path), line) from None
    if node is None:
        raise ConfigError("file is empty", str(path), 1)
    return _convert(node, str(path))


def mapping(value: Any, path: str, line: int, what: str) -> Node:
    if not isinstance(value, Node):
        raise ConfigError(f"{what} must be a mapping", path, line)
    return value
