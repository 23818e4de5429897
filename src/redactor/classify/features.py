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
any report quoting witnesses like a witness statement. Cues say what agencies record, not what
happened: medical is care given (treatment, medicines, diagnoses, vital signs, a mental-health hold),
not an injury, and "refused transport" is a cue of its own that counts against it; criminal history
is the rows, custody and court outcomes of a record, not a mention of "priors". A cue is a ``k:NAME``
term of ``text_terms`` (so a memoised analyzer computes it once) but is counted in the dense columns,
not in TF-IDF, where the length normalisation would make one match in a long report weigh next to
nothing.
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
    r"trauma (?:center|unit)|urgent care|clinic|infirmary|burn unit|cath lab|psychiatric (?:unit|ward|facility))"
)
# Medicines that agencies write down when someone is treated or says what they take: EMS drugs, the
# prescriptions of the sick and the old, psychiatric drugs. Not street drugs (fentanyl, oxycodone,
# heroin), which a narcotics arrest names without anyone being treated.
_MEDICINES = (
    r"naloxone|narcan|insulin|metformin|warfarin|eliquis|aspirin|(?-i:ASA)|nitro(?:glycerin)?|(?-i:NTG)|"
    r"epinephrine|epi-?pen|albuterol|inhaler|ketamine|midazolam|versed|haloperidol|haldol|ativan|lorazepam|"
    r"diazepam|valium|clonazepam|klonopin|keppra|levetiracetam|depakote|lithium|seroquel|quetiapine|"
    r"risperdal|risperidone|zyprexa|olanzapine|abilify|zoloft|sertraline|prozac|fluoxetine|lexapro|"
    r"wellbutrin|trazodone|gabapentin|methadone|suboxone|buprenorphine|ibuprofen|acetaminophen|tylenol|"
    r"antibiotics?|tetanus|rabies (?:vaccine|shots?|immune globulin)|(?-i:PEP)|donepezil|memantine|"
    r"metoprolol|lisinopril|amlodipine|atorvastatin|prednisone|dextrose|(?-i:D10|D50)|oral glucose|"
    r"saline|(?-i:IV) (?:fluids|access|line)|oxygen|(?-i:O2)"
)
MEDICAL_CUES: tuple[tuple[str, regex.Pattern[str]], ...] = (
    # someone was treated, examined or taken for care, not just hurt
    (
        "care_transport",
        _cue(
            r"\b(?:transport\w*|taken|took|conveyed|flown|airlifted|driven|transferred|brought|rushed|admitted)\b"
            r"[^.\n]{0,80}?\b" + _CARE_PLACE + r"\b"
        ),
    ),
    ("ems", _cue(r"\b(?:(?-i:EMS|EMTs?)|paramedics?|ambulance|medic (?:unit|\d+)|rescue (?:squad|unit|\d+))\b")),
    (
        "treatment",
        _cue(
            r"\b(?:treated (?:and released |on scene )?(?:at|by|for|with)|admitted (?:to|for)|discharged|"
            r"stitch(?:es|ed)|sutur\w+|staples|x-rays?|(?-i:CT) (?:scan|showed)|(?-i:MRI)|diagnos\w+|fractur\w+|"
            r"concussion|lacerations?|contusions?|(?:kept|held) (?:overnight )?for observation|(?-i:ICU)|"
            r"intensive care|surgery|splint\w*|revived|resuscitat\w+|(?-i:CPR|AED)|intubat\w+|sedat\w+|"
            r"immobiliz\w+|backboard|c-collar|bandag\w+|tourniquet|closed reduction|hyperbaric|"
            r"(?:blood|urine) (?:draw|screen|test|results?|alcohol|specimen|sample)|toxicology|lab results?|"
            r"medically cleared|medical clearance|evaluated (?:by|at|for))\b"
        ),
    ),
    ("medication", _cue(r"\b(?:" + _MEDICINES + r"|medications?|prescri\w+|dosage|doses?|(?-i:mg|mcg))\b")),
    (
        "condition",
        _cue(
            r"\b(?:diabet\w+|seizures?|epilep\w+|alzheimer'?s|dementia|schizo\w+|bipolar|depress(?:ion|ive)|"
            r"(?-i:PTSD)|anxiety|autis\w+|asthma\w*|(?-i:COPD)|heart (?:attack|condition|disease)|cardiac|"
            r"stroke|hypoglyc\w+|hypertens\w+|hypotherm\w+|overdos\w+|pregnan\w+|(?-i:HIV)|hepatitis|"
            r"medical (?:history|condition|problems?|issues?)|history of (?:heart|mental|seizures?|drug|alcohol))\b"
        ),
    ),
    (
        "clinical",
        _cue(
            r"\b(?:vital signs|vitals|blood pressure|blood glucose|(?-i:GCS|MRN|RN|BGL|BP|HR|SpO2|STEMI|PT|Hx|Dx|Rx|Tx|C/O|"
            r"AOx\d|A&Ox?\d|LOC)|pulse ox\w*|allerg\w+|chief complaint|patient|triage|nurse|attending|physician|"
            r"12[- ]lead|respirations?)\b"
        ),
    ),
    (
        "mental_health",
        _cue(
            r"\b(?:involuntary (?:commitment|hold|evaluation|admission)|emergency (?:custody|detention) order|"
            r"5150|Baker Act|psychiatric|suicid\w+|mental health (?:evaluation|hold|crisis|assessment|history|"
            r"clinician|professional|counselor|provider)|crisis (?:intervention|team|counselor)|co-responder|"
            r"danger to (?:self|others|himself|herself)|gravely disabled|emergency petition)\b"
        ),
    ),
    (
        "forensic_exam",
        _cue(
            r"\b(?:(?-i:SANE|SAFE|SAEK)|sexual assault (?:nurse )?examin\w*|forensic (?:medical |nurse )?exam\w*|"
            r"(?:sexual assault|rape) (?:evidence )?kit)\b"
        ),
    ),
    # the opposite: hurt or shaken, but no care given
    (
        "care_declined",
        _cue(
            r"\b(?:(?:refused|declined|waived) (?:medical|treatment|transport|(?-i:EMS)|care|an ambulance)|"
            r"signed (?:a |the )?refusal|no (?:visible |apparent |reported )?injur\w+|(?:not|un)injured|"
            r"no medical (?:attention|treatment) (?:needed|required|requested))\b"
        ),
    ),
)
VICTIM_CUES: tuple[tuple[str, regex.Pattern[str]], ...] = (
    # the offences and protections that make a victim's identity sensitive
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
)
HISTORY_CUES: tuple[tuple[str, regex.Pattern[str]], ...] = (
    # identifiers and rows of a criminal-history record, supervision status, custody, court outcomes
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
            r"\b(?:prior (?:convictions?|record|felon\w*|offenses?|arrests?)|previously convicted|convictions? for|"
            r"arrest history|on (?:felony |supervised |state )?(?:probation|parole)|probation officer|"
            r"parole (?:agent|officer))\b"
        ),
    ),
    (
        "custody",
        _cue(
            r"\b(?:inmates?|detainees?|booking (?:no\.?|number|#|photo)|booked (?:into|at)|housing unit|"
            r"(?-i:DOC) (?:#|No\.?|number)|incarcerat\w+|correctional (?:facility|officer|center))\b"
        ),
    ),
    (
        "court_outcome",
        _cue(
            r"\b(?:sentenced to|sentence of|judgment (?:and|of) (?:sentence|conviction)|convicted of|"
            r"pleaded guilty|pled guilty|plea (?:agreement|of guilty|of no contest)|nolo contendere|"
            r"adjudicated|deferred (?:adjudication|prosecution)|failure to appear|(?-i:FTA)|bench warrant|"
            r"warrant (?:no\.?|number|#|abstract)|supervised release|probation (?:violation|term|conditions?)|"
            r"parole (?:board|violation|hearing)|revocation)\b"
        ),
    ),
)
PERSONNEL_CUES: tuple[tuple[str, regex.Pattern[str]], ...] = (
    # an employer's records about an employee: discipline, leave, fitness, hiring and promotion
    (
        "employment_action",
        _cue(
            r"\b(?:suspen(?:ded|sion) (?:without|with) pay|termination of (?:your |his |her )?employment|"
            r"(?:notice|letter) of (?:intent|termination|discipline|reprimand|counseling)|written reprimand|"
            r"(?:oral|verbal) (?:reprimand|counseling)|disciplin\w+|Loudermill|Garrity|administrative (?:leave|interview)|"
            r"fitness[- ]for[- ]duty|return(?:ed)? to (?:full |regular |light )?duty|(?:light|modified) duty|"
            r"workers'? compensation|(?-i:FMLA)|sick leave|employee assistance|probationary (?:period|employee|release)|"
            r"performance (?:evaluation|review|improvement)|promotion\w*|eligibility list|civil service|"
            r"collective bargaining|arbitrat\w+|pre-employment|applicant|Giglio|conduct unbecoming|"
            r"(?:policy|rules?) violations?|sustained)\b"
        ),
    ),
    (
        "employee_id",
        _cue(
            r"\b(?:emp(?:loyee)?\.?[ \t]*(?:#|no\.?|number|(?-i:ID))|employee \d+|years of service|date of hire|"
            r"hire date|seniority|personnel (?:file|record|number))"
        ),
    ),
)
JUVENILE_CUES: tuple[tuple[str, regex.Pattern[str]], ...] = (
    # a child: an age under 18, and the agencies, schools and interviews that deal with children
    (
        "minor_age",
        _cue(
            r"\b(?:ages?|aged)[ \t:]*(?:[1-9]|1[0-7])\b(?![ \t]*(?:\d|years of service))|"
            r"\b(?:[1-9]|1[0-7])[- ](?:years?|yrs?|months?)[- ]old\b|\b(?:[1-9]|1[0-7])[ \t]*(?:(?-i:YOA|YO|y/o)|yo)\b|"
            r"\((?:[1-9]|1[0-7])[ \t]*(?:y|yrs?|years?)?\)"
        ),
    ),
    (
        "child_setting",
        _cue(
            r"\b(?:(?-i:CPS|DCFS|DCF|CAC|SRO)|child protective services|child(?:ren)?'?s? advocacy cent(?:er|re)|"
            r"forensic interview\w*|school resource officer|parents?(?:/| or )guardians?|legal guardian|"
            r"(?:elementary|middle|junior high|high) school|\d(?:st|nd|rd|th)[- ]grade\w*|juveniles?|minor child(?:ren)?|"
            r"delinquen\w+|infant|toddler)\b"
        ),
    ),
)
_SPEAKER = r"[A-Z][A-Z'.-]{1,20}(?:[ \t][A-Z][A-Z'.-]{1,20})?"
STATEMENT_CUES: tuple[tuple[str, regex.Pattern[str]], ...] = (
    # written by the person who gives it
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
    # a recorded interview or call: one speaker's label, another's, then the first again
    (
        "dialogue",
        _cue(
            r"^[ \t]*("
            + _SPEAKER
            + r"):[ \t]+[^\n]*\n(?:[^\n]*\n){0,3}?[ \t]*(?!\1:)"
            + _SPEAKER
            + r":[ \t]+[^\n]*\n(?:[^\n]*\n){0,3}?[ \t]*\1:",
            0,
        ),
    ),
    (
        "witness_interview",
        _cue(
            r"\b(?:recorded interview|interview (?:transcript|summary|room)|(?:witness|victim|bystander|neighbou?r)s? "
            r"(?:interview|canvass)\w*|interviewed (?:the |a |each |both )?(?:witness|victim|neighbou?r|clerk|bystander|"
            r"employee|resident|driver|passenger)s?|canvass\w*|witness (?:#|no\.?)[ \t]*\d|(?-i:W)-\d)\b"
        ),
    ),
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
)
NARRATIVE_CUES: tuple[tuple[str, regex.Pattern[str]], ...] = (
    # an officer's narrative of a call (incident reports, not statements)
    (
        "officer_narrative",
        _cue(
            r"\b(?:(?:was|were) dispatched|responded to|I arrived|I (?:contacted|made contact|observed|located)|"
            r"upon (?:my |our )?arrival|on arrival|(?:reporting|assisting|investigating) (?:officer|deputy)|(?-i:R/O))\b"
        ),
    ),
)
CUES: tuple[tuple[str, regex.Pattern[str]], ...] = (
    MEDICAL_CUES + VICTIM_CUES + HISTORY_CUES + PERSONNEL_CUES + JUVENILE_CUES + STATEMENT_CUES + NARRATIVE_CUES
)


CUE_PREFIX = "k:"
CUE_KEYS: tuple[str, ...] = tuple(f"{CUE_PREFIX}{name}" for name, _ in CUES)
# Chosen by cross-validation (models/classifier/cv.py) among 0 (no cues), 0.1, 0.2, 0.3 and 1.0: 0.2 gave
# the best 5-fold and leave-one-source-out macro-F1 together (medical and victim_sensitive above all);
# 1.0 let the cues override the text. Checked again with the medication, condition, custody, court,
# personnel, juvenile and interview cues: 0.3 gave 0.905 / 0.884 (5-fold / leave-one-source-out), 0.2 0.914 / 0.897.
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
