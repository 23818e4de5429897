"""Classification: markings, findings rules and the trained model, combined and explained."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from redactor.classify import CATEGORIES, Classifier, Level
from redactor.classify.markings import find_markings, load_markings
from redactor.classify.model import DEFAULT_MODEL_DIR, TextModel
from redactor.detect.engine import Engine
from redactor.errors import ConfigError, ModelError
from redactor.model import Document, Finding, Role

JUVENILE = """\
Coldwater Police Department
JUVENILE CONTACT REPORT
Case: JV-24-11873
Juvenile: Tyler Brandt   Age: 14   DOB: 03/02/2010

The juvenile was detained by store security for taking two phone chargers. His mother, Karen Brandt,
was contacted at (555) 201-7781 and took custody of the minor at the station. The youth was referred
to the county juvenile diversion program. Juvenile records are not open to public inspection.
"""
INFORMANT = """\
Coldwater Police Department -- Narcotics Unit
CONFIDENTIAL INFORMANT DEBRIEF
Source: CI-4471   Handler: Det. R. Salas #4410

CI-4471 reported that the target sells fentanyl from a grey sedan behind the laundromat. The
information was corroborated by surveillance on two dates. The source was paid $200.00 from the
confidential funds account and reminded he is not an agent of the department.
"""
PRESS = """\
FOR IMMEDIATE RELEASE
Coldwater Police Department -- Public Information Office

The department will hold its annual Coffee with a Cop event on Saturday at the public library.
Residents are invited to meet officers, ask questions and learn about crime prevention. Thefts from
unlocked vehicles have increased this season; the Chief reminds residents to lock their cars.
"""
MEMO = """\
COLDWATER POLICE DEPARTMENT
GENERAL ORDER 2.14 -- PROPERTY AND EVIDENCE
Effective: July 1, 2024

Purpose: to establish procedures for the submission, storage and release of property and evidence.
All evidence shall be submitted to the property room before the end of shift. Supervisors shall
review property reports for completeness. This order supersedes all previous directives.
"""


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return Classifier()


def classify(engine: Engine, classifier: Classifier, text: str):  # type: ignore[no-untyped-def]
    document = Document.from_text(text)
    return classifier.classify(document, engine.analyze(document))


def test_juvenile_record_is_restricted_with_reported_sources(engine: Engine, classifier: Classifier) -> None:
    result = classify(engine, classifier, JUVENILE)
    assert result.level == Level.RESTRICTED
    assert result.categories[0] == "juvenile_record"
    sources = {e.source for e in result.evidence if e.category == "juvenile_record"}
    assert {"marking", "classifier"} <= sources
    assert "juvenile" in result.markings
    assert result.explanations[0].startswith("RESTRICTED: ") and "juvenile_record" in result.explanations[0]


def test_informant_file_is_restricted(engine: Engine, classifier: Classifier) -> None:
    result = classify(engine, classifier, INFORMANT)
    assert result.level == Level.RESTRICTED
    assert "informant_file" in result.categories


@pytest.mark.parametrize(("text", "level"), [(PRESS, Level.PUBLIC), (MEMO, Level.INTERNAL)])
def test_clean_press_release_and_memo_stay_low(engine: Engine, classifier: Classifier, text: str, level: Level) -> None:
    result = classify(engine, classifier, text)
    assert result.categories == ("policy_or_public",)
    assert result.level == level


def test_banner_marking_raises_the_level(engine: Engine, classifier: Classifier) -> None:
    result = classify(engine, classifier, "LAW ENFORCEMENT SENSITIVE\n\n" + MEMO)
    assert result.level == Level.CONFIDENTIAL
    assert "law-enforcement-sensitive" in result.markings


def test_confidential_in_prose_is_not_a_marking() -> None:
    rules = load_markings()
    ids = {m.id for m, _ in find_markings(rules, "MANAGEMENT OF CONFIDENTIAL INFORMANTS\nHandlers meet sources.")}
    assert "confidential" not in ids
    assert "confidential" in {m.id for m, _ in find_markings(rules, "CONFIDENTIAL - PERSONNEL MATTER")}


def test_findings_rules_add_category_and_level(classifier: Classifier) -> None:
    ci = [Finding("INFORMANT_ID", 0, 7, 0.9, "t", "CI-1234", Role.INFORMANT) for _ in range(3)]
    result = classifier.classify(Document.from_text("Meeting notes. Nothing else of note here."), ci)
    assert any(e.source == "findings" and e.category == "informant_file" for e in result.evidence)
    assert result.level == Level.RESTRICTED


def test_classification_is_deterministic(engine: Engine, classifier: Classifier) -> None:
    assert classify(engine, classifier, INFORMANT) == classify(engine, classifier, INFORMANT)


def test_tampered_model_is_refused(tmp_path: Path) -> None:
    shutil.copytree(DEFAULT_MODEL_DIR, tmp_path / "m", ignore=shutil.ignore_patterns("*.py"))
    TextModel.load(tmp_path / "m")  # an intact copy loads
    with open(tmp_path / "m" / "model.npz", "ab") as f:
        f.write(b"\0")
    with pytest.raises(ModelError, match="SHA-256"):
        TextModel.load(tmp_path / "m")


FLOORS = "category_floors: {" + ", ".join(f"{c}: INTERNAL" for c in CATEGORIES) + "}\n"


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("category_floors: {juvenile_record: SECRET}\n", "unknown level 'SECRET'"),
        ("category_floors: {juvenile_record: RESTRICTED}\n", "missing: criminal_history"),
        (FLOORS + "markings:\n  - {id: a, pattern: '(', level: RESTRICTED}\n", "invalid regex"),
        (
            FLOORS + "findings:\n  - {id: f, types: [PERSON], roles: [ghost], category: medical}\n",
            "unknown role 'ghost'",
        ),
        (FLOORS + "markings:\n  - {id: a, pattern: 'X', category: gossip}\n", "unknown category 'gossip'"),
    ],
)
def test_bad_markings_file_stops_with_line(tmp_path: Path, yaml_text: str, message: str) -> None:
    path = tmp_path / "markings.yaml"
    path.write_text(yaml_text)
    with pytest.raises(ConfigError) as info:
        load_markings(path)
    assert message in str(info.value) and info.value.line is not None


def test_classify_cli_jsonl_and_directories(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "juv.txt").write_text(JUVENILE)
    (tmp_path / "sub" / "press.txt").write_text(PRESS)
    out = subprocess.run(
        [sys.executable, "-m", "redactor", "classify", str(tmp_path), "--format", "jsonl"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    rows = {Path(r["file"]).name: r for r in map(json.loads, out.stdout.splitlines())}
    assert rows["juv.txt"]["level"] == "RESTRICTED" and "juvenile_record" in rows["juv.txt"]["categories"]
    assert rows["press.txt"]["level"] == "PUBLIC"
    assert {"evidence", "explanations", "markings"} <= set(rows["juv.txt"])


POLICY_ON_SOURCES = """\
Coldwater Police Department Policy Manual
POLICY 608 - USE OF CONFIDENTIAL SOURCES
Effective: March 1, 2024

