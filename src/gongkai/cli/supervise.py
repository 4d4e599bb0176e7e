"""``gongkai supervise review``: a region's office reviews a year of its agencies' reports in one run.

The same engine as the web pages (``gongkai.supervise.review``). Exit statuses follow the
contract (§3: 1 = at least one error-severity finding): 0 no agency in error; 1 some report has an
error finding (reading problems never count), or an agency is late or still missing after its
deadline (the error rule ``filing.late``; missing before the deadline is not an error yet); 2 the
registry or some input could not be read at all (the rest is still reviewed and printed).
"""

from __future__ import annotations

import getpass
import os
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from gongkai.cli.boundary import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, guarded, sentence

if TYPE_CHECKING:
    from gongkai.supervise.review import ReviewResult


class Format(StrEnum):
    table = "table"
    json = "json"


def register(app: typer.Typer) -> None:
    group = typer.Typer(name="supervise", no_args_is_help=True, rich_markup_mode="rich",
                        help="区域政务公开办：收集、审查下属机关的年度报告并形成通报。"
                             "Review a region's annual reports and draft the 通报.")
    group.command("review")(review)
    group.command("registry")(registry_check)
    app.add_typer(group, name="supervise")


@guarded
def review(
    reports: Annotated[list[str] | None, typer.Argument(
        metavar="REPORTS...", help="报告文件、目录或 zip 压缩包 / report files, folders or zips.", show_default=False)] = None,
    registry: Annotated[Path | None, typer.Option("--registry", "-r", help="机关名录（xlsx 或 csv，至少含“机关名称”"
                                                  "“类别”两列）/ agency registry.", show_default=False)] = None,
    year: Annotated[int | None, typer.Option("--year", "-y", help="审查的报告年度 / the report year reviewed.",
                                             show_default=False)] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="输出格式 / output format.")] = Format.table,
    docx: Annotated[Path | None, typer.Option("--docx", help="写出通报 DOCX / write the 通报 as DOCX.")] = None,
    xlsx: Annotated[Path | None, typer.Option("--xlsx", help="写出状态表和汇总表 xlsx / write board and totals.")] = None,
    urls: Annotated[Path | None, typer.Option("--urls", help="网址清单文件，每行一个报告网址 / a file of report URLs.")] = None,
    scoring: Annotated[Path | None, typer.Option("--scoring", help="评分方案（YAML/JSON），默认用内置方案 / scoring scheme.")]
    = None,
    region: Annotated[str | None, typer.Option("--region", help="通报中的区域名称（默认取名录中的顶层机关）/ region name.")]
    = None,
    issuer: Annotated[str | None, typer.Option("--issuer", help="通报落款单位 / issuing office.")] = None,
) -> None:
    """审查一个区域某年度的全部年度报告：谁未交、谁逾期、谁有错，区域汇总，内容雷同。"""
    from gongkai.settings import get_settings
    from gongkai.supervise.collect import collect_paths, collect_urls
    from gongkai.supervise.registry import load_registry
    from gongkai.supervise.review import review as run_review
    from gongkai.supervise.scoring import load_scheme

    if not reports and urls is None:
        _fail("请给出报告文件、目录或压缩包，或用 --urls 给出网址清单")
    if registry is None:
        _fail("请用 --registry 指定机关名录文件（xlsx 或 csv）")
    if year is None:
        _fail("请用 --year 指定审查的报告年度")
    assert registry is not None and year is not None
    if not 2008 <= year <= date.today().year + 1:
        _fail(f"--year 应为 2008 到 {date.today().year + 1} 之间的年份")
    reg = load_registry(registry)
    scheme = load_scheme(scoring) if scoring else None
    by = _who()
    collection = collect_paths(reports or [], by=by)
    if urls is not None:
        lines = _url_lines(urls)
        collect_urls(lines, by=by, collection=collection)
    result = _with_progress(lambda progress: run_review(collection, reg, year, settings=get_settings(),
                                                         scheme=scheme, progress=progress), len(collection.items))
    if format is Format.json:
        from gongkai.cli import output

        output.write_line(output.dump_json(result.to_json()))
    else:
        from gongkai.cli.supervise_output import print_result

        print_result(result)
    if docx is not None or xlsx is not None:
        _write_bulletin(result, docx, xlsx, region, issuer)
    bad = [(e.source, e.message) for e in collection.errors] + [(f.name, f.error or "") for f in result.unreadable]
    for name, message in bad:
        typer.echo(sentence(f"{name}：{message}"), err=True)
    if bad:
        raise typer.Exit(EXIT_UNREADABLE)
    raise typer.Exit(EXIT_FINDINGS if result.in_error(date.today()) else EXIT_OK)


