"""The role of each person (officer, victim, witness, suspect, informant, juvenile, guardian,
other), from the context of every mention, and of the identifiers that belong to them.

Evidence, strongest first:
  3  a label, phrase or apposition right at the name: "VICTIM: DIAZ, AMANDA", "witness Maria
     Diaz", "Diaz (victim)", an officer title "Sgt. Kowalczyk"
  2  the section the name stands in: a header line such as "WITNESS INFORMATION"
  1  a sworn-statement opening "I, John Smith, ..." (a witness unless the section says otherwise)
Without a model, all mentions of one person share the role of the strongest evidence (the earliest
on ties). With one (``rolemodel.py``, the default in ``Engine``), the evidence is read together with
the words around the mentions and the model names the role. Either way, any sign that the person is
under 18 makes them a juvenile, unless they are an officer.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace

import regex

from redactor.detect import names
from redactor.detect.context import alternatives, before, header_above, line_end, line_start
from redactor.detect.mentions import given_names, parse
from redactor.detect.recognizers.dates import age_on, dates_in, parse_date
from redactor.detect.rolemodel import RoleModel, Surroundings, person_features
from redactor.model import Finding, Role
from redactor.rules import RoleRules

FILLER = regex.compile(
    r"^(?:[\s:#\-–,()/=|\d]|\.{2,}|\b(?:name|info|information|is|was|are|the|a|an|identified|later|as|"
    r"named|known|listed|described|of|one|his|her|their|who|whose|by|and|id)\b)*$",
    regex.IGNORECASE,
)
AGE_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen"
).split()
AGE = rf"(?:\d{{1,2}}|{'|'.join(AGE_WORDS)})"
YEARS = r"(?:[ \t]*(?:y/?o|yrs?\.?(?:[ \t]*old)?|years?[- ]old)|-year-old)"
JUVENILE_AFTER = regex.compile(
    r"^(?:[ \t]*[,(/][ \t]*(?:a[ \t]+|an[ \t]+)?(?:age[d]?[ \t:]*)?(?P<age>\d{1,2})(?![\d/])"
    rf"|[ \t]*\((?P<age>{AGE})\)"
    rf"|(?:[ \t]*(?:[,|]|sex[ \t:]*[MF]\b|race[ \t:]*\w\b|[MF]\b))*[ \t]*age[d]?[ \t:]*(?P<age>{AGE})(?!\w))",
    regex.IGNORECASE,
)
JUVENILE_BEFORE = regex.compile(rf"(?P<age>{AGE}){YEARS}[ \t,]+(?:\w+[ \t,]+)?$", regex.IGNORECASE)
AGENCY_MAIL = regex.compile(
    r"^(?:from|to|cc|sent by|reply-to)\s*:.*@[\w.-]*(?:pd|police|sheriff|so|gov|da|dao|pa|sao|cao|court|leo|prosecutor|attorney|doj|dps)\b",
    regex.IGNORECASE,
)
APPOSITION_CODE = regex.compile(r"^[ \t]*[,(\[][ \t]*(V|W|S|CI)-?\d{0,2}[ \t]*[)\]]", regex.IGNORECASE)
APPOSITION = regex.compile(
    r"^[ \t]*(?:[,(\[–-]|\bwho[ \t]+(?:is|was)\b)[ \t]*(?:(?:the|a|an|our|\d{1,2}[- ]year[- ]old)[ \t]+)*",
    regex.IGNORECASE,
)
# Between a name and a phrase of rules/roles.yaml: "Bell was later arrested", "Mr. Bell".
# What may stand between a name and a phrase about it: "Pruitt, DOB 3/29/2005, arrested by TPD",
# "Bell, 34, was booked", "Bell (34) fled".
ASIDE = (
    r"(?:\s*\(\d{1,2}\)|,\s*(?:age\s+)?\d{1,2}(?!\d)|,\s*(?:DOB|d\.o\.b\.)?:?\s*\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4})?"
    r"(?:,\s*(?:of|from)\s+\p{Lu}[\p{L}.-]*(?:\s+\p{Lu}[\p{L}.-]*){0,2})?"  # "Quick, 27, of Redbank, was arrested"
)
# Titles that are also common nouns: before a name they make an officer only when capitalised.
COMMON_NOUN_TITLES = frozenset(
    "agent chief captain major commander inspector analyst ranger cadet marshal constable".split()
)
LOWER_WORD = regex.compile(r"\b(?!(?:the|a|an|and|of|is|was|as|also|our)\b)\p{Ll}{2,}")
ADVERBS = r"(?:(?:who|later|then|also|subsequently|immediately|eventually|allegedly|reportedly|never)\s+)*"
# A short clause before the phrase that tells the role: "Spicer was present and was arrested by".
FIRST_CLAUSE = r"(?:(?:was|is|were)\s+\w+\s+and\s+)?"
NAME_AFTER_TITLE = regex.compile(r"[ \t]+\p{Lu}[\p{L}'’-]*\.?[ \t]+\p{Lu}")
HONORIFIC = r"(?:(?:the|a|an|his|her|their)\s+)?(?:(?:Mr|Ms|Mrs|Miss|Mx|Dr)\.?\s+)?[\"“']?"
PHRASE_REACH = 60
# "Ortiz told me he was punched", "Hodan said someone had spray-painted her garage": what a person
# says was done to them.
VICTIM_SPEECH = regex.compile(
    rf"(?:['’]s)?{ASIDE},?\s+(?:said|stated|told\s+(?:me|us|officers?|deputies|police|investigators?)|advised|"
    r"explained|reported)\s+(?:that\s+)?(?:s?he|they)\s+(?:was|were|had\s+been|got)\s+(?:\w+\s+)?"
    r"(?:struck|hit|punched|kicked|choked|strangled|assaulted|attacked|robbed|pushed|shoved|slapped|bitten|"
    r"threatened|raped|touched|grabbed|stabbed|shot|beaten|followed|scammed|defrauded)\b",
    regex.IGNORECASE,
)
PERCEPTION = regex.compile(
    r"\b(?:saw|seeing|heard|hearing|watch\w*|observed|witnessed|remembered|recogni[sz]ed)\b", regex.I
)
# "Vicki said she came out of the office when she heard yelling and saw ...": what a person tells
# about their own seeing or hearing, in the same sentence.
WITNESS_SPEECH = regex.compile(
    rf"(?:['’]s)?{ASIDE},?\s+(?:said|stated|told\s+(?:me|us|officers?|deputies|police|investigators?)|advised|"
    r"explained|reported|remembered|recalled)\s+(?:that\s+)?(?:s?he|they)\b[^.!?\n]{0,90}?"
    r"\b(?:saw|seen|heard|watched|observed|witnessed|noticed)\b",
    regex.IGNORECASE,
)
# "child abuse pediatrics", "Child care: DCS worker ...", "juvenile court": the word names no person.
NOT_A_PERSON = (
    r"(?!\s+(?:abuse|care|protective|protection|support|services|welfare|advocacy|advocate|pornography|custody|"
    r"neglect|endangerment|seat|court|division|detention|probation|justice|unit|officer|detective))"
)
BADGE_GAP = regex.compile(r"[\s,(#:.]*(?:(?i:badge|bdg|star|serial|shield|id|emp|no)\.?[\s#:.]*)*")
BADGE_GAP_CHARS = 16
TABLE_CELL = regex.compile(r"[^\s|](?:[^\t|]*?[^\s|])??(?=[ ]{2,}|\t|[ ]*\||$)")  # text between wide gaps/pipes
TABLE_ROW = regex.compile(r"\S(?:[ ]{3,}|\t|[ ]*\|[ ]*)\S")  # columns apart by wide gaps, tabs or pipes
SENTENCE_BREAK = regex.compile(r"[.!?](?=\s)|\n[ \t]*\n")
SENTENCE_BREAK_BACK = regex.compile(r"(?r)[.!?](?=\s)|\n[ \t]*\n")
SENTENCE_REACH = 200
STATEMENT_OPENING = regex.compile(r"(?<![\w])I,[ \t]+$")
COMMA_ARTICLE = regex.compile(r"^[ \t]*[,(][ \t]*(?:(?:a|an|the)[ \t]+)?")
LINES = regex.compile(r"(?m)^[^\n]*$")
CODE_ROLES = {"V": Role.VICTIM, "W": Role.WITNESS, "S": Role.SUSPECT, "CI": Role.INFORMANT}
IDENTIFIER_ROLES = {"WITNESS_ID": Role.WITNESS, "INFORMANT_ID": Role.INFORMANT, "BADGE_NUMBER": Role.OFFICER}
PERSONAL_TYPES = {
    "US_SSN",
    "DATE_OF_BIRTH",
    "PHONE_NUMBER",
    "EMAIL_ADDRESS",
    "STREET_ADDRESS",
    "US_DRIVER_LICENSE",
    "LICENSE_PLATE",
    "CREDIT_CARD",
    "IBAN_CODE",
    "US_PASSPORT",
}
NEAR = 300
# A nickname in quotes right after a name or right before it in brackets: 'ETSITTY, RONALD "RONDO"',
# '"Cheo" (José Anselmo Trujillo, ...)'.
NICKNAME_AFTER = regex.compile(r"[ \t]*,?[ \t]*\(?[\"“]")
NICKNAME_BEFORE = regex.compile(r"[,.]?[\"”][ \t]*\(")
ALIAS_REACH = 60
ALIAS_LABEL = regex.compile(
    r"(?<![\w])(?i:a/?k/?a|aka|f/?k/?a|alias(?:es|\(es\))?|also known as|street names?|goes by|known as|nicknamed?|"
    r"moniker|maiden name|n[ée]e)(?![\w])(?:[^.\n]|\.{2,}|\.(?=\S))*$"
)


@dataclass(frozen=True)
class Evidence:
    role: Role
    strength: int
    position: int
    deed: bool = False  # a phrase about what the person did or suffered ("was arrested", "was struck")
    perceived: bool = False  # what the person saw or heard ("remembered the man", "said she saw")


# Which role a header names when two role words are equally long, lowest first ("VICTIM / WITNESS" is victim).
HEADER_ORDER = (
    Role.OTHER,
    Role.OFFICER,
    Role.SUSPECT,
    Role.WITNESS,
    Role.VICTIM,
    Role.INFORMANT,
    Role.GUARDIAN,
    Role.JUVENILE,
)
# What a parent did or suffered says more about them than being a parent.
PARTY_ROLES = (Role.SUSPECT, Role.VICTIM)


def outweighs_a_job(e: Evidence) -> bool:
    """What a driver, an owner or a clerk did says more than the job word: a suspect's or a
    victim's deed, or having seen or heard it ("Driver: KUCERA ... Kucera failed SFSTs")."""
    return e.deed and (e.role in PARTY_ROLES or (e.role is Role.WITNESS and e.perceived))


