"""``gongkai ledger …`` commands, run through Typer's test runner on a temporary database."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import typer
from openpyxl import Workbook
from typer.testing import CliRunner

from gongkai.cli.ledger import register
from gongkai.ledger.layout import COLUMNS

runner = CliRunner()


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        """test root"""

    register(app)
    return app


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.sqlite3'}"


def _seed(db: str) -> None:
    from gongkai.ledger import AgencyKind, create_agency, init_db

    factory = init_db(db)
    with factory() as s:
        create_agency(session=s, name="示范县教育局", kind=AgencyKind.DEPARTMENT)
        s.commit()
    factory.kw["bind"].dispose()


def test_template_import_stats(app: typer.Typer, db: str, tmp_path: Path) -> None:
    _seed(db)
    template = tmp_path / "台账模板.xlsx"
    result = runner.invoke(app, ["ledger", "template", str(template)])
    assert result.exit_code == 0 and "已生成台账模板" in result.output
    book = Workbook()
    sheet = book.active
    sheet.append([c.header for c in COLUMNS])
    sheet.append(["", "", date(2024, 3, 3), "自然人", "张三", "", "", "网络", "A", "予以公开", date(2024, 3, 8), None, ""])
    sheet.append(["", "", date(2024, 12, 30), "商业企业", "某公司", "", "", "信函", "B", None, None, None, ""])
    ledger = tmp_path / "ledger.xlsx"
    book.save(ledger)
    result = runner.invoke(app, ["ledger", "import", str(ledger), "--agency", "示范县教育局", "--db", db])
    assert result.exit_code == 0, result.output
    assert f"已从 {ledger} 导入 2 件申请。" in result.output
    result = runner.invoke(app, ["ledger", "stats", "--year", "2024", "--format", "json", "--db", db])
    assert result.exit_code == 0, result.output
    tables = json.loads(result.output)
    assert set(tables) == {"active", "requests", "appeals"}
    assert tables["requests"]["received"]["total"] == 2
    assert tables["requests"]["carried_forward"]["enterprise"] == 1
    xlsx = tmp_path / "tables.xlsx"
    result = runner.invoke(app, ["ledger", "stats", "--year", "2024", "--db", db, "--xlsx", str(xlsx)])
    assert result.exit_code == 0 and xlsx.exists()
    assert "予以公开" in result.output
    result = runner.invoke(app, ["ledger", "export", str(tmp_path / "out.xlsx"), "--db", db])
    assert result.exit_code == 0 and "已导出 2 件申请" in result.output


def test_import_errors_list_rows_and_exit_nonzero(app: typer.Typer, db: str, tmp_path: Path) -> None:
    _seed(db)
    path = tmp_path / "bad.csv"
    path.write_text("收到日期,申请人类型,申请人姓名,申请方式,申请内容\n2024-13-01,自然人,张三,网络,A\n", encoding="utf-8")
    result = runner.invoke(app, ["ledger", "import", str(path), "--db", db])
    assert result.exit_code == 2
    assert "第 2 行：收到日期：「2024-13-01」不是有效日期" in result.output
    assert "1 行有误，未导入任何数据" in result.output
    assert "Traceback" not in result.output


def test_unknown_agency_and_ambiguous_stats(app: typer.Typer, db: str) -> None:
    _seed(db)
    result = runner.invoke(app, ["ledger", "stats", "--year", "2024", "--agency", "不存在", "--db", db])
    assert result.exit_code == 2 and "机关「不存在」不存在" in result.output
    from gongkai.ledger import AgencyKind, create_agency, init_db

    factory = init_db(db)
    with factory() as s:
        create_agency(session=s, name="示范县公安局", kind=AgencyKind.DEPARTMENT)
        s.commit()
    factory.kw["bind"].dispose()
    result = runner.invoke(app, ["ledger", "stats", "--year", "2024", "--db", db])
    assert result.exit_code == 2 and "请用 --agency 指定机关全称" in result.output


def test_due_and_holidays(app: typer.Typer, db: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["ledger", "demo", "--db", db])
    assert result.exit_code == 0 and "演示账号" in result.output
    result = runner.invoke(app, ["ledger", "due", "--days", "5", "--format", "json", "--db", db])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {r["group"] for r in rows} == {"已超期", "即将到期"}
    result = runner.invoke(app, ["ledger", "due", "--db", db])
    assert result.exit_code == 0 and "答复期限提醒" in result.output
    holiday = tmp_path / "2027.yaml"
    holiday.write_text("year: 2027\nholidays:\n  - {name: 元旦, start: 2027-01-01, end: 2027-01-03}\n",
                       encoding="utf-8")
    result = runner.invoke(app, ["ledger", "holidays", "load", str(holiday), "--db", db])
    assert result.exit_code == 0, result.output
    assert "已导入 2027 年节假日安排（3 天假期，0 天调休上班）" in result.output
    holiday.write_text("year: 2027\nholidays: []\n", encoding="utf-8")
    result = runner.invoke(app, ["ledger", "holidays", "load", str(holiday), "--db", db])
    assert result.exit_code == 2 and "holidays 为空" in result.output
