"""``gongkai new``, ``gongkai render`` and ``gongkai convert``: author a report and print documents.

Exit statuses: 0 written; 1 a writer refused (the arithmetic fails and ``--force`` was not given,
or a tool such as LibreOffice is missing); 2 the input could not be read or the output not written.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from gongkai.cli.boundary import EXIT_FINDINGS, EXIT_UNREADABLE, error_line, guarded
from gongkai.errors import RenderError

STDOUT = "-"


class OutputFormat(StrEnum):
    docx = "docx"
    pdf = "pdf"
    html = "html"
    md = "md"
    yaml = "yaml"


ToOpt = Annotated[OutputFormat, typer.Option("--to", "-t", help="输出格式 / output format.", show_default=False)]
OutOpt = Annotated[
    str | None,
    typer.Option("--output", "-o", help="输出文件（- 为标准输出；默认与输入同名、换后缀）/ output file (- for stdout)."),
]
ForceOpt = Annotated[
    bool,
    typer.Option("--force", help="数字不平衡时也生成 / render even if the tables do not add up."),
]


def register(app: typer.Typer) -> None:
    app.command("new")(new)
    app.command("render")(render)
    app.command("convert")(convert)


def _fail(message: str, code: int = EXIT_UNREADABLE) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(code)


def _emit(data: bytes, out: str) -> None:
    if out == STDOUT:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    target = Path(out)
    try:
        target.write_bytes(data)
    except OSError as exc:
        _fail(f"{out}：无法写入输出文件（{exc.strerror or exc}）。")
    typer.echo(f"已生成 {out}", err=True)


def _output_path(source: str, fmt: OutputFormat, out: str | None) -> str:
    from gongkai.writers.base import get_writer

    if out:
        return out
    target = Path(source).with_suffix(get_writer(fmt.value).extension)
    if target.resolve() == Path(source).resolve():
        _fail(f"{source}：输出文件会覆盖输入文件，请用 -o 指定输出文件。")
    return str(target)


def _write(source: str, fmt: OutputFormat, out: str | None, force: bool) -> None:
    from gongkai import api  # the read path: not for `gongkai --version` or `--help`
    from gongkai.writers.base import get_writer

    report = api.read(source)  # InputError → the guard prints one sentence, exit 2
    try:
        data = get_writer(fmt.value).write(report, force=force)
    except RenderError as exc:
        if exc.path is None:
            exc.path = source
        _fail(error_line(exc), EXIT_FINDINGS)
    if report.problems and fmt is not OutputFormat.yaml:
        typer.echo(f"注意：{source} 读取时有 {len(report.problems)} 处问题（如空白或缺失的单元格），"
                   "可用 gongkai check 查看。", err=True)
    _emit(data, _output_path(source, fmt, out))


@guarded
def new(
    agency: Annotated[str, typer.Option("--agency", "-a", help="机关全称 / the agency's full name.", show_default=False)],
    year: Annotated[int, typer.Option("--year", "-y", min=2019, max=2100, help="报告年度 / the year reported on.",
                                      show_default=False)],
    output: Annotated[str, typer.Option("--output", "-o", help="写入的文件（- 为标准输出）/ file to write (- for stdout).")]
    = STDOUT,
) -> None:
    """新建报告源文件（YAML），采用该年度适用的模板。Write a report source skeleton for AGENCY and YEAR."""
    from gongkai.writers.skeleton import new_source

    if not agency.strip():
        _fail("--agency 不能为空，请写机关全称。")
    if output != STDOUT and Path(output).exists():
        _fail(f"{output}：文件已存在，为免覆盖已填写的内容，请换一个文件名或先删除它。")
    _emit(new_source(agency, year).encode("utf-8"), output)


@guarded
def render(
    source: Annotated[str, typer.Argument(metavar="SRC", help="报告源文件（YAML）/ report source file.",
                                          show_default=False)],
    to: ToOpt,
    output: OutOpt = None,
    force: ForceOpt = False,
) -> None:
    """把源文件生成为公文格式的文档。Render a source file as DOCX, PDF, HTML or Markdown."""
    _write(source, to, output, force)


@guarded
def convert(
    report: Annotated[str, typer.Argument(metavar="REPORT", help="任何可读取的报告 / any readable report.",
                                          show_default=False)],
    to: ToOpt,
    output: OutOpt = None,
    force: ForceOpt = False,
) -> None:
    """把任何可读取的报告转换为另一种格式（--to yaml 得到可编辑的源文件）。Convert any readable report."""
    _write(report, to, output, force)

