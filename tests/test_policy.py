"""The policy engine: every default rule fires for a document made to trigger it, order decides
conflicts, and invalid policy files stop with file and line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from redactor.classify import Classification, Level
from redactor.errors import ConfigError
from redactor.model import Finding, Role
from redactor.policy import Action, Facts, load_policy

FIXTURES = Path(__file__).parent / "fixtures" / "policy"
POLICY = load_policy()


def finding(type_: str, role: Role | None = None, score: float = 0.9, value: str = "x") -> Finding:
    return Finding(type=type_, start=0, end=len(value), score=score, recognizer="test", value=value, role=role)


def cls(level: str, *categories: str) -> Classification:
    return Classification(level=Level[level], categories=categories)


SSN = finding("US_SSN", Role.VICTIM, value="123-45-6789")
CI = finding("INFORMANT_ID", Role.INFORMANT, value="CI-2291")
PERSON = finding("PERSON", Role.WITNESS, value="Maria Diaz")
CARD = finding("CREDIT_CARD", value="4111 1111 1111 1111")
PASSPORT = finding("US_PASSPORT", value="912345678")
DOB = finding("DATE_OF_BIRTH", Role.WITNESS, value="03/14/1987")
UNREADABLE = Facts(unreadable=True)
INTERNAL_ONLY = Facts(recipients=("chief@police.example.gov", "ada@da.example.gov"))

# (channel, expected rule, classification, findings, facts): one case per rule of rules/policy.yaml.
CASES = [
    ("release", "REL-UNREADABLE", None, [], UNREADABLE),
    ("release", "REL-JUVENILE", cls("RESTRICTED", "juvenile_record", "incident_report"), [PERSON], Facts()),
    ("release", "REL-SEALED", cls("RESTRICTED", "sealed_or_expunged", "criminal_history"), [], Facts()),
    ("release", "REL-INFORMANT", cls("RESTRICTED", "informant_file"), [CI], Facts()),
    ("release", "REL-INFORMANT-ID", cls("CONFIDENTIAL", "incident_report"), [CI, PERSON], Facts()),
    ("release", "REL-CHRI", cls("CONFIDENTIAL", "criminal_history"), [SSN], Facts()),
    ("release", "REL-RESTRICTED", cls("RESTRICTED", "victim_sensitive", "incident_report"), [], Facts()),
    ("release", "REL-WITNESS", cls("CONFIDENTIAL", "witness_statement", "criminal_history"), [PERSON], Facts()),
    ("release", "REL-SENSITIVE", cls("CONFIDENTIAL", "medical"), [], Facts()),
    ("release", "REL-PII", cls("INTERNAL", "policy_or_public"), [PERSON], Facts()),
    ("release", "REL-DEFAULT", cls("PUBLIC", "policy_or_public"), [], Facts()),
    ("mail", "MAIL-TOO-LARGE", None, [], Facts(too_large=True)),
    ("mail", "MAIL-UNREADABLE", None, [], Facts(encrypted=True)),
    ("mail", "MAIL-SSN-INFORMANT", cls("CONFIDENTIAL", "incident_report"), [SSN, SSN], Facts()),
    ("mail", "MAIL-WITNESS-ID", cls("CONFIDENTIAL", "witness_statement"), [PERSON, DOB], INTERNAL_ONLY),
    ("mail", "MAIL-JUVENILE", cls("RESTRICTED", "juvenile_record"), [PERSON], INTERNAL_ONLY),
    ("mail", "MAIL-RESTRICTED", cls("RESTRICTED", "sealed_or_expunged"), [], INTERNAL_ONLY),
    ("mail", "MAIL-CARD", cls("CONFIDENTIAL", "incident_report"), [CARD], INTERNAL_ONLY),
    (
        "mail",
        "MAIL-CONFIDENTIAL-EXTERNAL",
        cls("CONFIDENTIAL", "medical"),
        [],
        Facts(recipients=("ada@da.example.gov", "someone@gmail.com")),
    ),
    ("mail", "MAIL-DEFAULT", cls("CONFIDENTIAL", "incident_report"), [PERSON], INTERNAL_ONLY),
    ("watch", "WATCH-UNREADABLE", None, [], Facts(too_large=True)),
    ("watch", "WATCH-RESTRICTED", cls("RESTRICTED", "informant_file"), [], Facts()),
    ("watch", "WATCH-IDENTIFIERS", cls("CONFIDENTIAL", "incident_report"), [PASSPORT], Facts()),
    ("watch", "WATCH-PII", cls("INTERNAL", "policy_or_public"), [PERSON], Facts()),
    ("watch", "WATCH-CONFIDENTIAL", cls("CONFIDENTIAL", "personnel"), [], Facts()),
    ("watch", "WATCH-DEFAULT", cls("INTERNAL", "policy_or_public"), [], Facts()),
    ("scan", "SCAN-UNREADABLE", None, [], UNREADABLE),
    ("scan", "SCAN-RESTRICTED", cls("RESTRICTED", "juvenile_record"), [], Facts()),
    ("scan", "SCAN-IDENTIFIERS", cls("CONFIDENTIAL", "criminal_history"), [SSN], Facts()),
    ("scan", "SCAN-DEFAULT", cls("CONFIDENTIAL", "incident_report"), [PERSON], Facts()),
]


@pytest.mark.parametrize(("channel", "rule", "classification", "findings", "facts"), CASES, ids=[c[1] for c in CASES])
def test_each_default_rule_fires(
    channel: str, rule: str, classification: Classification | None, findings: list[Finding], facts: Facts
) -> None:
    decision = POLICY.decide(channel, classification, findings, facts)
    assert decision.rule == rule, decision.reasons
    expected = next(r for r in POLICY.rules_for(channel) if r.id == rule).action
    assert decision.action == expected


def test_every_rule_of_the_default_policy_has_a_case() -> None:
    all_rules = {(ch, r.id) for ch, rules in POLICY.channels.items() for r in rules}
    assert all_rules == {(c[0], c[1]) for c in CASES}
    assert set(POLICY.channels) == {"release", "mail", "watch", "scan"}


def test_police_department_expectations() -> None:
    juvenile = cls("RESTRICTED", "juvenile_record")
    assert POLICY.decide("mail", juvenile, [], INTERNAL_ONLY).action == Action.BLOCK
    assert POLICY.decide("release", juvenile, [], Facts()).action == Action.BLOCK
    assert POLICY.decide("release", cls("CONFIDENTIAL", "witness_statement"), [PERSON]).action == Action.REDACT
    for channel in POLICY.channels:
        assert POLICY.decide(channel, None, [], UNREADABLE).action == Action.QUARANTINE
    press = cls("PUBLIC", "policy_or_public")
    assert {POLICY.decide(ch, press, []).action for ch in POLICY.channels} == {Action.ALLOW}


def test_reason_names_counts_roles_and_categories_never_values() -> None:
    decision = POLICY.decide("mail", cls("RESTRICTED", "juvenile_record"), [SSN, SSN, PERSON])
    assert decision.action == Action.BLOCK
    assert decision.reasons[0] == "blocked: 2 US_SSN (victim)"
    text = " ".join(decision.reasons) + str(decision.to_dict())
    assert "123-45-6789" not in text and "Maria" not in text
    release = POLICY.decide("release", cls("RESTRICTED", "juvenile_record", "incident_report"), [SSN])
    assert release.reasons[0] == "blocked: category juvenile_record"


def test_min_score_and_roles_filter_findings() -> None:
    weak = finding("PERSON", Role.WITNESS, score=0.3)
    decision = POLICY.decide("release", cls("INTERNAL", "policy_or_public"), [weak])
    assert decision.rule == "REL-DEFAULT"  # REL-PII needs min_score 0.5


def test_conflicting_rules_first_match_wins() -> None:
    doc = (cls("CONFIDENTIAL", "incident_report"), [SSN])
    first = load_policy(FIXTURES / "order_block_first.yaml").decide("mail", *doc)
    second = load_policy(FIXTURES / "order_allow_first.yaml").decide("mail", *doc)
    assert (first.rule, first.action) == ("FIRST-BLOCK", Action.BLOCK)
    assert (second.rule, second.action) == ("SECOND-ALLOW", Action.ALLOW)
    nothing = load_policy(FIXTURES / "order_block_first.yaml").decide("mail", cls("PUBLIC", "policy_or_public"), [])
    assert nothing.rule == "DEFAULT" and nothing.action == Action.QUARANTINE


@pytest.mark.parametrize(
    ("name", "message", "line"),
    [
        ("bad_action.yaml", "unknown action 'shred'", 5),
        ("bad_type.yaml", "unknown entity type 'SOCIAL_NUMBER'", 6),
        ("bad_yaml.yaml", "invalid YAML", 5),
        ("no_default.yaml", "must end with a 'default: true' rule", 3),
    ],
)
def test_invalid_policy_files_are_rejected_with_file_and_line(name: str, message: str, line: int) -> None:
    with pytest.raises(ConfigError) as info:
        load_policy(FIXTURES / name)
    assert message in str(info.value)
    assert info.value.path.endswith(name) and info.value.line == line


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("channels:\n  fax:\n    - {id: D, default: true, action: allow}\n", "unknown channel 'fax'"),
        (
            "channels:\n  mail:\n    - {id: A, when: {level_at_least: SECRET}, action: block}\n"
            "    - {id: D, default: true, action: allow}\n",
            "unknown level 'SECRET'",
        ),
        (
            "channels:\n  mail:\n    - {id: A, when: {categories_any: [gossip]}, action: block}\n"
            "    - {id: D, default: true, action: allow}\n",
            "unknown category 'gossip'",
        ),
        (
            "channels:\n  mail:\n    - {id: A, when: {findings: {roles: [bystander]}}, action: block}\n"
            "    - {id: D, default: true, action: allow}\n",
            "unknown role 'bystander'",
        ),
        (
            "channels:\n  mail:\n    - {id: A, when: {colour: red}, action: block}\n"
            "    - {id: D, default: true, action: allow}\n",
            "unknown key 'colour'",
        ),
        (
            "channels:\n  mail:\n    - {id: D, default: true, action: allow}\n"
            "    - {id: A, when: {level_at_least: PUBLIC}, action: block}\n",
            "must end with a 'default: true' rule",
        ),
        (
            "channels:\n  mail:\n    - {id: D, default: true, action: allow}\n    - {id: D2, default: true, action: block}\n",
            "must be the last rule",
        ),
        (
            "channels:\n  mail:\n    - {id: A, when: {facts_any: [haunted]}, action: block}\n"
            "    - {id: D, default: true, action: allow}\n",
            "unknown fact 'haunted'",
        ),
    ],
)
def test_more_invalid_policies(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as info:
        load_policy(path)
    assert message in str(info.value) and str(path) in str(info.value) and info.value.line is not None


def test_policy_check_cli_rejects_a_bad_file_with_exit_code_3() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "redactor", "policy", "check", str(FIXTURES / "bad_type.yaml")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 3
    assert "bad_type.yaml:6" in out.stderr and "SOCIAL_NUMBER" in out.stderr


def test_policy_check_cli_validates_the_default_policy() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "redactor", "policy", "check", "rules/policy.yaml", "--no-samples"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).parents[1],
    )
    assert out.returncode == 0, out.stderr
    assert "valid (release: 11 rules" in out.stderr
