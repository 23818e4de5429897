"""The release workflow: plan a set of PDFs, apply a plan, verify, and move outputs into place.

``Releaser.plan`` extracts (with OCR), detects and builds a ``Plan``; ``Releaser.apply`` writes
each redacted PDF to a temporary file in the output directory, verifies it independently, and only
then ``os.replace``s it into place next to its logs. A file that fails verification is moved to
``OUT/.failed/`` with a NAME.verification.json listing the problems (never raw values).

The verifier is told which output page each formerly scanned input page became (a run of withheld
pages collapses into one placeholder page) and gets the input PDF with its extracted Document, so
that on those pages it re-reads by OCR only what the redaction changed (see ``redact.verify``).

Integration point for the policy engine: ``Releaser.plan_document(document, findings, decide=...)``
takes any list of findings and a ``decide(finding) -> Decision`` (exemption, redact, reason), plus
pages to withhold in full; ``apply`` then produces exactly what the plan says.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redactor.errors import ExitCode, InputError, RedactorError
from redactor.extract.pdf import extract as extract_pdf
from redactor.model import Document, Finding
from redactor.redact import verify as verifier
from redactor.redact.exemptions import Decision, Exemptions, load_exemptions
from redactor.redact.gate import ReleaseGate
from redactor.redact.pdf import Box, withheld_runs, write_redacted
from redactor.redact.plan import (
    DocumentPlan,
    Entry,
    Options,
    Plan,
    SearchTerm,
    Term,
    Withheld,
    build_document_plan,
    consistent_terms,
    term_pattern,
)
from redactor.redact.vaughn import LogContext, sha256_file, write_logs

log = logging.getLogger(__name__)
FAILED_DIR = ".failed"


@dataclass
class Outcome:
    input: str
    output: str | None = None
    error: str | None = None
    exit_code: ExitCode = ExitCode.OK
    boxes: int = 0
    pages: int = 0
    ocr_pages: int = 0
    problems: list[str] = field(default_factory=list)
    review: list[str] = field(default_factory=list)  # warnings for the officer (no raw values)


def pdf_inputs(source: Path) -> list[tuple[Path, str]]:
    """(path, name relative to the input) for a PDF or every PDF below a directory (sorted;
    symbolic links and hidden directories such as .failed/ are not followed)."""
    if not source.is_dir():
        return [(source, source.name)]
    found = []
    for root, dirs, files in os.walk(source, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if path.suffix.lower() == ".pdf" and not path.is_symlink():
                found.append((path, path.relative_to(source).as_posix()))
    return found


def check_paths(source: Path, out: Path) -> None:
    src, dst = source.resolve(), out.resolve()
    if src == dst:
        raise InputError(f"{out}: the output would overwrite the input", "choose another output path")
    if source.is_dir() and (dst == src or src in dst.parents):
        raise InputError(
            f"{out}: the output directory must not be inside the input directory",
            "choose an output directory outside the input",
        )


def output_path(source: Path, out: Path, name: str) -> Path:
    if source.is_dir() or out.is_dir():
        return out / name
    return out


class Releaser:
    def __init__(
        self,
        engine: Any = None,
        exemptions: Exemptions | None = None,
        options: Options | None = None,
        engine_factory: Callable[[], Any] | None = None,
        gate: ReleaseGate | None = None,
    ) -> None:
        self._engine = engine
        self._engine_factory = engine_factory
        self.gate = gate
        self.exemptions = exemptions or load_exemptions()
        self.options = options or Options()

    @property
    def engine(self) -> Any:
        if self._engine is None:
            if self._engine_factory is not None:
                self._engine = self._engine_factory()
            else:
                from redactor.detect.engine import Engine

                self._engine = Engine()
        return self._engine

    # -- planning ------------------------------------------------------------------------------

    def plan_document(
        self,
        document: Document,
        findings: Sequence[Finding],
        name: str,
        sha256: str,
        *,
        consistent: Sequence[Term] = (),
        search_terms: Sequence[SearchTerm] = (),
        withheld: Sequence[Withheld] = (),
        decide: Callable[[Finding], Decision] | None = None,
    ) -> DocumentPlan:
        return build_document_plan(
            document,
            findings,
            self.exemptions,
            file=name,
            sha256=sha256,
            consistent_values=consistent,
            search_terms=search_terms,
            withheld=withheld,
            decide=decide,
        )

    def _detected(
        self, source: Path, errors: list[Outcome]
    ) -> Iterator[tuple[Path, str, Document, list[Finding], list[Withheld]]]:
        """Readable PDFs with their findings and, when a policy gate is set, the pages it
        withholds in full; documents the policy holds back come back as error outcomes."""
        for path, name in pdf_inputs(source):
            try:
                document = extract_pdf(path)
            except InputError as exc:
                log.debug("skipping %s", path)
                errors.append(Outcome(str(path), error=str(exc), exit_code=exc.exit_code))
                continue
            findings = self.engine.analyze(document)
            if self.gate is None:
                yield path, name, document, findings, []
                continue
            verdict = self.gate.check(self.engine, document, findings)
            if verdict.held:
                error = f"{path}: held for review by policy ({verdict.summary()})"
                errors.append(Outcome(str(path), error=error, exit_code=ExitCode.HELD_FOR_REVIEW))
                continue
            yield path, name, document, findings, list(verdict.withheld)

    def plan(
        self, source: Path, consistent: bool = False, search: Sequence[str] = (), search_exemption: str | None = None
    ) -> tuple[Plan, list[Outcome], dict[str, Document]]:
        """A plan for every readable PDF; unreadable ones come back as error outcomes."""
        errors: list[Outcome] = []
        detected = list(self._detected(source, errors))
        terms = consistent_terms((f for *_, fs, _ in detected for f in fs), self.exemptions) if consistent else []
        exemption = search_exemption or self.exemptions.decide("PERSON", None).exemption
        search_terms = [SearchTerm(text=t, exemption=exemption) for t in search]
        plan = Plan(exemptions=self.exemptions.name, options=self.options, documents=[])
        documents: dict[str, Document] = {}
        for path, name, document, findings, withheld in detected:
            plan.documents.append(
                self.plan_document(
                    document,
                    findings,
                    name,
                    sha256_file(path),
                    consistent=terms,
                    search_terms=search_terms,
                    withheld=withheld,
                )
            )
            documents[name] = document
        return plan, errors, documents

    # -- applying ------------------------------------------------------------------------------

    def apply(self, plan: Plan, source: Path, out: Path, documents: dict[str, Document] | None = None) -> list[Outcome]:
        check_paths(source, out)
        if source.is_dir():
            out.mkdir(parents=True, exist_ok=True)
        elif len(plan.documents) != 1:
            raise InputError(
                f"the plan lists {len(plan.documents)} documents but the input is one file",
                "pass the directory the plan was made from",
            )
        bates_next = plan.options.bates_start
        outcomes = []
        for doc_plan in plan.documents:
            path = source / doc_plan.file if source.is_dir() else source
            try:
                outcome = self.apply_document(
                    plan.options,
                    doc_plan,
                    path,
                    output_path(source, out, doc_plan.file),
                    (documents or {}).get(doc_plan.file),
                    bates_next,
                )
            except InputError as exc:
                outcome = Outcome(str(path), error=str(exc), exit_code=exc.exit_code)
            bates_next += doc_plan.pages
            outcomes.append(outcome)
        return outcomes

    def apply_document(
        self,
        options: Options,
        doc_plan: DocumentPlan,
        source: Path,
        target: Path,
        document: Document | None = None,
        bates_start: int = 1,
    ) -> Outcome:
        if not source.is_file():
            raise InputError(f"{source}: not found (listed in the plan)")
        sha = sha256_file(source)
        if sha != doc_plan.sha256:
            raise InputError(f"{source}: the file changed since the plan was made (SHA-256 differs)", "make a new plan")
        if target.exists() and target.resolve() == source.resolve():
            raise InputError(f"{target}: the output would overwrite the input")
        document = document or extract_pdf(source)
        if len(document.pages) != doc_plan.pages:
            raise InputError(f"{source}: page count differs from the plan")
        entries = [e for e in doc_plan.redactions if e.accepted]
        entries += search_entries(document, doc_plan)
        withheld = doc_plan.withheld_pages()
        ocr = set(doc_plan.ocr_pages)
        live = [e for e in entries if e.page not in withheld]
        boxes = [Box(e.page - 1, tuple(b), e.exemption, e.page in ocr) for e in live for b in e.boxes]  # type: ignore[arg-type]
        values, kept = self.expectations(document, doc_plan, live, withheld)
        bates = (
            [
                f"{options.bates_prefix}{n:0{options.bates_digits}d}"
                for n in range(bates_start, bates_start + doc_plan.pages)
            ]
            if options.bates_prefix
            else None
        )
        kept |= {verifier.normal(b) for b in bates or ()} | {verifier.normal(e.exemption) for e in entries}
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".tmp.pdf", dir=target.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            write_redacted(source, tmp, boxes, withheld, options, bates)
            baseline = verifier.Baseline(
                verifier.normal(document.text), frozenset(verifier.normal(v.text) for v in values)
            )
            placed = output_pages(doc_plan.pages, withheld)
            scanned = {placed[p - 1]: p - 1 for p in ocr if p not in withheld}
            report = verifier.verify(
                tmp,
                values,
                kept,
                sorted(scanned),
                self.engine,
                self.exemptions,
                baseline,
                origin=verifier.Origin(source, document, scanned),
            )
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        outcome = Outcome(
            str(source),
            boxes=len(boxes),
            pages=doc_plan.pages,
            ocr_pages=len(ocr),
            review=list(report.checks.get("review", [])),
        )
        ctx = LogContext(
            input_name=source.name,
            output_name=target.name,
            input_sha256=sha,
            output_sha256=sha256_file(tmp),
            exemptions=self.exemptions,
            bates=bates or [],
            verification={"passed": report.ok, **report.checks, "problems": report.problems},
        )
        if report.ok:
            os.replace(tmp, target)
            write_logs(target.with_suffix(""), doc_plan, live, ctx)
            outcome.output = str(target)
            return outcome
        failed = target.parent / FAILED_DIR
        failed.mkdir(exist_ok=True)
        kept_aside = failed / target.name
        os.replace(tmp, kept_aside)
        (failed / (target.stem + ".verification.json")).write_text(
            json.dumps(
                {"input": source.name, "input_sha256": sha, "problems": report.problems, "checks": report.checks},
                indent=1,
            )
            + "\n",
            encoding="utf-8",
        )
        outcome.output = str(kept_aside)
        outcome.problems = report.problems
        outcome.exit_code = ExitCode.VERIFY_FAILED
        outcome.error = (
            f"{source}: output failed verification ({len(report.problems)} problems); "
            f"kept aside as {kept_aside}, not released"
        )
        return outcome

    def expectations(
        self, document: Document, doc_plan: DocumentPlan, live: Sequence[Entry], withheld: dict[int, Withheld]
    ) -> tuple[list[verifier.Value], set[str]]:
        """The redacted values to look for in the output, and the values deliberately kept."""
        page_boxes: dict[int, list[tuple[tuple[float, float, float, float], tuple[int, int] | None]]] = {}
        for e in live:
            span = (e.span[0], e.span[1]) if e.span else None
            page_boxes.setdefault(e.page - 1, []).extend((tuple(b), span) for b in e.boxes)  # type: ignore[misc]
        covered = verifier.covered_offsets(document, page_boxes, [p - 1 for p in withheld])
        for e in live:  # what the plan intends to remove, whether or not its boxes really cover it
            if e.span:
                covered[e.span[0] : e.span[1]] = b"\x01" * (e.span[1] - e.span[0])
        spans = [(e.type, e.span[0], e.span[1]) for e in live if e.span]
        on_withheld = [e for e in doc_plan.redactions if e.page in withheld and e.span]
        spans += [(e.type, e.span[0], e.span[1]) for e in on_withheld]  # type: ignore[index]
        extra: list[tuple[str, str]] = []
        for e in live:
            if e.span is None:  # manual box: whatever text lies under it
                page = document.pages[e.page - 1]
                own = verifier.covered_offsets(document, {e.page - 1: [(tuple(b), None) for b in e.boxes]}, ())  # type: ignore[misc]
                extra += [(t, e.type) for t in verifier.runs(document, own, page.start, page.end)]
        values = verifier.expected_values(document, covered, spans, extra)
        kept = {verifier.normal(v.text) for v in values if v.allowed}
        for e in doc_plan.redactions:
            if not e.accepted and e.span:
                kept.add(verifier.normal(document.text[e.span[0] : e.span[1]]))
        return values, kept


def search_entries(document: Document, doc_plan: DocumentPlan) -> list[Entry]:
    """Every occurrence of each officer search term, as plan entries."""
    entries = []
    for t_i, term in enumerate(doc_plan.search_terms):
        for m_i, m in enumerate(term_pattern(term.text, term.whole_word).finditer(document.text)):
            by_page: dict[int, list[list[float]]] = {}
            for page_index, rect in document.rects(m.start(), m.end()):
                by_page.setdefault(page_index, []).append([round(v, 2) for v in rect])
            for page_index, boxes in by_page.items():
                entries.append(
                    Entry(
                        id=f"S{t_i + 1:02d}-{m_i + 1:04d}",
                        page=page_index + 1,
                        boxes=boxes,
                        type=term.type,
                        role=None,
                        exemption=term.exemption,
                        reason=term.reason,
                        masked="",
                        recognizer="officer.search",
                        source="search",
                        accepted=True,
                        span=[m.start(), m.end()],
                    )
                )
    return entries


def output_pages(count: int, withheld: dict[int, Withheld]) -> dict[int, int]:
    """0-based input page -> 0-based output page: each run of withheld pages becomes one
    placeholder page in the output (see ``redact.pdf.write_redacted``)."""
    runs = withheld_runs(withheld)
    placed = {}
    for page in range(count):
        placed[page] = page - sum(last - first for first, last, _ in runs if last < page)
    return placed


def exit_code(outcomes: Sequence[Outcome]) -> ExitCode:
    codes = {o.exit_code for o in outcomes}
    if ExitCode.VERIFY_FAILED in codes:
        return ExitCode.VERIFY_FAILED
    worst = max(codes, default=ExitCode.OK)
    return ExitCode(worst)


def describe(error: RedactorError) -> str:
    return str(error)


def redact(
    releaser: Releaser,
    source: Path,
    out: Path,
    consistent: bool = False,
    search: Sequence[str] = (),
    plan_out: Path | None = None,
) -> list[Outcome]:
    """Plan with the exemption defaults and apply at once. Without ``consistent`` the documents
    are processed one at a time (memory stays flat on large sets)."""
    check_paths(source, out)
    if consistent or plan_out is not None:
        plan, errors, documents = releaser.plan(source, consistent=consistent, search=search)
        if plan_out is not None:
            from redactor.redact.plan import save_plan

            save_plan(plan, plan_out)
        return errors + releaser.apply(plan, source, out, documents)
    if source.is_dir():
        out.mkdir(parents=True, exist_ok=True)
    outcomes: list[Outcome] = []
    bates_next = releaser.options.bates_start
    exemption = releaser.exemptions.decide("PERSON", None).exemption
    terms = [SearchTerm(text=t, exemption=exemption) for t in search]
    for path, name, document, findings, withheld in releaser._detected(source, outcomes):
        doc_plan = releaser.plan_document(
            document, findings, name, sha256_file(path), search_terms=terms, withheld=withheld
        )
        try:
            outcomes.append(
                releaser.apply_document(
                    releaser.options, doc_plan, path, output_path(source, out, name), document, bates_next
                )
            )
        except InputError as exc:
            outcomes.append(Outcome(str(path), error=str(exc), exit_code=exc.exit_code))
        bates_next += doc_plan.pages
    return outcomes