# Titles written out in full; some are census surnames, so the dictionary list lacks them.
WRITTEN_TITLES = frozenset(
    """sheriff officer deputy detective sergeant trooper lieutenant captain corporal agent chief
    investigator marshal constable inspector commander major ranger patrolman""".split()
)


def ends_sentence(title: str) -> bool:
    """Whether the period after a title word ends a sentence: the word is written out ("Sheriff.")
    or in lower case ("off."), not an abbreviation such as "Sgt." or "Off."."""
    word = title.strip().rstrip(":").strip()
    if not word.endswith("."):
        return False
    last = word[:-1].split()[-1]
    lower = last.lower()
    return last.islower() or lower in WRITTEN_TITLES or (len(last) > 3 and lower in names.common_words())


def before_evidence(role: Role, position: int) -> Evidence:
    """A phrase before the name. "I interviewed", "his son", "neighbor" name a witness only
    weakly: officers interview suspects too, and relatives take every role."""
    if role is Role.WITNESS:
        return Evidence(role, 1, position)
    return Evidence(role, 2, position, deed=True)


def weight(e: Evidence) -> tuple[float, int]:
    """Stronger evidence wins, then the earlier. A cue for "other" (driver, owner, nurse, judge)
    says only that the person is named as a party; what the text says they did weighs more."""
    return (e.strength, -e.position)


