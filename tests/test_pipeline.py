"""The single entry point: same document, same decision, through every channel's door."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pymupdf
import pytest

from redactor.detect.engine import Engine
from redactor.errors import InputError, TooLargeInput
from redactor.extract import extract
from redactor.pipeline import Pipeline, facts_from_error
from redactor.policy import Action, Facts

ROOT = Path(__file__).parents[1]
SSN_REPORT = """\
Coldwater Police Department
INCIDENT REPORT
Case No: 24-55120   Reporting Officer: Ofc. L. Marsh #2231

VICTIM: DIAZ, AMANDA M.  DOB: 03/14/1987  SSN 123-45-6789
On 06/02/2024 at approximately 2215 hours I was dispatched to 4410 Cedar Ridge Rd regarding a
burglary of a residence. The victim stated her laptop and jewelry were taken. Pry marks were found on
the rear door. No suspects were identified; the case is forwarded to Investigations.
"""
WITNESS = """\
Coldwater Police Department
VOLUNTARY STATEMENT
Case No. 24-55120
Name of person giving statement: Gerald Okafor

I was walking my dog on Cedar Ridge Road at about ten at night when I saw a man in a dark hoodie
come out from behind the house and get into a white van. I did not see his face. I give this statement
freely and voluntarily and it is true and correct to the best of my knowledge.
"""
JUVENILE = """\
Coldwater Police Department
JUVENILE ARREST REPORT
Case No. 24-55301
Minor taken into custody: Tyler Brandt, DOB 03/02/2010

The juvenile was detained for criminal mischief at the middle school. His mother was contacted and
took custody of the minor. A juvenile petition will be filed with the family court. Juvenile records
are not open to public inspection and shall not be disseminated.
"""


@pytest.fixture(scope="module")
def pipeline(engine: Engine) -> Pipeline:
    return Pipeline(engine=engine)


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("docs")
    (root / "ssn_report.txt").write_text(SSN_REPORT)
    (root / "witness.txt").write_text(WITNESS)
    (root / "juvenile.txt").write_text(JUVENILE)
    (root / "broken.pdf").write_bytes(b"%PDF-1.7 this is not really a pdf")
    pdf = pymupdf.open()
    pdf.new_page().insert_text((72, 72), "SSN 123-45-6789")
    pdf.save(root / "locked.pdf", encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="o", user_pw="u")
    return root


@pytest.mark.parametrize(
    ("name", "channel", "rule", "action"),
    [
        ("ssn_report.txt", "mail", "MAIL-SSN-INFORMANT", Action.BLOCK),
        ("ssn_report.txt", "release", "REL-SENSITIVE", Action.REDACT),
        ("ssn_report.txt", "scan", "SCAN-IDENTIFIERS", Action.QUARANTINE),
        ("witness.txt", "release", "REL-WITNESS", Action.REDACT),
        ("juvenile.txt", "release", "REL-JUVENILE", Action.BLOCK),
        ("juvenile.txt", "mail", "MAIL-JUVENILE", Action.BLOCK),
        ("juvenile.txt", "watch", "WATCH-RESTRICTED", Action.BLOCK),
        ("broken.pdf", "mail", "MAIL-UNREADABLE", Action.QUARANTINE),
        ("locked.pdf", "release", "REL-UNREADABLE", Action.QUARANTINE),
    ],
)
def test_real_documents_get_the_expected_decision(
    pipeline: Pipeline, docs: Path, name: str, channel: str, rule: str, action: Action
) -> None:
    decision = pipeline.assess_path(docs / name, channel)
    assert (decision.rule, decision.action) == (rule, action), decision.reasons


def test_reasons_for_a_blocked_mail(pipeline: Pipeline, docs: Path) -> None:
    decision = pipeline.assess_path(docs / "ssn_report.txt", "mail")
    assert decision.reasons[0].startswith("blocked: 1 US_SSN (victim)")
    assert "123-45-6789" not in json.dumps(decision.to_dict())
    assert any(f.type == "US_SSN" for f in decision.findings)


def test_unreadable_files_carry_the_fact(pipeline: Pipeline, docs: Path) -> None:
    encrypted = pipeline.assess_path(docs / "locked.pdf", "scan")
    assert encrypted.facts.encrypted and encrypted.classification is None
    assert encrypted.reasons[0] == "quarantined: document encrypted"
    broken = pipeline.assess_path(docs / "broken.pdf", "scan")
    assert broken.facts.unreadable and broken.action == Action.QUARANTINE
    assert facts_from_error(TooLargeInput("x.pdf: too large (9 bytes > 1)")).too_large
    assert facts_from_error(InputError("x.pdf: damaged")).unreadable


def test_same_decision_through_every_entry_point(pipeline: Pipeline, engine: Engine, docs: Path) -> None:
    files = sorted(docs.iterdir())
    for channel in ("release", "mail", "watch", "scan"):
        batch = {Path(d.path).name: d for d in pipeline.assess_paths(files, channel)}
        assert set(batch) == {f.name for f in files}
        for path in files:
            single = pipeline.assess_path(path, channel)
            assert (single.action, single.rule, single.reasons) == (
                batch[path.name].action,
                batch[path.name].rule,
                batch[path.name].reasons,
            )
            if path.suffix == ".txt":  # a channel that already holds the Document
                document = extract(path)
                direct = pipeline.assess(document, engine.analyze(document), channel, Facts())
                assert (direct.action, direct.rule, direct.reasons) == (single.action, single.rule, single.reasons)

    cli = subprocess.run(
        [sys.executable, "-m", "redactor", "decide", str(docs), "--channel", "mail", "--format", "jsonl"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert cli.returncode == 1, cli.stderr
    rows = [json.loads(line) for line in cli.stdout.splitlines()]
    assert {"file", "level", "categories", "action", "rule", "reasons"} <= set(rows[0])
    for row in rows:
        expected = pipeline.assess_path(row["file"], "mail")
        assert (row["action"], row["rule"], row["reasons"]) == (
            expected.action.value,
            expected.rule,
            list(expected.reasons),
        )

    check = subprocess.run(
        [
            sys.executable,
            "-m",
            "redactor",
            "policy",
            "check",
            "rules/policy.yaml",
            "--samples",
            str(docs),
            "--format",
            "jsonl",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert check.returncode == 0, check.stderr
    for row in map(json.loads, check.stdout.splitlines()):
        for channel in ("release", "mail", "watch", "scan"):
            expected = pipeline.assess_path(row["file"], channel)
            assert row[channel]["rule"] == expected.rule and row[channel]["action"] == expected.action.value


def test_decide_cli_recipients_and_exit_code(docs: Path, tmp_path: Path) -> None:
    memo = tmp_path / "memo.txt"
    memo.write_text("FOR IMMEDIATE RELEASE\nThe department will host a community picnic on Saturday.\n")
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "redactor",
            "decide",
            str(memo),
            "-c",
            "mail",
            "--recipient",
            "a@police.example.gov",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)[0]["action"] == "allow"
