"""Names of people, from several kinds of evidence merged into one recognizer.

- spaCy's NER (PERSON, and ORG/GPE spans made only of census names: the small English model
  often labels "Amanda Diaz" as an organisation);
- a title before a name ("Sgt. Kowalczyk", "Det. A. Moreno", "Ms. Diaz");
- a form label or role word before a name ("VICTIM: DIAZ, AMANDA M.", "witness Maria Diaz");
- a sworn statement opening ("I, John Smith, ...");
- census first + last names in title or upper case ("HUNTER BROWN", "Brown, Hunter").

ALL-CAPS names, which NER misses, are handled by the label and census rules, and by the engine
feeding NER a title-cased copy of upper-case words (same length, so offsets hold).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redactor.detect import names
from redactor.detect.context import alternatives, word_start
from redactor.detect.recognizers.address import STATE_NAMES
from redactor.detect.recognizers.address import SUFFIX as STREET_SUFFIX
from redactor.rules import RoleRules

CAPS_WORD = r"(?:Ma?c)?\p{Lu}(?:['’]?\p{Lu})+(?:-\p{Lu}{2,})?(?!\p{Ll})"  # DIAZ, O'BRIEN, CHEN-LIN, McALLISTER
TITLE_WORD = r"\p{Lu}\p{Ll}*(?:['’]\p{Lu}\p{Ll}+|\p{Lu}\p{Ll}+)*(?:-\p{Lu}\p{Ll}+|-\p{Ll}{2,})?"  # Diaz, O'Brien, DeShawn, Soo-jin
WORD = rf"(?:{CAPS_WORD}|{TITLE_WORD})"
INITIAL = r"\p{Lu}\.?"
NICKNAME = r"(?:[ \t][\"“][^\"”\n]{1,20}[\"”])"
SUFFIX = r"(?:,?[ \t]+(?:Jr|Sr|II|III|IV|JR|SR)\.?)"
# "First [M.] Last", "First Middle Last", "LAST, FIRST M.", "Last-Name, First"
PARTICLE = r"(?:[ \t](?:de|del|della|la|le|van|von|der|den|da|dos|di|du))"  # Maria de la Cruz, Jonas van der Berg
FORWARD = rf"(?:{WORD}|{INITIAL}){NICKNAME}?(?:[ \t](?:{INITIAL}|{WORD})){{0,2}}{NICKNAME}?{PARTICLE}{{0,2}}[ \t]{WORD}{SUFFIX}?"
INVERTED = (
    rf"{WORD}(?:[ \t]{WORD}){{0,2}}{SUFFIX}?,[ \t]*(?:{WORD}{NICKNAME}?(?:[ \t](?:{INITIAL}|{WORD}))?|{INITIAL}(?!/))"
)
NAME = rf"(?:{INVERTED}|{FORWARD})"
NAME_RE = regex.compile(rf"(?<![\w@.])(?P<name>{NAME})(?![\w@]|/\p{{Lu}}\b|-\d)")  # not "Ashford, B/M", "Perez P-241"
SINGLE = rf"(?:{INITIAL}[ \t]*)?{WORD}"
STATEMENT = regex.compile(rf"(?<![\w])I,[ \t]+(?P<name>{FORWARD}),")
# A name alone in a form column: "  OYELARAN, TUNDE   DOB 10-02-2007", "W-1  BURKE, SIOBHAN", "| WROBEL, TOMASZ |"
FORM_CELL = regex.compile(
    rf"(?:^|(?<=[ \t]{{2}}|\t|\|[ \t]))(?!I,)(?P<name>{INVERTED})(?=[ \t]{{2}}|[ \t]*$|[ \t]*[(;|]|,[ \t])",
    regex.MULTILINE,
)
# "LAST, FIRST (CODE)" in a list with slashes: "HALE, MILA (JUV) / HALE, ASHER (JUV) / SOLVANG, INGRID (WIT)"
SLASH_LIST = regex.compile(rf"(?<=/[ \t])(?P<name>{INVERTED})(?=[ \t]*\([A-Z/]{{2,8}}\))")
# "LAST, FIRST" right before a birth date, anywhere ("LW15 ID MOORE, JAYLEN D DOB 03/04/2008").
BEFORE_DOB = regex.compile(
    rf"(?<![\w@.])(?P<name>{INVERTED})(?:[ \t]+[MF])?[ \t,;(/]+(?i:dob|d\.o\.b\.?|born)(?![\w])"  # "GAITHER, AMAYA  F  DOB"
)
MAIL_HEADER = regex.compile(rf"(?im)^(?:from|to|cc|bcc|sent by|reply-to|attn)[ \t]*:[ \t]*(?P<name>{NAME})")
# Street names and aliases: a/k/a "Tiny", known as GORDO, nicknamed Mook
ALIAS = regex.compile(
    rf"(?<![\w])(?i:a/?k/?a|aka|alias(?:es)?|nicknamed|street name|goes by|monikers?|known (?:only )?as"
    rf"|(?:knows?|knew) (?:(?:him|her|them) )?(?:only )?as)(?![\w])(?:[ \t:/]|\.{{2,}})*[\"“]?"
    rf"(?P<name>{INVERTED}|{WORD}(?:[ \t]{WORD})?)[\"”]?"
)
# More quoted nicknames after the first in a list: 'Monikers: "Quis", "Lil Rut", "M-Dot"'.
ALIAS_LIST = regex.compile(
    r"\b(?<![\w])(?i:a/?k/?a|aka|alias(?:es)?|monikers?|nicknames?|street names?)[ \t]*[:.]*[ \t]*"
    r"[\"“][^\"”\n]{1,20}[\"”](?:[ \t]*[,;][ \t]*[\"“](?P<name>\p{Lu}[\p{L}'’ -]{0,18})[\"”])+"
)
# A nickname in quotes that a person is called by: 'a male called "Cuz"', 'his cousin he calls "Keem"',
# 'Kasimir Dombek ("Kaz")', 'a contact saved as "Bam"', 'she calls him "Rondo,"', 'Calls herself "KayKay."',
# 'her boyfriend, "Shawny,"', 'Everybody calls him Bub.', 'the one they call Bolt,', 'A woman named Twyla (',
# 'her name was Paj and'.
CALLED = regex.compile(
    r"(?:(?<![\w])(?i:man|male|woman|female|guy|girl|boy|teen|teenager|subject|person|friend|cousin|brother|sister"
    r"|boyfriend|girlfriend|him|her|someone|somebody|dude|contact|regular)(?:[ \t]+[\p{L}']+){0,3}?[ \t]+(?i:called|named|saved as|"
    r"(?:that |who )?(?:he|she|they|i|we) (?:calls?|called|knows? as))"
    r"|(?<![\w])(?i:calls?|called)[ \t]+(?i:him|her|them|himself|herself)|(?<![\w])(?i:goes|went)[ \t]+by"
    r"|(?<=\p{L},[ \t]{0,2})(?i:called|nicknamed)"  # 'GRANBERRY, called "T-Bone,"'
    r"|(?<![\w])(?i:boyfriend|girlfriend|husband|wife|partner|brother|sister|cousin|friend|roommate|son|daughter|uncle"
    r"|nephew|grandson),)\s*[\"“]"
    r"(?P<name>\p{Lu}[\p{L}'’-]+(?:[ \t]\p{Lu}[\p{L}'’-]+)?)[,.]?[\"”]"
    r"|(?<=\p{Ll}[ \t]?)\([ \t]*[\"“](?P<name>\p{Lu}[\p{L}'’-]+(?:[ \t]\p{Lu}[\p{L}'’-]+)?)[\"”]\)"
    # without quotes, only a single capitalised word before punctuation: "Everybody calls him Bub."
    r"|(?<![\w])(?i:calls?[ \t]+(?:him|her|me)|they[ \t]+call|named|(?:his|her|my)[ \t]+name[ \t]+(?:is|was))"
    r"[ \t]+(?P<name>\p{Lu}\p{Ll}+)(?=[ \t]*[.,;!?(]|[ \t]+(?:and|who|was|is)\b)"
)
# A first name that opens or signs an e-mail: "Thad,", "Bart - good call.", "Hi Brenna,", "-Curt", "... at
# lunch. - Fitz" (a census first name; quoted lines of a reply count too).
GREETING = regex.compile(
    r"^[ \t>]*(?:(?i:hi|hello|hey|dear|morning|thanks|thank you)[ \t]+)?(?P<name>\p{Lu}\p{Ll}{1,14})(?=[ \t]*,[ \t]*$|[ \t]+-[ \t]+\S)",
    regex.MULTILINE,
)
SIGNOFF = regex.compile(r"-{1,2}[ \t]?(?P<name>\p{Lu}\p{Ll}{1,14})[ \t]*$", regex.MULTILINE)
SIGNOFF_BEFORE = regex.compile(r"(?:^|\n)[ \t>]*$|[.!?][ \t]+$")  # alone on its line, or after a sentence
# The defendant in a case caption: "State v. Lark", "People v. Ortiz-Bell".
CAPTION = regex.compile(
    r"(?<![\w])(?:State|People|Commonwealth|United States)[ \t]+v\.?[ \t]+"
    r"(?P<name>\p{Lu}[\p{L}'’-]+(?:[ \t]\p{Lu}[\p{L}'’-]+){0,2})(?![\w])"
)
# A first name alone that does something, as statements call people: "Travis followed us out".
FIRST_NAME_ACTING = regex.compile(
    r"(?<![\w.'’-])(?P<name>\p{Lu}\p{Ll}{2,})[ \t]+(?:was|is|said|says|told|stated|came|went|kept|followed|grabbed|"
    r"hit|pushed|punched|slapped|kicked|called|yelled|screamed|walked|ran|left|got|took|saw|asked|tried|started|"
    r"lives|lived|works|worked|drove|showed|texted|threatened|wanted|knows|knew)\b"
)
# A given name the census lacks before a census surname: "Nkechi Adebayo-Lund", "Wambui Kariuki".
UNKNOWN_GIVEN = regex.compile(
    r"(?<![\w@.'’-])(?P<name>(?P<given>\p{Lu}\p{Ll}{2,})(?:[ \t]+\p{Lu}\.)?(?:[ \t]+[\"“][^\"”\n]{1,20}[\"”])?[ \t]+(?P<surname>\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?))(?![\w@'’-])"
)
# A relative named by a given name alone: "Ibáñez's son, Mateo, who is 15", "his wife Shawna said".
RELATIVE_NAMED = regex.compile(
    r"(?<![\w])(?i:son|daughter|brother|sister|wife|husband|boyfriend|girlfriend|mother|father|cousin|nephew|"
    r"niece|grandson|granddaughter|grandmother|grandfather|stepson|stepdaughter|roommate|uncle|aunt|boy|girl|child|"
    r"toddler|infant|baby|teen|teenager)"
    r"[ \t]*,?[ \t]+(?P<name>\p{Lu}\p{Ll}{2,}(?:-\p{Lu}\p{Ll}+)?)"
    r"(?=[ \t]*[,.;)]|\s+(?:said|told|says|was|is|who|and|had|has|came|went|ran|saw|heard|will|would|could|did|"
    r"does|lives|lived|drove|stated|reported|arrived|called|helped|left|took|got|were|wanted)\b)"
)
# A name with the person's age in brackets, as reports list children: "Nizhoni (13).", "Jaden (6) hid".
NAME_AGE = regex.compile(
    r"(?<![\w.'’-])(?P<name>\p{Lu}\p{Ll}{2,}(?:[ \t]\p{Lu}\p{Ll}+){0,2})[ \t]*"
    r"\((?i:age[ \t]*)?\d{1,2}(?:[ \t]*(?i:yo|y/o|yrs?|years?(?:[ \t]old)?))?\)"
)
# First names that are also ordinary words opening a sentence ("Hope was lost").
WORD_FIRST_NAMES = frozenset(
    """hope faith grace joy chance summer autumn winter spring justice liberty honor destiny harmony
    trinity charity patience mercy rich major young early long royal precious unique""".split()
)
TRAILING_NOISE = regex.compile(
    r"(?:[ \t]+(?i:DOB|SSN|SEX|RACE|AGE|ADDRESS|ADDR|PHONE|HT|WT|HGT|WGT|DL|OLN|ID|BADGE|CELL|TEL))+$"
)

# Words after which a name follows in forms and prose (roles come from rules/roles.yaml).
INTRODUCERS = (
    *"""name subject person involved contact nombre aka alias son daughter brother sister husband wife
    boyfriend girlfriend ex-boyfriend ex-girlfriend partner neighbor neighbour roommate friend cousin uncle
    aunt nephew niece grandson granddaughter employee manager worker clerk tech technician male female
    owner rp signed signature client patient resident tenant student teacher coach id
    nam own ro poi ppn""".split(),
    "full name",
    "adult male",
    "adult female",
    "registered owner",
    "print name",
)
BLANK = r"[ \t]+"
HONORIFICS = ("Mr", "Ms", "Mrs", "Miss", "Mx", "Dr")
# A "name" followed by a street suffix is a street: "E. Mesquite Ave", "Martin Luther King Jr Blvd".
STREET_AFTER = regex.compile(rf"[ \t]+{STREET_SUFFIX}\b\.?", regex.IGNORECASE)
VEHICLE_MAKES = frozenset(
    """acura audi bmw buick cadillac chevrolet chevy chrysler dodge ford gmc honda hyundai infiniti jeep kia
    lexus lincoln mazda mercedes mitsubishi nissan pontiac ram subaru tesla toyota volkswagen volvo""".split()
)
VEHICLE_BEFORE = regex.compile(
    r"(?i:\b(?:a|an|the|his|her|their|my|our|\d{4}|black|white|silver|gray|grey|blue|red|green|tan|gold|maroon"
    r"|brown|beige|burgundy|dark|light|blk|wht|sil|gry|blu)[ \t,]+)$"
)
# A place, not a person, stands before a state: "Kiowa Flats, Oklahoma".
STATE_AFTER = regex.compile(
    rf",[ \t]*(?:{'|'.join(STATE_NAMES)})\b(?![ \t]+\p{{Lu}})"  # "Kiowa Flats, Oklahoma", not "Iowa City"
    r"|[ \t]+(?:A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[TA]|W[AVIY])"
    r"(?=[ \t]*\)|[ \t]+\d{5})"  # "(daughter, Billings MT)"
)
ZIP_AFTER = regex.compile(r"[ \t]+\d{5}(?:-\d{4})?\b")  # a ZIP code after the state that ended the "name"
# Places and programs that stand alone as capitalised words ("STATE OF NEVADA", "Social Security
# cards"); Washington is left out: it is a common surname.
NOT_A_NAME = frozenset(n.lower() for n in STATE_NAMES if n != "Washington") | {"social security", "united states"}
# The first party of a case caption cited as precedent: "Brady v. Maryland", "Giglio v. United States".
PRECEDENT_AFTER = regex.compile(r"[ \t]+v\.[ \t]+(?:United States|" + "|".join(sorted(STATE_NAMES)) + r")\b")
# Dispatch abbreviations after an officer's name in a CAD log ("DET NDIAYE ENRT", "SGT YBARRA ONSCENE").
CAD_WORDS = frozenset({"onscene", "enroute", "enrt", "onsc", "clrd", "disp", "advd", "arrd", "rptd", "notif", "xfer"})
# "1900 blk E. Mesquite", "the 400 block of Alvarez": places, not people.
BLOCK_BEFORE = regex.compile(r"\d[ \t]*(?i:block|blk)(?:[ \t]+of)?[ \t]+$")
WORD_SPLIT = regex.compile(r"[\s,]+")
INITIAL_END = regex.compile(r"(?:^|\s)[A-Z]\.$|(?:Jr|Sr)\.$")
NER_PERSON = {"PERSON"}
NER_MAYBE_PERSON = {"ORG", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "LOC"}

SCORE_NER = 0.85
SCORE_NER_CENSUS = 0.7
SCORE_TITLE = 0.9
SCORE_LABEL = 0.9
SCORE_CENSUS = 0.75
SCORE_FORM = 0.7


def words_of(span: str) -> list[str]:
    return [w for w in WORD_SPLIT.split(span) if w]


def census_support(span: str) -> tuple[int, int]:
    """(number of words that are census names, number of words that are never names)."""
    ws = [w.strip(".") for w in words_of(span) if len(w.strip(".")) > 1]
    known = sum(any(names.is_name_word(part) for part in w.split("-")) for w in ws)
    return known, sum(names.never_name(w) for w in ws)


def looks_like_name(span: str, strict: bool, form: bool = False) -> bool:
    """Whether a span can be a name; ``form``: it has the "LAST, FIRST" shape of a form field
    right before a DOB, where a surname that is also a word ("CHURCH, GIDEON") stands."""
    ws = [w.strip('."“”') for w in words_of(span)]
    if not ws or any(any(c.isdigit() for c in w) for w in ws):
        return False
    if any(w.lower() in names.FORM_WORDS and not names.is_first(w) for w in ws[1:]):
        return False
    known, _ = census_support(span)
    long_words = [w for w in ws if len(w) > 1]
    # A stop word or a word of police paperwork does not begin or end a name ("SINCE SAT, NOT
    # ANSWERING"), unless it is also a first name ("ABERNATHY, JUNE"); census-only evidence
    # allows none at all. Inside a titled name it may stand ("Det. K. Two Bulls").
    checked = long_words if strict else [w for w in (ws[0], ws[-1]) if len(w) > 1]
    if "," in span and len(ws) > 1 and names.is_last(ws[0]) and (form or names.is_first(ws[1])):
        checked = [w for w in checked if w is not ws[0]]  # "PARK, MINJI": a surname that is also a word
    if not long_words or any(names.never_name(w) and not names.is_first(w) for w in checked):
        return False
    return known >= 1 if strict else True


class PersonRecognizer(EntityRecognizer):
    def __init__(self, roles: RoleRules) -> None:
        super().__init__(supported_entities=["PERSON"], name="redactor.person")
        title_words = [t.rstrip(".").lower() for t in (*roles.titles, *HONORIFICS)]
        title = rf"{alternatives(title_words, space=BLANK)}\.?"
        self.title_re = regex.compile(
            rf"{word_start(title_words)}(?<![\w])(?i:{title})[ \t]+(?P<name>{FORWARD}|{INITIAL}[ \t]*{WORD}(?:[ \t]+{WORD})?|{SINGLE})(?![\w]|-\d|/)"
        )
        cue_words = sorted({w for ws in roles.cues.values() for w in ws}, key=len, reverse=True)
        # Titles and role words that open a span are not part of the name ("TFO Nolan Fitzhugh").
        self.leading = names.LEADING_NOT_NAME | {
            w.lower().strip(".")
            for w in (*roles.titles, *cue_words, *INTRODUCERS)
            if " " not in w.strip() and len(w.strip(".")) > 1
        }
        # "VICTIM: DIAZ, AMANDA", "Witness #2 - Maria Diaz", "suspect, Marcus Bell", "Name: ..."
        label_words = [w.lower() for w in (*cue_words, *INTRODUCERS)]
        label = rf"(?i:{alternatives(label_words, space=BLANK)})"
        self.label_re = regex.compile(
            rf"{word_start(label_words)}(?<![\w])(?:{label})(?![\w])(?:[ \t]*(?:#|no\.?)?[ \t]*\d{{1,2}})?(?:[ \t]*(?i:name|info(?:rmation)?))?"
            rf"(?:[ \t]*\([A-Za-z ,.]{{1,10}}\))?[ \t]*(?:--|[:\-–—,/]|\.{{2,}}|\bis\b|\bwas\b)?[ \t]*(?:\((?:[A-Z]{{1,3}}-?\d{{0,2}})\)[ \t]*)?"
            rf"(?P<name>{NAME})(?![\w])"
        )

    def load(self) -> None:
        pass

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results: list[RecognizerResult] = []
        if nlp_artifacts is not None:
            results += self.from_ner(text, nlp_artifacts)
        for m in self.title_re.finditer(text, overlapped=True):  # "Shift Commander  Lt. Brandon Oyelowo"
            self._add(results, text, m.start("name"), m.end("name"), SCORE_TITLE, "title", strict=False)
        for m in self.label_re.finditer(text):
            self._add(results, text, m.start("name"), m.end("name"), SCORE_LABEL, "label", strict=False)
        for m in STATEMENT.finditer(text):
            self._add(results, text, m.start("name"), m.end("name"), SCORE_LABEL, "statement", strict=False)
        for m in BEFORE_DOB.finditer(text):
            if census_support(m["name"])[0] or not any(map(names.is_common_word, words_of(m["name"]))):
                self._add(results, text, m.start("name"), m.end("name"), SCORE_FORM, "before-dob", strict=False)
        for m in MAIL_HEADER.finditer(text):
            self._add(results, text, m.start("name"), m.end("name"), SCORE_LABEL, "mail", strict=False)
        for pattern in (FORM_CELL, SLASH_LIST):
            for m in pattern.finditer(text):
                self._add(results, text, m.start("name"), m.end("name"), SCORE_FORM, "form", strict=False)
        for m in ALIAS.finditer(text):
            self._add(results, text, m.start("name"), m.end("name"), SCORE_LABEL, "alias", strict=False, alias=True)
        for m in ALIAS_LIST.finditer(text):
            for start, end in m.spans("name"):
                self._add(results, text, start, end, SCORE_LABEL, "alias", strict=False, alias=True)
        for how, pattern in (("called", CALLED), ("caption", CAPTION)):
            for m in pattern.finditer(text):
                self._add(results, text, m.start("name"), m.end("name"), SCORE_LABEL, how, strict=False, alias=True)
        signoffs = (m for m in SIGNOFF.finditer(text) if SIGNOFF_BEFORE.search(text, max(0, m.start() - 40), m.start()))
        for m in (*GREETING.finditer(text), *signoffs):
            if names.is_first(m["name"]) and not names.never_name(m["name"]):
                self._add(
                    results, text, m.start("name"), m.end("name"), SCORE_FORM, "greeting", strict=False, alias=True
                )
        for m in FIRST_NAME_ACTING.finditer(text):
            word = m["name"].lower()
            if names.is_first(word) and not names.never_name(word) and word not in WORD_FIRST_NAMES:
                self._add(results, text, m.start("name"), m.end("name"), SCORE_FORM, "first-name", strict=False)
        for m in UNKNOWN_GIVEN.finditer(text):
            if unknown_given_name(text, m):
                self._add(results, text, m.start("name"), m.end("name"), SCORE_CENSUS, "census-surname", strict=False)
        for how, pattern in (("relative", RELATIVE_NAMED), ("age", NAME_AGE)):
            for m in pattern.finditer(text):
                word = m["name"].split()[0]
                if how == "age" and names.never_name(word):
                    continue  # "Page (2)"
                if names.is_first(word) or not (names.never_name(word) or word.lower() in names.common_words()):
                    self._add(results, text, m.start("name"), m.end("name"), SCORE_FORM, how, strict=False)
        for m in WRAPPED_NAME.finditer(text):
            if wrapped_name(m):
                self._add(results, text, m.start(), m.end(), SCORE_CENSUS, "wrapped", strict=False)
        for start in census_starts(text):
            m = NAME_RE.match(text, start)
            if m and census_candidate(m["name"]):  # a cheap test first: most candidates fail it
                self._add(results, text, m.start("name"), m.end("name"), SCORE_CENSUS, "census", strict=True)
        return results

    def from_ner(self, text: str, artifacts: NlpArtifacts) -> list[RecognizerResult]:
        """Names among the NER entities of the artifacts."""
        out: list[RecognizerResult] = []
        for ent in artifacts.entities:
            if not ent.text[:1].isupper():
                continue  # "grey hoodie": the small model's guesses on lower-case words
            if ent.label_ in NER_PERSON:
                single = len(words_of(ent.text)) == 1
                self._add(out, text, ent.start_char, ent.end_char, SCORE_NER, "ner", strict=single)
            elif ent.label_ in NER_MAYBE_PERSON and len(words_of(ent.text)) >= 2:
                self._add(out, text, ent.start_char, ent.end_char, SCORE_NER_CENSUS, "ner+census", strict=True)
        return out

    def _add(
        self,
        out: list[RecognizerResult],
        text: str,
        start: int,
        end: int,
        score: float,
        how: str,
        strict: bool,
        alias: bool = False,
    ) -> None:
        start, end = trim(text, start, end, self.leading)
        end = wrapped_end(text, start, end, known=how in ("title", "label"))
        if how == "title" and text[start:end].isupper() and "," not in text[start:end]:
            end = start + len(caps_name(text[start:end]))
        span = text[start:end]
        if end <= start or ("\n" in span.strip() and not WRAPPED.fullmatch(span)):
            return
        if "," not in span and STREET_AFTER.match(text, end):
            return
        if names.org_follows(text, end) or names.org_inside(span) or STATE_AFTER.match(text, end):
            return  # "Pruitt Excavating", "Fiscal Division", "Harmon Gap", "Kiowa Flats, Oklahoma"
        if span.lower() in NOT_A_NAME or ARTICLE.match(span) or PRECEDENT_AFTER.match(text, end):
            return  # "Social Security", "A Honda, I think", "Brady v. Maryland"
        if span.split()[0].lower() in PLACE_OPENERS:
            return  # "Las Vegas"
        if span.partition(",")[2].strip() in STATE_NAMES or ZIP_AFTER.match(text, end):
            return  # "Kiowa Flats, Oklahoma", "Pine Apple, AL 36768"
        if all(w.lower().strip(".") in self.leading for w in words_of(span)):
            return  # a title or a label alone: "Cpl", "Tpr."
        if is_vehicle(text, start, span):
            return  # "a silver Buick LaCrosse", "the Ford Ranger"
        if how != "title" and BLOCK_BEFORE.search(text, max(0, start - 20), start):
            return
        if alias:
            if names.never_name(span):
                return
        else:
            # Upper-case text (CAD logs, headers) is full of capitalised words: ask for a census
            # name unless the span has the "LAST, FIRST" shape of a form, or a title stands before
            # words that are no dictionary words ("CPL. AYODELE FASHOLA", "SGT DELAHUNT NOTIFIED").
            strict = strict or (span.isupper() and "," not in span and how != "title")
            if not looks_like_name(span, strict, how == "before-dob") or (strict and not census_pattern_ok(span)):
                return
        result = RecognizerResult("PERSON", start, end, score)
        result.recognition_metadata = {"recognizer_name": f"redactor.person.{how}"}
        out.append(result)


def caps_name(span: str) -> str:
    """The upper-case words of ``span`` that can be a name, up to the first that cannot: a
    dictionary word ("FASHOLA CHECKED BIRCH" -> "FASHOLA"), a CAD abbreviation ("NDIAYE ENRT"), a
    short word that is no census name ("Ms. DL", "PO. HIV", "Officer II"); "" when the first is one."""
    kept: list[str] = []
    for m in regex.finditer(r"\S+", span):
        word = m.group().strip(".")
        lower = word.lower()
        verb = names.is_common_word(word) and (not names.is_name_word(word) or lower.endswith(("ing", "ed")))
        short = len(word) < 4 or (kept and len(word) == 4)
        if verb or names.never_name(word) or lower in CAD_WORDS or (short and not names.is_name_word(word)):
            break
        kept.append(span[: m.end()])
    return kept[-1] if kept else ""


def is_vehicle(text: str, start: int, span: str) -> bool:
    """A make (and model) after an article, a possessive, a year or a colour: "his Ford Ranger"."""
    ws = words_of(span)
    return (
        len(ws) <= 2 and ws[0].lower() in VEHICLE_MAKES and bool(VEHICLE_BEFORE.search(text, max(0, start - 20), start))
    )


def census_starts(text: str) -> Iterator[int]:
    """Where a census name can begin: a census name word or an initial (every later word of a
    longer capitalised run is a start too, as with overlapping matches)."""
    for m in WORD_START.finditer(text):
        word = m.group()
        if len(word.rstrip(".")) == 1 or names.is_name_word(word.split("-")[0].rstrip(".")) or given_like(word):
            yield m.start()


PLACE_ARTICLES = frozenset({"los", "las", "san", "santa", "del", "el"})  # census surnames that begin place names
PLACE_OPENERS = frozenset({"los", "las", "san", "santa"})  # "Las Vegas", "San Ysidro": no name begins so


def unknown_given_name(text: str, m: regex.Match[str]) -> bool:
    """A capitalised word that is no census name, no dictionary word, no place and no form word,
    right before a census surname that is no word either ("Tomasz Kowalski", not "Gasolinera Los
    Ángeles")."""
    given, surname = m["given"], m["surname"]
    if names.is_name_word(given) or names.never_name(given) or given.lower() in names.common_words():
        return False
    if given in STATE_NAMES or given.lower() in VEHICLE_MAKES:
        return False
    if surname.lower() in PLACE_ARTICLES or names.never_name(surname):
        return False
    return names.is_last(surname) and surname.lower() not in names.common_words()


def hyphened_given(word: str) -> bool:
    """ "Kerri-Ann", and in upper-case forms "JEAN-BAPTISTE" (not the brand "Ray-Ban")."""
    parts = word.split("-")
    return len(parts) == 2 and names.is_first(parts[0]) and (names.is_first(parts[1]) or word.isupper())


def given_like(word: str) -> bool:
    """A census first name, a Korean-style hyphenated given name ("Soo-jin", "Hye-won"), or a
    compound one that begins with a census first name ("JEAN-BAPTISTE", "Kerri-Ann")."""
    return names.is_first(word) or bool(HYPHEN_GIVEN.fullmatch(word)) or hyphened_given(word)


def census_candidate(span: str) -> bool:
    """Whether some word of the span (without possessive or punctuation) is a census surname and
    some word a census first name or an initial: necessary for ``census_pattern_ok`` on any part."""
    ws = [POSSESSIVE.sub("", w.strip(".;:")) for w in words_of(span)]
    return any(map(names.is_last, ws)) and any(len(w) == 1 or given_like(w) for w in ws)


def census_pattern_ok(span: str) -> bool:
    """Census-only evidence needs a first name and a last name in the expected places."""
    if "," in span:
        last, _, first = span.partition(",")
        given = words_of(first)[0].strip(".")
        return names.is_last(words_of(last)[-1].strip(".")) and (len(given) == 1 or given_like(given))
    ws = [w.strip(".") for w in words_of(span)]
    # "J. Abernathy" counts; "W. Palo Verde" and "N. Cactus" are street names.
    initial_ok = len(ws[0]) == 1 and len(ws) == 2 and ws[0] not in "NSEW"
    first_ok = initial_ok or (given_like(ws[0]) and not names.never_name(ws[0]))
    last_ok = names.is_last(ws[-1]) and not names.never_name(ws[-1])
    return first_ok and last_ok


def trim(text: str, start: int, end: int, leading: frozenset[str] = names.LEADING_NOT_NAME) -> tuple[int, int]:
    """Drop titles, possessives, form noise and punctuation at the edges of a name span; a span
    across a tab or three spaces (a column break in forms: "Inmate<TAB>KASPRZAK, NATALIE") keeps
    its widest cell."""
    if COLUMN_GAP.search(text, start, end) and not WRAPPED.fullmatch(text, start, end):
        cells = [(start + m.start(), start + m.end()) for m in CELL.finditer(text[start:end])]
        start, end = max(cells, key=lambda c: (len(words_of(text[c[0] : c[1]])), -c[0]))
    span = text[start:end]
    noise = TRAILING_NOISE.search(span)
    if noise and len(words_of(span[: noise.start()])) >= 2:
        span = span[: noise.start()]
    for suffix in ("'s", "’s", "'"):
        if span.endswith(suffix):
            span = span[: -len(suffix)]
    head, comma, rest = span.partition(",")
    if comma and not_inverted(head.split(), rest.split()):
        span = head  # "Latoya Simmons, Apt D-12", "Paige Whitlatch, Investigations Secretary"
    stripped = span.rstrip(" \t,;:-")
    # Keep the period of a trailing initial ("AMANDA M."), drop a sentence period.
    if stripped.endswith(".") and not INITIAL_END.search(stripped):
        stripped = stripped[:-1]
    lead = len(stripped) - len(stripped.lstrip(" \t,;:-("))
    start, end = start + lead, start + len(stripped)
    return _drop_edge_words(text, start, end, leading)


def not_inverted(before: list[str], after: list[str]) -> bool:
    """Whether "BEFORE, AFTER" is a name followed by something else rather than "LAST, FIRST"."""
    if not after:
        return False
    given = after[0].strip(".")
    if names.never_name(given):
        return True
    first_before = any(names.is_first(w) for w in before[:-1])  # "(PO) Luis Echeverría, PPO II"
    return first_before and len(given) > 1 and not names.is_first(given)


def is_initial(word: str) -> bool:
    """ "A." after a given name ("PIERRE A."), not the article "a"."""
    return len(word) == 2 and word[0].isupper() and word[1] == "."


HYPHEN_GIVEN = regex.compile(r"\p{Lu}\p{Ll}{1,4}-\p{Ll}{2,5}")
WORD_START = regex.compile(r"(?<![\w@.])\p{Lu}[\p{L}'’.-]*")
POSSESSIVE = regex.compile(r"['’]s?$")
COLUMN_GAP = regex.compile(r"\t| {3,}")  # a column break in forms and fixed-width exports
CELL = regex.compile(r"[^\t ](?:[^\t ]| {1,2}(?=[^\t ]))*")
EDGE_WORD = regex.compile(r"[^\s,]+")


# A given name that ends its line and the surname that begins the next, as wrapped prose splits them:
# "Ofc. Teagan\n   Huerta-Wills", "Hon. Benita\nSisneros y Baca".
SURNAME_NEXT_LINE = regex.compile(
    r"[ \t]*\n[ \t]*(\p{Lu}[\p{L}'’-]+(?:[ \t]+(?:y[ \t]+)?\p{Lu}[\p{L}'’-]+)?)(?![\w]|[ \t]+\p{Lu})"
)
SURNAME_TITLE = regex.compile(r"(?i:\b(?:mr|mrs|ms|miss|mx)\.?[ \t]*)$")  # "Ms. Ammons\nBrittany Faye Ammons, DOB"
WRAPPED = regex.compile(r"(?:\p{Lu}\p{Ll}+[ \t]+)?\p{Lu}\p{Ll}+" + SURNAME_NEXT_LINE.pattern)
# A name that wrapped prose split after its given name (or given and middle name), found without a
# title: "a moniker used by Terrell\nBascombe, DOB", "registered there to Lonnie\nRay Brackett".
WRAPPED_NAME = regex.compile(
    r"(?=\p{Lu})(?<![\w@.'’-]|\p{Lu}\p{Ll}*[ \t]+)(?P<given>\p{Lu}\p{Ll}+(?:-\p{Ll}+)?)(?:[ \t]+(?P<middle>\p{Lu}\p{Ll}+))?"
    + SURNAME_NEXT_LINE.pattern
    + r"(?![ \t]*:)"  # not "Guadalupe\n  Birthdate: ..."
)


def wrapped_end(text: str, start: int, end: int, known: bool) -> int:
    """The end of the surname on the next line when the name found is a given name alone at a line end
    (``known``: a title or a label says it is a name; otherwise it must be a census given name)."""
    m = SURNAME_NEXT_LINE.match(text, end)
    given = text[start:end]
    if not m or " " in given or SURNAME_TITLE.search(text, max(0, start - 6), start):
        return end
    if not known and not names.is_first(given):
        return end
    return m.end(1) if wrapped_words_ok([given, *m.group(1).split()], known=False) else end


def wrapped_words_ok(words: list[str], known: bool) -> bool:
    """No word of a name split over two lines may be a dictionary word, a form word, a place or
    upper case after a title-case given name ("Monday\nMorning", "Luis\nPPO II", "Las\nVegas");
    with a ``known`` given name a later word may be a first name that is also a word ("Lonnie\nRay")."""
    given, rest = words[0], [w for w in words[1:] if w != "y"]
    if given.lower() in PLACE_ARTICLES or any(w.isupper() and not given.isupper() for w in rest):
        return False
    for word in (given, *rest):
        lower = word.lower()
        common = lower in names.common_words() and not (known and word is not given and names.is_first(word))
        if common or lower in names.FORM_WORDS or names.never_name(word) or word in STATE_NAMES:
            return False
    return True


def wrapped_name(m: regex.Match[str]) -> bool:
    """Whether a given name at a line end and the capitalised words opening the next line make a
    name: a census given name (or a word no dictionary knows before a census surname), no word of
    the dictionary, the paperwork or the places among them."""
    given, surname = m["given"], m.group(3).split()
    known = given_like(given)
    if not wrapped_words_ok([given, *([m["middle"]] if m["middle"] else []), *surname], known):
        return False
    return known or (names.is_last(surname[-1]) and not names.is_name_word(given))


ARTICLE = regex.compile(r"A[ \t]+\p{Lu}\p{Ll}")  # "A Marlin .30-30 rifle": an article, not an initial
CODE = regex.compile(r"[B-DF-HJ-NP-TV-XZ]{2,5}|[A-Z]{1,2}(?:[-/][A-Z]{1,2})+")


def is_code(word: str) -> bool:
    """An upper-case code, not a name: "CCN", "HA-PO" after "Det. C. Voorhees" (not "JR", "III")."""
    return bool(CODE.fullmatch(word)) and word.lower() not in {"jr", "sr"}


def _drop_edge_words(text: str, start: int, end: int, leading: frozenset[str]) -> tuple[int, int]:
    """Drop title/label words before a name and form words after it ("Karim Haddad DOB")."""
    words = [(start + m.start(), start + m.end()) for m in EDGE_WORD.finditer(text[start:end])]
    while len(words) > 1 and text[words[0][0] : words[0][1]].lower().strip(".:") in leading:
        words.pop(0)
    mixed = any(c.islower() for c in text[start:end])
    while (
        len(words) > 1
        and not is_initial(last := text[words[-1][0] : words[-1][1]])
        and (names.never_name(last.strip(".,")) or (mixed and is_code(last.strip(".,"))))
    ):
        words.pop()
    if not words:
        return start, start
    end_word = text[words[-1][0] : words[-1][1]]
    new_end = words[-1][1] - (1 if end_word.endswith(",") else 0)
    return words[0][0], new_end
