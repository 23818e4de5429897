"""Limits for containers (archives, mail with attachments, nested messages).

Nesting depth is tracked per thread of extraction with a context variable, so every container
extractor can call back into ``redactor.extract`` without passing the depth around; exceeding a
limit raises InputError and the caller decides (scan: error line; mail: tempfail/quarantine).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from redactor.errors import TooLargeInput


class LimitExceeded(TooLargeInput):
    """A container limit was exceeded (depth, members, expanded size, ratio): a possible archive
    bomb. The container must not be treated as partly read; policies see it as too large."""

    def __init__(self, message: str, hint: str = "possible archive bomb") -> None:
        super().__init__(message, hint)


@dataclass(frozen=True)
class Limits:
    max_depth: int = 4  # container inside container inside ...
    max_members: int = 1000  # files in one archive / parts in one message
    max_expanded_bytes: int = 200 * 1024 * 1024  # total uncompressed size of one container
    max_ratio: int = 100  # uncompressed / compressed size of one member (zip bombs)


DEFAULT_LIMITS = Limits()
_depth: ContextVar[int] = ContextVar("redactor_extract_depth", default=0)


@contextmanager
def nested(limits: Limits = DEFAULT_LIMITS) -> Iterator[int]:
    """Enter one container level; raises InputError beyond ``limits.max_depth``."""
    depth = _depth.get() + 1
    if depth > limits.max_depth:
        raise LimitExceeded(f"containers nested deeper than {limits.max_depth} levels")
    token = _depth.set(depth)
    try:
        yield depth
    finally:
        _depth.reset(token)
