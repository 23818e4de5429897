"""Sanitize a PDF before release: everything except the visible page content goes.

``Document.scrub()`` does most of it but misses bookmark titles and form-field values, so this
module also deletes widgets, annotations and links page by page, clears the outline, Info and XMP
metadata, embedded files, and the catalog and page keys that carry actions, JavaScript, structure
trees (their /Alt and /ActualText can repeat redacted words), thumbnails and private data.
Saving must then be a full rewrite (``save``): garbage collection drops the orphaned objects.
"""

from __future__ import annotations

from pathlib import Path

import pymupdf

CATALOG_KEYS = (
    "OpenAction",
    "AA",
    "Names",
    "Dests",
    "AcroForm",
    "Outlines",
    "Metadata",
    "StructTreeRoot",
    "MarkInfo",
    "PieceInfo",
    "Threads",
    "SpiderInfo",
    "Perms",
    "Legal",
    "URI",
    "Collection",
    "AF",
    "PageLabels",
)
# Keys removed from every object (pages, images, forms): metadata streams, actions, thumbnails.
OBJECT_KEYS = ("Metadata", "PieceInfo", "AA", "Thumb", "StructParents", "StructParent", "LastModified", "AF")


def remove_page_objects(page: pymupdf.Page) -> None:
    """Form fields (with their values), annotations of every kind, and links: the page's /Annots
    array goes; garbage collection drops the objects (deleting one by one trips over popups)."""
    doc = page.parent
    if doc.xref_get_key(page.xref, "Annots")[0] != "null":
        doc.xref_set_key(page.xref, "Annots", "null")


def sanitize(doc: pymupdf.Document) -> None:
    for number in range(doc.page_count):
        remove_page_objects(doc[number])
    # scrub: hidden (invisible) text, JavaScript, thumbnails, embedded files, metadata, links,
    # form responses. Redactions were applied before; clean_pages rewrites content streams.
    doc.scrub(
        attached_files=True,
        clean_pages=True,
        embedded_files=True,
        hidden_text=True,
        javascript=True,
        metadata=True,
        redactions=False,
        redact_images=0,
        remove_links=True,
        reset_fields=True,
        reset_responses=True,
        thumbnails=True,
        xml_metadata=True,
    )
    doc.set_toc([])
    for name in doc.embfile_names():
        doc.embfile_del(name)
    doc.set_metadata({})
    doc.del_xml_metadata()
    catalog = doc.pdf_catalog()
    for key in CATALOG_KEYS:
        if doc.xref_get_key(catalog, key)[0] != "null":
            doc.xref_set_key(catalog, key, "null")
    for xref in range(1, doc.xref_length()):
        try:
            keys = doc.xref_get_keys(xref)
        except Exception:  # free or broken entry: garbage collection drops it
            continue
        for key in OBJECT_KEYS:
            if key in keys:
                doc.xref_set_key(xref, key, "null")
    trailer_info = doc.xref_get_key(-1, "Info")
    if trailer_info[0] != "null":
        doc.xref_set_key(-1, "Info", "null")


def save(doc: pymupdf.Document, path: Path) -> None:
    """One full, garbage-collected revision: no incremental update, exactly one %%EOF."""
    doc.save(
        str(path),
        garbage=4,
        clean=True,
        deflate=True,
        deflate_images=True,
        deflate_fonts=True,
        incremental=False,
        encryption=pymupdf.PDF_ENCRYPT_NONE,
        no_new_id=False,
    )
