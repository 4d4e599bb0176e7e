"""The shard: a list of files in, Arrow tables out — the one function every engine runs.

Pure in the sense that matters for scheduling: it reads only the files it is given and returns
its result; the same call runs in a process pool, on a Dask worker and in a unit test. A worker
that shares the driver's disk (``Shard.out``: the local engine, a Dask LocalCluster) also writes
the shard's Parquet files itself, under temporary names, and returns their paths instead of the
tables: the driver then only renames them into place and appends the manifest line, so writing and
compressing run on every core instead of in the one driver process (at 2 workers the driver's
writing was a tenth of a build's CPU), and 60 KB a report no longer crosses a pipe. A shard
whose worker dies before the driver records it leaves only temporary files; it is redone. A file that cannot be read, that crashes a reader or that runs past its time budget
(``gongkai.readers.budget``, GONGKAI_READ_TIMEOUT) becomes an ``unreadable`` row with its sentence;
the shard itself never fails because of one file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from gongkai.corpus.rows import Rows, add_report, add_unreadable, display_path
from gongkai.model.report import Report


@dataclass(frozen=True, slots=True)
class Item:
    """One input file as the driver saw it (size and mtime decide whether a rerun redoes it)."""

    path: str
    size: int
    mtime_ns: int
    url: str | None = None  # a manifest's URL, fetched by the driver to ``path``


@dataclass(frozen=True, slots=True)
class Shard:
    id: str
    items: tuple[Item, ...]
    read_timeout: float | None = None  # seconds per file (0 = no limit); None: GONGKAI_READ_TIMEOUT
    max_input_bytes: int | None = None  # None: GONGKAI_MAX_INPUT_BYTES
    signatures: bool = True  # MinHash of each narrative, for ``gongkai corpus similar``
    out: str | None = None  # the dataset folder, when the worker shares the driver's disk: write there


@dataclass(slots=True)
class ShardResult:
    id: str
    tables: dict[str, pa.Table]
    done: list[tuple[Item, str, str]] = field(default_factory=list)  # (item, sha256, report_id)
    failures: int = 0
    outputs: list[str] | None = None  # files the worker staged (``Shard.out``); then ``tables`` is empty


def _sentence(path: str, message: str) -> str:
    return f"{path}：{message}" if not message.startswith(path) else message


def _narrative(report: object) -> str:
    sections = getattr(report, "sections", [])
    return "\n".join(s.text for s in sections if s.text)


NOT_A_REPORT = "未找到年度报告的任何一部分标题或表格，不像政府信息公开工作年度报告"
NOT_A_REPORT_EN = "no section heading and no table of an annual report: not a disclosure annual report"


def _not_a_report(report: Report) -> bool:
    """A file in a folder of reports that is something else (a README, a notice, an index page):
    no section heading, no table, and no reader's sentence saying why (a scanned PDF says it needs
    OCR, and stays a row with that problem). Recorded as unreadable, so it is not counted as a
    report with every section missing."""
    return (
        not report.sections
        and all(t is None for t in report.tables.values())
        and not any(p.where is None for p in report.problems)
    )


def run_shard(shard: Shard) -> ShardResult:
    """Read and audit every file of the shard; never raises for a bad file."""
    from gongkai import api
    from gongkai.corpus.rows import report_id
    from gongkai.errors import GongkaiError, Unreadable
    from gongkai.readers.budget import time_budget
    from gongkai.settings import get_settings

    settings = get_settings()
    settings = settings.model_copy(update={
        "max_input_bytes": settings.max_input_bytes if shard.max_input_bytes is None else shard.max_input_bytes,
        "read_timeout": settings.read_timeout if shard.read_timeout is None else shard.read_timeout,
    })
    rows = Rows()
    result = ShardResult(shard.id, {})
    sign = _signer() if shard.signatures else None
    for item in shard.items:
        sha256: str | None = None
        try:
            data = _load(item.path, settings.max_input_bytes)
            sha256 = hashlib.sha256(data).hexdigest()
            report = api.read(display_path(item.path), data=data, settings=settings)  # within the read's time budget
            if _not_a_report(report):
                raise Unreadable(NOT_A_REPORT, path=display_path(item.path), message_en=NOT_A_REPORT_EN)
            with time_budget(settings.read_timeout, display_path(item.path)):  # the audit and signature get one of their own
                findings = api.check([report], settings=settings)
                signature, chars = sign(_narrative(report)) if sign else (None, 0)
            add_report(rows, report, findings, path=item.path, sha256=sha256, size=len(data),
                       signature=signature, own_chars=chars, url=item.url)
        except GongkaiError as exc:
            result.failures += 1
            add_unreadable(rows, path=item.path, sha256=sha256, size=item.size, url=item.url,
                           error=_sentence(display_path(item.path), exc.message if exc.path else str(exc)))
        except Exception as exc:  # a reader or rule bug: recorded, never an aborted build
            result.failures += 1
            add_unreadable(rows, path=item.path, sha256=sha256, size=item.size, url=item.url,
                           error=_sentence(display_path(item.path), f"读取失败（{type(exc).__name__}: {exc}）"))
        result.done.append((item, sha256 or "", report_id(item.path, sha256 or "")))
    tables = rows.tables()
    if shard.out is None:
        result.tables = tables
    else:
        from gongkai.corpus.store import stage_shard

        try:
            result.outputs = stage_shard(Path(shard.out), shard.id, tables)
        except OSError:  # the driver writes them instead, and says clearly what is wrong if it cannot either
            result.tables = tables
    return result


def _load(path: str, cap: int) -> bytes:
    """The file's bytes through the readers' own guard (size cap, not-a-regular-file, …)."""
    from gongkai.readers.select import load_bytes

    return load_bytes(Path(path), cap)


def _signer() -> Callable[[str], tuple[bytes | None, int]]:
    """narrative → (MinHash of its own words, how many own characters it has)."""
    from gongkai import similarity

    def sign(text: str) -> tuple[bytes | None, int]:
        words = similarity.own_words(text)
        if not words:
            return None, 0
        return similarity.signature_of_words(words), len(words)

    return sign