def rule_role(evidence: list[Evidence], juvenile: bool) -> Role:
    """The role the strongest evidence names, "other" without any."""
    best = max(evidence, key=weight) if evidence else None
    role = best.role if best else Role.OTHER
    if role is Role.GUARDIAN and (acted := [e for e in evidence if e.role in PARTY_ROLES and e.deed]):
        role = max(acted, key=weight).role  # "the child's father, Wade Pickens, struck her"
    if role is Role.OTHER and (deeds := [e for e in evidence if outweighs_a_job(e)]):
        role = max(deeds, key=weight).role  # "The clerk, Priya Raman, remembered the man"
    return Role.JUVENILE if juvenile and role is not Role.OFFICER else role


@dataclass(frozen=True)
class Person:
    """The mentions of one person, the evidence for their role and the role it names."""

    members: list[Finding]
    evidence: list[Evidence]
    own: dict[tuple[int, int], Role]  # a family surname alone, with evidence of its own
    role: Role


class RoleAssigner:
    def __init__(self, rules: RoleRules, model: RoleModel | None = None) -> None:
        self.rules = rules
        self.model = model
        self.cue_res = {
            role: regex.compile(
                rf"(?<![\w])(?:{alternatives(ws)})(?![\w]){NOT_A_PERSON if role is Role.JUVENILE else ''}",
                regex.IGNORECASE,
            )
            for role, ws in rules.cues.items()
            if ws
        }
        titles = alternatives(t.rstrip(".").lower() for t in rules.titles)
        self.title_re = regex.compile(rf"(?<![\w])(?:{titles})\.?:?[ \t]+(?:[A-Z]\.[ \t]*)?$", regex.IGNORECASE)
        self.trailing_title_re = regex.compile(rf"(?:{titles})(?:\.|(?![\w]))", regex.IGNORECASE)  # "Oduya, Lt."
        juvenile = alternatives(rules.juvenile_cues)
        self.juvenile_re = regex.compile(rf"(?<![\w])(?:{juvenile})(?![\w]){NOT_A_PERSON}", regex.IGNORECASE)
        self.before_res = {
            role: regex.compile(rf"(?<![\w])(?:{alternatives(ps)}),?\s+{HONORIFIC}$", regex.IGNORECASE)
            for role, ps in rules.before_name.items()
            if ps
        }
        self.after_res = {
            role: regex.compile(
                rf"^(?:['’]s)?{ASIDE},?\s+{ADVERBS}{FIRST_CLAUSE}(?:{alternatives(ps)})(?![\w])", regex.IGNORECASE
            )
            for role, ps in rules.after_name.items()
            if ps
        }

    # -- public -------------------------------------------------------------------------------

    def assign(self, text: str, findings: Sequence[Finding]) -> list[Finding]:
        sections = self._sections(text, findings)
        persons = [f for f in findings if f.type == "PERSON"]
        people = self.people(text, findings, sections)
        if self.model is not None:
            around = Surroundings.of(text, findings)
            people = [self._learned(text, p, around) for p in people]
        roles = person_roles(people)
        out = []
        for f in findings:
            if f.type == "PERSON":
                out.append(replace(f, role=roles[(f.start, f.end)]))
            elif f.type in IDENTIFIER_ROLES:
                out.append(replace(f, role=IDENTIFIER_ROLES[f.type]))
            elif f.type in PERSONAL_TYPES:
                out.append(replace(f, role=self._owner_role(text, f, sections, persons, roles)))
            else:
                out.append(f)
        return out

    # -- persons ------------------------------------------------------------------------------

    def _learned(self, text: str, person: Person, around: Surroundings) -> Person:
        """The model's role for a person; an age or a juvenile cue still makes a juvenile."""
        if self.model is None or person.role is Role.JUVENILE:
            return person
        return replace(person, role=self.model.predict(person_features(text, person, around)))

    def people(
        self, text: str, findings: Sequence[Finding], sections: list[tuple[int, Role | None]] | None = None
    ) -> list[Person]:
        """The persons of a document (clusters of mentions) with the rules' evidence and role."""
        sections = self._sections(text, findings) if sections is None else sections
        persons = [f for f in findings if f.type == "PERSON"]
        minors = minors_by_birth_date(text, findings, persons)
        badged = badged_persons(text, findings, persons)
        clusters = merge_aliases(text, cluster(persons))
        families = shared_surnames(clusters)
        people = []
        for members in clusters:
            evidence: list[Evidence] = []
            own: dict[tuple[int, int], Role] = {}  # a family surname alone, with evidence of its own
            juvenile = False
            for f in members:
                local = self._local(text, f)
                if local and lone_name(f) in families:  # "I arrested Pham": this Pham, whichever it is
                    own[(f.start, f.end)] = max(local, key=weight).role
                    local = [replace(e, deed=False) for e in local]  # no deed of a relative's
                evidence += local
                if (f.start, f.end) in badged:
                    evidence.append(Evidence(Role.OFFICER, 3, f.start))  # "J. Okonjo #1410"
                role = section_role(sections, f.start)
                if role is not None:
                    evidence.append(Evidence(role, 2, f.start))
                if not surname_only(f, members):  # "PRUITT, KAYDEN DOB 2011" is not Dalton Pruitt
                    juvenile = juvenile or (f.start, f.end) in minors or self._is_juvenile(text, f)
            if not evidence:
                evidence = [e for f in members for e in self._same_sentence(text, f)]
            people.append(Person(members, evidence, own, rule_role(evidence, juvenile)))
        return people

    def _local(self, text: str, f: Finding) -> list[Evidence]:
        out = []
        ls = line_start(text, f.start)
        left = text[max(ls, f.start - 60) : f.start].replace("_", " ")  # arresting_officer=
        title = self.title_re.search(before(text, f.start, 60).replace("\n", " ").replace("_", " "))  # "Ofc.\nOkonjo"
        if title and title.group()[0].islower() and title.group().split()[0].rstrip(".") in COMMON_NOUN_TITLES:
            title = None  # "bail bonds agent Curtis Mabry", "fire chief": titles are capitalised
        if title and ends_sentence(title.group()):
            title = None  # "I said I am calling the Sheriff. Shane said", "Her phone is off. Mai Yer's shoes"
        cue = self._cue_before(left)
        if title and not (cue and cue[0] is Role.OTHER and cue[1] <= title.start() < cue[2]):
            out.append(Evidence(Role.OFFICER, 3, f.start))  # not "security officer", "bail agent"
        if cue is not None:
            out.append(Evidence(cue[0], 3, f.start))
        right = text[f.end : min(line_end(text, f.end), f.end + 40)]
        role = self._apposition(right)
        if role is not None:
            out.append(Evidence(role, 3, f.start))
        else:
            out += self._phrases(text, f)
        line = text[ls : line_end(text, f.start)]
        if TABLE_ROW.search(line):
            # a cell of the row ("KALOGEROPOULOS, STAVROS   21-FEB-1968   Victim") or else the
            # header of the name's column ("Subject / DOB", "| Victim |")
            if cell := self._cell_role(line, f.start - ls, f.end - ls):
                out.append(Evidence(cell, 3, f.start))
            elif column := self._header_role(header_above(text, f.start, f.end)):
                out.append(Evidence(column, 2, f.start))
        if AGENCY_MAIL.search(line):
            out.append(Evidence(Role.OFFICER, 2, f.start))
        if STATEMENT_OPENING.search(left):
            out.append(Evidence(Role.WITNESS, 1, f.start))
        return out

    def _phrases(self, text: str, f: Finding) -> list[Evidence]:
        """Phrases of rules/roles.yaml around the name: "arrested Bell", "Bell was arrested"."""
        before = text[max(0, f.start - PHRASE_REACH) : f.start]
        after = text[f.end : f.end + PHRASE_REACH]
        out = [before_evidence(r, f.start) for r, p in self.before_res.items() if p.search(before)]
        for role, pattern in self.after_res.items():
            if m := pattern.match(after):
                out.append(Evidence(role, 2, f.start, deed=True, perceived=bool(PERCEPTION.search(m.group()))))
        if WITNESS_SPEECH.match(text, f.end, min(len(text), f.end + 160)):
            out.append(Evidence(Role.WITNESS, 2, f.start, deed=True, perceived=True))
        if VICTIM_SPEECH.match(text, f.end, min(len(text), f.end + 120)):
            out.append(Evidence(Role.VICTIM, 2, f.start, deed=True))
        return out

    def _same_sentence(self, text: str, f: Finding) -> list[Evidence]:
        """Weak evidence: the role word nearest to the name in its sentence ("Rose Young told
        officers she saw the suspect ..." gives nothing; "... struck the victim, Amanda Diaz")."""
        start, end = sentence_bounds(text, f.start, f.end)
        best: tuple[int, Role] | None = None
        for role, pattern in self.cue_res.items():
            if role is Role.JUVENILE:
                continue  # a child is named as one right at the name ("Tyler (14)"), not across a sentence
            for m in pattern.finditer(text, start, end):
                distance = f.start - m.end() if m.end() <= f.start else m.start() - f.end
                if role is Role.OFFICER and not names_an_officer(text, f, m):
                    continue
                if distance >= 0 and (best is None or distance < best[0]):
                    best = (distance, role)
        return [Evidence(best[1], 1, f.start)] if best else []

    def _cue_before(self, left: str) -> tuple[Role, int, int] | None:
        """The role word nearest before the name (only filler between), the longest if several
        end there ("security officer" over "officer"): (role, start, end)."""
        best: tuple[Role, int, int] | None = None
        for role, pattern in self.cue_res.items():
            for m in pattern.finditer(left):
                if FILLER.match(left[m.end() :]) and (best is None or (m.end(), -m.start()) > (best[2], -best[1])):
                    best = (role, m.start(), m.end())
        return best

    def _apposition(self, right: str) -> Role | None:
        code = APPOSITION_CODE.match(right)
        if code:
            return CODE_ROLES[code.group(1).upper()]
        m = APPOSITION.match(right)
        if not m:
            return None
        rest = right[m.end() :]
        matches = [(len(hit.group()), role) for role, pattern in self.cue_res.items() if (hit := pattern.match(rest))]
        title = self.trailing_title_re.match(rest)
        if title and not NAME_AFTER_TITLE.match(rest, title.end()):  # not "Ashford (Ofc. Jarvis Tullos, ...)"
            matches.append((0, Role.OFFICER))
        return max(matches, key=lambda x: x[0])[1] if matches else None  # "Deputy Clerk" beats "Deputy"

    def _is_juvenile(self, text: str, f: Finding) -> bool:
        """An age under 18 or a juvenile cue right at the name: "Tyler Diaz (14)", "Tyler Diaz,
        age 14", "a 15-year-old, Tyler Diaz", "juvenile Tyler Diaz", "DIAZ, TYLER  SEX: M  AGE: 14"."""
        left = text[max(line_start(text, f.start), f.start - 30) : f.start]
        right = text[f.end : min(line_end(text, f.end), f.end + 40)]
        age = JUVENILE_AFTER.match(right) or JUVENILE_BEFORE.search(left)
        if age and age["age"] and age_years(age["age"]) < 18:
            return True
        cue_after = COMMA_ARTICLE.match(right)
        if cue_after and self.juvenile_re.match(right, cue_after.end()):
            return True
        cues_before = list(self.juvenile_re.finditer(left))
        return bool(cues_before and FILLER.match(left[cues_before[-1].end() :]))

    # -- sections and owners ------------------------------------------------------------------

    def _sections(self, text: str, findings: Sequence[Finding]) -> list[tuple[int, Role | None]]:
        """(offset, role) at each header line; role None for headers that name no role."""
        starts = {line_start(text, f.start) for f in findings}
        out: list[tuple[int, Role | None]] = []
        for m in LINES.finditer(text):
            line = m.group().strip()
            if not line or m.start() in starts or not is_header(line):
                continue
            out.append((m.start(), self._header_role(line)))
        return out

    def _cell_role(self, line: str, start: int, end: int) -> Role | None:
        """The role a cell of the name's table row holds, where the whole cell is a role word."""
        for m in TABLE_CELL.finditer(line):
            if m.end() <= start or m.start() >= end:
                roles = [role for role, pattern in self.cue_res.items() if pattern.fullmatch(m.group())]
                if len(roles) == 1 and roles[0] is not Role.OTHER:
                    return roles[0]
        return None

    def _header_role(self, line: str) -> Role | None:
        """The role a header names: of its role words the longest ("GRADUATE STUDENT" is not
        "STUDENT"), by HEADER_ORDER on a tie; None for a word of the role "other"."""
        hits = [
            (len(m.group()), HEADER_ORDER.index(role), role)
            for role, pattern in self.cue_res.items()
            for m in pattern.finditer(line)
        ]
        best = max(hits, default=None, key=lambda h: h[:2])
        return None if best is None or best[2] is Role.OTHER else best[2]

    def _owner_role(
        self,
        text: str,
        f: Finding,
        sections: list[tuple[int, Role | None]],
        persons: list[Finding],
        roles: dict[tuple[int, int], Role],
    ) -> Role | None:
        section = section_role(sections, f.start)
        if section is not None:
            return section
        owner = _owner(text, f, persons)
        return roles[(owner.start, owner.end)] if owner else None