Purpose: to set the requirements for the approval, use, payment and deactivation of confidential
sources. Each source shall be approved by the Investigations commander and registered with a source
number; true names shall not appear in reports. Payments shall be witnessed by two officers and
recorded in the ledger, which is audited quarterly. Juveniles shall not be used as sources without
the written consent of a parent and the Chief. A source who commits a crime shall be deactivated.
"""


class _FixedModel:
    """Stands in for the trained model: fixed probabilities, so the decision rules can be tested alone."""

    def __init__(self, probabilities: dict[str, float], threshold: float = 0.4) -> None:
        self.threshold = threshold
        self._probabilities = {c: probabilities.get(c, 0.01) for c in CATEGORIES}

    def threshold_for(self, category: str) -> float:
        return self.threshold

    def probabilities(self, text: str, findings: object) -> dict[str, float]:
        return dict(self._probabilities)


def test_policy_or_public_sets_aside_less_probable_classifier_categories() -> None:
    model = _FixedModel({"policy_or_public": 0.8, "informant_file": 0.55, "personnel": 0.9})
    result = Classifier(model=model).classify(Document.from_text("Policy on sources."), [])  # type: ignore[arg-type]
    assert result.categories == ("personnel", "policy_or_public")  # more probable than policy: kept
    assert any("informant_file (0.55)" in line for line in result.explanations)
    # a marking that names another category is never overruled by the classifier
    sealed = Classifier(model=_FixedModel({"policy_or_public": 0.8, "informant_file": 0.55}))  # type: ignore[arg-type]
    result = sealed.classify(Document.from_text("ORDER OF EXPUNGEMENT\nPolicy on sources."), [])
    assert set(result.categories) == {"sealed_or_expunged", "informant_file", "policy_or_public"}
    assert result.level == Level.RESTRICTED


def test_policy_about_informants_and_juveniles_stays_internal(engine: Engine, classifier: Classifier) -> None:
    result = classify(engine, classifier, POLICY_ON_SOURCES)
    assert result.categories == ("policy_or_public",)
    assert result.level == Level.INTERNAL


def test_cjis_compliance_prose_is_not_a_marking() -> None:
    rules = load_markings()
    prose = "Hosting must comply with the FBI CJIS Security Policy; the vendor signs the CJIS addendum."
    assert "criminal-justice-only" not in {m.id for m, _ in find_markings(rules, prose)}
    banner = "CRIMINAL HISTORY RECORD -- FOR CRIMINAL JUSTICE PURPOSES ONLY"
    assert "criminal-justice-only" in {m.id for m, _ in find_markings(rules, banner)}


def test_chri_counts_as_a_header_not_in_a_policy_sentence() -> None:
    rules = load_markings()
    prose = "A. CHRI obtained from DCI or NCIC shall never be released by records staff."
    assert "criminal-justice-only" not in {m.id for m, _ in find_markings(rules, prose)}
    header = "Query by ORI\nIII / NCIC QUERY RESPONSE -- CHRI\nNAM/DOE, JOHN"
    assert "criminal-justice-only" in {m.id for m, _ in find_markings(rules, header)}


def test_model_trained_with_other_finding_scale_is_refused(tmp_path: Path) -> None:
    shutil.copytree(DEFAULT_MODEL_DIR, tmp_path / "m", ignore=shutil.ignore_patterns("*.py"))
    meta_path = tmp_path / "m" / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta["finding_scale"] = 0.35
    meta_path.write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="finding features"):
        TextModel.load(tmp_path / "m")


@pytest.mark.parametrize("split", ["train", "realistic"])
def test_training_labels_follow_the_level_conventions(split: str) -> None:
    """Juvenile records and informant files are RESTRICTED; clean policy and public documents PUBLIC or INTERNAL."""
    from redactor.classify.dataset import load_examples

    examples = load_examples(Path(__file__).resolve().parents[1] / "samples" / "classify" / split)
    for e in examples:
        if e.categories & {"juvenile_record", "informant_file", "sealed_or_expunged"}:
            assert e.level == Level.RESTRICTED, e.path.name
        if e.categories == {"policy_or_public"}:
            assert e.level <= Level.INTERNAL, e.path.name
        if "policy_or_public" in e.categories:
            assert e.categories == {"policy_or_public"}, e.path.name


PRESS_ARREST = """\
NEWS RELEASE
Coldwater Police Department -- Public Information Office
Release #24-207 | Tuesday, October 8, 2024

