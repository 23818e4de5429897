"""Office documents: Word (.docx), Excel (.xlsx), PowerPoint (.pptx) and OpenDocument text (.odt).

Each part a person would name becomes a labelled page ("body", "sheet Q3", "slide 4", "notes 4",
"properties"), joined with ``Document.combine``. Document properties (author, title, comments) are
scanned too: they often hold the names the body was cleaned of. Password-protected files are
reported as encrypted (``guard.check_office_container``).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from redactor.errors import EncryptedInput, TooLargeInput
from redactor.extract.guard import check_office_container, damaged
from redactor.model import Document

PROPERTY_NAMES = ("title", "subject", "author", "last_modified_by", "keywords", "comments", "category")
MAX_CELLS = 2_000_000  # one sheet; a larger workbook is read up to here (a note says so)


def _doc(lines: Iterable[str]) -> Document:
    return Document.from_text("\n".join(line for line in lines if line) + "\n")


def _parts(path: Path, parts: Iterable[tuple[str, Document]], media_type: str) -> Document:
    return Document.combine(str(path), [(label, doc) for label, doc in parts if doc.text.strip()], media_type)


def _properties(props: Any) -> Document:
    return _doc(f"{name}: {value}" for name in PROPERTY_NAMES if (value := getattr(props, name, None)))


# -- Word ---------------------------------------------------------------------------------------


def extract_docx(path: Path) -> Document:
    import docx

    check_office_container(path, "Word document")
    with damaged(path, "Word document"):
        document = docx.Document(str(path))
        parts = [("body", _doc(_block_text(document)))]
        for number, section in enumerate(document.sections, 1):
            for kind in ("header", "footer"):
                part = getattr(section, kind)
                if not part.is_linked_to_previous:
                    parts.append((f"{kind} {number}", _doc(_block_text(part))))
        parts.append(("properties", _properties(document.core_properties)))
        return _parts(path, parts, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


def _block_text(container: Any) -> Iterator[str]:
    """Paragraphs and table cells in document order (tables read row by row, cells tab-separated)."""
    for block in container.iter_inner_content():
        if hasattr(block, "rows"):
            for row in block.rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = "\n".join(_block_text(cell)).strip()
                    if text and (not cells or cells[-1] != text):  # merged cells repeat
                        cells.append(text)
                yield "\t".join(cells)
        else:
            yield block.text


# -- Excel --------------------------------------------------------------------------------------


def extract_xlsx(path: Path) -> Document:
    import openpyxl

    check_office_container(path, "Excel workbook")
    with damaged(path, "Excel workbook"):
        book = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
        try:
            parts = [(f"sheet {sheet.title}", _doc(_rows(sheet))) for sheet in book.worksheets]
            parts.append(("properties", _properties(book.properties)))
        finally:
            book.close()
        return _parts(path, parts, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _rows(sheet: Any) -> Iterator[str]:
    cells = 0
    for row in sheet.iter_rows(values_only=True):
        values = [str(v) for v in row if v is not None and str(v).strip()]
        cells += len(row)
        if cells > MAX_CELLS:
            raise TooLargeInput(f"sheet has more than {MAX_CELLS} cells", "split the workbook")
        yield "\t".join(values)


# -- PowerPoint ---------------------------------------------------------------------------------


def extract_pptx(path: Path) -> Document:
    import pptx

    check_office_container(path, "PowerPoint presentation")
    with damaged(path, "PowerPoint presentation"):
        deck = pptx.Presentation(str(path))
        parts: list[tuple[str, Document]] = []
        for number, slide in enumerate(deck.slides, 1):
            parts.append((f"slide {number}", _doc(_shape_text(slide.shapes))))
            if slide.has_notes_slide:
                parts.append((f"notes {number}", _doc([slide.notes_slide.notes_text_frame.text])))
        parts.append(("properties", _properties(deck.core_properties)))
        return _parts(path, parts, "application/vnd.openxmlformats-officedocument.presentationml.presentation")


def _shape_text(shapes: Iterable[Any]) -> Iterator[str]:
    for shape in shapes:
        if getattr(shape, "shape_type", None) == 6:  # MSO_SHAPE_TYPE.GROUP
            yield from _shape_text(shape.shapes)
        if getattr(shape, "has_text_frame", False):
            yield shape.text_frame.text
        if getattr(shape, "has_table", False):
            for row in shape.table.rows:
                yield "\t".join(cell.text for cell in row.cells if cell.text.strip())


# -- OpenDocument -------------------------------------------------------------------------------


def extract_odt(path: Path) -> Document:
    from odf import teletype
    from odf.namespaces import TEXTNS
    from odf.opendocument import load

    _check_odf(path)
    with damaged(path, "OpenDocument text"):
        document = load(str(path))
        wanted = {(TEXTNS, "p"), (TEXTNS, "h")}

        def walk(node: Any) -> Iterator[str]:
            for child in getattr(node, "childNodes", ()):
                if getattr(child, "qname", None) in wanted:
                    yield teletype.extractText(child)
                else:
                    yield from walk(child)

        properties = _doc(teletype.extractText(child) for child in document.meta.childNodes)
        return _parts(
            path,
            [("body", _doc(walk(document.text))), ("properties", properties)],
            "application/vnd.oasis.opendocument.text",
        )


def _check_odf(path: Path) -> None:
    with damaged(path, "OpenDocument text"), zipfile.ZipFile(path) as archive:
        manifest = archive.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in archive.namelist() else b""
    if b"encryption-data" in manifest:
        raise EncryptedInput(f"{path}: password-protected OpenDocument text", "remove the password and scan again")
