"""Every extractor on files written by the format libraries themselves (tests/share_gen.py)."""

from __future__ import annotations

import io
import zipfile
from email.message import EmailMessage
from pathlib import Path

import pytest

from redactor import extract
from redactor.errors import EncryptedInput, InputError
from redactor.extract.archive import is_bomb, unscanned
from redactor.extract.html import html_to_text
from redactor.extract.mail import message_document
from tests.share_gen import Share


@pytest.fixture(scope="module")
def share(tmp_path_factory: pytest.TempPathFactory) -> Share:
    share = Share(tmp_path_factory.mktemp("formats"))
    for kind in ("txt", "csv", "html", "rtf", "docx", "xlsx", "pptx", "odt", "pdf", "eml", "mbox", "zip", "png"):
        getattr(share, kind)(f"sample.{kind}", 1, 1)
    share.awkward(share.root.parent / "outside")
    return share


LABELS = {
    "docx": ["body", "properties"],
    "xlsx": ["sheet Q3"],
    "pptx": ["slide 1", "slide 2", "slide 3", "slide 4", "slide 5", "properties"],
    "zip": [
        "member statement.docx / body",
        "member statement.docx / properties",
        "member inner.zip / member deep/notes.txt",
    ],
}


@pytest.mark.parametrize(
    "kind", ["txt", "csv", "html", "rtf", "docx", "xlsx", "pptx", "odt", "pdf", "eml", "mbox", "zip", "png"]
)
def test_every_format_reads_its_values(share: Share, kind: str) -> None:
    document = extract.extract(share.root / f"sample.{kind}")
    assert document.text.count("Social security number: ") == share.manifest[f"sample.{kind}"].ssn
    assert document.text.count("@county-pd.gov") >= share.manifest[f"sample.{kind}"].email
    assert len(unscanned(document)) == share.manifest[f"sample.{kind}"].unscanned
    if kind in LABELS:
        assert [p.label for p in document.pages] == LABELS[kind]
    if kind == "png":
        assert document.pages[0].ocr and document.pages[0].boxes


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("bad/locked.pdf", EncryptedInput),
        ("bad/locked.docx", EncryptedInput),
        ("bad/corrupt.docx", InputError),
        ("bad/corrupt.pdf", InputError),
        ("bad/truncated.zip", InputError),
        ("bad/binary.txt", InputError),
    ],
)
def test_bad_files_raise_a_typed_error(share: Share, name: str, error: type[InputError]) -> None:
    with pytest.raises(error) as caught:
        extract.extract(share.root / name)
    assert "Social" not in str(caught.value)


@pytest.mark.parametrize("name", ["bad/bomb.zip", "bad/deep.zip"])
def test_archive_bombs_are_refused(share: Share, name: str) -> None:
    with pytest.raises(InputError) as caught:
        extract.extract(share.root / name)
    assert is_bomb(caught.value)


def test_too_many_members_is_a_bomb(tmp_path: Path) -> None:
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(1001):
            archive.writestr(f"{i}.txt", "x")
    with pytest.raises(InputError) as caught:
        extract.extract(path)
    assert is_bomb(caught.value)


def test_message_document_walks_bodies_attachments_and_nested_messages() -> None:
    message = EmailMessage()
    message["Subject"] = "Statement of witness"
    message["From"] = "desk@county-pd.gov"
    message["To"] = "legal@county-pd.gov"
    message.set_content("SSN 219-09-9999 in the plain body")
    message.add_alternative("<p>HTML <b>body</b></p><script>hidden()</script>", subtype="html")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes/a.txt", "zip member text")
    message.add_attachment(buffer.getvalue(), maintype="application", subtype="zip", filename="bundle.zip")
    inner = EmailMessage()
    inner["Subject"] = "forwarded"
    inner.set_content("inner body text")
    message.add_attachment(inner)
    message.add_attachment(b"%PDF-1.7 broken", maintype="application", subtype="pdf", filename="bad.pdf")

    document = message_document(bytes(message))
    assert document.path == "message.eml"
    labels = [p.label for p in document.pages]
    assert labels[:4] == ["headers", "body", "body", "attachment bundle.zip / member notes/a.txt"]
    assert labels[4].startswith("attached message") and labels[4].endswith("/ headers")
    for text in (
        "Subject: Statement of witness",
        "From: desk@county-pd.gov",
        "219-09-9999",
        "HTML body",
        "zip member text",
        "inner body text",
    ):
        assert text in document.text
    assert "hidden()" not in document.text
    assert unscanned(document) == ["attachment bad.pdf: unreadable"]
    with pytest.raises(InputError):
        message_document(bytes(message), strict=True)


def test_html_to_text_keeps_blocks_and_alt_text() -> None:
    text = html_to_text("<h1>Title</h1><div>one<br>two</div><img alt='photo of Jane'><style>p{}</style>")
    assert text == "Title\n\none\ntwo\nphoto of Jane\n"
