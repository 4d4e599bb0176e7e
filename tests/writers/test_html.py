"""HTML: a self-contained zh-CN page whose tables have the portal shape (rowspan/colspan)."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from gongkai.model.keys import Template
from gongkai.writers.base import render

from .samples import sample

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


def _page(template: Template) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(render(sample(template), "html"))


def _spans(table: lxml.html.HtmlElement) -> list[list[tuple[int, int]]]:
    """(rowspan, colspan) of every cell, row by row — the shape of a table, without its text."""
    return [[(int(c.get("rowspan", 1)), int(c.get("colspan", 1))) for c in tr.xpath("./td|./th")]
            for tr in table.xpath(".//tr")]


def _widths(table: lxml.html.HtmlElement) -> list[int]:
    """How many grid columns each row covers, counting cells that hang down from rows above."""
    hanging: dict[int, int] = {}
    out = []
    for row in _spans(table):
        col, covered = 0, 0
        pending = list(row)
        while pending or hanging.get(col, 0):
            if hanging.get(col, 0):
                hanging[col] -= 1
                col += 1
                covered += 1
                continue
            rowspan, colspan = pending.pop(0)
            for c in range(col, col + colspan):
                if rowspan > 1:
                    hanging[c] = rowspan - 1
            col += colspan
            covered += colspan
        out.append(covered)
    return out


def test_page_is_self_contained_chinese_and_printable() -> None:
    raw = render(sample(Template.V2021), "html").decode()
    page = lxml.html.fromstring(raw)
    assert raw.startswith("<!DOCTYPE html>")
    assert page.get("lang") == "zh-CN"
    assert page.xpath("//meta/@charset") == ["utf-8"]
    assert page.findtext(".//title") == "繁峙县平型关镇人民政府2023年政府信息公开工作年度报告"
    assert not page.xpath("//link|//script|//img|//iframe")
    style = page.findtext(".//style")
    assert "@page { size: A4; margin: 37mm 26mm 35mm 28mm; }" in style
    assert "counter(page)" in style
    assert page.xpath("//h2")[0].text == "一、总体情况"
    assert page.xpath("//p[@class='date']")[0].text == "2024年1月10日"


@pytest.mark.parametrize(("template", "rows", "groups"), [
    (Template.V2021, 25, [22, 8, 3, 5, 3]),
    (Template.V2019, 23, [20, 8, 3, 5]),
])
def test_requests_table_shape(template: Template, rows: int, groups: list[int]) -> None:
    table = _page(template).xpath("//table[@class='requests']")[0]
    assert len(table.xpath("./thead/tr")) == 3
    assert len(table.xpath("./tbody/tr")) == rows
    assert _widths(table) == [10] * (rows + 3)
    note = table.xpath(".//th")[0]
    assert (note.get("rowspan"), note.get("colspan")) == ("3", "3")
    assert note.text.startswith("（本列数据的勾稽关系为")
    assert [int(c.get("rowspan")) for c in table.xpath(".//td[@class='g']")] == groups
    received = table.xpath(".//td[@data-key='requests.received.natural_person']")[0]
    assert received.getparent().xpath("./td")[0].text == "一、本年新收政府信息公开申请数量"
    assert received.text == ("107" if template == Template.V2021 else "98")


def test_requests_and_appeals_tables_match_a_real_portal_page() -> None:
    """Shanghai's 2019 report (the portal's own HTML) has exactly our spans for 三 and 四."""
    theirs = lxml.html.fromstring((CORPUS / "shanghai-office-2019.html").read_bytes()).xpath("//table")
    ours = _page(Template.V2019).xpath("//table")
    assert _spans(ours[1]) == _spans(theirs[1])
    assert _spans(ours[2]) == _spans(theirs[2])


def test_appeals_table_shape() -> None:
    table = _page(Template.V2021).xpath("//table[@class='appeals']")[0]
    assert _widths(table) == [15, 15, 15, 15]
    assert [c.text for c in table.xpath("./tbody/tr/td")] == \
        ["1", "2", "0", "4", "7", "2", "3", "0", "5", "10", "3", "4", "0", "6", "13"]


def test_active_table_blocks_span_the_width() -> None:
    for template, width in ((Template.V2021, 4), (Template.V2019, 7)):
        table = _page(template).xpath("//table[@class='active']")[0]
        assert set(_widths(table)) == {width}
        blocks = [c.text for c in table.xpath(".//th") if c.get("colspan") == str(width)]
        assert blocks[0] == "第二十条第（一）项"
    fees = _page(Template.V2021).xpath("//td[@data-key='active.fees.amount']")[0]
    assert (fees.text, fees.get("colspan")) == ("96171.6", "3")


def test_text_is_escaped() -> None:
    report = sample(Template.V2021)
    section = report.section(6)
    assert section is not None
    section.text = "<script>alert(1)</script> & 其他"
    raw = render(report, "html").decode()
    assert "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; 其他</p>" in raw
