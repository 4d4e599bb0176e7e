"""``gongkai corpus …``: many reports into one Parquet dataset, and SQL over it.

Thin: each command calls one function of ``gongkai.corpus`` and prints the result. The data
engines (pyarrow, DuckDB, Dask) are imported inside the commands, so ``gongkai parse`` never pays
for them.
"""

from __future__ import annotations

import csv
import json
import math
import sys
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from datetime import time as dt_time
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any
from uuid import UUID

import typer

from gongkai.cli.boundary import EXIT_OK, EXIT_UNREADABLE, guard
from gongkai.cli.output import stdout_console, write_line
from gongkai.corpus import DEFAULT_SHARD_SIZE


class Engine(StrEnum):
    local = "local"
    dask = "dask"


class QueryFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class ExportFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    jsonl = "jsonl"


DirArg = Annotated[Path, typer.Argument(help="数据集目录（corpus build --out 的目录）/ dataset folder")]


def _plain(value: Any) -> Any:
    """A DuckDB value as JSON can hold it: dates ISO, decimals as numbers, blobs hex, NaN/∞ null."""
    if isinstance(value, (date, datetime, dt_time)):
        return value.isoformat()
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, Decimal):
        return float(value) if value.is_finite() else None
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _text(value: Any) -> str:
    """A value for a table or CSV cell: empty for null, JSON for lists and structs."""
    plain = _plain(value)
    if plain is None:
        return ""
    if isinstance(plain, (list, dict)):
        return json.dumps(plain, ensure_ascii=False)
    return str(plain)


def _common_folder(paths: list[str]) -> str:
    """The folder every path lies in, so a table shows short names with the folder once."""
    import os.path

    try:
        base = os.path.commonpath([os.path.dirname(p) for p in paths]) if paths else ""
    except ValueError:  # relative and absolute paths mixed
        return ""
    return base if base not in ("", "/", ".") else ""


def _relative(path: str, base: str) -> str:
    return path[len(base):].lstrip("/\\") if base and path.startswith(base) else path


#: Rows a table shows; a bigger result is for --format csv/json, which stream any number of rows.
TABLE_ROWS = 1000


