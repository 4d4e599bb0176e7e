from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from gongkai.errors import InputError, Unreadable
from gongkai.supervise.registry import (
    AgencyKind,
    RegistryRejected,
    host_of,
    load_registry,
    parse_deadline,
)


def _csv(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "名录.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_csv_with_all_columns(tmp_path: Path) -> None:
    path = _csv(tmp_path, "机关名称,类别,上级机关,门户网址,报告期限,简称\n"
                          "繁峙县人民政府,政府,,http://www.fanshi.gov.cn,,\n"
                          "繁峙县财政局,部门,繁峙县人民政府,,2月10日,县财政局、财政局\n"
                          "繁峙县砂河镇人民政府, 乡镇 ,繁峙县人民政府,,,\n"
                          ",,,,,\n")
    reg = load_registry(path)
    assert [a.name for a in reg] == ["繁峙县人民政府", "繁峙县财政局", "繁峙县砂河镇人民政府"]
    gov, dept, town = reg.agencies
    assert (gov.kind, dept.kind, town.kind) == (AgencyKind.GOVERNMENT, AgencyKind.DEPARTMENT, AgencyKind.TOWNSHIP)
    assert gov.portal_host == "fanshi.gov.cn"
    assert dept.parent == "繁峙县人民政府" and dept.aliases == ("县财政局", "财政局")
    assert reg.due("繁峙县人民政府", 2023) == date(2024, 3, 31)
    assert reg.due("繁峙县财政局", 2023) == date(2024, 2, 10)  # overridden
    assert reg.due("繁峙县砂河镇人民政府", 2023) == date(2024, 1, 31)
    assert [a.name for a in reg.children("繁峙县人民政府")] == ["繁峙县财政局", "繁峙县砂河镇人民政府"]


def test_ledger_column_and_configured_deadlines(tmp_path: Path) -> None:
    from gongkai.settings import Settings
    from gongkai.supervise.registry import deadlines_from

    path = _csv(tmp_path, "机关名称,类别,使用台账\n甲局,部门,是\n乙镇,乡镇街道,\n丙局,部门,也许\n")
    with pytest.raises(RegistryRejected) as info:
        load_registry(path)
    assert info.value.rows == [(4, "使用台账“也许”应为 是 或 否")]
    reg = load_registry(_csv(tmp_path, "机关名称,类别,使用台账\n甲局,部门,是\n乙镇,乡镇街道,\n"))
    assert [a.uses_ledger for a in reg] == [True, False]
    deadlines = deadlines_from(Settings(deadline_township=(2, 20)))
    assert reg.get("乙镇").due(2023, deadlines) == date(2024, 2, 20)  # type: ignore[union-attr]


def test_gbk_csv_with_title_row_above_header(tmp_path: Path) -> None:
    path = _csv(tmp_path, "2023年度机关名录\n单位名称,类型\n县教育局,部门\n", "gbk")
    reg = load_registry(path)
    assert [(a.name, a.kind, a.row) for a in reg] == [("县教育局", AgencyKind.DEPARTMENT, 3)]


def test_bad_rows_are_all_named(tmp_path: Path) -> None:
    path = _csv(tmp_path, "机关名称,类别,上级机关,报告期限\n"
                          "甲局,部门,,\n"
                          "乙局,局,,\n"
                          "甲局,部门,,\n"
                          ",部门,,\n"
                          "丙局,部门,丁县人民政府,\n"
                          "戊局,部门,,13月1日\n")
    with pytest.raises(RegistryRejected) as info:
        load_registry(path)
    assert info.value.rows == [
        (3, "类别“局”无法识别（应为 政府、部门、乡镇街道 或 其他）"),
        (4, "机关名称“甲局”与第 2 行重复"),
        (5, "机关名称为空"),
        (6, "上级机关“丁县人民政府”不在名录中"),
        (7, "报告期限“13月1日”无法识别（例如 1月31日）"),
    ]
    assert str(info.value).startswith(f"{path}：机关名录有 5 处问题，未导入：第 3 行：类别“局”无法识别")
    assert isinstance(info.value, InputError)


def test_parent_cycle(tmp_path: Path) -> None:
    path = _csv(tmp_path, "机关名称,类别,上级机关\n甲,部门,乙\n乙,部门,甲\n")
    with pytest.raises(RegistryRejected) as info:
        load_registry(path)
    assert [n for n, _ in info.value.rows] == [2, 3]


def test_missing_required_column(tmp_path: Path) -> None:
    with pytest.raises(RegistryRejected, match="缺少“类别”列"):
        load_registry(_csv(tmp_path, "机关名称,上级机关\n甲局,\n"))
    with pytest.raises(RegistryRejected, match="缺少表头"):
        load_registry(_csv(tmp_path, "名字,种类\n甲局,部门\n"))


def test_xlsx_with_date_deadline(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["机关名称", "类别", "报告期限", "上级机关"])
    ws.append(["某县人民政府", "政府", None, None])
    ws.append(["某县某镇人民政府", "乡镇街道", datetime(2025, 2, 15), "某县人民政府"])
    buf = io.BytesIO()
    wb.save(buf)
    path = tmp_path / "r.xlsx"
    path.write_bytes(buf.getvalue())
    reg = load_registry(path)
    assert reg.due("某县某镇人民政府", 2024) == date(2025, 2, 15)
    assert reg.get("某县某镇人民政府").parent == "某县人民政府"  # type: ignore[union-attr]


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(Unreadable, match="不存在"):
        load_registry(tmp_path / "none.csv")
    with pytest.raises(Unreadable, match="空的"):
        load_registry(_csv(tmp_path, ""))
    fake = tmp_path / "x.xlsx"
    fake.write_bytes(b"not a workbook")
    with pytest.raises(Unreadable, match="不是 Excel"):
        load_registry(fake)
    broken = tmp_path / "y.xlsx"
    broken.write_bytes(b"PK\x03\x04garbage")
    with pytest.raises(InputError):
        load_registry(broken)


@pytest.mark.parametrize(("text", "expected"), [
    ("1月31日", (1, 31)), ("01-31", (1, 31)), ("2025-03-31", (3, 31)), ("3/31", (3, 31)),
    ("2月29日", (2, 29)), ("2月30日", None), ("月底", None),
])
def test_parse_deadline(text: str, expected: tuple[int, int] | None) -> None:
    assert parse_deadline(text) == expected


@pytest.mark.parametrize(("url", "host"), [
    ("http://www.fanshi.gov.cn/xxgk/", "fanshi.gov.cn"), ("czj.fanshi.gov.cn", "czj.fanshi.gov.cn"),
    ("HTTPS://WWW.GY.GOV.CN", "gy.gov.cn"), ("", None), (None, None),
])
def test_host_of(url: str | None, host: str | None) -> None:
    assert host_of(url) == host
