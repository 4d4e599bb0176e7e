"""Turning command-line arguments into reports: directories expanded, bad files kept as errors.

A batch never aborts on one bad file (style.md, habit 3): each argument yields either a report
or the ``InputError`` that says, in one sentence, why that file could not be read.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from gongkai import api
from gongkai.errors import GongkaiError, Unreadable
from gongkai.model.report import Report
from gongkai.readers.suffixes import REPORT_SUFFIXES
from gongkai.runtime import tune_for_batch
from gongkai.settings import Settings


@dataclass(slots=True)
class Outcome:
    path: str  # as given on the command line, or under a directory given there
    report: Report | None = None
    error: GongkaiError | None = None


def expand(arguments: Iterable[str]) -> list[Outcome]:
    """One entry per file to read; a directory with no report files is an error entry itself."""
    out: list[Outcome] = []
    for argument in arguments:
        root = Path(argument)
        if not root.is_dir():
            out.append(Outcome(argument))
            continue
        found = sorted(
            (p for p in root.rglob("*") if p.suffix.lower() in REPORT_SUFFIXES and p.is_file()
             and not any(part.startswith(".") for part in p.relative_to(root).parts)),
            key=lambda p: p.relative_to(root).parts,
        )
        if not found:
            suffixes = " ".join(REPORT_SUFFIXES)
            out.append(Outcome(argument, error=Unreadable(
                f"目录中没有报告文件（{suffixes}）", path=argument,
                message_en=f"the directory holds no report files ({suffixes})")))
        out.extend(Outcome(str(p)) for p in found)
    return out


def wants_progress(count: int, stream: object | None = None) -> bool:
    """A bar for more than one file, on a terminal only: off a terminal Rich draws no live bar,
    and all it left in a log or a pipe was an empty line."""
    stream = stream if stream is not None else sys.stderr
    isatty = getattr(stream, "isatty", None)
    return count > 1 and bool(isatty and isatty())


def iter_read(entries: Sequence[Outcome], settings: Settings, *, lang: str = "zh") -> Iterator[Outcome]:
    """Yield every entry once read (failed ones included), with a progress bar on stderr for many
    files. Streaming: a caller that prints and drops each report keeps memory flat."""
    todo = sum(e.error is None for e in entries)
    if todo > 1:
        tune_for_batch()
    if not wants_progress(todo):
        for entry in entries:
            if entry.error is None:
                _read_one(entry, settings)
            yield entry
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    label = "reading" if lang == "en" else "读取"
    progress = Progress(
        TextColumn(f"[bold]{label}[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}", style="dim"),
        console=Console(stderr=True),
        transient=True,
        redirect_stdout=False,  # results go to stdout untouched, even while the bar is shown
        redirect_stderr=False,
    )
    with progress:
        task = progress.add_task("", total=todo)
        for entry in entries:
            if entry.error is None:
                progress.update(task, description=Path(entry.path).name)
                _read_one(entry, settings)
                progress.advance(task)
            yield entry


def read_all(entries: Sequence[Outcome], settings: Settings, *, lang: str = "zh") -> list[Outcome]:
    """Read every entry not already failed (see ``iter_read``) and return them all."""
    return list(iter_read(entries, settings, lang=lang))


def _read_one(entry: Outcome, settings: Settings) -> None:
    try:
        entry.report = api.read(entry.path, settings=settings)
    except GongkaiError as exc:  # InputError mostly; any gongkai error means "not read"
        entry.error = exc
