"""The 通报: drafted from a review, edited, rendered as DOCX (structure) and xlsx."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn

from gongkai.model.bulletin import Bulletin
from gongkai.model.findings import Finding, FindingKind, Severity
from gongkai.supervise.bulletin import AgencyLine, draft_bulletin, lines_from_review
from gongkai.supervise.registry import load_registry
from gongkai.supervise.review import review_paths
from gongkai.writers.bulletin_docx import write_bulletin_docx
from gongkai.writers.bulletin_xlsx import write_bulletin_xlsx

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "gongkai" / "sample_reports"
ISSUED = date(2024, 2, 20)


def _f(rule: str, message: str, where: str | None = None, severity: Severity = Severity.ERROR,
       kind: FindingKind = FindingKind.REPORT) -> Finding:
    return Finding(rule, severity, where, message, "", kind=kind)


LINES = [
    AgencyLine("甲局", "部门", "submitted", date(2024, 1, 31), date(2024, 1, 20), "2021",
               (_f("arith.requests.balance", "总计列收支不平衡", "requests.total"),
                _f("structure.cells", "表格缺少单元格", severity=Severity.WARNING),
                _f("arith.requests.row_total", "读不清的数字", kind=FindingKind.READING))),
    AgencyLine("乙镇", "乡镇街道", "late", date(2024, 1, 31), date(2024, 2, 5), "2019",
               (_f("template.version", "使用了2019年试行模板"), _f("arith.appeals.total", "复议总计不符")),
               copied=("与本单位2022年报告雷同（81%）",)),
    AgencyLine("丙镇", "乡镇街道", "missing", date(2024, 1, 31)),
]


@pytest.fixture
def bulletin() -> Bulletin:
    return draft_bulletin(LINES, year=2023, region="某县", issuer="某县人民政府办公室", issued_on=ISSUED,
                          number="某政办函〔2024〕5号")


def test_draft_text(bulletin: Bulletin) -> None:
    assert bulletin.title == "关于某县2023年度政府信息公开工作年度报告检查情况的通报"
    assert [s.heading for s in bulletin.sections] == ["一、总体情况", "二、存在的主要问题", "三、各单位存在的问题", "四、工作要求"]
    assert bulletin.sections[0].paragraphs == [
        "某县共有 3 个单位应报送2023年度政府信息公开工作年度报告，已报送 2 个，其中按时报送 1 个、逾期报送 1 个；"
        "未报送 1 个：丙镇。"]
    assert bulletin.sections[1].paragraphs == [
        "（一）数据不准确、勾稽关系错误。共 2 个单位存在此类问题（2 处）：甲局、乙镇。",
        "（二）使用旧模板或模板混用。共 1 个单位存在此类问题（1 处）：乙镇。",
        "（三）缺少规定内容或表格不完整。共 1 个单位存在此类问题（1 处）：甲局。",
        "（四）内容雷同。共 1 个单位存在此类问题（1 处）：乙镇。",
        "（五）逾期报送。共 1 个单位存在此类问题（1 处）：乙镇。",
    ]
    per = bulletin.sections[2].subsections
    assert [(s.heading, s.paragraphs) for s in per] == [
        ("（一）甲局", ["1. 总计列收支不平衡（位置：（七）总计）。", "2. 表格缺少单元格。"]),
        ("（二）乙镇", ["1. 年度报告于2024年2月5日发布，晚于2024年1月31日的期限。", "2. 使用了2019年试行模板。",
                      "3. 复议总计不符。", "4. 与本单位2022年报告雷同（81%）。"]),
    ]
    assert bulletin.sections[3].paragraphs[0].endswith("将整改情况报送某县人民政府办公室。")
    board = {r.agency: (r.status, r.on_time, r.errors, r.warnings, r.reading) for r in bulletin.board}
    assert board == {"甲局": ("已提交", True, 1, 1, 1), "乙镇": ("逾期提交", False, 2, 0, 0), "丙镇": ("未提交", None, 0, 0, 0)}


def test_edited_text_survives_json_and_reaches_the_docx(bulletin: Bulletin) -> None:
    bulletin.sections[3].paragraphs[1] = "请各单位于3月1日前完成整改。"
    again = Bulletin.from_json(bulletin.to_json())
    assert again == bulletin
    doc = docx.Document(io.BytesIO(write_bulletin_docx(again)))
    assert "请各单位于3月1日前完成整改。" in [p.text for p in doc.paragraphs]


def test_docx_structure(bulletin: Bulletin) -> None:
    doc = docx.Document(io.BytesIO(write_bulletin_docx(bulletin)))
    styled = [(p.style.name, p.text) for p in doc.paragraphs if p.text]
    assert styled[:3] == [("Normal", "某政办函〔2024〕5号"), ("Title", bulletin.title), ("Normal", "各有关单位：")]
    headings1 = [t for s, t in styled if s == "Heading 1"]
    headings2 = [t for s, t in styled if s == "Heading 2"]
    assert headings1 == ["一、总体情况", "二、存在的主要问题", "三、各单位存在的问题", "四、工作要求"]
    assert headings2 == ["（一）甲局", "（二）乙镇"]
    texts = [t for _, t in styled]
    sig = texts.index("某县人民政府办公室")
    assert texts[sig + 1] == "2024年2月20日"
    assert texts[sig - 1] == "附件：各单位年度报告报送情况"
    right = doc.paragraphs[[p.text for p in doc.paragraphs].index("2024年2月20日")]
    assert right.paragraph_format.alignment is not None and int(right.paragraph_format.alignment) == 2  # right
    (table,) = doc.tables
    assert [c.text for c in table.rows[0].cells] == ["序号", "单位名称", "报送情况", "发布日期", "错误", "警告", "得分"]
    assert [c.text for c in table.rows[2].cells] == ["2", "乙镇", "逾期提交", "2024-02-05", "2", "0", "—"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # header repeats on each page
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm), round(section.top_margin.mm)) == (210, 297, 37)
    assert doc.core_properties.title == bulletin.title


def test_xlsx_board_and_totals() -> None:
    result = review_paths([SAMPLES], load_registry(SAMPLES / "sample_registry.csv"), 2023)
    b = draft_bulletin(lines_from_review(result), year=2023, region="忻州市", issuer="忻州市政务公开办公室",
                       issued_on=ISSUED, totals=result.totals)
    wb = openpyxl.load_workbook(io.BytesIO(write_bulletin_xlsx(b)))
    assert wb.sheetnames == ["状态", "汇总"]
    board = list(wb["状态"].iter_rows(values_only=True))
    assert board[0][:4] == ("单位名称", "类别", "状态", "报告期限")
    assert [(r[0], r[2]) for r in board[1:]] == [
        ("忻州市人民政府", "未提交"), ("忻州市财政局", "未提交"), ("繁峙县平型关镇人民政府", "已提交"),
        ("五台县白家庄镇人民政府", "已提交"), ("宁武县涔山乡人民政府", "未提交"), ("保德县孙家沟镇人民政府", "未提交")]
    totals = {r[2]: r for r in wb["汇总"].iter_rows(min_row=2, values_only=True)}
    row = totals["requests.received.total"]
    assert row[0] == "三" and row[1] == "一、本年新收政府信息公开申请数量 · 总计"
    assert row[3] == result.totals.value("requests.received.total")
    assert row[4] == "否" and row[5] == "忻州市人民政府、忻州市财政局、宁武县涔山乡人民政府、保德县孙家沟镇人民政府"


@pytest.mark.parametrize(("where", "place"), [
    ("section.1", "位置：第一部分"), ("published_on", "位置：落款日期"),
    ("requests.received.total", "位置：一、本年新收政府信息公开申请数量 · 总计"),
    ("requests.withheld_secret", "位置：（三）不予公开1.属于国家秘密"),
    ("appeals.review.total", "位置：行政复议 · 总计"),
    ("active.fees.amount", "位置：行政事业性收费 · 本年收费金额（单位：万元）"),
    ("meta.something", ""),
])
def test_places_in_words(where: str, place: str) -> None:
    from gongkai.supervise.bulletin import _place

    assert _place(where) == place
