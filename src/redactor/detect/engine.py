"""The detection engine: one per process, Presidio's AnalyzerEngine over a spaCy NER pipeline.

Speed levers (see ``make bench``): only the NER component of the pipeline is loaded (its own
embedding layer makes the shared tok2vec, tagger, parser and lemmatizer unnecessary), texts are
cut into chunks and fed through ``nlp.pipe`` in batches, and Presidio runs the recognizers on
NLP artifacts we hand it, so it never runs spaCy a second time.
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import regex
import spacy
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import CreditCardRecognizer, IbanRecognizer
from spacy.language import Language

from redactor.detect import mentions, names
from redactor.detect.adjacent import identifiers_after
from redactor.detect.columns import code_names_in_columns
from redactor.detect.fields import with_fields
from redactor.detect.recognizers.address import STATE_NAMES, AddressRecognizer
from redactor.detect.recognizers.dob import DobRecognizer
from redactor.detect.recognizers.email import OfflineEmailRecognizer
from redactor.detect.recognizers.ip import QuickIpRecognizer
from redactor.detect.recognizers.person import VEHICLE_MAKES, PersonRecognizer
from redactor.detect.recognizers.rule_based import RuleRecognizer, code_name_recognizer
from redactor.detect.recognizers.ssn import SsnRecognizer
from redactor.detect.repeats import repeat_identifiers
from redactor.detect.resolve import allow_list_pattern, allow_listed_spans, resolve
from redactor.detect.rolemodel import RoleModel
from redactor.detect.roles import RoleAssigner
from redactor.errors import ModelError
from redactor.model import Document, Finding
from redactor.rules import RuleSet, load_rules

log = logging.getLogger(__name__)

CHUNK_CHARS = 8000
BATCH_SIZE = 16
NER_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "LOC")
LINE = regex.compile(r"[^\n]*")
UPPER_WORD = regex.compile(r"\b[A-Z][A-Z'’-]+\b")
SENTENCE_START = regex.compile(r"(?:^|(?<!\b\p{Lu})[.!?:;]\s+|^\s*[-*•\d.)]+\s*)$")
NEXT_CAPITALISED = regex.compile(r"[ \t]+(?:\p{Lu}\.?[ \t]+)?\p{Lu}")
PREVIOUS_CAPITALISED = regex.compile(r"(?:\p{Lu}[\p{L}'’.-]*|\b(?:de|del|la|le|van|von|der|den|da|dos|di|du))[ \t]+$")
PREVIOUS_WORD = regex.compile(r"(\p{L}+)[ \t]+$")
POSSESSIVE = regex.compile(r"['’]s$")
PLACES_AND_MAKES = frozenset(n.lower() for n in STATE_NAMES if " " not in n) | VEHICLE_MAKES
CAPITALISED_WORD = regex.compile(r"(?<![\w'’-])\p{Lu}[\p{L}'’-]+")
# Capitalised words of ordinary prose that are neither names nor form words.
COMMON_CAPITALISED = frozenset(
    """
    i i'm i've i'd he she they we it my his her their our you your there here this these those
    after before during on at in if when while upon per as by to from with without about also
    no yes not none other all any some each both because since until however therefore
    ofc off apt ct dep inv lt ms mrs mr mx jr sr dr st ave rd blvd ln sgt det cpl capt hwy vs re
    attn dept div sec ext fax tel email time date location status order form review contact
    information related supplement approved reviewed dispatched legal special emergency health
    residence building family criminal security social act crime warrant possession operator
    """.split()
)
# Unknown capitalised words with these endings are ordinary words ("Investigations", "Dispatched"),
# not names the gazetteers lack: they need no NER.
ORDINARY_ENDINGS = (
    "tion",
    "tions",
    "sion",
    "ment",
    "ments",
    "ity",
    "ance",
    "ence",
    "ness",
    "ing",
    "ings",
    "ed",
    "ive",
    "ous",
    "ary",
    "ory",
    "ics",
    "ship",
    "ism",
    "able",
    "ible",
    "ful",
    "less",
    "ure",
    "ures",
    "ist",
    "ists",
)


@dataclass(frozen=True)
class Chunk:
    doc_index: int
    start: int
    text: str


def load_pipeline(model: str) -> Language:
    """Load only the NER component; never download (a missing model is a configuration error)."""
    try:
        nlp = spacy.load(model, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    except OSError:
        raise ModelError(
            f"spaCy pipeline '{model}' is not installed",
            "run 'make install', or set spacy_model in rules/detection.yaml to an installed pipeline",
        ) from None
    if "ner" not in nlp.pipe_names:
        raise ModelError(f"spaCy pipeline '{model}' has no 'ner' component")
    return nlp


class _LoadedSpacyEngine(SpacyNlpEngine):
    """Presidio's spaCy engine around a pipeline we loaded (so Presidio never loads or downloads)."""

    def __init__(self, nlp: Language) -> None:
        mapping = {label: label for label in NER_LABELS}
        super().__init__(
            models=[{"lang_code": "en", "model_name": nlp.meta.get("name", "custom")}],
            ner_model_configuration=NerModelConfiguration(
                model_to_presidio_entity_mapping=mapping,
                labels_to_ignore=[],
                low_score_entity_names=[],
            ),
        )
        self.nlp = {"en": nlp}

    def _get_updated_entities(self, entities, scores):  # type: ignore[no-untyped-def]
        keep = [(e, s) for e, s in zip(entities, scores) if e.label_ in NER_LABELS]
        return [e for e, _ in keep], [s for _, s in keep]

    def artifacts(self, doc: spacy.tokens.Doc | None = None, view: NerInput | None = None) -> NlpArtifacts:
        """Artifacts for the chunk the view was made from: NER entities mapped back to chunk
        offsets (none without a doc). No tokens or lemmas: our recognizers use their own context rules."""
        entities = [
            NerSpan(view.original(e.start_char), view.original(e.end_char - 1) + 1, e.label_, e.text)
            for e in (doc.ents if doc is not None and view is not None else ())
            if e.label_ in NER_LABELS
        ]
        return NlpArtifacts(
            entities=entities,  # type: ignore[arg-type]
            tokens=[],  # type: ignore[arg-type]
            tokens_indices=[],
            lemmas=[],
            nlp_engine=self,
            language="en",
        )