@guarded
def registry_check(
    registry: Annotated[Path, typer.Argument(metavar="FILE", help="机关名录（xlsx 或 csv）/ agency registry.",
                                             show_default=False)],
    year: Annotated[int | None, typer.Option("--year", "-y", help="按该年度报告显示期限 / show deadlines for this year.")]
    = None,
) -> None:
    """检查机关名录：列出各机关的类别、上级和报告期限；有问题的行逐一指出。Check a registry file."""
    from rich.tree import Tree

    from gongkai.cli.output import stdout_console
    from gongkai.settings import get_settings
    from gongkai.supervise.registry import deadlines_from, load_registry

    reg = load_registry(registry)
    deadlines = deadlines_from(get_settings())
    shown_year = year or date.today().year - 1
    counts = {str(k): sum(1 for a in reg if a.kind is k) for k in deadlines}
    tree = Tree(f"{registry.name}：{len(reg)} 个机关（" + "，".join(f"{k} {n}" for k, n in counts.items() if n) + "）")
    nodes: dict[str, Tree] = {}
    pending = list(reg)
    while pending:  # parents first; the registry has no cycles (load_registry refuses them)
        rest = []
        for a in pending:
            parent = tree if a.parent is None else nodes.get(a.parent)
            if parent is None:
                rest.append(a)
                continue
            due = a.due(shown_year, deadlines)
            extra = "，使用台账" if a.uses_ledger else ""
            nodes[a.name] = parent.add(f"{a.name}（{a.kind}，{shown_year} 年度报告期限 {due.isoformat()}{extra}）")
        if len(rest) == len(pending):  # unreachable after load_registry's checks; never loop forever
            break
        pending = rest
    stdout_console().print(tree)


def _fail(message: str) -> None:
    typer.echo(sentence(message), err=True)
    raise typer.Exit(EXIT_UNREADABLE)


def _who() -> str | None:
    try:
        return os.environ.get("GONGKAI_USER") or getpass.getuser()
    except (KeyError, OSError):
        return None


def _url_lines(path: Path) -> list[str]:
    """The URL list as saved by any editor: UTF-8 (with or without BOM) or GBK (Notepad on Chinese Windows)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        from gongkai.writers.target import os_reason

        _fail(f"{path}：无法读取网址清单（{'文件不存在' if isinstance(exc, FileNotFoundError) else os_reason(exc)[0]}）")
        return []
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding).splitlines()
        except UnicodeDecodeError:
            continue
    _fail(f"{path}：网址清单既不是 UTF-8 也不是 GBK 编码的文本")
    return []


def _with_progress(run: object, total: int) -> ReviewResult:
    from gongkai.cli.inputs import wants_progress

    assert callable(run)
    if not wants_progress(total):
        return run(None)  # type: ignore[no-any-return]
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    err = Console(stderr=True)
    # off when stderr is a log file or pipe: there a transient bar only leaves an empty line behind
    bar = Progress(TextColumn("[bold]读取[/]"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   TextColumn("{task.description}", style="dim"), console=err, transient=True,
                   redirect_stdout=False, redirect_stderr=False, disable=not err.is_terminal)
    with bar:
        task = bar.add_task("", total=total)

        def progress(done: int, _total: int, name: str) -> None:
            bar.update(task, completed=done, description=Path(name.split("!")[-1]).name)

        return run(progress)  # type: ignore[no-any-return]


def _write_bulletin(result: ReviewResult, docx: Path | None, xlsx: Path | None, region: str | None,
                    issuer: str | None) -> None:
    from gongkai.supervise.bulletin import draft_bulletin, lines_from_review
    from gongkai.writers.bulletin_docx import write_bulletin_docx
    from gongkai.writers.bulletin_xlsx import write_bulletin_xlsx
    from gongkai.writers.target import write_bytes

    roots = result.registry.roots()
    top = roots[0].name if len(roots) == 1 else ""
    place = region or top.removesuffix("人民政府") or "本区域"
    bulletin = draft_bulletin(lines_from_review(result), year=result.year, region=place,
                              issuer=issuer or (f"{top}办公室" if top else "政务公开办公室"), issued_on=date.today(),
                              totals=result.totals)
    for target, render in ((docx, write_bulletin_docx), (xlsx, write_bulletin_xlsx)):
        if target is not None:
            write_bytes(target, render(bulletin))  # all or nothing; a failure is one Chinese sentence
