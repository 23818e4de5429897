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


@pytest.fixture(scope="module")
def rules_only() -> Engine:
    """Roles from the rules alone: the evidence the role model reads (tests below the report)."""
    return Engine(learned_roles=False)


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


@pytest.mark.parametrize(
    ("text", "value", "role"),
    [
        # the role code of a records-system export's row
        (
            "CASE_NO,SEQ,INV_TYPE,LABEL,LAST,FIRST,DOB,PHONE,SSN\nPK24-01,2,SUS,S1,GUNDERSEN,KYLE,,,",
            "GUNDERSEN",
            Role.SUSPECT,
        ),
        # phrases before and after a name (rules/roles.yaml before_name / after_name)
        ("I prepared a photo lineup with Patrick Kerrigan in position 4.", "Patrick Kerrigan", Role.SUSPECT),
        ("Later that day Dustin Fogle was arraigned before the magistrate.", "Dustin Fogle", Role.SUSPECT),
        ("At 424 I spoke with Tomasz Wisniewski about the van.", "Tomasz Wisniewski", Role.WITNESS),
        ("Ruby Hensley was transported to Davis Memorial.", "Ruby Hensley", Role.VICTIM),
        # titles: before the name, with a colon, and after it
        ("FROM:     TFO Nolan Fitzhugh (OFPD DSN 1158)", "Nolan Fitzhugh", Role.OFFICER),
        ("Officer: Ptl. Signe Haraldsen  Badge K-31", "Signe Haraldsen", Role.OFFICER),
        ("Intake Sgt.: Harriet Yazzie   #1702", "Harriet Yazzie", Role.OFFICER),
        ("I. Oduya-Sterling, Lt. #P-0217", "I. Oduya-Sterling", Role.OFFICER),
        ("arresting_officer=FONTENOT, RHETT", "FONTENOT, RHETT", Role.OFFICER),
        # court staff are not officers, although "Deputy" is an officer title
        ("By: J. Pinder, Deputy Clerk", "J. Pinder", Role.OTHER),
        ("Printed by: Deputy Clerk Hollis-Tate, Marjorie", "Hollis-Tate, Marjorie", Role.OTHER),
        # a label in the column before a tab is not part of the name
        ("Inmate\tKASPRZAK, NATALIE R.", "KASPRZAK, NATALIE R.", Role.SUSPECT),
        # ages in words
        ("A fifteen-year-old, Tyler Diaz, was cited.", "Tyler Diaz", Role.JUVENILE),
        ("Tyler Diaz, age fourteen, was present.", "Tyler Diaz", Role.JUVENILE),
        ("Tyler Diaz, one of the men, was present.", "Tyler Diaz", Role.OTHER),
        # an aside between a name and the phrase about it
        (
            "Adult male Jayden Pruitt, DOB 3/29/2005, arrested by TPD for custodial interference.",
            "Jayden Pruitt",
            Role.SUSPECT,
        ),
        # civilians are not officers: a qualifier before the title, a lower-case common noun,
        # officers mentioned in the sentence, "reported by" (the reporting party)
        ("Mall security officer Brandon Leaks detained both juveniles.", "Brandon Leaks", Role.OTHER),
        ("Surety: Old Dominion Bail Bonds, agent Curtis Mabry, 434-555-0112", "Curtis Mabry", Role.OTHER),
        (
            "Courtney Fields was stopped in traffic and told officers she bought the pills.",
            "Courtney Fields",
            Role.OTHER,
        ),
        ("The theft was reported by Dolores Whitcombe at 0815 hrs.", "Dolores Whitcombe", Role.WITNESS),
        ("Officers Ruiz and Helga Brandvold arrived at 0820 hrs.", "Helga Brandvold", Role.OFFICER),
        # staff who saw or heard it are witnesses; staff who did not are "other"
        ("The clerk, Priya Raman, remembered the man because he smelled of smoke.", "Priya Raman", Role.WITNESS),
        ("Bar manager Shelby Napier said she heard the glass break.", "Shelby Napier", Role.WITNESS),
        ("His attorney, Sam Osei-Bonsu, was present by phone.", "Sam Osei-Bonsu", Role.OTHER),
        # what a person says of their own seeing, further on in the sentence
        ("Della Marsh said she came out when she heard yelling.", "Della Marsh", Role.WITNESS),
        ("Renata Solis told me she was punched twice in the parking lot.", "Renata Solis", Role.VICTIM),
        # interviewing someone or naming a relative is weaker evidence than what they did
        ("Duane said his son Colton Riedinger was arrested by Dep. Ruiz.", "Colton Riedinger", Role.SUSPECT),
        ("Dylan Spicer was present and was arrested by IMPD.", "Dylan Spicer", Role.SUSPECT),
        ("Tavaris Coleman surrendered at the station with his attorney.", "Tavaris Coleman", Role.SUSPECT),
        # a shop clerk is a witness; a court clerk is not
        ("The night clerk, Rosalind Price, had called it in.", "Rosalind Price", Role.WITNESS),
        ("A COPY TESTE:  Regina Coles-Whitby, Clerk", "Regina Coles-Whitby", Role.OTHER),
        # a title in brackets before another name is that person's
        (
            "the number on a 2023 FI card for Darnell Ashford (Ofc. Jarvis Tullos, 06/2023).",
            "Darnell Ashford",
            Role.OTHER,
        ),
        # a label with a dotted leader; "assisting" and "backup" name officers
        ("ASSISTING ......... RUCKMAN, DALLIN  BADGE 2244", "RUCKMAN, DALLIN", Role.OFFICER),
        # a title after another title; "DFC"; a victim code before "ID"
        ("Shift          Day (0700-1900)      Shift Commander  Lt. Brandon Oyelowo", "Brandon Oyelowo", Role.OFFICER),
        ("searched by DFC Villarreal Soto: no money", "Villarreal Soto", Role.OFFICER),
        (
            "23:47:02  HA21   dsp11   VICT ID GAINES, DEANDRE MARCUS DOB 03/30/2001",
            "GAINES, DEANDRE MARCUS",
            Role.VICTIM,
        ),
        # a title word that ends a sentence is no title
        ("I said I am calling the Sheriff. Shane Klinkhammer said I won't.", "Shane Klinkhammer", Role.OTHER),
        # "who" before a phrase; charges faced; a driver who failed the sobriety tests
        (
            "Police are looking for Marquis Everette, 22, who also faces a murder charge.",
            "Marquis Everette",
            Role.SUSPECT,
        ),
        (
            "Driver: Travis Holloway   DOB: 02/18/1981. Travis Holloway refused field sobriety tests.",
            "Travis Holloway",
            Role.SUSPECT,
        ),
    ],
)
def test_role_in_one_line(rules_only: Engine, text: str, value: str, role: Role) -> None:
    assert roles_of(rules_only.analyze_text(text + "\n"), value) == {role}


