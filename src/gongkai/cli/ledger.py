"""``gongkai ledger …``: the request ledger from the command line.

Thin: every command opens the database (``--db`` or GONGKAI_DATABASE_URL, migrated on open),
calls one ledger function, prints the result. Errors are one Chinese sentence and exit status 2.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from sqlalchemy import select
from sqlalchemy.orm import Session

from gongkai.cli.boundary import guard
from gongkai.cli.output import dump_json, report_renderable, stdout_console, write_line
from gongkai.errors import ImportRejected, LedgerError

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="数据库地址（默认取 GONGKAI_DATABASE_URL 或用户数据目录下的 SQLite 文件）"),
]
AgencyOption = Annotated[str | None, typer.Option("--agency", help="机关全称 / agency name")]


class Format(StrEnum):
    JSON = "json"
    TABLE = "table"


@contextmanager
def _session(db: str | None) -> Iterator[Session]:
    from gongkai.ledger import init_db

    factory = init_db(db)
    try:
        with factory() as session:
            yield session
    finally:
        factory.kw["bind"].dispose()


def _agency_id(session: Session, name: str | None) -> int:
    from gongkai.ledger import Agency, get_agency_by_name

    if name:
        return get_agency_by_name(session=session, name=name).id
    ids = list(session.scalars(select(Agency.id).limit(2)))
    if len(ids) != 1:
        raise LedgerError("台账中有多个机关（或没有机关），请用 --agency 指定机关全称")
    return ids[0]


def _only_agency(session: Session) -> int | None:
    """The agency when the ledger has just one (then a file needs no 机关 column)."""
    from gongkai.ledger import Agency

    ids = list(session.scalars(select(Agency.id).limit(2)))
    return ids[0] if len(ids) == 1 else None


def register(app: typer.Typer) -> None:
    ledger = typer.Typer(name="ledger", help="依申请公开台账：导入、统计、期限提醒。Request ledger.",
                         no_args_is_help=True)
    holidays = typer.Typer(name="holidays", help="节假日安排（内置日历未覆盖的年份）。", no_args_is_help=True)
    ledger.add_typer(holidays)
    app.add_typer(ledger)

    @ledger.command("import")
    def import_(
        file: Annotated[Path, typer.Argument(help="台账文件（.xlsx 或 .csv，列见 docs/ledger.md）")],
        agency: AgencyOption = None,
        db: DbOption = None,
    ) -> None:
        """导入已有的台账；任何一行有误则不导入任何数据，并列出所有错误行。"""
        from gongkai.ledger.excel import import_ledger

        with guard(), _session(db) as session:
            agency_id = _agency_id(session, agency) if agency else _only_agency(session)
            try:
                count = import_ledger(session=session, actor=None, path=file, agency_id=agency_id)
            except ImportRejected as exc:
                for number, reason in exc.rows:
                    typer.echo(f"第 {number} 行：{reason}", err=True)
                raise
            session.commit()
            typer.echo(f"已从 {file} 导入 {count} 件申请。")

    @ledger.command("template")
    def template(out: Annotated[Path, typer.Argument(help="输出的 .xlsx 文件，如 台账模板.xlsx")]) -> None:
        """生成空白台账模板（带下拉选项和填写说明）。"""
        from gongkai.ledger.excel import write_template

        with guard():
            write_template(out)
            typer.echo(f"已生成台账模板：{out}")

    @ledger.command("export")
    def export(
        out: Annotated[Path, typer.Argument(help="输出的 .xlsx 文件")],
        agency: AgencyOption = None,
        year: Annotated[int | None, typer.Option(help="只导出该年收到的申请")] = None,
        db: DbOption = None,
    ) -> None:
        """把台账导出为 .xlsx（与导入格式相同，可再次导入）。"""
        from gongkai.ledger import Agency
        from gongkai.ledger.excel import export_ledger

        with guard(), _session(db) as session:
            ids = ({_agency_id(session, agency)} if agency else set(session.scalars(select(Agency.id))))
            count = export_ledger(session=session, agency_ids=ids, path=out, year=year)
            typer.echo(f"已导出 {count} 件申请到 {out}。")

    @ledger.command("stats")
    def stats(
        year: Annotated[int, typer.Option(help="统计年度 / report year")],
        agency: AgencyOption = None,
        summary: Annotated[bool, typer.Option("--summary", help="汇总该机关及其下级全部机关")] = False,
        format: Annotated[Format, typer.Option("--format", help="json：合同键名；table：表格")] = Format.TABLE,
        xlsx: Annotated[Path | None, typer.Option("--xlsx", help="同时把三张表写入 .xlsx 文件")] = None,
        db: DbOption = None,
    ) -> None:
        """年度报告第二、三、四部分的表格，由台账直接统计。"""
        from gongkai.ledger import annual_report
        from gongkai.ledger.table_sheets import export_tables

        with guard(), _session(db) as session:
            agency_id = _agency_id(session, agency)
            report = annual_report(session=session, agency_id=agency_id, year=year, summary=summary)
            if xlsx is not None:
                export_tables(tables=report.tables, path=xlsx, title=f"{report.agency} {year}年")
            if format is Format.JSON:
                write_line(dump_json(report.to_json(provenance=False)["tables"]))
            else:
                stdout_console().print(report_renderable(report))

    @ledger.command("due")
    def due(
        days: Annotated[int, typer.Option(min=0, max=60, help="提前提醒的工作日数")] = 5,
        agency: AgencyOption = None,
        format: Annotated[Format, typer.Option("--format")] = Format.TABLE,
        db: DbOption = None,
    ) -> None:
        """列出已超期和即将到期的申请。"""
        from gongkai.ledger import Agency, due_soon, label, overdue

        with guard(), _session(db) as session:
            ids = ({_agency_id(session, agency)} if agency else set(session.scalars(select(Agency.id))))
            names = {a.id: a.name for a in session.scalars(select(Agency))}
            today = date.today()
            groups = [("已超期", overdue(session=session, agency_ids=ids, today=today)),
                      ("即将到期", due_soon(session=session, agency_ids=ids, days=days, today=today))]
            if format is Format.JSON:
                write_line(dump_json([
                    {"group": g, "agency": names[r.agency_id], "number": r.number, "applicant": r.applicant_name,
                     "received_on": r.received_on.isoformat(), "due_on": r.due_on.isoformat() if r.due_on else None,
                     "provisional": r.due_provisional, "status": r.status.value}
                    for g, rows in groups for r in rows
                ]))
                return
            table = Table(title=f"答复期限提醒（{today}，提前 {days} 个工作日）")
            for header in ("", "机关", "编号", "申请人", "收到日期", "答复期限", "状态"):
                table.add_column(header)
            for group, rows in groups:
                style = "bold red" if group == "已超期" else "yellow"
                for r in rows:
                    due_text = f"{r.due_on}{'（暂定）' if r.due_provisional else ''}"
                    table.add_row(group, names[r.agency_id], r.number, r.applicant_name, str(r.received_on),
                                  due_text, label(r.status), style=style)
            console = stdout_console()
            if table.row_count:
                console.print(table)
            else:
                console.print("没有已超期或即将到期的申请。")

    @ledger.command("demo")
    def demo(db: DbOption = None) -> None:
        """在数据库中生成示范县演示数据（已存在则只显示账号）。"""
        from gongkai.ledger.demo import seed_demo

        with guard(), _session(db) as session:
            info = seed_demo(session=session)
            session.commit()
            if info.created:
                typer.echo(f"已生成演示数据：{len(info.agency_ids)} 个机关，{info.requests} 件申请。")
            typer.echo(info.describe())

    @holidays.command("load")
    def holidays_load(
        file: Annotated[Path, typer.Argument(help="节假日安排文件（YAML/JSON，格式见 docs/ledger.md）")],
        db: DbOption = None,
    ) -> None:
        """导入某年的国务院节假日安排，并重新计算所有未办结申请的答复期限。"""
        from gongkai.ledger import load_holiday_file, load_holiday_year

        with guard():
            arrangement = load_holiday_file(file)
            with _session(db) as session:
                count = load_holiday_year(session=session, actor=None, arrangement=arrangement)
                session.commit()
            typer.echo(f"已导入 {arrangement.year} 年节假日安排（{len(arrangement.holidays)} 天假期，"
                       f"{len(arrangement.workdays)} 天调休上班），重新计算了 {count} 件未办结申请的答复期限。")