class Engine:
    """Find personal data in documents. Build once per process; reuse for every document."""

    def __init__(self, rules: RuleSet | None = None, learned_roles: bool = True) -> None:
        """``learned_roles=False`` leaves roles to the rules alone (to train the role model)."""
        self.rules = rules or load_rules()
        self.nlp = load_pipeline(self.rules.spacy_model)
        self.spacy_engine = _LoadedSpacyEngine(self.nlp)
        self.person = PersonRecognizer(self.rules.roles)
        registry = RecognizerRegistry(recognizers=self._recognizers(), supported_languages=["en"])
        self.analyzer = AnalyzerEngine(
            registry=registry,
            nlp_engine=self.spacy_engine,
            supported_languages=["en"],
            context_aware_enhancer=NoContextBoost(),
        )
        self.roles = RoleAssigner(self.rules.roles, RoleModel.load() if learned_roles else None)
        self.allow_pattern = allow_list_pattern(self.rules.allow_list)
        names.first_names()
        names.last_names()

    def _recognizers(self) -> list:  # type: ignore[type-arg]
        recognizers = [
            self.person,
            SsnRecognizer(),
            DobRecognizer(),
            AddressRecognizer(),
            OfflineEmailRecognizer(),
            CreditCardRecognizer(),
            IbanRecognizer(),
            QuickIpRecognizer(),
        ]
        recognizers += [RuleRecognizer(r) for r in self.rules.recognizers]
        code_names = code_name_recognizer(self.rules.code_names)
        if code_names is not None:
            recognizers.append(code_names)
        return recognizers

    # -- analysis -----------------------------------------------------------------------------

    def analyze_text(self, text: str) -> list[Finding]:
        return self.analyze(Document.from_text(text))

    def analyze(self, document: Document) -> list[Finding]:
        return next(iter(self.analyze_many([document])))[1]

    def analyze_many(self, documents: Iterable[Document]) -> Iterator[tuple[Document, list[Finding]]]:
        """Findings for each document, in order. Documents are NER-processed in batches."""
        batch: list[Document] = []
        for document in documents:
            batch.append(document)
            if sum(len(d.text) for d in batch) >= CHUNK_CHARS * BATCH_SIZE:
                yield from self._analyze_batch(batch)
                batch = []
        if batch:
            yield from self._analyze_batch(batch)

    def _analyze_batch(self, documents: list[Document]) -> Iterator[tuple[Document, list[Finding]]]:
        """Two passes: every recognizer on the text, then NER only on the lines with capitalised
        words that neither the gazetteers nor the names found in the first pass explain."""
        chunks = [c for i, d in enumerate(documents) for c in split(i, d.text)]
        raw: list[list[Finding]] = [[] for _ in documents]
        named: list[bytearray] = []
        for chunk in chunks:
            found = self._analyze_chunk(chunk, self.spacy_engine.artifacts())
            named.append(name_mask(chunk, found))
            raw[chunk.doc_index] += found
        known = [name_words(found) for found in raw]
        views = [ner_input(c.text, known[c.doc_index], mask) for c, mask in zip(chunks, named)]
        for chunk, view, doc in zip(chunks, views, self.nlp.pipe((v.text for v in views), batch_size=BATCH_SIZE)):
            found = self.person.from_ner(chunk.text, self.spacy_engine.artifacts(doc, view))
            raw[chunk.doc_index] += [to_finding(chunk, r) for r in found]
        for document, found in zip(documents, raw):
            yield document, self._finish(document.text, found)

    def _analyze_chunk(self, chunk: Chunk, artifacts: NlpArtifacts) -> list[Finding]:
        entities = [e for e in self.analyzer.get_supported_entities("en") if e not in self.rules.disabled_entities]
        results = self.analyzer.analyze(
            text=chunk.text,
            language="en",
            entities=entities,
            nlp_artifacts=artifacts,
            regex_flags=regex.MULTILINE,
        )
        return [to_finding(chunk, r) for r in results]

    def _finish(self, text: str, found: list[Finding]) -> list[Finding]:
        threshold = self.rules.score_threshold
        allowed = allow_listed_spans(text, self.allow_pattern)
        findings = resolve(text, with_fields(text, found), allowed, threshold)
        findings = mentions.expand(text, code_names_in_columns(text, identifiers_after(text, findings)))
        findings = repeat_identifiers(text, resolve(text, findings, allowed, threshold))
        return self.roles.assign(text, findings)


