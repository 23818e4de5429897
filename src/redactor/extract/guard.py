"""Shared by the extractors that wrap third-party parsers: turn any parser failure into an
InputError that names the file and the kind of damage (never content), and recognise the OLE
compound files that encrypted Office documents are wrapped in."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from redactor.errors import EncryptedInput, InputError, RedactorError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@contextmanager
def damaged(path: Path, kind: str) -> Iterator[None]:
    """Parsers raise anything on bad input (KeyError, lxml errors, zlib errors...): one InputError."""
    try:
        yield
    except RedactorError:
        raise
    except MemoryError:
        raise InputError(f"{path}: {kind} too large to read in memory") from None
    except Exception as exc:
        raise InputError(f"{path}: damaged {kind} ({type(exc).__name__})") from None


def check_office_container(path: Path, kind: str) -> None:
    """An OOXML file is a zip; an encrypted one is an OLE file with an EncryptedPackage stream."""
    try:
        with path.open("rb") as stream:
            head = stream.read(8)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    if head != OLE_MAGIC:
        return
    import olefile

    with damaged(path, kind), olefile.OleFileIO(str(path)) as ole:
        encrypted = ole.exists("EncryptionInfo") or ole.exists("EncryptedPackage")
    if encrypted:
        raise EncryptedInput(f"{path}: password-protected {kind}", "remove the password and scan again")
    raise InputError(f"{path}: legacy binary Office file named as {kind}", "save it in the current format")