FAMILY = (  # a child's DOB under the family name does not make the father a juvenile
    "NAM/PRUITT, DALTON RAY   DOB/07/22/1988\n"
    "Report date 03/11/2024. PRUITT was arrested.\n\n"
    "ASSOCIATED PERSONS\n"
    " NAM/PRUITT, KAYDEN   DOB/06/27/2011  REL/SON\n"
)
ALIAS = "SUSPECT: PRUITT, DALTON RAY   DOB 07/22/1988\nAlso Known As ....... PRUITT, TRIPP; BIG D\n"
TABLE = (  # the header of a table column gives the role
    "#  Warrant No.        Subject / DOB                     Last known address\n"
    "-- ------------------ --------------------------------- ------------------\n"
    "1  W-24-00983         GUIDRY, TREMAINE J  08/14/1996    SERVED 07/21\n"
)
JAIL = (  # every mention, whatever its case
    "  Aggressor: LAFLEUR, DONTAE M.      Booking TCJ-24-005517\n"
    "  Victim:    McALLISTER, SEAN PATRICK  Booking TCJ-24-005870\n"
    "I observed inmate LaFleur strike inmate McAllister in the face.\n"
)

INVOLVED = (  # a cell of the row names the role, whatever the table's heading says
    "INMATES INVOLVED\n"
    "  BOOKING NO.   NAME                        DOB           INVOLVEMENT\n"
    "  PC24-004417   SHULGIN, YEVGENY ANATOLY    10-JUN-1990   Aggressor\n"
    "  PC24-003982   KALOGEROPOULOS, STAVROS     21-FEB-1968   Victim\n"
)
STREET_OF_THE_SAME_NAME = (  # a witness's surname before a street suffix is the street
    "Witness Maria Birch was on her porch. They ran toward Birch St. Ms. Birch said so. SHE SAID SO TOO.\n"
)
TITLE_ABOVE = (  # a title at the end of the line above the name
    "Whitlock came down the ladder after Ofc.\nSamuel Okonjo moved out of sight. Whitlock had no weapons.\n"
)