class NoContextBoost(ContextAwareEnhancer):
    """Our recognizers apply their own context rules (``rule_based.py``, ``dob.py``...); Presidio's
    lemma enhancer would only deep-copy every result (~6% of detection time) to boost nothing."""

    def __init__(self) -> None:
        super().__init__(0.0, 0.0, 0, 0)

    def enhance_using_context(  # type: ignore[no-untyped-def]
        self, text, raw_results, nlp_artifacts, recognizers, context=None
    ) -> list[RecognizerResult]:
        return raw_results


def to_finding(chunk: Chunk, result: RecognizerResult) -> Finding:
    meta = result.recognition_metadata or {}
    start, end = chunk.start + result.start, chunk.start + result.end
    return Finding(
        type=result.entity_type,
        start=start,
        end=end,
        score=round(float(result.score), 3),
        recognizer=str(meta.get("recognizer_name", "presidio")),
        value=chunk.text[result.start : result.end],
    )


def split(doc_index: int, text: str) -> Iterator[Chunk]:
    """Chunks of at most about CHUNK_CHARS characters, cut at page breaks or line ends."""
    pos = 0
    while pos < len(text):
        end = min(len(text), pos + CHUNK_CHARS)
        if end < len(text):
            cut = max(text.rfind("\f", pos, end), text.rfind("\n\n", pos, end), text.rfind("\n", pos, end))
            end = cut + 1 if cut > pos else end
        yield Chunk(doc_index, pos, text[pos:end])
        pos = end


@dataclass(frozen=True)
class NerSpan:
    """What the name recognizer reads of a spaCy entity, in chunk offsets."""

    start_char: int
    end_char: int
    label_: str
    text: str


@dataclass(frozen=True)
class NerInput:
    """The text the NER model sees of a chunk: only the lines that need it, joined by newlines,
    with upper-case census names title-cased (same length, so "DIAZ, AMANDA" reads as a name).
    ``starts`` maps each kept line's offset in ``text`` to its offset in the chunk."""

    text: str
    starts: tuple[tuple[int, int], ...]  # (offset in text, offset in chunk), ascending

    def original(self, offset: int) -> int:
        i = bisect.bisect_right(self.starts, (offset, float("inf"))) - 1
        here, there = self.starts[max(i, 0)]
        return there + offset - here