def _print_rows(columns: list[str], batches: Iterator[list[tuple[Any, ...]]], format: QueryFormat) -> None:
    """Rows as JSON (one array, a row object per line), CSV, or a Rich table of the first rows."""
    out = sys.stdout
    if format is QueryFormat.json:
        first = True
        for rows in batches:
            for row in rows:
                out.write(("[\n" if first else ",\n") + json.dumps(
                    {c: _plain(v) for c, v in zip(columns, row, strict=True)}, ensure_ascii=False))
                first = False
        out.write("[]\n" if first else "\n]\n")
        return
    if format is QueryFormat.csv:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for rows in batches:
            writer.writerows([_text(v) for v in row] for row in rows)
        return
    from rich.table import Table

    table = Table(show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")  # a path or key cut to "…" is useless
    shown, more = 0, False
    for rows in batches:
        for row in rows:
            if shown == TABLE_ROWS:
                more = True
                break
            table.add_row(*(_text(v) for v in row))
            shown += 1
        if more:
            break
    console = stdout_console()
    console.print(table)
    if more:
        console.print(f"只显示前 {TABLE_ROWS} 行；完整结果请用 --format csv 或 --format json（不限行数），或在 SQL 中加 LIMIT。",
                      style="dim", markup=False, soft_wrap=True)
    else:
        console.print(f"{shown} 行", style="dim")


def _quiet_stdout() -> None:
    """After a closed pipe, send what Python still flushes at exit nowhere (no 'Exception ignored')."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def register(app: typer.Typer) -> None:
    corpus = typer.Typer(name="corpus", no_args_is_help=True,
                         help="语料库：把大量报告读成一个可用 SQL 查询的数据集。Corpus: many reports → one dataset.")
    app.add_typer(corpus)

    @corpus.command("build")
    def build_(
        sources: Annotated[list[str], typer.Argument(help="报告文件、目录或清单文件（.lst，每行一个路径）")],
        out: Annotated[Path, typer.Option("--out", "-o", help="数据集目录 / output folder")],
        workers: Annotated[int | None, typer.Option("--workers", "-w", min=1, help="工作进程数（默认每核一个）")] = None,
        engine: Annotated[Engine, typer.Option("--engine", help="local：本机多进程；dask：Dask 集群")] = Engine.local,
        scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask 调度器地址 tcp://…（不填则本机启动）")] = None,
        shard_size: Annotated[int, typer.Option("--shard-size", min=1, help="每个分片的文件数（分片越大，数据文件越少、查询越快；中断时最多丢失在途分片）")] = DEFAULT_SHARD_SIZE,
    ) -> None:
        """读取并审核所有报告，写入按年度分区的 Parquet 数据集；可中断、可续建。"""
        with guard():
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            from gongkai.corpus.build import build
            from gongkai.corpus.engines import make_engine
            from gongkai.settings import get_settings

            settings = get_settings()
            err = Console(stderr=True)
            progress = Progress(TextColumn("[bold]建库[/]"), BarColumn(), MofNCompleteColumn(),
                                TextColumn("{task.fields[rate]} 份/秒 · 无法读取 {task.fields[failed]}"),
                                TimeElapsedColumn(), TextColumn("剩余"), TimeRemainingColumn(),
                                console=err, disable=not err.is_terminal)
            state = {"task": None, "done": 0, "failed": 0, "start": time.monotonic()}

            def on_plan(plan: Any) -> None:
                for problem in plan.problems:
                    err.print(problem, markup=False, highlight=False, soft_wrap=True)
                state["task"] = progress.add_task("build", total=len(plan.todo), rate="0", failed=0)

            def on_shard(result: Any) -> None:
                state["done"] += len(result.done)
                state["failed"] += result.failures
                elapsed = max(time.monotonic() - state["start"], 1e-6)
                progress.update(state["task"], advance=len(result.done), rate=f"{state['done'] / elapsed:.0f}",
                                failed=state["failed"])

            with progress:
                summary = build(sources, out, make_engine(engine.value, workers=workers, scheduler=scheduler),
                                shard_size=shard_size, read_timeout=settings.read_timeout,
                                max_input_bytes=settings.max_input_bytes, on_plan=on_plan, on_shard=on_shard)
            line = (f"共 {summary.files} 个文件：本次读取 {summary.read} 个（无法读取 {summary.failed} 个），"
                    f"未变化跳过 {summary.skipped} 个，更新 {summary.changed} 个，移除 {summary.removed} 个；"
                    f"数据集：{out}")
            err.print(line, markup=False, highlight=False, soft_wrap=True)
            if summary.interrupted:
                err.print("已中断：已完成的分片均已保存，再次运行同一命令即从中断处继续。", markup=False, soft_wrap=True)
                raise typer.Exit(130)
            raise typer.Exit(EXIT_UNREADABLE if summary.problems else EXIT_OK)

    @corpus.command("query")
    def query_(
        root: DirArg,
        sql: Annotated[str, typer.Argument(help="SQL（视图：reports、cells、findings、problems、sections、narrative_figures）")],
        format: Annotated[QueryFormat, typer.Option("--format", "-f")] = QueryFormat.table,
    ) -> None:
        """用 SQL（DuckDB）查询数据集。"""
        with guard():
            from gongkai.corpus.query import stream

            with stream(root, sql) as result:
                try:
                    _print_rows(result.columns, result.batches, format)
                except BrokenPipeError:  # `… | head`: the reader has what it wanted
                    _quiet_stdout()

    @corpus.command("stats")
    def stats_(
        root: DirArg,
        html: Annotated[Path | None, typer.Option("--html", help="另存带图表的概况网页 / write an HTML summary")] = None,
    ) -> None:
        """数据集概况：文件、格式、年度、模板、机关、读取问题、审核发现。"""
        with guard():
            from rich.table import Table

            from gongkai.corpus.stats import collect, html_page

            stats = collect(root)
            console = stdout_console()
            for stat in stats:
                # the title on its own line: as a table title it would wrap to the width of a narrow table
                console.print(f"{stat.title_zh} · {stat.title_en}", style="bold", markup=False, soft_wrap=True)
                table = Table(*stat.columns)
                for row in stat.rows[:30]:
                    table.add_row(*(_text(v) for v in row))
                console.print(table)
            if html is not None:
                html.write_text(html_page(root, stats), encoding="utf-8")
                console.print(f"概况网页：{html}", markup=False, soft_wrap=True)

    @corpus.command("similar")
    def similar_(
        root: DirArg,
        year: Annotated[int | None, typer.Option("--year", help="只看这一年（与上一年比对）")] = None,
        threshold: Annotated[float, typer.Option("--threshold", min=0.05, max=1.0,
                                                 help="相似度阈值（本报告自有文字在另一份中出现的比例）")] = 0.5,
        format: Annotated[QueryFormat, typer.Option("--format", "-f")] = QueryFormat.table,
    ) -> None:
        """找出内容雷同的报告：同年不同机关之间，以及同一机关与上一年。"""
        with guard():
            from gongkai.corpus.similar import find

            pairs = find(root, year=year, threshold=threshold)
            if format is QueryFormat.table:
                from rich.table import Table

                console = stdout_console()
                if not pairs:
                    console.print(f"没有相似度 ≥ {threshold:.0%} 的报告对。", markup=False, soft_wrap=True)
                    return
                base = _common_folder([p for pair in pairs for p in (pair.path_a, pair.path_b)])
                table = Table(title=f"相似度 ≥ {threshold:.0%} 的报告对", title_justify="left",
                              caption=f"文件位于 {base}" if base else None, caption_justify="left")
                for column in ("类型", "年度", "相似度", "机关甲", "机关乙", "文件甲", "文件乙"):
                    table.add_column(column, overflow="fold")
                for p in pairs[:TABLE_ROWS]:
                    table.add_row("不同机关" if p.kind == "agencies" else "与上年", str(p.year), f"{p.similarity:.1%}",
                                  p.agency_a or "", p.agency_b or "", _relative(p.path_a, base),
                                  _relative(p.path_b, base))
                console.print(table)
                if len(pairs) > TABLE_ROWS:
                    console.print(f"共 {len(pairs)} 对，只显示前 {TABLE_ROWS} 对；全部请用 --format csv 或 --format json。",
                                  style="dim", markup=False, soft_wrap=True)
                return
            rows = [{"kind": p.kind, "year": p.year, "similarity": p.similarity, "agencies": [p.agency_a, p.agency_b],
                     "files": [p.path_a, p.path_b], "reports": [p.report_a, p.report_b]} for p in pairs]
            if format is QueryFormat.json:
                write_line(json.dumps(rows, ensure_ascii=False, indent=2))
            else:
                writer = csv.writer(sys.stdout, lineterminator="\n")
                writer.writerow(["kind", "year", "similarity", "agency_a", "agency_b", "file_a", "file_b"])
                for p in pairs:
                    writer.writerow([p.kind, p.year, p.similarity, p.agency_a or "", p.agency_b or "", p.path_a,
                                     p.path_b])

    @corpus.command("export")
    def export_(
        root: DirArg,
        target: Annotated[Path, typer.Argument(help="输出文件 / output file")],
        format: Annotated[ExportFormat | None, typer.Option("--format", "-f",
                                                            help="csv / xlsx：每份报告一行；jsonl：契约 JSON")] = None,
        year: Annotated[int | None, typer.Option("--year")] = None,
    ) -> None:
        """导出：每份报告一行的宽表（CSV、Excel，可用于 Stata），或契约 JSON Lines。"""
        with guard():
            from gongkai.corpus import export

            suffix = target.suffix.lstrip(".").lower()
            chosen = format or (ExportFormat(suffix) if suffix in {f.value for f in ExportFormat} else ExportFormat.csv)
            writer = {ExportFormat.csv: export.write_csv, ExportFormat.xlsx: export.write_xlsx,
                      ExportFormat.jsonl: export.write_jsonl}[chosen]
            count = writer(root, target, year=year)
            typer.echo(f"已导出 {count} 份报告：{target}", err=True)
