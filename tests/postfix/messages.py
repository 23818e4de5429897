"""Test messages built at run time: text and scanned PDFs, zips, a zip bomb, nested messages."""

from __future__ import annotations

import io
import uuid
import zipfile
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

import pymupdf

SENDER = "records.clerk@police.example.gov"
OUTSIDE = "reporter@news.example.com"
PARTNER = "analyst@partner.example.org"

CLEAN = "Hi all,\n\nThe quarterly training schedule is attached to the intranet page. Lunch is at noon on Friday.\n"
SSN_TEXT = "Please update the file. The subject's SSN is 123-45-6789 and the report is due Monday.\n"
WITNESS_DOB = (
    "WITNESS STATEMENT\n"
    "Name of witness: Maria Gonzalez\n"
    "Date of birth: 03/14/1985\n"
    "I saw the red car hit the fence on Elm Street.\n"
)
STATEMENT = """\
Coldwater Police Department
VOLUNTARY STATEMENT
Case No. 24-55120
Name of person giving statement: Gerald Okafor

I was walking my dog on Cedar Ridge Road at about ten at night when I saw a man in a dark hoodie
come out from behind the house and get into a white van. I did not see his face. I give this statement
freely and voluntarily and it is true and correct to the best of my knowledge.
"""
REPORT_PAGE = """\
Coldwater Police Department - Daily Activity Summary, page {n}
Patrol units responded to {calls} calls for service. Traffic enforcement continued on Route 9.
Community officers attended the neighborhood watch meeting at the library. Parking complaints
were referred to the city. No arrests were made on this shift. Weather was clear and roads dry.
"""


def text_pdf(pages: list[str]) -> bytes:
    doc = pymupdf.open()
    for text in pages:
        page = doc.new_page()
        page.insert_textbox(pymupdf.Rect(50, 50, 560, 780), text, fontsize=11)
    data: bytes = doc.tobytes(garbage=3, deflate=True)
    doc.close()
    return data


def scanned_pdf(text: str, dpi: int = 200) -> bytes:
    """A PDF whose only page is a picture of ``text`` (no text layer): OCR must read it."""
    source = pymupdf.open()
    page = source.new_page()
    page.insert_textbox(pymupdf.Rect(60, 60, 560, 400), text, fontsize=14)
    pixmap = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
    source.close()
    doc = pymupdf.open()
    out = doc.new_page()
    out.insert_image(out.rect, stream=pixmap.tobytes("png"))
    data: bytes = doc.tobytes(garbage=3, deflate=True)
    doc.close()
    return data


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_bomb(expanded: int = 64 * 1024 * 1024) -> bytes:
    """One member of zeros compressing about 1000:1."""
    buffer = io.BytesIO()
    block = b"\0" * (1024 * 1024)
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("notes.txt", "w", force_zip64=True) as member,
    ):
        for _ in range(expanded // len(block)):
            member.write(block)
    return buffer.getvalue()


def mail(
    subject: str,
    body: str = CLEAN,
    to: str = OUTSIDE,
    attachments: tuple[tuple[str, bytes, str], ...] = (),
    html: str | None = None,
) -> EmailMessage:
    """A message with a unique Message-ID (``marker(message)`` finds it at the sink)."""
    message = EmailMessage()
    message["From"] = SENDER
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = f"<{uuid.uuid4().hex}@police.example.gov>"
    message.set_content(body)
    if html is not None:
        message.add_alternative(html, subtype="html")
    for name, data, mime in attachments:
        if mime == "message/rfc822":
            inner = BytesParser(policy=policy.default).parsebytes(data)
            message.add_attachment(inner, filename=name)  # type: ignore[arg-type]
            continue
        maintype, _, subtype = mime.partition("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return message


def marker(message: EmailMessage) -> str:
    return str(message["Message-ID"]).strip("<>")
