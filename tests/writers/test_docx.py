"""DOCX: the GB/T 9704 page, type and tables, checked by reopening the file with python-docx."""

from __future__ import annotations

import io

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt

from gongkai.model.keys import Template
from gongkai.writers.base import render

from .samples import sample

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _open(template: Template = Template.V2021, **changes: object) -> docx.document.Document:
    report = sample(template)
    for key, value in changes.items():
        report.set_cell(key.replace("__", "."), value)  # type: ignore[arg-type]
    return docx.Document(io.BytesIO(render(report, "docx")))


def _east_asia(style: docx.styles.style.ParagraphStyle) -> str | None:
    rfonts = style.element.rPr.find(qn("w:rFonts"))
    return rfonts.get(qn("w:eastAsia"))


def test_page_is_a4_with_official_margins() -> None:
    section = _open().sections[0]
    got = [round(x.mm, 1) for x in (section.page_width, section.page_height, section.top_margin,
                                    section.bottom_margin, section.left_margin, section.right_margin)]
    assert got == [210.0, 297.0, 37.0, 35.0, 28.0, 26.0]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert (grid.get(qn("w:type")), grid.get(qn("w:linePitch"))) == ("lines", "578")


def test_styles_carry_the_official_faces_and_sizes() -> None:
    doc = _open()
    expected = {
        "Normal": ("仿宋_GB2312", 16),
        "Title": ("方正小标宋简体", 22),
        "Heading 1": ("黑体", 16),
        "Heading 2": ("楷体_GB2312", 16),
        "Table Text": ("仿宋_GB2312", 12),
    }
    for name, (face, size) in expected.items():
        style = doc.styles[name]
        assert (_east_asia(style), style.font.size) == (face, Pt(size)), name
        assert style.font.bold is None and style.font.color.rgb == docx.shared.RGBColor(0, 0, 0)
    normal = doc.styles["Normal"].paragraph_format
    assert normal.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert normal.line_spacing == Pt(28.9)
    assert normal.first_line_indent == Pt(32)
    assert doc.styles["Normal"].element.pPr.find(qn("w:ind")).get(qn("w:firstLineChars")) == "200"
    assert doc.styles["Title"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert doc.core_properties.title == "繁峙县平型关镇人民政府2023年政府信息公开工作年度报告"


def test_font_table_names_fallbacks() -> None:
    doc = _open()
    part = next(p for p in doc.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml")
    root = docx.oxml.parse_xml(part.blob)
    alts = {f.get(f"{W}name"): f.find(f"{W}altName").get(f"{W}val") for f in root if f.find(f"{W}altName") is not None}
    assert alts["仿宋_GB2312"] == "仿宋"
    assert alts["楷体_GB2312"] == "楷体"
    assert alts["黑体"] == "SimHei"


def test_paragraphs_title_headings_signature() -> None:
    paragraphs = _open().paragraphs
    styled = [(p.style.name, p.text) for p in paragraphs if p.text]
    assert styled[:2] == [("Title", "繁峙县平型关镇人民政府"), ("Title", "2023年政府信息公开工作年度报告")]
    assert [t for s, t in styled if s == "Heading 1"] == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    assert ("Heading 2", "（一）主动公开情况") in styled
    runin = next(p for p in paragraphs if p.text.startswith("（二）依申请公开情况。"))
    assert runin.runs[0].text == "（二）依申请公开情况。"
    assert runin.runs[0].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "楷体_GB2312"
    signature, dated = paragraphs[-2], paragraphs[-1]
    assert (signature.text, dated.text) == ("繁峙县平型关镇人民政府", "2024年1月10日")
    assert signature.alignment == dated.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert signature.paragraph_format.right_indent == Pt(32)  # two characters in from the margin
    assert paragraphs[-3].paragraph_format.keep_with_next  # the blank line keeps the signature company


def test_page_numbers_odd_right_even_left() -> None:
    doc = _open()
    assert doc.settings.odd_and_even_pages_header_footer
    section = doc.sections[0]
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        p = footer.paragraphs[0]
        xml = p._p.xml
        assert " PAGE " in xml and 'w:fldCharType="begin"' in xml
        assert p.text.startswith("— ") and p.text.endswith(" —")
        assert p._p.pPr.find(qn("w:jc")).get(qn("w:val")) == side
    assert _east_asia(doc.styles["Footer"]) == "宋体" and doc.styles["Footer"].font.size == Pt(14)


def _props(tc: object, tag: str) -> str | None:
    el = tc.tcPr.find(qn(tag)) if tc.tcPr is not None else None  # type: ignore[attr-defined]
    if el is None:
        return None
    return el.get(qn("w:val"), "continue")


@pytest.mark.parametrize(("template", "rows"), [(Template.V2021, 25), (Template.V2019, 23)])
def test_requests_table_merges_like_the_template(template: Template, rows: int) -> None:
    table = _open(template).tables[1]
    assert len(table.rows) == rows + 3
    assert len(table._tbl.tblGrid.findall(qn("w:gridCol"))) == 10
    headers = [tr for tr in table._tbl.tr_lst if tr.trPr is not None and tr.trPr.find(qn("w:tblHeader")) is not None]
    assert len(headers) == 3 and headers == table._tbl.tr_lst[:3]
    note = table._tbl.tr_lst[0].tc_lst[0]
    assert (_props(note, "w:gridSpan"), _props(note, "w:vMerge")) == ("3", "restart")
    assert [_props(tr.tc_lst[0], "w:vMerge") for tr in table._tbl.tr_lst[1:3]] == ["continue", "continue"]
    assert table.cell(2, 2).text.startswith("（本列数据的勾稽关系为")  # python-docx resolves the merge
    group = table._tbl.tr_lst[5].tc_lst[0]
    assert (group.xpath("string(.)"), _props(group, "w:vMerge")) == ("三、本年度办理结果", "restart")
    continued = [_props(tr.tc_lst[0], "w:vMerge") for tr in table._tbl.tr_lst[6: 5 + rows - 3]]
    assert continued == ["continue"] * (rows - 4)
    assert table.cell(3, 0).text == "一、本年新收政府信息公开申请数量"
    assert _props(table._tbl.tr_lst[3].tc_lst[0], "w:gridSpan") == "3"
    assert table.cell(7, 1).text == "（三）不予公开" and table.cell(14, 1).text == "（三）不予公开"
    assert [table.cell(rows + 2, c).text for c in (0, 3, 9)] == ["四、结转下年度继续办理", "2", "27"]


def test_appeals_and_active_tables() -> None:
    doc = _open()
    appeals = doc.tables[2]
    assert len(appeals.rows) == 4
    assert [c.text for c in appeals.rows[3].cells] == ["1", "2", "0", "4", "7", "2", "3", "0", "5", "10", "3", "4",
                                                       "0", "6", "13"]
    assert appeals.cell(0, 0).text == "行政复议" and appeals.cell(0, 14).text == "行政诉讼"
    assert appeals.cell(2, 0).text == "结果维持"  # the vMerge of 行政复议's column labels
    active = doc.tables[0]
    assert active.cell(0, 3).text == "第二十条第（一）项"
    fees = active.rows[-1].cells
    assert [c.text for c in fees] == ["行政事业性收费", "96171.6", "96171.6", "96171.6"]


def test_long_numbers_are_shrunk_not_wrapped() -> None:
    changes = {"requests__received__natural_person": 12345678 + 107, "requests__carried_forward__natural_person": 12345680,
               "requests__received__total": 12345678 + 630, "requests__carried_forward__total": 12345678 + 27}
    table = _open(**changes).tables[1]  # type: ignore[arg-type]
    run = table.cell(3, 3).paragraphs[0].runs[0]
    assert run.text == "12345785"
    assert run.font.size is not None and Pt(6) <= run.font.size < Pt(12)
    small = _open().tables[1].cell(3, 3).paragraphs[0].runs[0]
    assert small.font.size is None  # 小四 from the Table Text style


def test_the_same_report_gives_the_same_bytes_whenever_it_is_written(monkeypatch) -> None:
    """No save-time clock in the file: a report submitted twice is one file (its sha256)."""
    import time
    import zipfile
    from io import BytesIO
    from pathlib import Path

    from gongkai import plugins, read
    from gongkai.writers import docx_style

    report = read(Path(__file__).parents[1] / "data" / "seeds" / "002_fdae73c5d0e03e9f.txt")
    writer = next(w for w in plugins.writers() if w.name == "docx")
    first = writer.write(report)

    later = time.localtime(time.time() + 86400 * 400)
    monkeypatch.setattr(time, "localtime", lambda *a: later)  # what zipfile stamps entries with
    assert writer.write(report) == first
    assert {i.date_time for i in zipfile.ZipFile(BytesIO(first)).infolist()} == {docx_style.ZIP_TIME}
