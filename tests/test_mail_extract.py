"""Mail parts that could hide content or hold back harmless mail."""

from __future__ import annotations

import base64

from redactor.extract.archive import unscanned
from redactor.extract.mail import message_document

INNER = b"From: a@example.org\r\nSubject: statement\r\n\r\nSSN 123-45-6789\r\n"


def multipart(*parts: bytes) -> bytes:
    body = b"".join(b"--XX\r\n" + p for p in parts)
    return (
        b"From: x@example.org\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=XX\r\n\r\n"
        + body
        + b"--XX--\r\n"
    )


def test_base64_encoded_attached_message_is_decoded() -> None:
    raw = multipart(
        b"Content-Type: text/plain\r\n\r\nsee attached\r\n",
        b"Content-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64.encodebytes(INNER),
    )
    document = message_document(raw)
    assert "123-45-6789" in document.text
    assert any("attached message" in page.label for page in document.pages)


def test_signatures_are_skipped_and_text_parts_are_read() -> None:
    raw = multipart(
        b"Content-Type: text/plain\r\n\r\nhello\r\n",
        b"Content-Type: application/pgp-signature\r\n\r\n-----BEGIN PGP SIGNATURE-----\r\nabc\r\n",
        b"Content-Type: text/calendar\r\n\r\nBEGIN:VCALENDAR\r\nSUMMARY:meet Maria Diaz\r\n",
    )
    document = message_document(raw)
    assert "meet Maria Diaz" in document.text
    assert "PGP SIGNATURE" not in document.text
    assert unscanned(document) == []
