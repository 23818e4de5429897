#!/usr/bin/env python3
"""Build the labelled evaluation corpus for redactor.

Reads hand-written source documents from samples/corpus/src/<split>/<name>.txt,
in which every PII span is marked inline as

    [[text|TYPE]]            or   [[text|TYPE|role]]

and whose first line is a header comment:

    #meta level=CONFIDENTIAL categories=incident_report,victim_sensitive kind=incident_report pdf=yes

For every source file it writes, next to the split directory:

    samples/corpus/<split>/<name>.txt    plain document text (markup removed)
    samples/corpus/<split>/<name>.json   metadata + character-offset spans
    samples/corpus/<split>/<name>.pdf    only when the meta line says pdf=yes

Run from the repository root:   python samples/build_corpus.py
Dependencies: standard library + PyMuPDF (only needed for the PDFs).
The output is deterministic.
"""
from __future__ import annotations

import collections
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
SRC = CORPUS / "src"
SPLITS = ("dev", "heldout", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11", "dev12", "dev13", "dev14", "dev15", "dev16", "dev17", "dev18")

TYPES = {
    "PERSON", "US_SSN", "DATE_OF_BIRTH", "PHONE_NUMBER", "EMAIL_ADDRESS",
    "STREET_ADDRESS", "US_DRIVER_LICENSE", "LICENSE_PLATE", "WITNESS_ID",
    "INFORMANT_ID", "CASE_NUMBER", "BADGE_NUMBER", "CREDIT_CARD",
    "IP_ADDRESS", "US_PASSPORT", "IBAN_CODE",
}
ROLES = {"officer", "victim", "witness", "suspect", "informant", "juvenile",
         "guardian", "other"}
LEVELS = {"PUBLIC", "INTERNAL", "CONFIDENTIAL", "RESTRICTED"}
CATEGORIES = {
    "juvenile_record", "criminal_history", "informant_file", "medical",
    "sealed_or_expunged", "victim_sensitive", "personnel", "incident_report",
    "witness_statement", "policy_or_public",
}
# Types for which a role may be given (PERSON requires one).
ROLE_OPTIONAL_TYPES = TYPES - {"PERSON"}

TITLE_RE = (r"(?i)(?:officer|ofc|det|detective|sgt|sergeant|lt|lieutenant|cpl|corporal|capt|captain|"
            r"chief|deputy|dep|trooper|tpr|agent|mr|mrs|ms|miss|dr|judge|hon|sa|spo)\.?\s")
MARK_RE = re.compile(r"\[\[(.*?)\]\]", re.S)


class CorpusError(Exception):
    pass


def _line_of(src: str, pos: int) -> int:
    return src.count("\n", 0, pos) + 1


def parse_meta(line: str, fname: str) -> dict:
    if not line.startswith("#meta"):
        raise CorpusError(f"{fname}:1: first line must be a '#meta' header")
    meta = {}
    for tok in line[len("#meta"):].split():
        if "=" not in tok:
            raise CorpusError(f"{fname}:1: bad meta token {tok!r}")
        k, v = tok.split("=", 1)
        meta[k] = v
    for key in ("level", "categories", "kind"):
        if key not in meta:
            raise CorpusError(f"{fname}:1: meta is missing {key}=")
    if meta["level"] not in LEVELS:
        raise CorpusError(f"{fname}:1: unknown level {meta['level']!r}")
    cats = meta["categories"].split(",")
    for c in cats:
        if c not in CATEGORIES:
            raise CorpusError(f"{fname}:1: unknown category {c!r}")
    unknown = set(meta) - {"level", "categories", "kind", "pdf"}
    if unknown:
        raise CorpusError(f"{fname}:1: unknown meta keys {sorted(unknown)}")
    if meta.get("pdf", "no") not in ("yes", "no"):
        raise CorpusError(f"{fname}:1: pdf= must be yes or no")
    return {"level": meta["level"], "categories": cats, "kind": meta["kind"],
            "pdf": meta.get("pdf", "no") == "yes"}


def parse_source(path: Path) -> tuple[dict, str, list[dict]]:
    raw = path.read_text(encoding="utf-8")
    fname = str(path.relative_to(HERE.parent)) if HERE.parent in path.parents else str(path)
    first, _, body = raw.partition("\n")
    meta = parse_meta(first.rstrip("\r"), fname)
    line_offset = 1  # the meta line
    out: list[str] = []
    spans: list[dict] = []
    pos = 0
    plain_len = 0
    for m in MARK_RE.finditer(body):
        lineno = _line_of(body, m.start()) + line_offset
        chunk = body[pos:m.start()]
        if "[[" in chunk or "]]" in chunk:
            raise CorpusError(f"{fname}:{lineno}: stray bracket markup before this span")
        out.append(chunk)
        plain_len += len(chunk)
        parts = m.group(1).split("|")
        if len(parts) not in (2, 3):
            raise CorpusError(f"{fname}:{lineno}: malformed markup {m.group(0)!r}")
        text, typ = parts[0], parts[1]
        role = parts[2] if len(parts) == 3 else None
        if typ not in TYPES:
            raise CorpusError(f"{fname}:{lineno}: unknown type {typ!r} in {m.group(0)!r}")
        if role is not None and role not in ROLES:
            raise CorpusError(f"{fname}:{lineno}: unknown role {role!r} in {m.group(0)!r}")
        if typ == "PERSON" and role is None:
            raise CorpusError(f"{fname}:{lineno}: PERSON span without role {m.group(0)!r}")
        # a trailing period is allowed only on a PERSON ending in an initial
        # or generational suffix ("DIAZ, AMANDA M.", "Roy Tate Jr.")
        if (not text or text != text.strip() or text[-1] in ".,;:'\"" or text[0] in ".,;:'\"") and not (
            typ == "PERSON" and text == text.strip() and re.search(r"(?:\b[A-Z]|\bJr|\bSr)\.$", text)
        ):
            raise CorpusError(f"{fname}:{lineno}: span has leading/trailing space or punctuation {m.group(0)!r}")
        if typ == "PERSON" and re.match(TITLE_RE, text):
            raise CorpusError(f"{fname}:{lineno}: PERSON span includes a title {m.group(0)!r}")
        start = plain_len
        out.append(text)
        plain_len += len(text)
        spans.append({"start": start, "end": plain_len, "type": typ,
                      "role": role, "text": text})
        pos = m.end()
    tail = body[pos:]
    if "[[" in tail or "]]" in tail:
        raise CorpusError(f"{fname}:{_line_of(body, pos) + line_offset}: stray bracket markup")
    out.append(tail)
    plain = "".join(out)
    for s in spans:
        assert plain[s["start"]:s["end"]] == s["text"], (fname, s)
    return meta, plain, spans


# ---------------------------------------------------------------- PDF output

PAGE_W, PAGE_H = 612, 792  # US Letter
MARGIN_X = 40
MARGIN_Y = 54


def _wrap(line: str, font, size: float, width: float) -> list[str]:
    if font.text_length(line, fontsize=size) <= width:
        return [line]
    indent = re.match(r"\s*", line).group(0)
    words = line.split(" ")
    rows: list[str] = []
    cur = ""
    for w in words:
        cand = w if not cur else cur + " " + w
        if font.text_length(cand, fontsize=size) <= width or not cur:
            # hard-break a single word that is wider than the line
            while font.text_length(cand, fontsize=size) > width and len(cand) > 1:
                cut = len(cand)
                while cut > 1 and font.text_length(cand[:cut], fontsize=size) > width:
                    cut -= 1
                rows.append(cand[:cut])
                cand = cand[cut:]
            cur = cand
        else:
            rows.append(cur)
            cur = indent + w
    rows.append(cur)
    return rows


def render_pdf(text: str, dest: Path, monospace: bool) -> int:
    import pymupdf

    fontname = "cour" if monospace else "helv"
    size = 10 if monospace else 10.5
    leading = size * 1.32
    font = pymupdf.Font(fontname)
    width = PAGE_W - 2 * MARGIN_X
    rows: list[str] = []
    for line in text.split("\n"):
        rows.extend(_wrap(line.expandtabs(8), font, size, width))
    doc = pymupdf.open()
    per_page = int((PAGE_H - 2 * MARGIN_Y) // leading)
    for i in range(0, max(len(rows), 1), per_page):
        page = doc.new_page(width=PAGE_W, height=PAGE_H)
        y = MARGIN_Y + size
        for row in rows[i:i + per_page]:
            if row.strip():
                page.insert_text((MARGIN_X, y), row, fontname=fontname, fontsize=size)
            y += leading
    doc.set_metadata({"producer": "redactor sample corpus", "creator": "build_corpus.py",
                      "creationDate": "D:20240101000000", "modDate": "D:20240101000000"})
    data = doc.tobytes(garbage=3, deflate=True, no_new_id=True)
    # Verify nothing was dropped: all non-space characters must survive extraction.
    check = pymupdf.open("pdf", data)
    extracted = "".join(p.get_text() for p in check)

    def squash(s: str) -> str:
        return re.sub(r"\s+", "", s)

    if squash(extracted) != squash(text.expandtabs(8)):
        raise CorpusError(f"{dest}: text extracted from rendered PDF differs from source text")
    n = len(check)
    check.close()
    doc.close()
    dest.write_bytes(data)
    return n


# ---------------------------------------------------------------- main

def looks_monospace(text: str) -> bool:
    """Forms, logs and rap sheets (column layouts) render in Courier."""
    lines = [line for line in text.split("\n") if line.strip()]
    aligned = sum(1 for line in lines if "   " in line.strip() or line.strip().startswith(("|", "-", "=")))
    return bool(lines) and aligned / len(lines) > 0.2


def main() -> int:
    type_counts = {s: collections.Counter() for s in SPLITS}
    role_counts = {s: collections.Counter() for s in SPLITS}
    doc_counts = collections.Counter()
    pdf_counts = collections.Counter()
    clean_docs = collections.Counter()
    errors: list[str] = []
    for split in SPLITS:
        src_dir = SRC / split
        out_dir = CORPUS / split
        out_dir.mkdir(parents=True, exist_ok=True)
        expected = set()
        for path in sorted(src_dir.glob("*.txt")):
            try:
                meta, plain, spans = parse_source(path)
            except CorpusError as e:
                errors.append(str(e))
                continue
            name = path.stem
            expected.update({f"{name}.txt", f"{name}.json"})
            (out_dir / f"{name}.txt").write_text(plain, encoding="utf-8")
            rec = {"file": f"{name}.txt", "level": meta["level"],
                   "categories": meta["categories"], "kind": meta["kind"],
                   "spans": spans}
            if meta["pdf"]:
                expected.add(f"{name}.pdf")
                try:
                    render_pdf(plain, out_dir / f"{name}.pdf", looks_monospace(plain))
                except CorpusError as e:
                    errors.append(str(e))
                pdf_counts[split] += 1
            (out_dir / f"{name}.json").write_text(
                json.dumps(rec, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            doc_counts[split] += 1
            if not spans:
                clean_docs[split] += 1
            for s in spans:
                type_counts[split][s["type"]] += 1
                if s["type"] == "PERSON":
                    role_counts[split][s["role"]] += 1
        # remove stale outputs from renamed/deleted sources
        for old in out_dir.iterdir():
            if old.is_file() and old.name not in expected:
                old.unlink()
    if errors:
        for e in errors:
            print("ERROR:", e, file=sys.stderr)
        return 1
    for split in SPLITS:
        print(f"== {split}: {doc_counts[split]} documents "
              f"({pdf_counts[split]} with PDF, {clean_docs[split]} with no spans), "
              f"{sum(type_counts[split].values())} spans")
        for t, n in sorted(type_counts[split].items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"   {t:<18} {n:>5}")
        print("   PERSON roles: " + ", ".join(
            f"{r}={n}" for r, n in sorted(role_counts[split].items(), key=lambda kv: (-kv[1], kv[0]))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
