"""A broken rule file stops the program with its name and line; no silent defaults."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from redactor.errors import ConfigError
from redactor.rules import DEFAULT_RULES_DIR, load_rules


@pytest.fixture()
def rules_copy(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, target)
    return target


def test_bundled_rules_load() -> None:
    rules = load_rules()
    assert rules.spacy_model
    assert any(r.entity == "CASE_NUMBER" for r in rules.recognizers)


def append(path: Path, text: str) -> int:
    """Append text; return the 1-based line where it starts."""
    lines = path.read_text().count("\n")
    path.write_text(path.read_text() + text)
    return lines + 1


def test_bad_regex_names_file_and_line(rules_copy: Path) -> None:
    line = append(
        rules_copy / "recognizers.yaml",
        "  - name: broken\n    entity: CASE_NUMBER\n    patterns:\n      - name: p\n        regex: '(unclosed'\n",
    )
    with pytest.raises(ConfigError) as err:
        load_rules(rules_copy)
    assert "recognizers.yaml" in str(err.value)
    assert f":{line + 4}" in str(err.value)
    assert "invalid regex" in str(err.value)


def test_unknown_entity_type(rules_copy: Path) -> None:
    append(rules_copy / "recognizers.yaml", "  - name: x\n    entity: NOT_A_TYPE\n    deny_list: [a]\n")
    with pytest.raises(ConfigError, match="unknown entity type 'NOT_A_TYPE'"):
        load_rules(rules_copy)


def test_invalid_yaml(rules_copy: Path) -> None:
    (rules_copy / "lists.yaml").write_text("allow_list:\n  - a\n  b: [\n")
    with pytest.raises(ConfigError, match=r"lists\.yaml:\d+: invalid YAML"):
        load_rules(rules_copy)


def test_unknown_role(rules_copy: Path) -> None:
    text = (rules_copy / "roles.yaml").read_text().replace("  victim:", "  victm:")
    (rules_copy / "roles.yaml").write_text(text)
    with pytest.raises(ConfigError, match="unknown role 'victm'"):
        load_rules(rules_copy)


def test_missing_file(rules_copy: Path) -> None:
    (rules_copy / "detection.yaml").unlink()
    with pytest.raises(ConfigError, match=r"detection\.yaml"):
        load_rules(rules_copy)


def test_code_names_from_lists(rules_copy: Path) -> None:
    from redactor.detect.engine import Engine

    text = (
        (rules_copy / "lists.yaml").read_text().replace("informant_code_names: []", "informant_code_names: [Bluejay]")
    )
    (rules_copy / "lists.yaml").write_text(text)
    engine = Engine(load_rules(rules_copy))
    values = {(f.type, f.value) for f in engine.analyze_text('Per BLUEJAY, the stash moved. "Bluejay" was paid $50.')}
    assert ("INFORMANT_ID", "BLUEJAY") in values
    assert ("INFORMANT_ID", "Bluejay") in values
