"""structure.sections and structure.cells, each case both ways."""

from __future__ import annotations

import pytest

from gongkai.model.findings import FindingKind, Severity
from gongkai.model.keys import Template


def _rows(findings):
    return [(str(f.severity), f.where, f.message) for f in findings]


# -- sections ------------------------------------------------------------------------------------


def test_a_missing_section_is_an_error(make, audit) -> None:
    r = make()
    del r.sections[4]
    assert _rows(audit(r, "structure.sections")) == [
        ("error", "section.5", "缺少第五部分“存在的主要问题及改进情况”（条例第五十条规定的内容）")
    ]


def test_no_sections_at_all_gives_six_errors(make, audit) -> None:
    r = make()
    r.sections = []
    assert [f.where for f in audit(r, "structure.sections")] == [f"section.{n}" for n in range(1, 7)]


def test_sections_out_of_order(make, audit) -> None:
    r = make()
    r.sections[1], r.sections[2] = r.sections[2], r.sections[1]
    assert _rows(audit(r, "structure.sections")) == [
        ("error", "sections", "各部分顺序错乱或重复：实际顺序为 一、三、二、四、五、六，模板顺序为 一、二、三、四、五、六")
    ]


def test_a_repeated_section_is_out_of_order(make, audit) -> None:
    r = make()
    r.sections.append(r.sections[5])
    assert [f.where for f in audit(r, "structure.sections")] == ["sections"]


def test_headings_without_numerals_are_warnings(make, audit) -> None:
    r = make()
    for s in r.sections[:2]:
        s.number, s.numeral = None, None
    assert _rows(audit(r, "structure.sections")) == [
        ("warning", "section.1", "第一部分标题“总体情况”未标序号，模板为“一、总体情况”"),
        ("warning", "section.2", "第二部分标题“主动公开政府信息情况”未标序号，模板为“二、主动公开政府信息情况”"),
    ]


def test_arabic_numerals_are_a_warning_not_a_misnumbering(make, audit) -> None:
    r = make()
    r.sections[4].numeral = "5、"
    assert _rows(audit(r, "structure.sections")) == [
        ("warning", "section.5", "第五部分标题使用阿拉伯数字序号“5、”，模板为“五、”")
    ]


def test_numbers_that_do_not_match_the_position_are_errors(make, audit) -> None:
    r = make()
    del r.sections[0]  # 总体情况 left out, the rest renumbered 一 … 五
    for i, s in enumerate(r.sections, start=1):
        s.number, s.numeral = i, f"{'一二三四五'[i - 1]}、"
    rows = _rows(audit(r, "structure.sections"))
    assert rows[0] == ("error", "section.1", "缺少第一部分“总体情况”（条例第五十条规定的内容）")
    assert rows[1] == ("error", "section.2", "第二部分“主动公开政府信息情况”标为“一、”，按模板应为“二、”")
    assert [w for _, w, _ in rows] == ["section.1", "section.2", "section.3", "section.4", "section.5", "section.6"]


def test_unrecognised_sections_are_ignored(make, audit) -> None:
    r = make()
    extra = r.sections[0].__class__(None, "附件", "……")
    r.sections.append(extra)
    assert audit(r, "structure.sections") == []


@pytest.mark.parametrize(
    ("levels", "fires"),
    [({1: 2, 2: 2, 3: 2, 4: 2, 5: 2, 6: 2}, False), ({"1": 3, "2": 2, "3": 3}, True), ({}, False)],
)
def test_heading_levels(make, audit, levels, fires) -> None:
    r = make()
    r.meta["heading_levels"] = levels
    findings = audit(r, "structure.sections")
    assert [(str(f.severity), f.where) for f in findings] == ([("info", "sections")] if fires else [])
    if fires:
        assert findings[0].message == "六个部分的标题层级不一致（第一部分 3 级，第二部分 2 级，第三部分 3 级）"


# -- cells ---------------------------------------------------------------------------------------


def test_a_table_that_is_absent(make, audit) -> None:
    r = make()
    r.tables["appeals"] = None
    r.add_problem("table_missing", "appeals", "未找到第四部分表格")
    assert _rows(audit(r, "structure.cells")) == [
        ("warning", "appeals", "未能在原文中读到第四部分（行政复议、行政诉讼情况）表格（第四部分应以表格列出），请核对原文")
    ]
    (f,) = audit(r, "structure.cells")
    assert f.kind is FindingKind.READING and not f.is_report_error


def test_a_cell_printed_with_a_mark_is_named_with_it_not_called_blank(make, audit) -> None:
    r = make()
    r.set_cell("active.rules.issued", None)
    r.set_cell("active.rules.repealed", None)
    r.add_problem("blank_cell", "active.rules.issued", "单元格填写为“/”，未按 0 处理", printed="/")
    r.add_problem("blank_cell", "active.rules.repealed", "单元格空白（空白不等于 0）", printed="")
    (f,) = audit(r, "structure.cells")
    assert f.message == (
        "第二部分（主动公开政府信息情况）表格空白或未填数字的单元格（空白、“—”等不等于 0，应填写数字）："
        "规章·本年制发件数（active.rules.issued，填“/”）；规章·本年废止件数（active.rules.repealed）（共 2 处）")
    assert f.kind is FindingKind.REPORT and f.severity.value == "warning"