def name_words(findings: list[Finding]) -> frozenset[str]:
    """The words of the names found, lower case: a line where only these are unknown needs no NER."""
    return frozenset(w.lower() for f in findings if f.type == "PERSON" for w in CAPITALISED_WORD.findall(f.value))


def name_mask(chunk: Chunk, findings: list[Finding]) -> bytearray:
    """1 at each character of the chunk inside a name found by the rules ("Det. Kowalczyk")."""
    mask = bytearray(len(chunk.text))
    for f in findings:
        if f.type == "PERSON":
            start, end = max(0, f.start - chunk.start), min(len(mask), f.end - chunk.start)
            mask[start:end] = b"\x01" * max(0, end - start)
    return mask


def ner_input(chunk: str, known: frozenset[str] = frozenset(), named: bytearray | None = None) -> NerInput:
    """Lines in which every capitalised word is a census name or a word of police paperwork are
    left out: the rule-based name recognizers cover them, and NER is the slow part. (Cutting the
    kept lines to a window around the unknown words was tried: 15 % less NER text, but names
    were lost on unseen documents.)"""
    parts: list[str] = []
    starts: list[tuple[int, int]] = []
    here = 0
    for m in LINE.finditer(chunk):
        line = m.group()
        if line and needs_ner(line, known, named[m.start() : m.end()] if named else None):
            starts.append((here, m.start()))
            parts.append(UPPER_WORD.sub(_title_case_name, line))
            here += len(line) + 1
    return NerInput("\n".join(parts), tuple(starts) or ((0, 0),))


def needs_ner(line: str, known: frozenset[str] = frozenset(), named: bytearray | None = None) -> bool:
    """True if the line has a title-case word, not opening a sentence, that is neither a census
    name nor a form word: a name the gazetteers may not know. Upper-case words (acronyms,
    headers) do not count: upper-case names are found by the form and census rules."""
    for m in CAPITALISED_WORD.finditer(line):
        word = POSSESSIVE.sub("", m.group())
        if word.isupper() or SENTENCE_START.search(line, 0, m.start()):
            continue
        lower = word.lower()
        if names.never_name(word) or lower in COMMON_CAPITALISED or (named and inside_name(line, named, m.start())):
            continue
        if (
            lower in known
            and not NEXT_CAPITALISED.match(line, m.end())
            and not PREVIOUS_CAPITALISED.search(line, 0, m.start())
        ):
            continue  # "Kowalczyk said": a name found already, alone (not "Ruth Kowalczyk")
        census = names.is_name_word(word)
        if not census and ordinary_word(lower, line, m.start()):
            continue
        if not census or (names.is_first(word) and not NEXT_CAPITALISED.match(line, m.end())):
            return True  # unknown to the gazetteers, or a first name standing alone ("Teresa said")
    return False


def ordinary_word(lower: str, line: str, start: int) -> bool:
    """An unknown word that is no name: a word with a noun or verb ending ("Investigations"), a
    state, a car make, or a dictionary word ("Mischief") that does not follow a census name word
    ("Tom Ledge" still goes to NER)."""
    if lower in PLACES_AND_MAKES or (len(lower) > 5 and lower.endswith(ORDINARY_ENDINGS)):
        return True
    if lower not in names.common_words():
        return False
    before = PREVIOUS_WORD.search(line, 0, start)
    return before is None or not names.is_name_word(before.group(1))


def inside_name(line: str, named: bytearray, pos: int) -> bool:
    """Whether ``pos`` is inside a name the rules found on this line ("Det. Kowalczyk"), with no
    capitalised word (but a title) or particle right before it or after it that NER could add."""
    if not named[pos]:
        return False
    start, end = pos, pos
    while start > 0 and named[start - 1]:
        start -= 1
    while end < len(named) and named[end]:
        end += 1
    before = PREVIOUS_CAPITALISED.search(line, 0, start)
    title = before is not None and before.group().strip().lower().rstrip(".") in names.LEADING_NOT_NAME
    return (before is None or title) and not NEXT_CAPITALISED.match(line, end)


def _title_case_name(m: regex.Match[str]) -> str:
    word = m.group()
    return word.title() if names.is_name_word(word) and not names.never_name(word) else word
