"""The redaction plan: every proposed redaction of a release, as JSON an officer can review.

``build_document_plan`` turns findings plus exemption decisions into entries (one per finding and
page), adds every further mention of each redacted value ("all mentions", and across a release
set with ``consistent_values``), and lists findings that are not redacted by default with
``accepted: false`` so an officer can switch them on. ``load_plan`` validates an edited plan
strictly: an error names the file and the entry; nothing is guessed.

The plan never contains raw values found by detection (only masked ones). Search terms an officer
adds ("redact every mention of X") are the officer's own text and are stored as given.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import regex

from redactor.detect import mentions
from redactor.errors import InputError
from redactor.model import Document, Finding, mask
from redactor.redact.exemptions import Decision, Exemptions

FORMAT = "redactor-plan"
VERSION = 1
SOURCES = ("detected", "mention", "consistent", "search", "manual")
COLORS = {"black": (0.0, 0.0, 0.0), "white": (1.0, 1.0, 1.0), "gray": (0.5, 0.5, 0.5)}
GRAPHICS = ("covered", "touched", "none")
MIN_SWEEP_CHARS = 3


@dataclass
class Entry:
    id: str
    page: int  # 1-based
    boxes: list[list[float]]  # [x0, y0, x1, y1] in unrotated PDF page coordinates (points)
    type: str
    role: str | None
    exemption: str
    reason: str
    masked: str
    recognizer: str
    source: str = "detected"
    accepted: bool = True
    span: list[int] | None = None  # [start, end) offsets in the extracted text (None for manual)
    score: float | None = None


@dataclass
class SearchTerm:
    text: str
    exemption: str
    reason: str = "Officer search term"
    type: str = "SEARCH_TERM"
    whole_word: bool = True


@dataclass
class Withheld:
    pages: list[int]  # 1-based
    exemption: str
    reason: str = "Withheld in full"


@dataclass
class DocumentPlan:
    file: str  # path relative to the input (a file name for single-file input)
    sha256: str
    pages: int
    ocr_pages: list[int] = field(default_factory=list)  # 1-based
    redactions: list[Entry] = field(default_factory=list)
    search_terms: list[SearchTerm] = field(default_factory=list)
    withheld: list[Withheld] = field(default_factory=list)

    def withheld_pages(self) -> dict[int, Withheld]:
        return {p: w for w in self.withheld for p in w.pages}


@dataclass
class Options:
    color: str = "black"  # black, white, gray or #RRGGBB
    labels: bool = True
    graphics: str = "covered"  # vector graphics under a box: removed if covered, if touched, or kept
    bates_prefix: str | None = None
    bates_start: int = 1
    bates_digits: int = 6

    def rgb(self) -> tuple[float, float, float]:
        return parse_color(self.color)


@dataclass
class Plan:
    exemptions: str  # name of the exemption set used
    options: Options
    documents: list[DocumentPlan]
    format: str = FORMAT
    version: int = VERSION

    def to_json(self) -> str:
        data = asdict(self)
        return json.dumps({"format": data.pop("format"), "version": data.pop("version"), **data}, indent=1)


def parse_color(text: str) -> tuple[float, float, float]:
    if text in COLORS:
        return COLORS[text]
    if regex.fullmatch(r"#[0-9a-fA-F]{6}", text):
        return tuple(int(text[i : i + 2], 16) / 255.0 for i in (1, 3, 5))  # type: ignore[return-value]
    raise InputError(f"unknown box colour '{text}'", "use black, white, gray or #RRGGBB")


# -- building --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """A value to redact wherever it occurs (from another document of the set, or a finding)."""

    value: str
    type: str
    role: str | None


def _boxes(document: Document, start: int, end: int) -> dict[int, list[list[float]]]:
    by_page: dict[int, list[list[float]]] = {}
    for page_index, rect in document.rects(start, end):
        boxes = by_page.setdefault(page_index, [])
        if boxes and _column(boxes[-1], rect):
            last = boxes[-1]
            boxes[-1] = [min(last[0], rect[0]), min(last[1], rect[1]), max(last[2], rect[2]), max(last[3], rect[3])]
        else:
            boxes.append([round(v, 2) for v in rect])
    return by_page


def _column(a: list[float], b: tuple[float, float, float, float]) -> bool:
    """Characters of one line on a page with /Rotate 90 or 270 stack vertically in unrotated space."""
    same_x = abs(a[0] - b[0]) < 1.0 and abs(a[2] - b[2]) < 1.0
    return same_x and b[1] <= a[3] + 1.0 and b[3] >= a[1] - 1.0


def _role(finding: Finding) -> str | None:
    return finding.role.value if finding.role is not None else None


def term_pattern(value: str, whole_word: bool = True) -> regex.Pattern[str]:
    """Case-insensitive pattern for a value; any run of whitespace matches any whitespace."""
    words = [regex.escape(w) for w in value.split()]
    body = r"\s+".join(words)
    if whole_word:
        if regex.match(r"\w", value.strip()[:1]):
            body = r"(?<!\w)" + body
        if regex.search(r"\w$", value.strip()):
            body += r"(?!\w)"
    return regex.compile(body, regex.IGNORECASE)


def build_document_plan(
    document: Document,
    findings: Sequence[Finding],
    exemptions: Exemptions,
    *,
    file: str,
    sha256: str,
    consistent_values: Iterable[Term] = (),
    search_terms: Sequence[SearchTerm] = (),
    withheld: Sequence[Withheld] = (),
    decide: Any = None,
) -> DocumentPlan:
    """Entries for every finding, plus every further mention of each redacted value.

    ``decide(finding) -> Decision`` overrides the exemption mapping (the policy engine's hook).
    """
    decide = decide or exemptions.for_finding
    plan = DocumentPlan(
        file=file,
        sha256=sha256,
        pages=len(document.pages),
        ocr_pages=[p.index + 1 for p in document.pages if p.ocr],
        search_terms=list(search_terms),
        withheld=list(withheld),
    )
    taken = bytearray(len(document.text))  # 1 = offset already decided by a finding
    for f in findings:
        taken[f.start : f.end] = b"\x01" * (f.end - f.start)
    sweep: dict[str, tuple[Term, Decision, str]] = {}
    for finding in findings:
        decision: Decision = decide(finding)
        source = "mention" if finding.recognizer == "redactor.mention" else "detected"
        _add(
            plan,
            document,
            finding.start,
            finding.end,
            finding.type,
            _role(finding),
            decision,
            finding.masked(),
            finding.recognizer,
            source,
            finding.score,
        )
        if decision.redact and _sweepable(finding.value):
            sweep.setdefault(
                finding.value.lower(), (Term(finding.value, finding.type, _role(finding)), decision, "mention")
            )
    for term in consistent_values:
        if _sweepable(term.value) and term.value.lower() not in sweep:
            decision = exemptions.decide(term.type, term.role)
            if decision.redact:
                sweep[term.value.lower()] = (term, decision, "consistent")
    for term, decision, source in sorted(sweep.values(), key=lambda t: -len(t[0].value)):
        for m in term_pattern(term.value).finditer(document.text):
            if any(taken[m.start() : m.end()]):
                continue
            taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
            reason = decision.reason + (" (another mention)" if source == "mention" else " (named in another document)")
            _add(
                plan,
                document,
                m.start(),
                m.end(),
                term.type,
                term.role,
                Decision(decision.exemption, True, reason),
                mask(term.type, m.group()),
                f"redactor.{source}",
                source,
                None,
            )
    plan.redactions.sort(key=lambda e: (e.page, e.boxes[0][1] if e.boxes else 0, e.boxes[0][0] if e.boxes else 0))
    for i, entry in enumerate(plan.redactions, 1):
        entry.id = f"R{i:04d}"
    return plan


def _sweepable(value: str) -> bool:
    return sum(ch.isalnum() for ch in value) >= MIN_SWEEP_CHARS


def _add(
    plan: DocumentPlan,
    document: Document,
    start: int,
    end: int,
    entity_type: str,
    role: str | None,
    decision: Decision,
    masked: str,
    recognizer: str,
    source: str,
    score: float | None,
) -> None:
    for page_index, boxes in _boxes(document, start, end).items():
        plan.redactions.append(
            Entry(
                id="",
                page=page_index + 1,
                boxes=boxes,
                type=entity_type,
                role=role,
                exemption=decision.exemption,
                reason=decision.reason,
                masked=masked,
                recognizer=recognizer,
                source=source,
                accepted=decision.redact,
                span=[start, end],
                score=score,
            )
        )


def consistent_terms(findings: Iterable[Finding], exemptions: Exemptions) -> list[Term]:
    """Values to redact in every document of a release set: each redacted person's name forms."""
    terms: dict[str, Term] = {}
    for f in findings:
        if f.type != "PERSON" or not exemptions.for_finding(f).redact:
            continue
        for form in mentions.variants(f.value):
            terms.setdefault(form.lower(), Term(form, f.type, _role(f)))
    return list(terms.values())


# -- saving and loading ----------------------------------------------------------------------------


def save_plan(plan: Plan, path: Path) -> None:
    from redactor.redact.vaughn import atomic_write

    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, plan.to_json() + "\n")


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, where: str, message: str) -> InputError:
        return InputError(f"{self.path}: {where}: {message}", "fix the plan and retry")

    def obj(self, value: Any, where: str, required: dict[str, Any], optional: dict[str, Any]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "must be an object")
        for key in value:
            if key not in required and key not in optional:
                raise self.fail(where, f"unknown key '{key}'")
        for key, kind in {**required, **optional}.items():
            if key not in value:
                if key in required:
                    raise self.fail(where, f"missing key '{key}'")
                continue
            item = value[key]
            if kind is float and isinstance(item, int) and not isinstance(item, bool):
                continue
            if not isinstance(item, kind) or (kind is int and isinstance(item, bool)):
                raise self.fail(f"{where}.{key}", f"wrong type ({type(item).__name__})")
        return value


