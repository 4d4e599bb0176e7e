"""One small exception tree; every error names the file (or record) it is about.

    GongkaiError
    ├── InputError            the input cannot be read at all (exit status 2)
    │   ├── Unreadable        empty, binary, truncated, a directory, not a report format
    │   │   └── ReadTimeout   reading took longer than GONGKAI_READ_TIMEOUT
    │   ├── EncodingError     no text encoding decodes it
    │   ├── TooLarge          over the size cap
    │   └── UnsafeArchive     zip bomb, external entities, encrypted or malformed container
    ├── RenderError           a writer refused (e.g. arithmetic fails without --force)
    ├── ConfigError           bad settings or plugin
    └── LedgerError           request ledger operations
        ├── InvalidTransition a status change the transitions table does not allow
        ├── ConcurrentChange  the record changed since the user read it (HTTP 409)
        ├── NotFound
        ├── PermissionDenied
        └── ImportRejected    a 台账 file with bad rows (nothing was imported)
"""

from __future__ import annotations


class GongkaiError(Exception):
    """Base of all gongkai errors. ``str(err)`` is one Chinese sentence naming the subject."""

    def __init__(self, message: str, *, path: str | None = None, message_en: str = "") -> None:
        message, message_en = _one_line(message), _one_line(message_en)
        super().__init__(message)
        self.message = message
        self.path = path
        self.message_en = message_en

    def __str__(self) -> str:
        """One line: a parser's multi-line detail or a file name with a line break never splits it."""
        return f"{_one_line(self.path)}：{self.message}" if self.path else self.message


def _one_line(text: str) -> str:
    if "\n" not in text and "\r" not in text:
        return text
    return " ".join(part.strip() for part in text.splitlines() if part.strip())


class InputError(GongkaiError):
    """The input could not be read at all."""


class Unreadable(InputError):
    pass


class ReadTimeout(Unreadable):
    """Reading one file took longer than its time budget (see ``gongkai.readers.budget``)."""


class EncodingError(InputError):
    pass


class TooLarge(InputError):
    pass


class UnsafeArchive(InputError):
    pass


class RenderError(GongkaiError):
    pass


class ConfigError(GongkaiError):
    pass


class LedgerError(GongkaiError):
    pass


class InvalidTransition(LedgerError):
    pass


class ConcurrentChange(LedgerError):
    """Another user changed the record after this change was prepared; nothing was changed."""

    MESSAGE = "该申请已被他人修改，请刷新后重试"

    def __init__(self, message: str = MESSAGE, *, path: str | None = None) -> None:
        super().__init__(message, path=path, message_en="the request was changed by someone else; reload and retry")


class NotFound(LedgerError):
    pass


class PermissionDenied(LedgerError):
    pass


class ImportRejected(LedgerError):
    def __init__(self, message: str, *, path: str | None = None, rows: list[tuple[int, str]] | None = None) -> None:
        super().__init__(message, path=path)
        self.rows = rows or []
