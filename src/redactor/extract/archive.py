"""Zip archives, nested, bounded: depth (``extract.limits.nested``), member count, total expanded
size and per-member compression ratio are checked from the central directory *before* anything is
inflated, and again while reading (a lying directory cannot make us inflate more than the limit).

Members are read by their suffix through ``extract.extract_bytes``; a member that cannot be read
(encrypted, corrupt, unsupported) is listed under the Document's ``unscanned`` metadata and the
rest of the archive is still scanned. A limit breach raises: the whole archive is suspect.
"""

from __future__ import annotations

import zipfile
from dataclasses import replace
from pathlib import Path, PurePosixPath

from redactor.errors import EncryptedInput, InputError
from redactor.extract.limits import DEFAULT_LIMITS, LimitExceeded, Limits, nested
from redactor.model import Document

UNSCANNED = "unscanned"


def is_bomb(error: InputError) -> bool:
    """A container limit was exceeded: the caller must not treat the container as partly read."""
    return isinstance(error, LimitExceeded)


def unscanned(document: Document) -> list[str]:
    """Parts of a container that could not be read ("member x.pdf: encrypted")."""
    return [value for key, value in document.metadata if key == UNSCANNED]


def with_unscanned(document: Document, items: list[str]) -> Document:
    return replace(document, metadata=document.metadata + tuple((UNSCANNED, item) for item in items))


def extract(path: Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    from redactor import extract as registry  # the registry imports this module

    with nested(limits):
        try:
            archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise InputError(f"{path}: not a readable zip archive ({type(exc).__name__})") from None
        with archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            _check(path, members, limits)
            parts: list[tuple[str, Document]] = []
            skipped: list[str] = []
            for member in members:
                name = PurePosixPath(member.filename).name
                label = f"member {member.filename}"
                if not registry.supported(Path(name)):
                    skipped.append(f"{label}: unsupported")
                    continue
                try:
                    data = _read(archive, member, limits)
                    document = registry.extract_bytes(name, data)
                except InputError as error:
                    if is_bomb(error):
                        raise
                    skipped.append(f"{label}: {error.reason}")
                    continue
                parts.append((label, document))
                skipped.extend(f"{label} / {item}" for item in unscanned(document))
    return with_unscanned(Document.combine(str(path), parts, "application/zip"), skipped)


def _check(path: Path, members: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(members) > limits.max_members:
        raise LimitExceeded(f"{path}: archive has {len(members)} members (limit {limits.max_members})")
    total = sum(m.file_size for m in members)
    if total > limits.max_expanded_bytes:
        raise LimitExceeded(f"{path}: archive expands to {total} bytes (limit {limits.max_expanded_bytes})")
    for member in members:
        if member.file_size > 1024 * 1024 and member.file_size > limits.max_ratio * max(1, member.compress_size):
            raise LimitExceeded(f"{path}: a member is compressed {member.file_size // max(1, member.compress_size)}:1")


def _read(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limits: Limits) -> bytes:
    if member.flag_bits & 0x1:
        raise EncryptedInput(f"{member.filename}: encrypted zip member", "decrypt it and scan again")
    cap = min(limits.max_expanded_bytes, max(member.file_size, 0)) + 1
    try:
        with archive.open(member) as stream:
            data = stream.read(cap)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, ValueError) as exc:
        raise InputError(f"{member.filename}: damaged zip member ({type(exc).__name__})") from None
    if len(data) > member.file_size:
        raise LimitExceeded(f"{member.filename}: expands beyond its declared size")
    return data