def test_problems_are_aggregated_per_table_and_kind(make, audit) -> None:
    r = make()
    r.set_cell("requests.granted.research", None)
    r.set_cell("requests.partial.research", None)
    r.set_cell("requests.partial.social_org", None)
    r.add_problem("unreadable_cell", "requests.granted.research", "无法识读")
    r.add_problem("blank_cell", "requests.partial.research", "空白")
    r.add_problem("blank_cell", "requests.partial.social_org", "空白")
    r.add_problem("blank_cell", "requests.partial.social_org", "空白")  # reported twice: named once
    r.add_problem("not_found", "period", "未找到统计期限")  # not a table problem: ignored
    r.add_problem("missing_cell", "narrative", "?")  # not a table: ignored
    assert _rows(audit(r, "structure.cells")) == [
        (
            "warning",
            "requests",
            "第三部分（收到和处理政府信息公开申请情况）表格空白单元格（空白不等于 0，应填写数字）："
            "部分公开·科研机构（requests.partial.research）；部分公开·社会公益组织（requests.partial.social_org）（共 2 处）",
        ),
        (
            "warning",
            "requests",
            "未能可靠读取第三部分（收到和处理政府信息公开申请情况）表格的部分内容（单元格无法识读）："
            "予以公开·科研机构（requests.granted.research）（共 1 处），请核对原文",
        ),
    ]


def test_a_table_level_problem_quotes_the_reader(make, audit) -> None:
    r = make()
    r.tables["appeals"] = {g: dict.fromkeys(cols, None) for g, cols in r.tables["appeals"].items()}
    r.add_problem("missing_cell", "appeals", "第四部分表格只有 14 个数值，应有 15 个。", "14 values for 15 cells")
    (f,) = audit(r, "structure.cells")
    assert f.message == (
        "未能可靠读取第四部分（行政复议、行政诉讼情况）表格的部分内容（缺少单元格）："
        "第四部分表格只有 14 个数值，应有 15 个（共 1 处），请核对原文"
    )
    assert f.message_en == (
        "could not read part of the section 4 table (reviews and lawsuits) reliably (missing cells): "
        "14 values for 15 cells; check the original"
    )
    assert f.kind is FindingKind.READING


def test_a_problem_the_reader_knows_is_printed_is_the_reports(make, audit) -> None:
    r = make()
    r.tables["appeals"] = {g: dict.fromkeys(cols, None) for g, cols in r.tables["appeals"].items()}
    r.add_problem("missing_cell", "appeals", "第四部分表格只印有 14 个数值，应有 15 个。", printed=True)
    (f,) = audit(r, "structure.cells")
    assert (f.severity, f.kind) == (Severity.ERROR, FindingKind.REPORT)
    assert f.message == "第四部分（行政复议、行政诉讼情况）表格缺少单元格：第四部分表格只印有 14 个数值，应有 15 个（共 1 处）"


def test_cells_absent_from_the_grid_are_missing_even_without_a_problem(make, audit) -> None:
    r = make()
    del r.tables["requests"]["withheld_law"]["enterprise"]
    del r.tables["appeals"]["suit_after_review"]
    findings = audit(r, "structure.cells")
    assert [(f.where, f.severity, f.kind) for f in findings] == [
        ("requests", "warning", "reading"),
        ("appeals", "warning", "reading"),
    ]
    assert "不予公开·法律行政法规禁止·商业企业（requests.withheld_law.enterprise）（共 1 处）" in findings[0].message
    assert "复议后起诉·结果维持" in findings[1].message and "（共 5 处）" in findings[1].message


def test_a_row_problem_covers_its_absent_cells(make, audit) -> None:
    r = make()
    del r.tables["requests"]["withheld_law"]
    r.add_problem("row_missing", "requests.withheld_law", "缺少该行")
    (f,) = audit(r, "structure.cells")
    assert f.message == (
        "未能可靠读取第三部分（收到和处理政府信息公开申请情况）表格的部分内容（缺少行）："
        "“不予公开·法律行政法规禁止”行（requests.withheld_law）（共 1 处），请核对原文"
    )


def test_long_lists_are_cut(make, audit) -> None:
    r = make()
    for row in ("granted", "partial"):
        for col in ("natural_person", "enterprise", "research", "social_org", "legal_service"):
            r.add_problem("ambiguous", f"requests.{row}.{col}", "数字无法唯一拆分")
    (f,) = audit(r, "structure.cells")
    assert f.message.endswith("（等 10 处），请核对原文") and f.message_en.endswith(" and 2 more; check the original")
    assert f.message.count("（requests.") == 8


def test_extra_cells_and_2019_grids(make, audit) -> None:
    r = make("2019")
    assert audit(r, "structure.cells") == []
    r.add_problem("extra_cells", "requests.received", "本行多出 1 个数值")
    (f,) = audit(r, "structure.cells")
    assert (f.severity, f.where, f.kind) == (Severity.WARNING, "requests", FindingKind.READING)
    assert "多出单元格" in f.message


def test_mixed_grid_uses_the_rows_present(make, audit) -> None:
    r = make("2019", year=2023)
    r.template = Template.MIXED
    assert audit(r, "structure.cells") == []
