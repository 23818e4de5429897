"""The learned role model: roles from what people did, and a model file that is checked on load."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from redactor.detect.engine import Engine
from redactor.detect.rolemodel import DEFAULT_MODEL_DIR, FEATURE_VERSION, RoleModel
from redactor.errors import ModelError
from redactor.model import Role
from redactor.modelfiles import META_FILE, MODEL_FILE

ROOT = Path(__file__).resolve().parents[1]

# No role word at Hope or Prager: what happened to them and what they saw says it. (Rollins, only
# suspected, is ambiguous: the model trained on dev..dev5 said suspect, with dev6 it says witness.)
BURGLARY = """\
OFFENSE REPORT  Burglary - Residential   Case 24-118230

On 08/19/2024 at 0712 hrs I was dispatched to 418 Syringa Ln for a burglary that had already occurred.
On arrival I met Hope Castellano in the driveway. She told me she and her husband, Gideon Castellano,
left on Friday for a family wedding and got home this morning. Hope said the sliding door off the back
deck was open and her jewelry box was missing from the bedroom. Gideon told me his Browning rifle had
been taken from the closet. A neighbor, Walt Prager, said he saw a white pickup backed up to the garage
on Saturday night but did not get the plate. Prager said the driver was a thin man in a red cap.
Hope said only two people knew they would be gone, one of them her cousin Dale Rollins, who has been in
the house a bunch. Rollins has two prior burglary arrests. I requested a latent print examiner.
"""


@pytest.mark.parametrize(
    ("value", "role"),
    [
        ("Hope Castellano", Role.VICTIM),
        ("Hope", Role.VICTIM),
        ("Walt Prager", Role.WITNESS),
        ("Prager", Role.WITNESS),
    ],
)
def test_roles_from_the_narrative(engine: Engine, value: str, role: Role) -> None:
    roles = {f.role for f in engine.analyze_text(BURGLARY) if f.type == "PERSON" and f.value == value}
    assert roles == {role}


def test_an_age_still_makes_a_juvenile(engine: Engine) -> None:
    text = "Deputies found Kaden Moss (age 15) behind the store holding a pry bar. Moss ran.\n"
    roles = {f.role for f in engine.analyze_text(text) if f.type == "PERSON"}
    assert roles == {Role.JUVENILE}


def test_the_committed_model_matches_its_training_set_up() -> None:
    sys.path.insert(0, str(ROOT / "models" / "roles"))
    import train  # type: ignore[import-not-found]

    meta = json.loads((DEFAULT_MODEL_DIR / META_FILE).read_text(encoding="utf-8"))
    assert meta["splits"] == list(train.SPLITS)
    assert "heldout" not in meta["splits"]
    assert meta["feature_version"] == FEATURE_VERSION
    model = RoleModel.load()
    assert set(model.classes) <= set(Role) and Role.VICTIM in model.classes


@pytest.fixture
def model_copy(tmp_path: Path) -> Path:
    shutil.copytree(DEFAULT_MODEL_DIR, tmp_path / "roles", ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return tmp_path / "roles"


def test_a_changed_model_file_is_refused(model_copy: Path) -> None:
    data = bytearray((model_copy / MODEL_FILE).read_bytes())
    data[-10] ^= 0xFF
    (model_copy / MODEL_FILE).write_bytes(bytes(data))
    with pytest.raises(ModelError, match="SHA-256"):
        RoleModel.load(model_copy)


def test_a_model_for_other_features_is_refused(model_copy: Path) -> None:
    meta = json.loads((model_copy / META_FILE).read_text(encoding="utf-8"))
    meta["feature_version"] = FEATURE_VERSION + 1
    (model_copy / META_FILE).write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelError, match="other features"):
        RoleModel.load(model_copy)


def test_a_missing_model_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(ModelError) as caught:
        RoleModel.load(tmp_path)
    assert "make train" in str(caught.value.hint)