ARREST MADE IN MAPLE STREET STABBING

Coldwater police have arrested a 31-year-old man in connection with the October 5 stabbing of a
local bakery owner on Maple Street.

Dwight Allen Pruett, 31, of Coldwater, was taken into custody Monday night at a motel on Route 9
by detectives and members of the county fugitive task force. He is charged with aggravated
assault and is being held at the Coldwater County Jail on a $250,000 bond.

The victim, Rosalind Ferreira, 54, the owner of Ferreira's Bakery, was stabbed while closing the
shop. She is recovering at home. Police say the two did not know each other.

"Our detectives worked through the weekend on this case, and we thank the neighbors who shared
their camera footage," said Chief Raymond Okafor.

Anyone with information is asked to call Detective Lena Marsh at 555-201-4410. Charges are
accusations; every defendant is presumed innocent until proven guilty.
"""


def test_press_release_naming_arrest_and_victim_is_at_most_internal(engine: Engine, classifier: Classifier) -> None:
    """A press release names the arrested man and the victim; the victim-identity findings rule fires but
    is capped, because a press release is never above INTERNAL (issue 4)."""
    document = Document.from_text(PRESS_ARREST)
    findings = engine.analyze(document)
    assert any(f.type == "PERSON" and f.role == Role.VICTIM for f in findings), "precondition: a victim is found"
    result = classifier.classify(document, findings)
    assert result.categories == ("policy_or_public",)
    assert result.level == Level.INTERNAL
    assert "capped from CONFIDENTIAL" in result.explanations[0]
    assert any("capped at INTERNAL" in line for line in result.explanations)


def _victims(n: int) -> list[Finding]:
    return [Finding("PERSON", 0, 5, 0.9, "t", "Alice", Role.VICTIM) for _ in range(n)]


def test_public_cap_keeps_markings_and_other_categories() -> None:
    """The cap lowers only the floors of 'capped_in_public' findings rules, only in a document whose only
    category is policy_or_public: an explicit banner keeps its level, and a record in another category
    keeps the victim-identity floor."""
    public = Classifier(model=_FixedModel({"policy_or_public": 0.9}))  # type: ignore[arg-type]
    assert public.classify(Document.from_text("A memo."), _victims(2)).level == Level.INTERNAL
    banner = public.classify(Document.from_text("LAW ENFORCEMENT SENSITIVE\nA memo."), _victims(2))
    assert banner.level == Level.CONFIDENTIAL
    report = Classifier(model=_FixedModel({"incident_report": 0.9}))  # type: ignore[arg-type]
    assert report.classify(Document.from_text("A report."), _victims(2)).level == Level.CONFIDENTIAL


def test_named_juveniles_alone_do_not_make_a_juvenile_record() -> None:
    """Children named in a crash or DV report make it CONFIDENTIAL; only a juvenile marking or the
    classifier makes it a juvenile record (RESTRICTED)."""
    kids = [Finding("PERSON", 0, 5, 0.9, "t", "Timmy", Role.JUVENILE) for _ in range(4)]
    report = Classifier(model=_FixedModel({"incident_report": 0.9}))  # type: ignore[arg-type]
    result = report.classify(Document.from_text("Crash report. Two children were passengers."), kids)
    assert "juvenile_record" not in result.categories
    assert result.level == Level.CONFIDENTIAL
    marked = report.classify(Document.from_text("JUVENILE DETENTION CENTER\nIncident report."), kids)
    assert "juvenile_record" in marked.categories and marked.level == Level.RESTRICTED


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        (
            FLOORS + "findings:\n  - {id: f, types: [PERSON], category: medical, capped_in_public: true}\n",
            "'capped_in_public' is for rules without a category",
        ),
        (
            FLOORS + "findings:\n  - {id: f, types: [PERSON], level: CONFIDENTIAL, capped_in_public: true}\n",
            "'public_cap' (a level) is missing",
        ),
    ],
)
def test_bad_public_cap_stops_with_line(tmp_path: Path, yaml_text: str, message: str) -> None:
    path = tmp_path / "markings.yaml"
    path.write_text(yaml_text)
    with pytest.raises(ConfigError) as info:
        load_markings(path)
    assert message in str(info.value) and info.value.line is not None


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Medic 6 transported him to Eastern Idaho Regional Medical Center.", "k:care_transport"),
        ("A SANE nurse completed the exam.", "k:forensic_exam"),
        ("SID: AR01447925     FBI No.: 771203KD4", "k:chri_id"),
        ("I, Marisol Etsitty, make the following statement of my own free will.", "k:statement_opening"),
        ("She has a protective order against him.", "k:sensitive_offense"),
        ("He takes donepezil and warfarin.", "k:medication"),
        ("Mr. Pike has moderate Alzheimer's disease.", "k:condition"),
        ("She declined transport and signed the refusal.", "k:care_declined"),
        ("Booking No. 24-0113, Housing Unit C", "k:custody"),
        ("He pleaded guilty and was sentenced to 30 days.", "k:court_outcome"),
        ("You are suspended without pay for ten days.", "k:employment_action"),
        ("Eli Sandoval (age 14), Tidewater Middle School", "k:minor_age"),
        ("Referred to the Child Advocacy Center for a forensic interview.", "k:child_setting"),
        ("MABRY: Your name?\nPIERRE: Woodline.\nMABRY: And your address?\n", "k:dialogue"),
        ("Det. Ruiz interviewed the clerk and canvassed the block.", "k:witness_interview"),
    ],
)
def test_cues(text: str, cue: str) -> None:
    from redactor.classify.features import cue_terms

    assert cue in cue_terms(text)


def test_acronym_cues_match_capitals_only() -> None:
    """'safe' is not a SAFE exam, nor a roman 'iii.' a III criminal-history query."""
    from redactor.classify.features import cue_terms

    assert cue_terms("She felt safe at home.\niii. the third item: none") == []


def test_care_cues_need_care_not_an_injury() -> None:
    """Being hurt is not medical: an injury alone gives no care cue, a declined ambulance gives the opposite one."""
    from redactor.classify.features import cue_terms

    terms = cue_terms("The victim had a red mark on his cheek and refused medical attention.")
    assert "k:care_declined" in terms
    assert not {"k:care_transport", "k:treatment", "k:medication", "k:clinical"} & set(terms)


def test_form_labels_are_not_a_dialogue() -> None:
    from redactor.classify.features import cue_terms

    assert "k:dialogue" not in cue_terms("NAME: Ann Lee\nDOB: 01/02/1990\nADDRESS: 4 Elm St\nPHONE: 555-0100\n")


def test_model_trained_with_other_cues_is_refused(tmp_path: Path) -> None:
    shutil.copytree(DEFAULT_MODEL_DIR, tmp_path / "m", ignore=shutil.ignore_patterns("*.py"))
    meta_path = tmp_path / "m" / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta["cue_digest"] = "0" * 64
    meta_path.write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="cue features"):
        TextModel.load(tmp_path / "m")
