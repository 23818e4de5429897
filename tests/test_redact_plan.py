"""The review workflow (plan -> edit -> apply), exemption mapping, and fail-closed verification."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pymupdf
import pytest

from redactor.errors import ConfigError, ExitCode, InputError
from redactor.extract.pdf import BoxArray
from redactor.model import Role
from redactor.redact.exemptions import load_exemptions
from redactor.redact.plan import load_plan, save_plan
from redactor.redact.release import Releaser
from tests.fixtures.pdf import build

FIXTURES = Path(__file__).parent / "fixtures" / "pdf"


@pytest.fixture
def releaser(engine):
    return Releaser(engine=engine)


@pytest.fixture
def report_pdf(tmp_path):
    return build.text_report(tmp_path / "report.pdf")


def text_of(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout
    return " ".join(out.split())


# -- exemption mapping -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entity", "role", "exemption", "redact"),
    [
        ("PERSON", Role.VICTIM, "(b)(6), (b)(7)(C)", True),
        ("PERSON", Role.SUSPECT, "(b)(6), (b)(7)(C)", True),
        ("PERSON", Role.WITNESS, "(b)(7)(D)", True),
        ("PHONE_NUMBER", Role.WITNESS, "(b)(7)(D)", True),
        ("PERSON", Role.INFORMANT, "(b)(7)(D)", True),
        ("INFORMANT_ID", None, "(b)(7)(D)", True),
        ("PERSON", Role.JUVENILE, "(b)(7)(C)", True),
        ("PERSON", Role.OFFICER, "(b)(6), (b)(7)(C)", False),
        ("BADGE_NUMBER", Role.OFFICER, "(b)(6), (b)(7)(C)", False),
        ("CASE_NUMBER", None, "(b)(7)(A)", False),
        ("US_SSN", None, "(b)(6), (b)(7)(C)", True),
        ("PHONE_NUMBER", Role.OFFICER, "(b)(6), (b)(7)(C)", True),
    ],
)
def test_default_exemptions(entity, role, exemption, redact):
    decision = load_exemptions().decide(entity, role)
    assert (decision.exemption, decision.redact) == (exemption, redact)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("name: x\ncodes: {a: b}\nrules:\n  - {type: PERSON, exemption: a, redact: true}\n", "catch-all"),
        ("name: x\ncodes: {a: b}\nrules:\n  - {exemption: zz, redact: true}\n", "not listed"),
        ("name: x\ncodes: {a: b}\nrules:\n  - {role: boss, exemption: a, redact: true}\n", "unknown role"),
        ("name: x\ncodes: {a: b}\nrules:\n  - {exemption: a}\n", "redact"),
        ("name: x\ncodes: {a: b}\nrules:\n  - {exemption: a, redact: true, colour: red}\n", "unknown key"),
        ("name: [\n", "invalid YAML"),
    ],
)
def test_broken_exemption_files_stop(tmp_path, body, message):
    path = tmp_path / "ex.yaml"
    path.write_text(body)
    with pytest.raises(ConfigError, match=message) as info:
        load_exemptions(path)
    assert str(path) in str(info.value)


def test_box_array_is_a_compact_sequence():
    boxes = BoxArray([(1.0, 2.0, 3.0, 4.0), None, (5.0, 6.0, 7.5, 8.0)])
    assert len(boxes) == 3 and boxes[1] is None and boxes[-1] == (5.0, 6.0, 7.5, 8.0)
    assert boxes[0:2] == ((1.0, 2.0, 3.0, 4.0), None) and list(boxes)[2] == (5.0, 6.0, 7.5, 8.0)
    assert boxes == [(1.0, 2.0, 3.0, 4.0), None, (5.0, 6.0, 7.5, 8.0)] and hash(boxes)


# -- plan and apply ----------------------------------------------------------------------------------


def test_plan_lists_masked_proposals(releaser, report_pdf, tmp_path):
    plan, errors, _ = releaser.plan(report_pdf)
    assert not errors and len(plan.documents) == 1
    path = tmp_path / "plan.json"
    save_plan(plan, path)
    raw = path.read_text()
    for secret in build.SECRETS:
        assert secret not in raw
    data = json.loads(raw)
    entries = data["documents"][0]["redactions"]
    keys = {"id", "page", "boxes", "type", "role", "exemption", "reason", "masked", "accepted"}
    assert entries and all(keys <= set(e) for e in entries)
    officer = [e for e in entries if e["role"] == "officer"]
    assert officer and not any(e["accepted"] for e in officer)  # listed, not redacted by default
    assert any(e["page"] == 2 for e in entries)  # later mentions on page 2
    assert load_plan(path).documents[0].redactions[0].id == entries[0]["id"]


def test_apply_follows_an_edited_plan(releaser, report_pdf, tmp_path):
    plan, _, _ = releaser.plan(report_pdf, search=["photo lineup"])
    doc = plan.documents[0]
    suspect = [e for e in doc.redactions if e.role == "suspect"]
    for e in suspect:  # the officer rejects the suspect's name (e.g. already public)
        e.accepted = False
    witness = next(e for e in doc.redactions if e.role == "witness" and e.type == "PERSON")
    witness.exemption = "(b)(7)(C)"
    officer = next(e for e in doc.redactions if e.role == "officer" and e.type == "PERSON")
    officer.accepted = True  # switch on a default-off one
    path = tmp_path / "plan.json"
    save_plan(plan, path)
    data = json.loads(path.read_text())
    # a manual box over "Case No:" text and a withheld page, added by hand in the JSON
    with pymupdf.open(report_pdf) as pdf:
        case = pdf[0].search_for("2024-001234")[0]
    data["documents"][0]["redactions"].append(
        {"page": 1, "boxes": [[case.x0, case.y0, case.x1, case.y1]], "exemption": "(b)(7)(A)"}
    )
    data["documents"][0]["withheld"] = [{"pages": [2], "exemption": "(b)(7)(A)"}]
    data["options"]["bates_prefix"] = "MCPD-"
    path.write_text(json.dumps(data))
    out = tmp_path / "released.pdf"
    outcomes = releaser.apply(load_plan(path), report_pdf, out)
    assert [o.exit_code for o in outcomes] == [ExitCode.OK], outcomes[0].problems
    text = text_of(out)
    assert "Kevin Miller" in text  # rejected: kept
    assert "Robert Chen" not in text and "(b)(7)(C)" in text
    assert "Daniel Ruiz" not in text and "2024-001234" not in text
    assert "WITHHELD IN FULL" in text and "Exemption: (b)(7)(A)" in text and "photo lineup" not in text
    assert "MCPD-000001" in text and "MCPD-000002" in text
    log = json.loads((tmp_path / "released.redactions.json").read_text())
    assert log["withheld_in_full"][0]["pages"] == [2]
    assert any(b["source"] == "manual" and b["exemption"] == "(b)(7)(A)" for b in log["boxes"])
    assert all(b["page"] == 1 for b in log["boxes"])


def test_search_term_redacts_every_mention(releaser, report_pdf, tmp_path):
    plan, _, _ = releaser.plan(report_pdf, search=["parking lot"])
    out = tmp_path / "o.pdf"
    assert releaser.apply(plan, report_pdf, out)[0].exit_code == ExitCode.OK
    assert "parking lot" not in text_of(out) and "Diazepam" in text_of(out)


def test_verification_fails_closed(releaser, report_pdf, tmp_path):
    """A box moved off its text: the value stays readable, so nothing is released."""
    plan, _, _ = releaser.plan(report_pdf)
    for e in plan.documents[0].redactions:
        if e.role == "witness" and e.type == "PERSON":
            e.boxes = [[400.0, 700.0, 450.0, 712.0]]
    out = tmp_path / "out" / "report.pdf"
    outcome = releaser.apply(plan, report_pdf, out)[0]
    assert outcome.exit_code == ExitCode.VERIFY_FAILED
    assert not out.exists() and (out.parent / ".failed" / "report.pdf").exists()
    assert any("pdftotext" in p for p in outcome.problems) and any("raw-scan" not in p for p in outcome.problems)
    report = json.loads((out.parent / ".failed" / "report.verification.json").read_text())
    assert "Robert" not in json.dumps(report) and report["problems"]


def test_plan_validation_and_changed_input(releaser, report_pdf, tmp_path):
    plan, _, _ = releaser.plan(report_pdf)
    path = tmp_path / "plan.json"
    save_plan(plan, path)
    data = json.loads(path.read_text())
    bad = json.loads(json.dumps(data))
    bad["documents"][0]["redactions"][0]["page"] = 9
    path.write_text(json.dumps(bad))
    with pytest.raises(InputError, match=r"redactions\[0\].*page 9"):
        load_plan(path)
    bad = json.loads(json.dumps(data))
    bad["documents"][0]["redactions"][0]["boxes"] = [[10, 10, 5, 5]]
    path.write_text(json.dumps(bad))
    with pytest.raises(InputError, match="boxes"):
        load_plan(path)
    path.write_text(json.dumps(data))
    with pymupdf.open(report_pdf) as pdf:  # the input changes after planning
        pdf.set_metadata({"title": "changed"})
        pdf.save(tmp_path / "changed.pdf")
    (tmp_path / "changed.pdf").replace(report_pdf)
    outcome = releaser.apply(load_plan(path), report_pdf, tmp_path / "o.pdf")[0]
    assert outcome.exit_code == ExitCode.INPUT_ERROR and "changed since the plan" in outcome.error


def test_cli_plan_then_apply(report_pdf, tmp_path):
    exe = Path(__file__).resolve().parents[1] / ".venv" / "bin" / "redactor"
    cmd = str(exe) if exe.exists() else "redactor"
    plan = tmp_path / "p.json"
    r = subprocess.run([cmd, "plan", str(report_pdf), "-o", str(plan), "--no-labels"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    r = subprocess.run(
        [cmd, "apply", str(report_pdf), str(plan), "-o", str(tmp_path / "o.pdf")], capture_output=True, text=True
    )
    assert r.returncode == 0, r.stderr
    assert "Maria" not in text_of(tmp_path / "o.pdf") and "(b)(6)" not in text_of(tmp_path / "o.pdf")
