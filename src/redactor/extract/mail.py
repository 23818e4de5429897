"""E-mail: single messages (.eml, and any RFC 5322 bytes) and mailboxes (.mbox).

A message becomes one Document: a "headers" part (Subject, From, To, Cc, Reply-To, Date as
text), every text/plain and text/html body part (HTML reduced to visible text), and every
attachment through ``extract.extract_bytes``, so a PDF, an office file or a zip attached to a mail
is read like the same file on disk. Attached messages (message/rfc822) are walked recursively.
Nesting, part count and total decoded size are bounded by ``extract.limits`` (a bomb raises).

An attachment that cannot be read (encrypted, corrupt, unsupported type) does not hide the rest
of the message: it is listed in the Document's metadata (``archive.unscanned`` reads the list),
and ``strict=True`` turns it into an InputError instead (what a gateway that fails closed wants).
"""

from __future__ import annotations

import base64
import mailbox
import quopri
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from redactor.errors import InputError
from redactor.extract.archive import is_bomb, unscanned, with_unscanned
from redactor.extract.html import decode, html_to_text
from redactor.extract.limits import DEFAULT_LIMITS, LimitExceeded, Limits, nested
from redactor.model import Document

HEADERS = ("Subject", "From", "To", "Cc", "Reply-To", "Date")
# Parts that carry no words a person wrote: signatures. Skipping them keeps signed mail readable.
CONTENTLESS = frozenset({"application/pgp-signature", "application/pkcs7-signature", "application/x-pkcs7-signature"})
MEDIA_TYPE = "message/rfc822"


@dataclass
class _Walk:
    limits: Limits
    strict: bool
    parts: list[tuple[str, Document]] = field(default_factory=list)
    unscanned: list[str] = field(default_factory=list)
    count: int = 0
    expanded: int = 0

    def add(self, label: str, document: Document) -> None:
        self.count += 1
        self.expanded += len(document.text)
        if self.count > self.limits.max_members:
            raise LimitExceeded(f"message has more than {self.limits.max_members} parts")
        if self.expanded > self.limits.max_expanded_bytes:
            raise LimitExceeded(f"message expands beyond {self.limits.max_expanded_bytes} bytes")
        self.parts.append((label, document))

    def skip(self, label: str, error: InputError) -> None:
        if self.strict:
            raise error
        # Only the part's label and the error kind: an error message may quote a path, never content.
        self.unscanned.append(f"{label}: {error.reason}")


def parse(raw: bytes) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(message, EmailMessage)
    return message


def message_document(
    raw: bytes, name: str = "message.eml", limits: Limits = DEFAULT_LIMITS, strict: bool = False
) -> Document:
    """One Document from a full RFC 5322 message: headers, bodies, attachments (recursively)."""
    walk = _Walk(limits, strict)
    with nested(limits):
        _message(parse(raw), "", walk)
    return with_unscanned(Document.combine(name, walk.parts, MEDIA_TYPE), walk.unscanned)


def _message(message: EmailMessage, prefix: str, walk: _Walk) -> None:
    header_lines = [f"{key}: {_header(message, key)}" for key in HEADERS if message.get(key) is not None]
    if header_lines:
        walk.add(_join(prefix, "headers"), Document.from_text("\n".join(header_lines) + "\n"))
    _part(message, prefix, walk)


def _header(message: EmailMessage, key: str) -> str:
    try:
        return str(message.get(key, ""))
    except Exception:  # a malformed header: keep its raw form rather than lose it
        return str(message.get_all(key, [""])[0])


def _part(part: EmailMessage, prefix: str, walk: _Walk) -> None:
    content_type = part.get_content_type()
    filename = part.get_filename()
    if content_type == "message/rfc822":
        label = _join(prefix, f"attached message {filename or walk.count + 1}")
        with nested(walk.limits):
            _message(_inner_message(part), label, walk)
        return
    if content_type in CONTENTLESS:
        return
    if part.is_multipart():
        for sub in part.iter_parts():
            _part(sub, prefix, walk)  # type: ignore[arg-type]
        return
    data = part.get_payload(decode=True) or b""
    if not isinstance(data, bytes):
        return
    if filename or part.get_content_disposition() == "attachment":
        _attachment(filename or f"part{walk.count + 1}", data, prefix, walk)
    elif content_type in ("text/plain", "text/html"):
        text = decode(data, part.get_content_charset())
        if content_type == "text/html":
            text = html_to_text(text)
        walk.add(_join(prefix, "body"), Document.from_text(text))
    elif part.get_content_maintype() == "text":  # text/calendar, text/csv, text/x-vcard ...
        walk.add(_join(prefix, content_type), Document.from_text(decode(data, part.get_content_charset())))
    elif data:
        _attachment(f"part{walk.count + 1}{_suffix(content_type)}", data, prefix, walk)


def _inner_message(part: EmailMessage) -> EmailMessage:
    """The message inside a message/rfc822 part. Such parts must not be transfer-encoded, but
    some mailers base64 them anyway: the parser then leaves the encoded text as the body, which
    would hide its content, so it is decoded and parsed here."""
    encoding = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
    payload = part.get_payload()
    inner = payload[0] if isinstance(payload, list) and payload else None
    if encoding in ("base64", "quoted-printable") and isinstance(inner, EmailMessage):
        encoded = inner.as_bytes()
        data = base64.b64decode(encoded) if encoding == "base64" else quopri.decodestring(encoded)
        return parse(data)
    if isinstance(inner, EmailMessage):
        return inner
    raw = part.get_payload(decode=True)
    return parse(raw if isinstance(raw, bytes) else str(payload).encode("utf-8", "replace"))


def _attachment(filename: str, data: bytes, prefix: str, walk: _Walk) -> None:
    from redactor import extract  # the registry imports this module

    label = _join(prefix, f"attachment {Path(filename).name}")
    if len(data) > walk.limits.max_expanded_bytes - walk.expanded:
        raise LimitExceeded(f"message expands beyond {walk.limits.max_expanded_bytes} bytes")
    try:
        document = extract.extract_bytes(Path(filename).name, data)
    except InputError as error:
        if is_bomb(error):
            raise
        walk.skip(label, error)
        return
    walk.expanded += len(data)
    walk.add(label, document)
    walk.unscanned.extend(f"{label} / {item}" for item in unscanned(document))


def _suffix(content_type: str) -> str:
    return {"application/pdf": ".pdf", "text/csv": ".csv", "image/png": ".png", "image/jpeg": ".jpg"}.get(
        content_type, ""
    )


def _join(prefix: str, label: str) -> str:
    return f"{prefix} / {label}" if prefix else label


def extract_eml(path: Path) -> Document:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    return message_document(raw, str(path))


def extract_mbox(path: Path) -> Document:
    """Every message of an mbox file, labelled "message N" (subjects may hold names)."""
    parts: list[tuple[str, Document]] = []
    skipped: list[str] = []
    try:
        box = mailbox.mbox(path, create=False)
        keys = list(box.keys())
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    try:
        if len(keys) > DEFAULT_LIMITS.max_members:
            raise InputError(f"{path}: mailbox has more than {DEFAULT_LIMITS.max_members} messages")
        for number, key in enumerate(keys, 1):
            document = message_document(box.get_bytes(key), f"message {number}")
            parts.append((f"message {number}", document))
            skipped.extend(f"message {number} / {item}" for item in unscanned(document))
    finally:
        box.close()
    return with_unscanned(Document.combine(str(path), parts, "application/mbox"), skipped)


__all__ = ["message_document", "parse", "unscanned"]
