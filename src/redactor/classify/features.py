"""Features of the record-category classifier, shared by training and prediction.

The same functions turn a document into features in ``models/classifier/train.py`` and at run time,
so the two can never drift apart: terms of the text (words, word pairs, character 4-grams inside
words; digits folded to 0 so case numbers and dates do not become vocabulary), counts of detection
findings by type and by role, and counts of cues.

Cues are phrases and layouts that say what a record holds, each written so that one cue covers the
many ways agencies word the same thing: care given at a hospital or by EMS, the identifiers and
disposition rows of a criminal-history record, the opening and attestation of a statement written by
the person who gives it, and the narrative of an officer who responded. Words alone cannot do this:
"transported to Great Plains Regional" and "seen at urgent care" share no word. Without cues the
model leaned on finding counts: any report naming a suspect looked like a criminal-history record,
any report quoting witnesses like a witness statement. A cue is a ``k:NAME`` term of ``text_terms``
(so a memoised analyzer computes it once) but is counted in the dense columns, not in TF-IDF, where
the length normalisation would make one match in a long report weigh next to nothing.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import pairwise

import regex

from redactor.model import ENTITY_TYPES, Finding, Role

WORD = regex.compile(r"[\p{L}0-9]+(?:'[\p{L}]+)?")
DIGIT = regex.compile(r"[0-9]")
FIELD_LABEL = regex.compile(r"^([\p{L}][\p{L} /&'-]{1,40}?)\s*:(?!//)")
MAX_HEADING_WORDS = 8
TITLE_LINES = 6
MAX_CHARS = 50_000  # the head of a long document says what it is; keeps prediction time bounded

FINDING_KEYS: tuple[str, ...] = tuple(f"type:{t}" for t in ENTITY_TYPES) + tuple(f"role:{r.value}" for r in Role)
# Dense finding columns are scaled down to weigh like one or two text terms. Cross-validated on
# hand-written records, larger weights (0.35 was used before) made the model lean on finding counts,
# which the template-generated training documents make look more telling than they are.
FINDING_SCALE = 0.1


def _cue(pattern: str, flags: int = regex.IGNORECASE) -> regex.Pattern[str]:
    return regex.compile(pattern, flags | regex.MULTILINE)


# Case-insensitive, because forms write in capitals what narratives write in lower case; acronyms
# are matched in capitals only ((?-i:...)), so that "safe" or "iii." are not "SAFE" or "III".
_CARE_PLACE = (
    r"(?:hospital|medical cent(?:er|re)|regional|health|(?-i:ER|ED)|emergency (?:room|department)|"
    r"trauma (?:center|unit)|urgent care|clinic|infirmary|burn unit)"
)
CUES: tuple[tuple[str, regex.Pattern[str]], ...] = (
    # medical: someone was treated, examined or taken for care, not just hurt
    (
        "care_transport",
        _cue(
            r"\b(?:transported|taken|conveyed|flown|airlifted|driven|transferred|brought)\b[^.\n]{0,80}?\b"
            + _CARE_PLACE
            + r"\b"
        ),
    ),
    ("ems", _cue(r"\b(?:(?-i:EMS|EMTs?)|paramedics?|ambulance|medic (?:unit|\d+)|rescue (?:squad|unit|\d+))\b")),
    (
        "treatment",
        _cue(
            r"\b(?:treated (?:and released )?(?:at|by|for)|admitted (?:to|for)|discharged|stitch(?:es|ed)|sutur\w+|"
            r"x-rays?|(?-i:CT) (?:scan|showed)|(?-i:MRI)|diagnos\w+|fractur\w+|concussion|lacerations?|contusions?|"
            r"(?:kept|held) (?:overnight )?for observation|(?-i:ICU)|intensive care|surgery|splint\w*)\b"
        ),
    ),
    (
        "forensic_exam",
        _cue(
            r"\b(?:(?-i:SANE|SAFE|SAEK)|sexual assault (?:nurse )?examin\w*|forensic (?:medical |nurse )?exam\w*|"
            r"(?:sexual assault|rape) (?:evidence )?kit)\b"
        ),
    ),
    (
        "clinical",
        _cue(
            r"\b(?:vital signs|blood pressure|(?-i:GCS|MRN|RN|mg)|pulse ox\w*|medications?|prescri\w+|dosage|"
            r"allerg\w+|chief complaint|patient|triage|nurse)\b"
        ),
    ),
    (
        "mental_health",
        _cue(
            r"\b(?:involuntary (?:commitment|hold|evaluation|admission)|emergency (?:custody|detention) order|"
            r"5150|Baker Act|psychiatric|suicid\w+|mental health (?:evaluation|hold|crisis|assessment))\b"
        ),
    ),
    # victim_sensitive: the offences and protections that make a victim's identity sensitive
    (
        "sensitive_offense",
        _cue(
            r"\b(?:domestic (?:violence|battery|assault|abuse|disturbance)|(?-i:DV)|intimate partner|sexual (?:assault|abuse|battery)|"
            r"rape|sodomy|strangl\w+|choked|stalk\w*|(?:protective|protection|restraining|no[- ]contact) order|"
            r"(?-i:PFA|TPO|EPO)|lethality|human trafficking|trafficked|(?:elder|child|dependent adult) (?:abuse|neglect)|"
            r"exploitation|hate crime|bias[- ](?:crime|motivated|incident)|ethnic intimidation|identity theft|"
            r"sextortion|nonconsensual|(?:victim|crime victim)s?'? rights|victim advocate|advocate|"
            r"address confidentiality|(?-i:Safe at Home|SAFE AT HOME))\b"
        ),
    ),
    # criminal history: identifiers and rows of a criminal-history record, supervision status
    (
        "chri_id",
        _cue(
            r"\b(?-i:FBI|SID|OTN|III|NCIC|CCH)\s*(?:#|No\.?|Number|:)|\bInterstate Identification Index\b|"
            r"\b(?:criminal (?:history|record)|rap sheet)\b"
        ),
    ),
    (
        "disposition_row",
        _cue(
            r"^[^\n]*\b\d{1,4}[/-]\d{1,2}[/-]\d{2,4}\b[^\n]*\b(?:convicted|guilty|dismissed|nolle|sentenced?|"
            r"deferred|acquitted|disposition|pled|plea|adjudicated|probation|jail|prison|(?-i:DOC))\b[^\n]*$"
        ),
    ),
    (
        "rap_header",
        _cue(
            r"^[ \t]*(?:DATE OF ARREST|ARREST DATE|ARRESTING AGENCY|COURT DISPOSITION|DISPOSITION|"
            r"CHARGE\(?S?\)?|STATUTE|OFFENSE DATE|SENTENCE)\b",
            0,
        ),
    ),
    (
        "priors",
        _cue(
            r"\b(?:prior (?:convictions?|record|felon\w*|offenses?)|previously convicted|convictions? for|"
            r"on (?:felony |supervised |state )?(?:probation|parole)|probation officer|parole (?:agent|officer))\b"
        ),
    ),
    # witness statement: written by the person who gives it
    (
        "statement_opening",
        _cue(
            r"^[ \t]*(?:I|My name is),?\s+[A-Z][\w'.-]+(?:[ \t]+[A-Z][\w'.-]*){0,3},?\s+(?:being|do|hereby|state|"
            r"swear|make|am|declare|give|was born|live)\b",
            0,
        ),
    ),
    (
        "attestation",
        _cue(
            r"\b(?:true and (?:correct|accurate)|to the best of my (?:knowledge|recollection|memory)|"
            r"under penalty of perjury|I have read (?:this|the (?:above|foregoing))|sworn (?:to )?(?:and subscribed )?"
            r"before me|of my own free will|no (?:threats|promises)|signature of (?:witness|person|declarant|affiant)|"
            r"statement (?:taken|witnessed) by|(?:I|this) (?:statement )?(?:consists|consisting) of \d+ pages?)"
        ),
    ),
    ("qa_line", _cue(r"^[ \t]*(?:Q|A)[:.)-][ \t]", 0)),
    # a statement written down in the witness's own words, inside a report: a long quotation in the first person
    (
        "first_person_quote",
        _cue(r"[\"“](?=[^\"“”]{100,1500}[\"”])[^\"“”]*?\b(?:I|I'm|I've|[Mm]y|me)\b[^\"“”]*[\"”]", 0),
    ),
    (
        "statement_title",
        _cue(
            r"^[ \t]*(?:(?:WITNESS|VICTIM|COMPLAINANT|VOLUNTARY|WRITTEN|SWORN)[ \t]+)?STATEMENT\b|"
            r"\b(?:written|handwritten|signed|voluntary|sworn) statement\b|\bin (?:his|her|their) own words\b"
        ),
    ),
    # an officer's narrative of a call (incident reports, not statements)
    (
        "officer_narrative",
        _cue(
            r"\b(?:(?:was|were) dispatched|responded to|I arrived|I (?:contacted|made contact|observed|located)|"
            r"upon (?:my |our )?arrival|on arrival|(?:reporting|assisting|investigating) (?:officer|deputy)|(?-i:R/O))\b"
        ),
    ),
)


CUE_PREFIX = "k:"
CUE_KEYS: tuple[str, ...] = tuple(f"{CUE_PREFIX}{name}" for name, _ in CUES)
# Chosen by cross-validation (models/classifier/cv.py) among 0 (no cues), 0.1, 0.2, 0.3 and 1.0: 0.2 gave
# the best 5-fold and leave-one-source-out macro-F1 together (medical and victim_sensitive above all);
# 1.0 let the cues override the text.
CUE_SCALE = 0.2
# Changes with any cue pattern, so that a model trained with other patterns is refused (model.py).
CUE_DIGEST = hashlib.sha256("\n".join(f"{n}\t{p.pattern}\t{p.flags}" for n, p in CUES).encode()).hexdigest()


def cue_terms(text: str) -> list[str]:
    """One ``k:NAME`` term for every match of a cue."""
    return [f"{CUE_PREFIX}{name}" for name, pattern in CUES for _ in pattern.finditer(text)]


def cue_vector(terms: Iterable[str]) -> list[float]:
    counts = Counter(t for t in terms if t.startswith(CUE_PREFIX))
    return [CUE_SCALE * math.log1p(counts.get(key, 0)) for key in CUE_KEYS]


def tfidf_terms(terms: Iterable[str]) -> list[str]:
    """The terms that go into TF-IDF: all but the cues, which have dense columns of their own."""
    return [t for t in terms if not t.startswith(CUE_PREFIX)]


def dense_vector(terms: Sequence[str], findings: Iterable[Finding]) -> list[float]:
    """The columns after the TF-IDF terms: finding counts (FINDING_KEYS), then cue counts (CUE_KEYS)."""
    return finding_vector(findings) + cue_vector(terms)


def words_of(text: str) -> list[str]:
    return [DIGIT.sub("0", w) for w in WORD.findall(text.lower())]


def header_words(text: str) -> list[str]:
    """Words of the lines that say what a document or section is: titles and headings written in capitals,
    and form labels at the start of a line ("Chief complaint:", "Prior arrests:")."""
    words = []
    for line in text.splitlines():
        stripped = line.strip()
        label = FIELD_LABEL.match(stripped)
        if label:
            words += words_of(label.group(1))
        elif stripped.isupper() and len(stripped.split()) <= MAX_HEADING_WORDS:
            words += words_of(stripped)
    return words


def title_words(text: str) -> list[str]:
    """Words of the first lines, where a record names its agency and its kind."""
    lines = [line for line in text.splitlines() if line.strip()][:TITLE_LINES]
    return words_of("\n".join(lines))


def text_terms(text: str) -> list[str]:
    """Every term of the document, cues included (see ``tfidf_terms`` and ``cue_vector``)."""
    text = text[:MAX_CHARS]
    words = words_of(text)
    terms = [f"w:{w}" for w in words]
    terms += [f"h:{w}" for w in header_words(text)]
    terms += [f"t:{w}" for w in title_words(text)]
    terms += [f"b:{a} {b}" for a, b in pairwise(words)]
    terms += cue_terms(text)
    for w in words:
        if len(w) > 4 and not w.isdigit():
            padded = f"<{w}>"
            terms += [f"c:{padded[i : i + 4]}" for i in range(len(padded) - 3)]
    return terms


def finding_counts(findings: Iterable[Finding]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for finding in findings:
        counts[f"type:{finding.type}"] += 1
        if finding.role is not None:
            counts[f"role:{finding.role.value}"] += 1
    return counts


def finding_vector(findings: Iterable[Finding]) -> list[float]:
    counts = finding_counts(findings)
    return [FINDING_SCALE * math.log1p(counts.get(key, 0)) for key in FINDING_KEYS]