def person_roles(people: list[Person]) -> dict[tuple[int, int], Role]:
    """The role of every mention. A parent is a guardian only where there is a juvenile; an
    adult's mother is "other"."""
    has_juvenile = any(p.role is Role.JUVENILE for p in people)
    roles: dict[tuple[int, int], Role] = {}
    for p in people:
        final = Role.OTHER if p.role is Role.GUARDIAN and not has_juvenile else p.role
        for f in p.members:  # a juvenile suspect is a juvenile, whatever the mention says
            roles[(f.start, f.end)] = final if final is Role.JUVENILE else p.own.get((f.start, f.end), final)
    return roles


def names_an_officer(text: str, f: Finding, cue: regex.Match[str]) -> bool:
    """Whether an officer word in the sentence can describe the person: no verb may stand
    between them ("Officers Ruiz and Bell", "Cole Haberman, ADA"; not "Fields told officers",
    "Bell pushed the officer", "officers located Bell")."""
    between = (cue.end(), f.start) if cue.start() < f.start else (f.end, cue.start())
    return not LOWER_WORD.search(text, *between)


def badged_persons(text: str, findings: Sequence[Finding], persons: list[Finding]) -> set[tuple[int, int]]:
    """Persons followed by a badge number: "K. Hallberg #1388", "Tpr. W. Cochran, Badge 1187"."""
    badges = sorted(f.start for f in findings if f.type == "BADGE_NUMBER")
    out = set()
    for p in persons:
        i = bisect.bisect_left(badges, p.end)
        if i < len(badges) and badges[i] - p.end <= BADGE_GAP_CHARS and BADGE_GAP.fullmatch(text, p.end, badges[i]):
            out.add((p.start, p.end))
    return out