SHARED_SURNAME = (  # a lone surname is the person the report introduced first, not the relative after
    "JUVENILE: NAVARRO, SOFIA   DOB 05/02/2009   Report date 06/01/2024\n"
    "Parent:   NAVARRO, CLAUDIA   Relationship: Mother\n\n"
    "Navarro admitted taking the items.\n"
)
GIVEN_NAMES = (  # both given names of "LAST, FIRST SECOND" are one person
    "MISSING JUVENILE: VANG, MAI YER   (age 15)\nHer phone is off. Mai Yer's shoes were by the door.\n"
)
PARENT_IN_VICTIM_SECTION = (  # a section header does not make a child's mother the victim
    "JUVENILE: WISNIEWSKI, TOMASZ (age 14)\n Parent(s):   Agnieszka Wisniewska (mother)   570-555-0149\n\n"
    "ALLEGED VICTIM\n RAHMAN, ZAYD (age 14)\nMs. Wisniewska came to the school and took him home.\n"
)
ABUSIVE_PARENT = (  # a parent who struck the child is a suspect, not a guardian
    "CHILD: PICKENS, KAYLEE (age 13)\nThe child's father, Wade Pickens, struck her with a belt.\n"
)


@pytest.mark.parametrize(
    ("text", "value", "role"),
    [
        (SHARED_SURNAME, "Navarro", Role.JUVENILE),
        (GIVEN_NAMES, "Mai Yer", Role.JUVENILE),
        (ABUSIVE_PARENT, "Wade Pickens", Role.SUSPECT),
        (PARENT_IN_VICTIM_SECTION, "Wisniewska", Role.GUARDIAN),
        (FAMILY, "PRUITT, DALTON RAY", Role.SUSPECT),
        (ALIAS, "PRUITT, TRIPP", Role.SUSPECT),
        (TABLE, "GUIDRY, TREMAINE J", Role.SUSPECT),
        (JAIL, "LaFleur", Role.SUSPECT),
        (JAIL, "McAllister", Role.VICTIM),
        (INVOLVED, "SHULGIN, YEVGENY ANATOLY", Role.SUSPECT),
        (INVOLVED, "KALOGEROPOULOS, STAVROS", Role.VICTIM),
        (TITLE_ABOVE, "Samuel Okonjo", Role.OFFICER),
    ],
)
def test_role_in_a_document(rules_only: Engine, text: str, value: str, role: Role) -> None:
    assert roles_of(rules_only.analyze_text(text), value) == {role}


def test_a_street_named_like_a_person_is_no_mention(rules_only: Engine) -> None:
    found = {(f.start, f.value) for f in rules_only.analyze_text(STREET_OF_THE_SAME_NAME) if f.type == "PERSON"}
    street = STREET_OF_THE_SAME_NAME.index("Birch St")
    assert (STREET_OF_THE_SAME_NAME.index("Maria Birch"), "Maria Birch") in found
    assert all(start != street for start, _ in found)
    assert not any(value == "SAID" for _, value in found)
