"""Roles of people, and every mention of a person found."""

from __future__ import annotations

import pytest

from redactor.detect.engine import Engine
from redactor.model import Role

REPORT = """\
INCIDENT REPORT   Case No. 2024-029772

VICTIM:  DIAZ, AMANDA M.   DOB: 03/14/1987   SEX: F
SSN: 123-45-6789
SUSPECT: BELL, MARCUS T.   DOB: 11/02/1985

NARRATIVE
I, Officer Daniel Reyes #2291, contacted the victim, Amanda Diaz, who said Bell struck her.
Witness Rose Young called 911. Her grandson, Tyler Young (age 14), was present.
CI-0427 later told Det. Kowalczyk that Bell was staying nearby. Ms. Diaz's injuries were minor.
"""


@pytest.fixture(scope="module")
def findings(engine: Engine):  # type: ignore[no-untyped-def]
    return engine.analyze_text(REPORT)


def roles_of(findings, value: str) -> set[Role | None]:  # type: ignore[no-untyped-def]
    return {f.role for f in findings if f.type == "PERSON" and f.value == value}


@pytest.mark.parametrize(
    ("value", "role"),
    [
        ("DIAZ, AMANDA M.", Role.VICTIM),
        ("Amanda Diaz", Role.VICTIM),
        ("BELL, MARCUS T.", Role.SUSPECT),
        ("Bell", Role.SUSPECT),
        ("Daniel Reyes", Role.OFFICER),
        ("Kowalczyk", Role.OFFICER),
        ("Rose Young", Role.WITNESS),
        ("Tyler Young", Role.JUVENILE),
    ],
)
def test_role(findings, value: str, role: Role) -> None:  # type: ignore[no-untyped-def]
    assert roles_of(findings, value) == {role}


def test_every_mention_is_found(findings) -> None:  # type: ignore[no-untyped-def]
    diaz = [f for f in findings if f.type == "PERSON" and ("Diaz" in f.value or "DIAZ" in f.value)]
    # the form entry, "Amanda Diaz", and "Ms. Diaz's"
    assert len(diaz) >= 3
    bells = [f for f in findings if f.type == "PERSON" and f.value == "Bell"]
    assert len(bells) == 2


def test_identifiers_take_the_role_of_their_owner(findings) -> None:  # type: ignore[no-untyped-def]
    by_type = {f.type: f.role for f in findings if f.type in {"US_SSN", "BADGE_NUMBER", "INFORMANT_ID"}}
    assert by_type == {"US_SSN": Role.VICTIM, "BADGE_NUMBER": Role.OFFICER, "INFORMANT_ID": Role.INFORMANT}


def test_values_are_masked_in_repr(findings) -> None:  # type: ignore[no-untyped-def]
    ssn = next(f for f in findings if f.type == "US_SSN")
    assert "123-45-6789" not in repr(ssn)
    assert ssn.masked() == "***-**-6789"
