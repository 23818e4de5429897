"""Name gazetteers (US Census first and last names) and the words that are never names."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

import regex
from spacy.lang.en.stop_words import STOP_WORDS

NAMES_DIR = Path(__file__).resolve().parents[3] / "models" / "names"

# Words of police paperwork that also occur as census surnames or first names. A capitalized one
# of these alone never makes a name; next to a real first name it still can ("Rose Street").
FORM_WORDS = frozenset(
    """
    officer officers police sheriff deputy detective sergeant sgt det lieutenant captain chief
    victim victims witness witnesses suspect suspects juvenile juveniles informant arrestee
    defendant complainant reporting party parent guardian mother father owner driver subject
    name names last first middle dob date birth age sex race height weight hair eyes phone cell
    home work address apt unit suite ste street avenue road drive lane court boulevard city state zip county
    report incident case number narrative supplemental statement summary page of unit badge
    street north south east west male female white black hispanic asian unknown none n/a
    vehicle plate license make model color year type code section charge charges offense
    arrest booking jail court judge hon honorable district attorney public defender clerk
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december am pm hours hrs approx approximately
    dispatch cad call rp emt ems medic hospital center department dept division bureau office
    confidential restricted sensitive official use only law enforcement sealed draft copy
    signed sworn notary subscribed affiant property evidence item items total amount cash
    the and for with from this that then when where which while who was were has had
    star serial investigator advocate assistance program loc dispo handler record records
    follow-up followup interviewed reimbursement minor citizen complaint
    sir madam maam boss bro dude honey baby mom dad mama papa buddy
    signature primary mall inc llc corp co company hospital hosp medical clinic center centre
    church masjid mosque temple school academy college university bank motel hotel market mercado
    store shop towing services apartments apts plaza twp township village park way lane ln
    calle camino paseo avenida drive dr st ave rd blvd highway hwy route county parish borough
    division narcotics patrol shift unit squad team task force detail program assistance
    statement written supervisor commander siu swat k9 bwc cad rms ncic cjis gang
    controlled substance trafficking harassment assault battery burglary robbery theft
    board community fund account power file action civil notification recording recordings
    hoodie jacket hand left right affiant magistrate grand jury superior municipal circuit
    association foundation society council commission agency authority services service
    prosecuting probation parole coordinator numbers cheek neck chest shoulder forearm wrist
    knee ankle thigh elbow hip pod dayroom tier said rights shield
    nrp emt rn lpn lcsw esq
    crimes note interview personnel compensation dismissed judicial emp petitioner respondent
    video counselor crim
    """.split()
)
# Words that open a name span but are not part of the name: titles and form labels.
LEADING_NOT_NAME = frozenset(
    """
    officer ofc po p.o. det sgt lt cpl capt deputy dep trooper agent sa inv investigator imam
    pastor rev reverend father sister brother judge hon atty attorney nurse sane dr mr ms mrs
    miss mx respondent petitioner protected restrained party victim witness suspect juvenile
    minor parent guardian rp defendant plaintiff complainant arrestee subject evidence tech
    dispatcher detective sergeant lieutenant corporal captain trooper cso pso cst cadet
    affiant magistrate analyst clerk technician operator commander chief inspector marshal
    """.split()
)
# Languages and nationalities named in reports ("a Vietnamese interpreter"); not those that are
# also surnames (English, French, German).
LANGUAGES = frozenset(
    """
    spanish vietnamese somali arabic korean chinese mandarin cantonese russian ukrainian portuguese
    haitian creole tagalog hmong japanese amharic punjabi hindi urdu farsi persian swahili navajo
    karen burmese nepali khmer lao laotian dari pashto tigrinya oromo bosnian albanian romanian
    """.split()
)
NEVER_NAMES = frozenset(STOP_WORDS) | FORM_WORDS | LANGUAGES
# Words that make the capitalised words before them an organisation or a place: "Pruitt
# Excavating", "Fiscal Division", "Harmon Gap", "Iowa City". A name never stands right before one,
# nor ends with one (words that are also surnames, such as Church or Bank, are not listed).
ORG_WORDS = frozenset(
    """
    division bureau section department dept office county parish township village city borough
    gap creek ridge hollow springs falls valley heights harbor harbour canyon mesa prairie meadows
    junction crossing bluff bluffs excavating construction roofing plumbing landscaping trucking
    towing motors repair salon grill cafe restaurant pharmacy liquor mart foods farms lumber bakery
    tavern pub lounge marine supply seafood enterprises holdings partners associates ministries
    tribe tribal reservation inc llc corp company motel hotel services apartments apts plaza
    school academy college university hospital clinic outfitters recovery mutual insurance storage
    tower towers bar mill overlook transit
    federal credit wrecker fire rescue ambulance ems notch garden gardens flowers pd police sheriff
    garage auto autos nation medical center centre health healthcare memorial bank dental pediatrics unit
    co twp lodge saloon inn stop casino reservoir
    """.split()
)


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    return _read("first.txt")


@lru_cache(maxsize=1)
def last_names() -> frozenset[str]:
    return _read("last.txt")


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Lower-case English dictionary words, census names among them ("hall"; models/names/build.py)."""
    return _read("common.txt")


def is_common_word(word: str) -> bool:
    return word.lower().strip(".'’") in common_words()


def _read(name: str) -> frozenset[str]:
    return frozenset((NAMES_DIR / name).read_text(encoding="utf-8").split())


def folded(word: str) -> str:
    """Lower case without accents, as the census lists are written: "Sebastián" -> "sebastian"."""
    lower = word.lower()
    if lower.isascii():
        return lower
    return "".join(c for c in unicodedata.normalize("NFKD", lower) if not unicodedata.combining(c))


def is_first(word: str) -> bool:
    return folded(word) in first_names()


def is_last(word: str) -> bool:
    """A census surname, or a hyphenated surname with a census part ("Medina-Tapia")."""
    lower = folded(word)
    return lower in last_names() or ("-" in lower and any(p in last_names() for p in lower.split("-")))


def is_name_word(word: str) -> bool:
    return is_first(word) or is_last(word)


def never_name(word: str) -> bool:
    """A stop word, form word or language; or a compound of them ("Victim-Witness", "Follow-Up")."""
    lower = word.lower().strip(".")
    return lower in NEVER_NAMES or ("-" in lower and all(part in NEVER_NAMES for part in lower.split("-")))


# "PELLETIER'S GARAGE" (not "Petrakis's medical records"); not across a column gap
NEXT_WORD = regex.compile(r"(?:['’][sS][ ]{1,2}(?=\p{Lu})|[ ]{1,2})(\p{L}+)(?![\p{L}-])")  # not "co-signed"


def org_follows(text: str, end: int) -> bool:
    """Whether the word after ``end`` makes the words before it an organisation or a place."""
    m = NEXT_WORD.match(text, end)
    return m is not None and m.group(1).lower() in ORG_WORDS


def org_inside(span: str) -> bool:
    """Whether the name part of ``span`` ends with an organisation or place word ("Harmon Gap, WV")."""
    words = span.split(",")[0].split()
    return len(words) > 1 and words[-1].lower().strip(".") in ORG_WORDS
