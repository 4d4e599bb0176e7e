"""The HTML reader: pages and fragments → Document lines of cells, exactly as printed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai import api
from gongkai.errors import InputError, Unreadable
from gongkai.readers.document import Document, Line
from gongkai.readers.formats.html import READERS, HtmlReader
from gongkai.readers.html_text import clean

DATA = Path(__file__).parent.parent / "data"
SHANGHAI = DATA / "corpus" / "shanghai-office-2019.html"
PORTAL = DATA / "html" / "portal-2021-gbk.html"
LAYOUT = DATA / "html" / "layout-2021-utf8.html"
FRAGMENT = DATA / "html" / "fragment-gb18030.html"

READER = HtmlReader()


def load(path: Path) -> Document:
    return READER.load(path.read_bytes(), str(path))


def load_html(html: str, name: str = "page.html") -> Document:
    return READER.load(html.encode("utf-8"), name)


def texts(line: Line) -> list[str]:
    return [c.text for c in line.cells]


def row(doc: Document, first: str) -> list[str]:
    """The cells of the one table row whose first cell is ``first``."""
    [found] = [texts(line) for line in doc.lines if line.kind == "row" and line.cells[0].text == first]
    return found


def row_line(doc: Document, first: str) -> Line:
    [found] = [line for line in doc.lines if line.kind == "row" and line.cells[0].text == first]
    return found


def all_rows(doc: Document) -> list[list[str]]:
    return [texts(line) for line in doc.lines if line.kind == "row"]


# -- the Shanghai corpus page (a bare fragment, UTF-8) -----------------------------------------


@pytest.fixture(scope="module")
def shanghai() -> Document:
    return load(SHANGHAI)


def test_shanghai_request_rows_are_the_printed_physical_cells(shanghai: Document) -> None:
    assert row(shanghai, "一、本年新收政府信息公开申请数量") == [
        "一、本年新收政府信息公开申请数量", "821", "35", "", "", "2", "1", "859"]
    assert row(shanghai, "二、上年结转政府信息公开申请数量") == [
        "二、上年结转政府信息公开申请数量", "18", "", "", "", "", "", "18"]
    assert row(shanghai, "三、本年度办理结果") == [
        "三、本年度办理结果", "（一）予以公开", "258", "12", "", "", "1", "1", ""]
    assert row(shanghai, "（三）不予公开") == ["（三）不予公开", "1.属于国家秘密", "14", "", "", "", "", "", ""]
    assert row(shanghai, "6.属于四类过程性信息") == ["6.属于四类过程性信息", "3", "1", "", "", "", "", ""]
    assert row(shanghai, "（六）其他处理") == ["（六）其他处理", "", "", "", "", "", "", ""]
    assert row(shanghai, "（七）总计") == ["（七）总计", "767", "35", "", "", "2", "1", "805"]
    assert row(shanghai, "四、结转下年度继续办理") == ["四、结转下年度继续办理", "72", "", "", "", "", "", "72"]
    # Header rows: each rowspan/colspan cell once, where the source puts it.
    assert row(shanghai, "自然人") == ["自然人", "法人或其他组织", "总计"]
    assert row(shanghai, "商业企业") == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]


def test_shanghai_section_two_joins_br_headers_and_keeps_units(shanghai: Document) -> None:
    assert all_rows(shanghai)[:4] == [
        ["第二十条第（一）项"],
        ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
        ["规章", "13", "13", "524"],
        ["规范性文件", "60", "60", "368"],
    ]
    assert row(shanghai, "行政事业性收费") == ["行政事业性收费", "0", "0"]
    assert row(shanghai, "政府集中采购") == ["政府集中采购", "6", "251000元"]


def test_shanghai_appeals_rows(shanghai: Document) -> None:
    rows = all_rows(shanghai)
    start = rows.index(["行政复议", "行政诉讼"])
    assert rows[start + 1] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"]
    assert rows[start + 3] == ["5", "", "", "2", "7", "8", "", "", "1", "9", "", "", "", "", ""]


def test_shanghai_paragraphs_and_meta(shanghai: Document) -> None:
    assert shanghai.format == "html"
    assert shanghai.meta["title"] == "2019年上海市人民政府办公厅政府信息公开工作年度报告"
    assert shanghai.meta["published"] == "2020-01-31"
    assert shanghai.meta["encoding"] == "utf-8"
    first = [texts(line) for line in shanghai.lines[:4]]
    assert first[0] == ["2019年上海市人民政府办公厅政府信息公开工作年度报告"]
    assert first[1] == ["发布日期：2020-01-31"]
    assert first[3] == ["一、总体情况"]
    # "<p><br />四、…</p>": the leading break leaves no empty line.
    line = next(line for line in shanghai.lines if line.cells[0].text.startswith("四、政府信息公开行政复议"))
    assert texts(line) == ["四、政府信息公开行政复议、行政诉讼情况"] and line.kind == "text"
    assert texts(shanghai.lines[-1]) == ["无。"]
    assert "&nbsp;" not in shanghai.text and "<p" not in shanghai.text and "<br" not in shanghai.text
    assert "《上海市贯彻<长江三角洲区域一体化发展规划纲要>实施方案》" in shanghai.text  # &lt; &gt; decoded


def test_shanghai_provenance_paths_and_offsets(shanghai: Document) -> None:
    line = row_line(shanghai, "一、本年新收政府信息公开申请数量")
    assert [c.where.path for c in line.cells if c.where] == [f"table[2]/tr[4]/td[{i}]" for i in range(1, 9)]
    assert all(c.grid for c in line.cells) and line.kind == "row"
    assert {c.where.line for c in line.cells if c.where} == {line.number}
    title = shanghai.lines[0]
    assert title.cells[0].where is not None and title.cells[0].where.path == "p[1]"
    assert not title.cells[0].grid and len(title.cells) == 1
    for n, ln in enumerate(shanghai.lines, 1):
        assert ln.number == n
        for c in ln.cells:
            assert shanghai.text[c.start:c.end] == c.text
    where = shanghai.where(line.cells[1].start, line.cells[1].end)
    assert where.path == "table[2]/tr[4]/td[2]" and where.line == line.number


def test_shanghai_integration_reads_every_expected_cell() -> None:
    expected = json.loads((DATA / "corpus" / "shanghai-office-2019.expected.json").read_text(encoding="utf-8"))
    report = api.read(SHANGHAI)
    assert str(report.template) == "2019"
    assert report.year == 2019
    assert report.agency == "上海市人民政府办公厅"
    got = report.to_json()["tables"]
    for table, rows in expected["tables"].items():
        for key, cols in rows.items():
            for col, value in cols.items():
                assert got[table][key][col] == value, f"{table}.{key}.{col}"
    assert report.source.format == "html"


# -- a GBK portal page: chrome left out, title/date kept, template cells as printed -------------


@pytest.fixture(scope="module")
def portal() -> Document:
    return load(PORTAL)


def test_portal_meta_from_tags(portal: Document) -> None:
    assert portal.meta == {
        "title": "青山县人民政府办公室2023年政府信息公开工作年度报告",
        "published": "2024-01-19",
        "source_agency": "青山县人民政府办公室",
        "encoding": "gb18030",
    }


def test_portal_keeps_the_article_header_and_drops_page_chrome(portal: Document) -> None:
    assert [texts(line) for line in portal.lines[:3]] == [
        ["青山县人民政府办公室2023年政府信息公开工作年度报告"],
        ["发布日期：2024-01-19 来源：青山县人民政府办公室"],
        ["本报告由青山县人民政府办公室根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定编制。"
         "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。"],
    ]
    assert portal.lines[0].kind == "heading" and portal.lines[0].level == 1
    for chrome in ("首页", "政务服务", "走进青山", "当前位置", "信息公开目录", "政府信息公开指南", "咨询电话",
                   "分享到", "微信", "打印本页", "关闭窗口", "字体", "浏览次数", "版权所有", "主办单位",
                   "网站标识码", "ICP", "隐藏内容不应出现", "统计脚本", "_hmt", "请输入关键字", "搜索", "float"):
        assert chrome not in portal.text, chrome
    assert texts(portal.lines[-2]) == ["青山县人民政府办公室"]
    assert texts(portal.lines[-1]) == ["2024年1月19日"]


def test_portal_active_table_cells_as_printed(portal: Document) -> None:
    rows = all_rows(portal)
    assert rows[:4] == [
        ["第二十条第（一）项"],
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "/", "/", "/"],
        ["行政规范性文件", "１２", "3", "45"],  # "<span>4</span><span>5</span>" is one number
    ]
    assert row(portal, "行政许可") == ["行政许可", "1286"]
    assert row(portal, "行政处罚") == ["行政处罚", "12件"]
    assert row(portal, "行政强制") == ["行政强制", "无"]
    assert row(portal, "行政事业性收费") == ["行政事业性收费", "3.5万元"]
    assert ["信息内容", "本年收费金额（单位：万元）"] in rows


def test_portal_requests_table(portal: Document) -> None:
    assert row(portal, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）") == [
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"]
    assert row(portal, "一、本年新收政府信息公开申请数量") == [
        "一、本年新收政府信息公开申请数量", "４５", "６", "０", "１", "２", "０", "５４"]
    assert row(portal, "三、本年度办理结果") == [
        "三、本年度办理结果", "（一）予以公开", "20", "3", "0", "1", "1", "0", "25"]
    assert row(portal, "（四）无法提供") == [
        "（四）无法提供", "1.本机关不掌握相关政府信息", "8", "1", "0", "0", "0", "0", "9"]
    assert row(portal, "（六）其他处理") == [
        "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "1", "0", "0", "0", "0", "0", "1"]
    assert row(portal, "3.其他") == ["3.其他", "0", "0", "0", "0", "0", "0", "0"]
    assert row(portal, "（七）总计") == ["（七）总计", "48", "5", "0", "1", "2", "0", "56"]
    assert row(portal, "四、结转下年度继续办理") == ["四、结转下年度继续办理", "0", "2", "0", "0", "0", "0", "2"]
    appeals = all_rows(portal)[all_rows(portal).index(["行政复议", "行政诉讼"]) + 3]
    assert appeals == ["2", "1", "0", "0", "3", "1", "0", "0", "1", "2", "0", "0", "1", "0", "1"]


def test_portal_nested_table_rows_follow_the_row_that_holds_them(portal: Document) -> None:
    start = next(i for i, line in enumerate(portal.lines) if line.cells[0].text == "信息处理费")
    block = portal.lines[start:start + 4]
    assert [texts(line) for line in block] == [
        ["信息处理费", ""],
        ["发出收费通知件数", "2"],
        ["实际收取金额（元）", "300"],
        ["本年度政务公开工作要点落实情况", "已全部落实"],
    ]
    assert [c.where.path for c in block[0].cells if c.where] == ["table[4]/tr[1]/td[1]", "table[4]/tr[1]/td[2]"]
    assert [c.where.path for c in block[2].cells if c.where] == ["table[5]/tr[2]/td[1]", "table[5]/tr[2]/td[2]"]
    assert block[3].cells[0].where is not None and block[3].cells[0].where.path == "table[4]/tr[2]/td[1]"


def test_portal_reads_through_the_shared_extraction() -> None:
    report = api.read(PORTAL)
    assert str(report.template) == "2021"
    assert report.year == 2023
    assert report.agency == "青山县人民政府办公室"
    assert report.published_on is not None and report.published_on.isoformat() == "2024-01-19"
    tables = report.to_json()["tables"]
    assert tables["requests"]["received"] == {
        "natural_person": 45, "enterprise": 6, "research": 0, "social_org": 1, "legal_service": 2,
        "other_org": 0, "total": 54}
    assert tables["active"]["normative_documents"] == {"issued": 12, "repealed": 3, "in_force": 45}
    assert tables["appeals"]["suit_after_review"] == {"upheld": 0, "corrected": 0, "other": 1, "pending": 0,
                                                      "total": 1}


# -- an old table-layout page, UTF-8 without declaration ------------------------------------------


@pytest.fixture(scope="module")
def layout() -> Document:
    return load(LAYOUT)


def test_layout_page_finds_the_report_cell(layout: Document) -> None:
    assert layout.meta == {
        "title": "青山县交通运输局2023年政府信息公开工作年度报告",
        "published": "2024-01-15",
        "source_agency": "青山县交通运输局",
        "encoding": "utf-8",
    }
    assert [texts(line) for line in layout.lines[:4]] == [
        ["青山县交通运输局2023年政府信息公开工作年度报告"],
        ["发布时间：2024-01-15 09:30:12\u3000\u3000信息来源：青山县交通运输局"],
        ["根据《中华人民共和国政府信息公开条例》规定，现公布青山县交通运输局2023年政府信息公开工作年度报告。"],
        ["一、总体情况"],
    ]
    for chrome in ("网站首页", "交通新闻", "机构概况", "财政预决算", "版权所有", "网站标识码", "技术支持", "点击数"):
        assert chrome not in layout.text, chrome
    assert [texts(line) for line in layout.lines[-2:]] == [["青山县交通运输局"], ["2024年1月15日"]]


def test_layout_page_th_cells_and_full_width_digits(layout: Document) -> None:
    rows = all_rows(layout)
    assert rows[:4] == [
        ["第二十条第（一）项"],
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "—", "—", "—"],
        ["行政规范性文件", "２", "１", "７"],
    ]
    assert row(layout, "行政许可") == ["行政许可", "４３７"]
    assert row(layout, "（七）总计") == ["（七）总计", "４８", "５", "０", "１", "２", "０", "５６"]
    header = row_line(layout, "第二十条第（一）项")
    assert header.cells[0].where is not None and header.cells[0].where.path == "table[4]/tr[1]/th[1]"


# -- a GB18030 fragment without declaration, with headings ----------------------------------------


def test_gb18030_fragment_with_headings() -> None:
    doc = load(FRAGMENT)
    assert doc.meta == {"title": "青山县林业局2022年政府信息公开工作年度报告", "published": "2023-01-20",
                        "encoding": "gb18030"}
    assert "吉林𠮷林业站" in doc.text  # outside GBK: only GB18030 decodes it
    headings = [(texts(line)[0], line.level) for line in doc.lines if line.kind == "heading"]
    assert headings[:3] == [("青山县林业局2022年政府信息公开工作年度报告", 2), ("一、总体情况", 3),
                            ("二、主动公开政府信息情况", 3)]
    assert len(headings) == 7
    assert texts(doc.lines[1]) == ["发文日期：2023年1月20日"]
    assert all_rows(doc)[-1] == ["1", "0", "0", "0", "1"] + ["0"] * 10


# -- line and cell rules on small inputs ---------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("本年新\n制作数量", "本年新制作数量"),
        ("本年新\n  \n 制作数量", "本年新制作数量"),
        ("12\n件", "12 件"),
        ("规章 \n13", "规章 13"),
        ("  x\xa0\xa0 y\t", "x y"),
        ("来源：办公室\xa0\n浏览", "来源：办公室 浏览"),  # &nbsp; is a meant space
        ("\u3000\u3000一、总体情况", "一、总体情况"),
        ("\xa0", ""),
    ],
)
def test_clean(raw: str, expected: str) -> None:
    assert clean(raw) == expected


def test_blocks_breaks_and_inline_text() -> None:
    doc = load_html(
        "<div>一、总体情况<p>第一段<b>加粗</b>文字。</p>尾部文字</div>"
        "<p>甲<br>乙<br/><br/>丙</p><h2>标题<br>续</h2><ul><li>条目一</li><li>条目二</li></ul><p> </p>"
        "<h3><div>2023</div>年度报告</h3>"
    )
    assert [(texts(line), line.kind, line.level) for line in doc.lines] == [
        (["一、总体情况"], "text", None),
        (["第一段加粗文字。"], "text", None),
        (["尾部文字"], "text", None),
        (["甲"], "text", None),
        (["乙"], "text", None),
        (["丙"], "text", None),
        (["标题续"], "heading", 2),
        (["条目一"], "text", None),
        (["条目二"], "text", None),
        (["2023 年度报告"], "heading", 3),
    ]
    assert [line.cells[0].where.path for line in doc.lines if line.cells[0].where] == [
        "div[1]", "p[1]", "div[1]", "p[2]", "p[2]", "p[2]", "h2[1]", "li[1]", "li[2]", "h3[1]"]


def test_preformatted_text_keeps_its_lines_and_columns() -> None:
    doc = load_html("<p>一、总体情况</p><pre>\n自然人    商业企业\n  12        3\n\n</pre>")
    assert [texts(line) for line in doc.lines] == [["一、总体情况"], ["自然人    商业企业"], ["  12        3"]]
    assert doc.lines[2].cells[0].where is not None and doc.lines[2].cells[0].where.path == "pre[1]"


def test_hidden_spans_inside_cells_are_not_read() -> None:
    # An anti-scraping trick: digits hidden with CSS inside a number.
    doc = load_html('<table><tr><td>received</td><td>8<span style="display: none">7</span>21</td>'
                    '<td><script>document.write(5)</script>9</td></tr></table>')
    assert all_rows(doc) == [["received", "821", "9"]]


def test_styles_that_only_look_hidden_keep_the_grid_and_hiding_styles_drop_cells_and_rows() -> None:
    # "border:none" and "overflow:hidden" hide nothing; "DISPLAY:NONE" and "visibility: Hidden" do.
    doc = load_html('<table><caption>表一</caption><tr><td style="border:none">规章</td>'
                    '<td><span style="overflow:hidden">5</span><br>件</td></tr></table>'
                    '<table><caption>表二</caption><tr><td>行政复议</td><td style="DISPLAY:NONE">7</td><td>8</td></tr>'
                    '<tr style="visibility: Hidden"><td>隐藏行</td><td>9</td></tr></table>')
    assert [(line.kind, texts(line), [c.where.path if c.where else None for c in line.cells]) for line in doc.lines] == [
        ("text", ["表一"], ["table[1]/caption"]),
        ("row", ["规章", "5 件"], ["table[1]/tr[1]/td[1]", "table[1]/tr[1]/td[2]"]),
        ("text", ["表二"], ["table[2]/caption"]),
        ("row", ["行政复议", "", "8"], ["table[2]/tr[1]/td[1]", "table[2]/tr[1]/td[2]", "table[2]/tr[1]/td[3]"]),
    ]


def test_layout_tables_are_read_as_text_not_as_rows() -> None:
    long = "这是正文。" * 80
    doc = load_html(f"<table><tr><td>导航</td><td><p>一、总体情况</p><p>{long}</p></td></tr></table>")
    assert all(line.kind == "text" for line in doc.lines)
    assert ["一、总体情况"] in [texts(line) for line in doc.lines]
    single = load_html("<table><tr><td>只有一列</td></tr><tr><td>第二行</td></tr></table>")
    assert [(texts(line), line.kind) for line in single.lines] == [(["只有一列"], "text"), (["第二行"], "text")]


def test_report_found_without_class_names() -> None:
    nav = "".join(f'<a href="/{i}">栏目{i}</a>' for i in range(40))
    sections = "".join(f"<p>{n}、第{n}部分</p><p>{'内容' * 40}</p>" for n in "一二三四五六")
    footer = "<div><p>版权所有：某某县人民政府</p><p>地址：某某路1号 电话：0000-0000000 网站标识码：0000000001</p></div>"
    doc = load_html(f"<div>{nav}</div><div><div>{sections}</div>{footer}</div>")
    assert texts(doc.lines[0]) == ["一、第一部分"]
    assert texts(doc.lines[-1]) == ["内容" * 40]
    assert "栏目" not in doc.text and "版权所有" not in doc.text


def test_class_names_never_cost_the_report_a_table() -> None:
    sections = "".join(f"<p>{n}、第{n}部分</p><p>{'内容' * 60}</p>" for n in "一二三四五六")
    doc = load_html(f'<div id="zoom">{sections}<div class="print-area"><table><tr><td>规章</td><td>5</td></tr>'
                    '</table></div><div class="print-bar">【打印本页】</div></div>')
    assert all_rows(doc) == [["规章", "5"]]
    assert "打印本页" not in doc.text


def test_meta_tags_win_over_printed_lines_and_titles_lose_site_suffix() -> None:
    doc = load_html(
        '<html><head><title>某某局2023年政府信息公开工作年度报告 - 某某市人民政府</title>'
        '<meta name="PubDate" content="2024年1月8日"><meta name="author" content="某某局办公室"></head>'
        "<body><p>发布时间：2024-03-08 15:34 来源：别处</p><p>一、总体情况</p></body></html>"
    )
    assert doc.meta["title"] == "某某局2023年政府信息公开工作年度报告"
    assert doc.meta["published"] == "2024-01-08"
    assert doc.meta["source_agency"] == "某某局办公室"
    printed = load_html("<p>发布时间：2024-03-08 15:34</p><p>发布机构：某某局</p><p>一、总体情况</p>")
    assert printed.meta["published"] == "2024-03-08"
    assert printed.meta["source_agency"] == "某某局"
    assert printed.lines[0].cells[0].text == "发布时间：2024-03-08 15:34"


# -- tables: every physical cell once, whatever the spans (property) ------------------------------

_CELL_TEXTS = {
    "": "", "&nbsp;": "", "<p>&nbsp;</p>": "", "0": "0", "12": "12", "１２": "１２", "无": "无", "—": "—",
    "/": "/", "12件": "12件", "3.5万元": "3.5万元", "本年新<br />制作数量": "本年新制作数量",
    "<p>自然人</p>": "自然人", "<p>12</p><p>件</p>": "12 件", "<span>8</span><span>21</span>": "821",
}


@st.composite
def tables(draw: st.DrawFn) -> tuple[str, list[list[str]]]:
    rows = draw(st.lists(st.lists(st.tuples(st.sampled_from(sorted(_CELL_TEXTS)), st.integers(1, 3),
                                            st.integers(1, 2)), min_size=1, max_size=6), min_size=1, max_size=6))
    html = "<table border='1'>" + "".join(
        "<tr>" + "".join(f"<td colspan='{c}' rowspan='{r}'>{t}</td>" for t, c, r in cells) + "</tr>" for cells in rows
    ) + "</table>"
    expected = [[_CELL_TEXTS[t] for t, _, _ in cells] for cells in rows]
    return html, expected


@given(tables())
@settings(max_examples=150, deadline=None)
def test_every_physical_cell_once(case: tuple[str, list[list[str]]]) -> None:
    html, expected = case
    widest = max(len(r) for r in expected)
    shown = [r for r in expected if any(r)]
    try:
        doc = load_html("<p>表格</p>" + html)
    except Unreadable:
        assert not shown
        return
    got = [(texts(line), line.kind) for line in doc.lines[1:]]
    if widest < 2:  # one column: page layout, read as paragraphs
        assert all(kind == "text" and len(t) == 1 for t, kind in got)
        return
    assert got == [(r, "row") for r in shown]
    for line in doc.lines:
        for c in line.cells:
            assert doc.text[c.start:c.end] == c.text


# -- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("empty.html", b""),
        ("blank.html", b"  \n\t \r\n"),
        ("garbage.html", bytes(range(256)) * 40),
        ("no-text.html", b"<html><head><title>t</title><script>var a = 1;</script></head><body><!-- x --></body></html>"),
        ("only-images.htm", b"<div><img src='a.png'><br><p>&nbsp;</p></div>"),
        ("deep-divs.html", b"<div>" * 10_000 + "正文".encode() + b"</div>" * 10_000),
        ("deep-spans.html", b"<p>" + b"<span>" * 10_000 + "正文".encode() + b"</span>" * 10_000 + b"</p>"),
        ("deep-unclosed.html", b"<section><div>" * 6_000 + "正文".encode()),
    ],
)
def test_bad_input_is_an_input_error_naming_the_file(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        READER.load(data, str(path))
    assert str(path) in str(err.value)
    with pytest.raises(InputError) as err:
        api.read(path)
    assert str(path) in str(err.value)


# -- sniffing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "at_least", "at_most"),
    [
        (b"<!DOCTYPE html><html>", 0.9, 1.0),
        (b"\xef\xbb\xbf  \n<HTML lang='zh'>", 0.9, 1.0),
        (b"<table><tr><td>1</td></tr></table>", 0.8, 1.0),
        (b"\r\n<p style='text-align: center'>2019\xe5\xb9\xb4</p>", 0.8, 1.0),
        (b"<div class='x'>", 0.8, 1.0),
        ("\ufeff<html>".encode("utf-16-le"), 0.9, 1.0),
        (b"2023\xe5\xb9\xb4 text then <table><tr><td>1</td></tr></table>", 0.8, 0.8),
        (b"%PDF-1.7\n<table></td>", 0.0, 0.0),
        (b"PK\x03\x04\x14\x00<html>", 0.0, 0.0),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0.0, 0.0),
        ("一、总体情况\n2023年，本机关……".encode(), 0.0, 0.0),
        (b"# Markdown title\n\n| a | b |", 0.0, 0.0),
    ],
)
def test_sniff(head: bytes, at_least: float, at_most: float) -> None:
    assert at_least <= READER.sniff(head, "x") <= at_most


@pytest.mark.parametrize(
    ("head", "path", "score"),
    [
        (b"<?xml version='1.0'?>\n<!DOCTYPE html>\n<html xmlns='http://www.w3.org/1999/xhtml'>", "a.xhtml", 0.95),
        ("<!-- 来自 CMS -->\n<div id='zoom'><p>一、总体情况</p></div>".encode(), "a.htm", 0.85),
        ("2023年报告正文<br>第二行</p>".encode(), "a.shtml", 0.7),
        ("2023年报告正文<br>第二行".encode(), "notes.md", 0.4),
        ("一、总体情况\n本机关……".encode(), "a.html", 0.0),
    ],
)
def test_sniff_comments_prologs_and_names(head: bytes, path: str, score: float) -> None:
    assert READER.sniff(head, path) == score


def test_registered_reader() -> None:
    [reader] = READERS
    assert reader.name == "html"
    assert reader.extensions == (".html", ".htm", ".shtml", ".xhtml", ".jhtml")