def minors_by_birth_date(text: str, findings: Sequence[Finding], persons: list[Finding]) -> set[tuple[int, int]]:
    """Persons whose date of birth (the DOB right after them) makes them under 18 on the latest
    other date in the document (the report date, usually)."""
    dobs = [f for f in findings if f.type == "DATE_OF_BIRTH"]
    if not dobs:
        return set()
    taken = {(f.start, f.end) for f in dobs}
    days = [day for span, day in dates_in(text) if span not in taken]
    if not days:
        return set()
    reference = max(days)
    minors = set()
    for dob in dobs:
        born = parse_date(dob.value)
        owner = _owner(text, dob, persons)
        if born and owner and 0 <= age_on(born, reference) < 18:
            minors.add((owner.start, owner.end))
    return minors


def _owner(text: str, f: Finding, persons: list[Finding]) -> Finding | None:
    block_start = max(text.rfind("\n\n", 0, f.start), f.start - NEAR)
    before = [p for p in persons if block_start <= p.start < f.start]
    return before[-1] if before else None


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (at most SENTENCE_REACH characters either side) around [start, end)."""
    lo, hi = max(0, start - SENTENCE_REACH), min(len(text), end + SENTENCE_REACH)
    back = SENTENCE_BREAK_BACK.search(text, lo, start)
    forward = SENTENCE_BREAK.search(text, end, hi)
    return (back.end() if back else lo), (forward.start() if forward else hi)


def is_header(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    if not letters or len(line) > 60:
        return False
    return all(c.isupper() for c in letters) or (line.endswith(":") and len(line) <= 40)


def section_role(sections: list[tuple[int, Role | None]], offset: int) -> Role | None:
    role = None
    for start, r in sections:
        if start > offset:
            break
        role = r
    return role


def cluster(persons: list[Finding]) -> list[list[Finding]]:
    """Group mentions of one person: full names by (first, last); a lone surname or first name
    joins a full name that has it (see ``_home``)."""
    full: dict[tuple[str, str], list[Finding]] = {}
    singles: list[Finding] = []
    for f in sorted(persons, key=lambda f: f.start):
        parts = parse(f.value)
        if parts is None or parts.first is None:
            singles.append(f)
        else:
            group = full.setdefault((parts.first.lower(), parts.last.lower()), [])
            group.append(f)
            if given := given_names(f.value):  # "Mai Yer" is VANG, MAI YER
                first, second = given.lower().split()
                full.setdefault((first, second), group)
    groups = list({id(g): g for g in full.values()}.values())
    alone: dict[str, list[Finding]] = {}
    for f in singles:
        word = f.value.strip(".'’").lower()
        home = _home(groups, word, f.start)
        if home is None:
            alone.setdefault(word, []).append(f)
        else:
            home.append(f)
    return groups + list(alone.values())


def merge_aliases(text: str, clusters: list[list[Finding]]) -> list[list[Finding]]:
    """An alias is the person named before it: "PRUITT, DALTON ... AKA/PRUITT, TRIPP",
    "Portillo-Arce (a/k/a "Cheque")", "Alias(es): "Mona", Ramona Castellanos-Pike"."""
    home = {id(f): i for i, members in enumerate(clusters) for f in members}
    mentions = sorted((f for members in clusters for f in members), key=lambda f: f.start)
    parent = list(range(len(clusters)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for index, f in enumerate(mentions):
        label = ALIAS_LABEL.search(text, max(0, f.start - ALIAS_REACH), f.start)
        owner = next((o for o in reversed(mentions[:index]) if o.end <= label.start()), None) if label else None
        if owner is not None and owner.start >= f.start - NEAR:
            parent[root(home[id(f)])] = root(home[id(owner)])
        elif index and NICKNAME_AFTER.fullmatch(text, mentions[index - 1].end, f.start):
            parent[root(home[id(f)])] = root(home[id(mentions[index - 1])])
        elif index + 1 < len(mentions) and NICKNAME_BEFORE.fullmatch(text, f.end, mentions[index + 1].start):
            parent[root(home[id(f)])] = root(home[id(mentions[index + 1])])
    merged: dict[int, list[Finding]] = {}
    for i, members in enumerate(clusters):
        merged.setdefault(root(i), []).extend(members)
    return list(merged.values())


def lone_name(f: Finding) -> str | None:
    """The surname of a mention without a given name ("Pham", "Mr. Pham"), lower case."""
    parts = parse(f.value)
    return parts.last.lower() if parts is not None and parts.first is None else None


def shared_surnames(clusters: list[list[Finding]]) -> set[str]:
    """Surnames that the full names of two or more people share: a family."""
    owners: dict[str, set[int]] = {}
    for i, members in enumerate(clusters):
        for f in members:
            if (parts := parse(f.value)) is not None and parts.first is not None:
                owners.setdefault(parts.last.lower(), set()).add(i)
    return {name for name, who in owners.items() if len(who) > 1}


def surname_only(f: Finding, members: list[Finding]) -> bool:
    """A lone surname in a cluster with full names: it may be any member of the family."""
    if (parts := parse(f.value)) is not None and parts.first is not None:
        return False
    word = f.value.strip(".'’").lower()
    return any((p := parse(m.value)) is not None and p.first is not None and p.last.lower() == word for m in members)


def _home(groups: list[list[Finding]], word: str, offset: int) -> list[Finding] | None:
    """The full name a lone name belongs to: of the people named before it, the first named (a
    report introduces its subject before the relatives who share the surname); else the first."""
    candidates = []
    for g in groups:
        parts = parse(g[0].value)
        if parts and word in {parts.last.lower(), (parts.first or "").lower()}:
            first = min(f.start for f in g)
            candidates.append(((first < offset, -first), g))
    if not candidates:
        return None
    return max(candidates, key=lambda c: c[0])[1]


def age_years(age: str) -> int:
    """14 from "14" or "fourteen"."""
    return int(age) if age.isdigit() else AGE_WORDS.index(age.lower()) + 1
