"""Outlook .msg files (extract-msg): headers, plain or HTML body, attachments through the registry,
embedded .msg messages recursively, bounded like every container by ``extract.limits``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from redactor.errors import InputError
from redactor.extract.archive import is_bomb, unscanned, with_unscanned
from redactor.extract.guard import damaged
from redactor.extract.html import decode, html_to_text
from redactor.extract.limits import DEFAULT_LIMITS, LimitExceeded, Limits, nested
from redactor.model import Document

HEADERS = (("Subject", "subject"), ("From", "sender"), ("To", "to"), ("Cc", "cc"), ("Date", "date"))


def extract(path: Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    import extract_msg

    with damaged(path, "Outlook message"):
        message = extract_msg.openMsg(str(path))
    try:
        parts: list[tuple[str, Document]] = []
        skipped: list[str] = []
        with nested(limits), damaged(path, "Outlook message"):
            _message(message, "", parts, skipped, limits)
    finally:
        message.close()
    return with_unscanned(Document.combine(str(path), parts, "application/vnd.ms-outlook"), skipped)


def _message(message: Any, prefix: str, parts: list[tuple[str, Document]], skipped: list[str], limits: Limits) -> None:
    from redactor import extract as registry  # the registry imports this module

    headers = [f"{key}: {value}" for key, attr in HEADERS if (value := getattr(message, attr, None))]
    parts.append((_join(prefix, "headers"), Document.from_text("\n".join(headers) + "\n")))
    body = message.body
    if not body and message.htmlBody:
        html = message.htmlBody
        body = html_to_text(decode(html) if isinstance(html, bytes) else html)
    if body:
        parts.append((_join(prefix, "body"), Document.from_text(body)))
    attachments = list(message.attachments)
    if len(attachments) > limits.max_members:
        raise LimitExceeded(f"message has more than {limits.max_members} attachments")
    for number, attachment in enumerate(attachments, 1):
        name = Path(attachment.longFilename or attachment.shortFilename or f"attachment{number}").name
        label = _join(prefix, f"attachment {name}")
        data = attachment.data
        if not isinstance(data, bytes):  # an embedded Outlook message
            with nested(limits):
                _message(data, label, parts, skipped, limits)
            continue
        try:
            document = registry.extract_bytes(name, data)
        except InputError as error:
            if is_bomb(error):
                raise
            skipped.append(f"{label}: {error.reason}")
            continue
        parts.append((label, document))
        skipped.extend(f"{label} / {item}" for item in unscanned(document))


def _join(prefix: str, label: str) -> str:
    return f"{prefix} / {label}" if prefix else label