def load_plan(path: Path) -> Plan:
    r = _Reader(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read plan ({exc.strerror})") from None
    except ValueError as exc:
        raise r.fail("JSON", str(exc)) from None
    r.obj(data, "plan", {"format": str, "version": int, "exemptions": str, "options": dict, "documents": list}, {})
    if data["format"] != FORMAT or data["version"] != VERSION:
        raise r.fail("plan", f"not a {FORMAT} version {VERSION} file")
    o = r.obj(
        data["options"],
        "options",
        {},
        {
            "color": str,
            "labels": bool,
            "graphics": str,
            "bates_prefix": (str, type(None)),
            "bates_start": int,
            "bates_digits": int,
        },
    )
    options = Options(**o)
    try:
        options.rgb()
    except InputError:
        raise r.fail("options.color", f"unknown colour '{options.color}'") from None
    if options.graphics not in GRAPHICS:
        raise r.fail("options.graphics", f"must be one of {', '.join(GRAPHICS)}")
    if options.bates_start < 0 or not 1 <= options.bates_digits <= 12:
        raise r.fail("options", "bates_start must be >= 0 and bates_digits 1..12")
    documents = []
    seen_files: set[str] = set()
    for d_i, d in enumerate(data["documents"]):
        where = f"documents[{d_i}]"
        r.obj(
            d,
            where,
            {"file": str, "sha256": str, "pages": int, "redactions": list},
            {"ocr_pages": list, "search_terms": list, "withheld": list},
        )
        if d["file"] in seen_files:
            raise r.fail(where, "file listed twice")
        seen_files.add(d["file"])
        pages = d["pages"]
        doc = DocumentPlan(
            file=d["file"],
            sha256=d["sha256"],
            pages=pages,
            ocr_pages=_pages(r, d.get("ocr_pages", []), pages, f"{where}.ocr_pages"),
        )
        ids: set[str] = set()
        for e_i, e in enumerate(d["redactions"]):
            ew = f"{where}.redactions[{e_i}]"
            r.obj(
                e,
                ew,
                {"page": int, "boxes": list, "exemption": str},
                {
                    "id": str,
                    "type": str,
                    "role": (str, type(None)),
                    "reason": str,
                    "masked": str,
                    "recognizer": str,
                    "source": str,
                    "accepted": bool,
                    "span": (list, type(None)),
                    "score": (float, type(None)),
                },
            )
            entry = Entry(
                id=e.get("id") or f"M{e_i + 1:04d}",
                page=e["page"],
                boxes=[],
                type=e.get("type", "MANUAL"),
                role=e.get("role"),
                exemption=e["exemption"].strip(),
                reason=e.get("reason", ""),
                masked=e.get("masked", ""),
                recognizer=e.get("recognizer", "officer"),
                source=e.get("source", "manual"),
                accepted=e.get("accepted", True),
                span=e.get("span"),
                score=e.get("score"),
            )
            if entry.id in ids:
                raise r.fail(ew, f"duplicate id '{entry.id}'")
            ids.add(entry.id)
            if not 1 <= entry.page <= pages:
                raise r.fail(ew, f"page {entry.page} is not in 1..{pages}")
            if not entry.exemption:
                raise r.fail(ew, "exemption must not be empty")
            if entry.source not in SOURCES:
                raise r.fail(ew, f"source must be one of {', '.join(SOURCES)}")
            if not e["boxes"]:
                raise r.fail(ew, "needs at least one box")
            for b_i, box in enumerate(e["boxes"]):
                ok = (
                    isinstance(box, list)
                    and len(box) == 4
                    and all(isinstance(v, int | float) and not isinstance(v, bool) for v in box)
                )
                if not ok or box[0] >= box[2] or box[1] >= box[3]:
                    raise r.fail(f"{ew}.boxes[{b_i}]", "must be [x0, y0, x1, y1] with x0 < x1 and y0 < y1")
                entry.boxes.append([float(v) for v in box])
            if entry.span is not None and not (
                len(entry.span) == 2 and all(isinstance(v, int) for v in entry.span) and entry.span[0] < entry.span[1]
            ):
                raise r.fail(ew, "span must be [start, end] or null")
            doc.redactions.append(entry)
        for t_i, t in enumerate(d.get("search_terms", [])):
            tw = f"{where}.search_terms[{t_i}]"
            r.obj(t, tw, {"text": str, "exemption": str}, {"reason": str, "type": str, "whole_word": bool})
            if len(t["text"].strip()) < 2:
                raise r.fail(tw, "text must have at least 2 characters")
            doc.search_terms.append(SearchTerm(**t))
        for w_i, w in enumerate(d.get("withheld", [])):
            ww = f"{where}.withheld[{w_i}]"
            r.obj(w, ww, {"pages": list, "exemption": str}, {"reason": str})
            doc.withheld.append(
                Withheld(
                    _pages(r, w["pages"], pages, f"{ww}.pages"), w["exemption"], w.get("reason", "Withheld in full")
                )
            )
        documents.append(doc)
    return Plan(exemptions=data["exemptions"], options=options, documents=documents)


def _pages(r: _Reader, value: Any, count: int, where: str) -> list[int]:
    if not isinstance(value, list) or not all(isinstance(p, int) and not isinstance(p, bool) for p in value):
        raise r.fail(where, "must be a list of page numbers")
    for p in value:
        if not 1 <= p <= count:
            raise r.fail(where, f"page {p} is not in 1..{count}")
    return sorted(set(value))
