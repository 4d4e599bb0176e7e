"""The public entry points, wiring the stages together through the plugin registry."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from gongkai import plugins
from gongkai.errors import GongkaiError, InputError, Unreadable
from gongkai.model.findings import Finding
from gongkai.model.report import Report
from gongkai.readers.budget import time_budget
from gongkai.readers.select import load_bytes, read_bytes
from gongkai.settings import Settings, get_settings


def read(path: str | Path, *, data: bytes | None = None, settings: Settings | None = None) -> Report:
    """Read one report file (text, Markdown, HTML, DOCX, PDF or YAML source) into a Report.

    Raises ``InputError`` (with the path) when the input cannot be read at all, ``ReadTimeout``
    (an ``Unreadable``) when reading takes longer than ``settings.read_timeout`` seconds.
    """
    settings = settings or get_settings()
    if data is None:
        data = load_bytes(path, settings.max_input_bytes)
    readers = plugins.readers()
    try:
        with time_budget(settings.read_timeout, str(path)):
            return read_bytes(data, str(path), readers)
    except GongkaiError:
        raise
    except RecursionError as exc:
        raise Unreadable("文件结构嵌套过深，无法读取", path=str(path), message_en="structure nested too deeply") from exc
    except Exception as exc:  # a reader bug must not surface as a traceback
        raise Unreadable(f"读取失败（{type(exc).__name__}: {exc}）", path=str(path),
                         message_en=f"reader failed: {exc!r}") from exc


@dataclass(slots=True)
class ReadResult:
    path: str
    report: Report | None
    error: InputError | None


def read_many(paths: Iterable[str | Path], *, settings: Settings | None = None) -> Iterator[ReadResult]:
    """Read many files; a file that cannot be read becomes an error entry, never an abort."""
    settings = settings or get_settings()
    for path in paths:
        try:
            yield ReadResult(str(path), read(path, settings=settings), None)
        except InputError as exc:
            yield ReadResult(str(path), None, exc)


def check(reports: Sequence[Report], *, settings: Settings | None = None) -> list[Finding]:
    """Audit reports (together, so cross-year rules can pair them); findings carry the file path."""
    from gongkai.audit.engine import run

    return run(reports, plugins.rules(), settings=settings or get_settings())
