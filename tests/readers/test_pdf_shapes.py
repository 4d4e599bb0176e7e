"""PDF shapes beyond ruled tables: labels wrapped around their numbers, printed web pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from gongkai import api
from gongkai.readers.pdf_layout import Char, PageContent
from gongkai.readers.pdf_pages import page_blocks
from gongkai.readers.pdf_web import site_suffix_removed, strip_web_chrome
from gongkai.readers.pdf_wrapped import wrapped_lines
from tests.synth import pdf_wrapped
from tests.synth.check import mismatches
from tests.synth.layouts.common import Rendering
from tests.synth.strategies import Case, cases

DATA = Path(__file__).parent.parent / "data" / "pdf"


@pytest.mark.parametrize("name", ["web-2023", "wrapped-2019"])
def test_fixture_reads_to_expected_values(name: str) -> None:
    expected = json.loads((DATA / f"{name}.expected.json").read_text(encoding="utf-8"))
    report = api.read(DATA / f"{name}.pdf")
    assert (report.agency, report.year, str(report.template)) == (
        expected["agency"], expected["year"], expected["template"])
    assert report.published_on is not None and report.published_on.isoformat() == expected["published_on"]
    def plain(cells: dict[str, object]) -> dict[str, str | None]:
        return {k: None if v is None else str(v) for k, v in cells.items()}

    assert plain(dict(report.cells())) == plain(expected["cells"])
    assert [s.expected for s in report.sections] == [1, 2, 3, 4, 5, 6]


def test_printed_web_page_keeps_report_text_only() -> None:
    report = api.read(DATA / "web-2023.pdf")
    text = "\n".join(s.text for s in report.sections) + report.meta["preamble"]
    for chrome in ("当前位置", "首页", "打印本页", "网站标识码", "主办单位", "发布日期", "file://"):
        assert chrome not in text


def _text(text: str, x0: float, top: float, em: float = 10.0) -> list[Char]:
    out = []
    for ch in text:
        w = em if ord(ch) > 0x2E80 or ch == " " else 0.55 * em
        if ch != " ":
            out.append(Char(ch, x0, top, x0 + w, top + em))
        x0 += w
    return out


def test_label_wrapped_around_centred_numbers_is_joined() -> None:
    # The example: the label over two lines, its numbers centred between them.
    chars = (_text("（二）部分公开（区分处理的，只计这一情形，不", 50, 100) + _text("9 0 0 0 0 0 9", 300, 107)
             + _text("计其他情形）", 50, 114))
    assert [ln.text for ln in wrapped_lines(chars)] == ["（二）部分公开（区分处理的，只计这一情形，不计其他情形） 9 0 0 0 0 0 9"]


def test_group_label_beside_a_four_line_label_stays_its_own_column() -> None:
    chars = (_text("（四）无", 20, 100) + _text("1.本机关", 80, 100) + _text("法提供", 20, 114)
             + _text("不掌握相", 80, 114) + _text("3 0 0 0 0 0 3", 300, 121) + _text("关政府信", 80, 128)
             + _text("息", 80, 142))
    assert [ln.text for ln in wrapped_lines(chars)] == ["（四）无法提供 1.本机关不掌握相关政府信息 3 0 0 0 0 0 3"]


@pytest.mark.parametrize("gap", [6.5, 7.5])
def test_group_label_less_than_a_character_from_the_row_label_stays_its_own_column(gap: float) -> None:
    # As printed in wrapped-2019.pdf (0.8 em apart) and as OCR places it there (0.65 em): the item
    # number "1." of the row label stands closer to "（四）无" than a character's width.
    chars = (_text("（四）无", 20, 100) + _text("1.本机关", 60 + gap, 100) + _text("法提供", 20, 114)
             + _text("不掌握相", 60 + gap, 114) + _text("3 0 0 0 0 0 3", 300, 121)
             + _text("关政府信", 60 + gap, 128) + _text("息", 60 + gap, 142))
    assert [ln.text for ln in wrapped_lines(chars)] == ["（四）无法提供 1.本机关不掌握相关政府信息 3 0 0 0 0 0 3"]


def test_automatic_spacing_before_a_number_in_a_label_does_not_part_it() -> None:
    # Word puts a quarter em between Chinese and a digit: "属于" | "2.5类" stays one piece of text.
    chars = (_text("其他属于", 20, 100) + _text("2.5类信", 62.5, 100) + _text("4 0 0 0 0 0 4", 300, 107)
             + _text("息（试行）", 20, 114))
    assert [ln.text for ln in wrapped_lines(chars)] == ["其他属于2.5类信息（试行） 4 0 0 0 0 0 4"]


@pytest.mark.parametrize("chars", [
    # prose lines around a number: not a label (sentence end)
    _text("本年度共收到申请。", 50, 100) + _text("12", 300, 107) + _text("办结情况如下。", 50, 114),
    # the numbers are not centred between the lines: two rows, not one wrapped label
    _text("行政许可", 50, 100) + _text("12", 300, 106.5) + _text("行政处罚", 50, 128),
    # lines two rows apart (a pitch of 3 em) are not one cell's lines
    _text("信息内容", 50, 100) + _text("5", 300, 130) + _text("行政强制", 50, 160),
])
def test_other_line_patterns_are_left_alone(chars: list[Char]) -> None:
    lines = wrapped_lines(chars)
    assert len(lines) == 3


def test_browser_furniture_and_site_chrome_are_dropped() -> None:
    chars = (_text("12/3/26, 10:19 AM 2023年某镇政府信息公开工作年度报告_某县人民政府门户网站", 20, 10, 8)
             + _text("某县人民政府门户网站", 50, 60) + _text("首页 政务公开 互动交流", 50, 80)
             + _text("当前位置：首页>政府信息公开>年报", 50, 100) + _text("某镇人民政府", 50, 130)
             + _text("2023年政府信息公开工作年度报告", 50, 150) + _text("发布日期：2024-01-20 来源：某镇人民政府", 50, 170)
             + _text("一、总体情况", 50, 200) + _text("2024年1月7日", 300, 400) + _text("【打印本页】【关闭窗口】", 50, 430)
             + _text("主办单位：某县人民政府办公室", 50, 450) + _text("file:///tmp/page.html 1/1", 20, 830, 8))
    page = PageContent(1, 595, 842, chars)
    blocks = [page_blocks(page)]
    meta: dict[str, object] = {}
    strip_web_chrome(blocks, meta)
    assert [b.line.text for b in blocks[0] if b.line] == [
        "某镇人民政府", "2023年政府信息公开工作年度报告", "一、总体情况", "2024年1月7日"]
    assert meta == {"published": "2024-01-20", "source_agency": "某镇人民政府"}


@pytest.mark.parametrize(("title", "expected"), [
    ("2023年某镇政府信息公开工作年度报告_某县人民政府门户网站", "2023年某镇政府信息公开工作年度报告"),
    ("某县人民政府门户网站 | 某局2022年政府信息公开年报", "某局2022年政府信息公开年报"),
    ("政府信息公开工作年度报告", "政府信息公开工作年度报告"),
])
def test_site_suffix_removed(title: str, expected: str) -> None:
    assert site_suffix_removed(title) == expected


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases())
def test_wrapped_borderless_tables_read_back(case: Case) -> None:
    report = case.build()
    got = pdf_wrapped.read(pdf_wrapped.render(report, case.rng()))
    assert not mismatches(Rendering("pdf_wrapped", "wrapped.pdf", b"", report), got)


def test_a_number_wrapped_across_two_lines_of_prose_stays_one_number() -> None:
    """Seen in a wrapped PDF: "统计期限自2" | "020年1月1日至…" must read as 2020, not "2 020"."""
    from gongkai.readers.pdf_pages import join_prose

    assert join_prose("报告所列统计期限自2", "020年1月1日至2020年12月31日。") == "报告所列统计期限自2020年1月1日至2020年12月31日。"
    assert join_prose("see page", "twelve") == "see page twelve"  # Latin words still get their space
    assert join_prose("共收到申请", "13件") == "共收到申请13件"
