"""``gongkai parse``, ``gongkai check`` and ``gongkai rules``: read reports, audit them, list rules.

Exit statuses follow the contract (§3): 0 no error findings, 1 at least one error finding, 2 some
input could not be read at all — the other inputs are still read, checked and printed.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from gongkai.cli.boundary import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_UNREADABLE,
    dump_json,
    error_line,
    guarded,
    write_line,
)
from gongkai.settings import get_settings

if TYPE_CHECKING:
    from gongkai.cli.inputs import Outcome

# The read path (gongkai.api, gongkai.cli.inputs) is imported inside the commands: `gongkai
# --version` and `--help` build this module's commands but read nothing.


class ReportFormat(StrEnum):
    json = "json"
    table = "table"


class RulesFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


class Lang(StrEnum):
    zh = "zh"
    en = "en"


FilesArg = Annotated[
    list[str],
    typer.Argument(metavar="FILE...", help="报告文件或目录（目录按后缀递归查找）/ report files or directories.",
                   show_default=False),
]
LangOpt = Annotated[Lang, typer.Option("--lang", envvar="GONGKAI_LANG", help="消息语言 / message language.")]


def register(app: typer.Typer) -> None:
    app.command("parse")(parse)
    app.command("check")(check)
    app.command("rules")(rules)


def _report_bad(entries: list[Outcome], lang: str) -> list[str]:
    """One stderr sentence per input that could not be read; return their paths."""
    bad = [e for e in entries if e.error is not None]
    for entry in bad:
        assert entry.error is not None
        typer.echo(error_line(entry.error, lang), err=True)
    return [e.path for e in bad]


@guarded
def parse(
    files: FilesArg,
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help="输出格式 / output format.")] = ReportFormat.table,
    lang: LangOpt = Lang.zh,
) -> None:
    """读取报告，输出结构化数据（JSON 为契约格式）。Read reports into the contract's JSON or tables."""
    from gongkai.cli.inputs import expand, iter_read, read_all

    entries = expand(files)
    if format is ReportFormat.json:  # streamed: each report printed and dropped as soon as it is read
        pretty = len(entries) == 1
        for entry in iter_read(entries, get_settings(), lang=lang):
            if entry.report is not None:
                write_line(dump_json(entry.report.to_json(), pretty=pretty))
                entry.report = None
    else:
        read_all(entries, get_settings(), lang=lang)
        from gongkai.cli import output  # Rich: only for tables

        console = output.stdout_console()
        for entry in entries:
            if entry.report is not None:
                console.print(output.report_renderable(entry.report, lang))
    bad = _report_bad(entries, lang)
    raise typer.Exit(EXIT_UNREADABLE if bad else EXIT_OK)


@guarded
def check(
    files: FilesArg,
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help="输出格式 / output format.")] = ReportFormat.table,
    lang: LangOpt = Lang.zh,
) -> None:
    """审核报告（一起审核，以便比对相邻年度）。Audit reports together (so consecutive years pair up)."""
    from gongkai import api
    from gongkai.cli.inputs import expand, read_all

    settings = get_settings()
    entries = read_all(expand(files), settings, lang=lang)
    reports = [e.report for e in entries if e.report is not None]
    findings = api.check(reports, settings=settings) if reports else []
    if format is ReportFormat.json:
        write_line(dump_json([f.to_json() for f in findings]))
    else:
        from gongkai.cli import output

        console = output.stdout_console()
        readable = [e.path for e in entries if e.report is not None]
        console.print(output.findings_renderable(readable, findings, [], lang))
        console.print(output.summary_line(len(entries), findings, sum(e.error is not None for e in entries), lang))
    bad = _report_bad(entries, lang)
    from gongkai.model.provenance import TEXT_UNREAD_CODES

    # A file none of whose text could be read (a scan without OCR) is an input not read at all.
    if bad or any(p.code in TEXT_UNREAD_CODES for r in reports for p in r.problems):
        raise typer.Exit(EXIT_UNREADABLE)
    raise typer.Exit(EXIT_FINDINGS if any(f.is_report_error for f in findings) else EXIT_OK)


@guarded
def rules(
    format: Annotated[RulesFormat, typer.Option("--format", "-f", help="输出格式 / output format.")] = RulesFormat.table,
    lang: LangOpt = Lang.zh,
) -> None:
    """列出审核规则目录（中文附英文）。List the audit rule catalogue (Chinese with English)."""
    from gongkai.cli import output

    rows = output.catalogue_rows(_catalogue())
    if format is RulesFormat.json:
        write_line(dump_json(rows))
    elif format is RulesFormat.markdown:
        write_line(output.catalogue_markdown(rows))
    else:
        output.stdout_console().print(output.catalogue_table(rows, lang))


def _catalogue() -> list[Any]:
    from gongkai import plugins

    registered = plugins.rules()
    try:
        from gongkai.audit import catalogue
    except ImportError:  # the audit package is still being built: list the registered rules
        return list(registered)
    return list(catalogue(registered))
