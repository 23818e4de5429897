"""Exit codes and the exceptions that carry them.

Every exception raised on purpose by redactor is a ``RedactorError``: it names the exit code the
CLI returns and says, in one sentence, how the user can fix the problem. Messages never contain
raw values found in documents.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  # ran, nothing found / everything verified
    FINDINGS = 1  # ran, personal data found
    INPUT_ERROR = 2  # bad usage, or an input file could not be read
    CONFIG_ERROR = 3  # a rules or policy file is invalid
    VERIFY_FAILED = 4  # an output failed verification and was kept aside
    HELD_FOR_REVIEW = 5  # the policy held a document back for a person's review (nothing released)
    INTERNAL_ERROR = 10  # a bug: please report it (run with -v for the traceback)


class RedactorError(Exception):
    exit_code: ExitCode = ExitCode.INTERNAL_ERROR

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class InputError(RedactorError):
    """A document could not be read: missing, corrupt, encrypted, unsupported or too large.

    ``reason`` is the machine-readable kind that the policy's document facts are built from.
    """

    exit_code = ExitCode.INPUT_ERROR
    reason = "unreadable"


class EncryptedInput(InputError):
    reason = "encrypted"


class TooLargeInput(InputError):
    reason = "too_large"


class ConfigError(RedactorError):
    """A rules or policy file is invalid. Never fall back to defaults: stop."""

    exit_code = ExitCode.CONFIG_ERROR

    def __init__(self, message: str, path: str = "", line: int | None = None) -> None:
        where = path + (f":{line}" if line is not None else "") if path else ""
        super().__init__(f"{where}: {message}" if where else message, "fix the file and retry")
        self.path = path
        self.line = line


class ModelError(RedactorError):
    """The NLP model is missing; we never download at run time."""

    exit_code = ExitCode.CONFIG_ERROR


class VerificationError(RedactorError):
    exit_code = ExitCode.VERIFY_FAILED
