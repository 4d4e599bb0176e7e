"""DOCX reader: documents made by LibreOffice and python-docx read into exact lines of cells."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from gongkai import api
from gongkai.errors import Unreadable, UnsafeArchive
from gongkai.readers.document import Document
from gongkai.readers.docx_body import join_cjk
from gongkai.readers.docx_numbering import Numbering, chinese
from gongkai.readers.formats import legacy
from gongkai.readers.formats.docx import DocxReader, load_docx
from gongkai.readers.formats.legacy import LegacyWordReader

DATA = Path(__file__).parent.parent / "data" / "docx"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _load(name: str) -> Document:
    return load_docx((DATA / name).read_bytes(), name)


def _rows(doc: Document) -> list[list[str]]:
    return [[c.text for c in line.cells] for line in doc.lines if line.kind == "row"]


def _expected(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))["tables"]


def _values(rows: dict, key: str) -> list[str]:
    return [str(v) for v in rows[key].values()]


def _bytes(d: docx.document.Document) -> bytes:
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


# -- LibreOffice fixture ---------------------------------------------------------------------
def test_libreoffice_docx_key_rows() -> None:
    doc = _load("lo-2021.docx")
    rows = _rows(doc)
    t = _expected("lo-2021.expected.json")
    req = t["requests"]
    assert rows[14] == ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"]
    assert rows[15] == ["自然人", "法人或其他组织", "总计"]
    assert rows[16] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    assert rows[17] == ["一、本年新收政府信息公开申请数量", *_values(req, "received")]
    assert rows[19] == ["三、本年度办理结果", "（一）予以公开", *_values(req, "granted")]
    assert rows[20] == ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", *_values(req, "partial")]
    assert rows[21] == ["（三）不予公开", "1.属于国家秘密", *_values(req, "withheld_secret")]
    assert rows[22] == ["2.其他法律行政法规禁止公开", *_values(req, "withheld_law")]
    assert rows[40] == ["（七）总计", *_values(req, "total")]
    assert rows[41] == ["四、结转下年度继续办理", *_values(req, "carried_forward")]
    ap = t["appeals"]
    assert rows[-1] == [str(ap[g][c]) for g in ("review", "suit_direct", "suit_after_review") for c in ap[g]]
    act = t["active"]
    assert rows[2] == ["规章", *map(str, act["rules"].values())]
    assert rows[6] == ["行政许可", str(act["licensing"]["decisions"])]
    assert rows[13] == ["行政事业性收费", str(act["fees"]["amount"])]
    assert len(rows) == 14 + 28 + 4


def test_libreoffice_docx_lines_and_provenance() -> None:
    doc = _load("lo-2021.docx")
    first = doc.lines[0]
    assert (first.kind, first.cells[0].text, first.cells[0].grid) == ("text", "示例县人民政府办公室", False)
    headings = [(line.level, line.cells[0].text) for line in doc.lines if line.kind == "heading"]
    assert headings[0] == (1, "2023年政府信息公开工作年度报告")
    assert [h for _, h in headings[1:]] == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
    ]
    received = next(line for line in doc.lines if line.cells[0].text.startswith("一、本年新收"))
    assert all(c.grid for c in received.cells)
    assert [c.where.path for c in received.cells[:2]] == ["table[2]/row[4]/cell[1]", "table[2]/row[4]/cell[2]"]
    assert doc.lines[2].cells[0].where.path == "paragraph[3]"
    assert doc.meta["title"] == "2023年政府信息公开工作年度报告"
    # offsets of cells agree with Document.text
    for line in doc.lines:
        for cell in line.cells:
            assert doc.text[cell.start:cell.end] == cell.text


def test_table_split_in_two_drops_repeated_header() -> None:
    doc = _load("lo-2021-split.docx")
    rows = _rows(doc)
    req = _expected("lo-2021-split.expected.json")["requests"]
    assert sum(1 for r in rows if "申请人情况" in r) == 1
    i = next(i for i, r in enumerate(rows) if r[:1] == ["8.属于行政查询事项"])
    assert rows[i + 1] == ["（四）无法提供", "1.本机关不掌握相关政府信息", *_values(req, "unavailable_not_held")]
    assert rows[i + 2][:8] == ["2.没有现成信息需要另行制作", *_values(req, "unavailable_needs_creation")]
    line = next(x for x in doc.lines if x.cells[0].text == "（四）无法提供")
    assert line.cells[0].where.path == "table[3]/row[2]/cell[1]"


# -- python-docx fixture: explicit gridSpan / vMerge, nested table, list numbering -------------
def test_python_docx_merges() -> None:
    doc = _load("pydocx-merges.docx")
    rows = _rows(doc)
    req = _expected("pydocx-merges.expected.json")["requests"]
    assert rows[0] == ["第二十条第（一）项"]
    assert rows[5] == ["信息内容", "本年处理决定数量"]
    assert rows[17] == ["一、本年新收政府信息公开申请数量", *_values(req, "received")]
    assert rows[19] == ["三、本年度办理结果", "（一）予以公开", *_values(req, "granted")]
    assert rows[29] == ["（四）无法提供", "1.本机关不掌握相关政府信息", *_values(req, "unavailable_not_held")]
    assert rows[30] == ["2.没有现成信息需要另行制作", *_values(req, "unavailable_needs_creation")]
    assert rows[42] == ["行政复议", "行政诉讼"]
    assert rows[43] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"]


def test_python_docx_nested_table_numbering_and_styles() -> None:
    doc = _load("pydocx-merges.docx")
    texts = [(line.kind, line.level, [c.text for c in line.cells]) for line in doc.lines]
    assert texts[1] == ("heading", 0, ["2023年政府信息公开工作年度报告"])  # Title style
    assert texts[3] == ("heading", 1, ["一、总体情况"])
    assert ("text", None, ["1.完善公开目录"]) in texts
    assert ("text", None, ["2.强化政策解读"]) in texts
    i = texts.index(("row", None, ["附：联系方式", ""]))
    assert texts[i + 1] == ("row", None, ["电话", "0512-12345678"])
    assert texts[i + 2] == ("row", None, ["邮编", "215000"])
    assert doc.lines[i + 1].cells[1].where.path == "table[4]/row[1]/cell[2]/table[1]/row[1]/cell[2]"


# -- documents built here with python-docx ---------------------------------------------------------
def test_headers_footers_and_breaks() -> None:
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "页眉文字"
    d.sections[0].footer.paragraphs[0].text = "第 1 页"
    p = d.add_paragraph("第一行")
    p.add_run().add_break()
    p.add_run("第二行")
    d.add_paragraph("")
    d.add_paragraph("Tab\tseparated")
    doc = load_docx(_bytes(d), "x.docx")
    assert [(line.cells[0].text, line.cells[0].where.path) for line in doc.lines] == [
        ("第一行", "paragraph[1]"), ("第二行", "paragraph[1]/br[1]"), ("Tab separated", "paragraph[3]"),
    ]


def test_layout_table_is_unwrapped() -> None:
    d = docx.Document()
    frame = d.add_table(rows=1, cols=1)
    cell = frame.cell(0, 0)
    cell.paragraphs[0].text = "一、总体情况"
    cell.add_paragraph("本年度工作正文。")
    inner = cell.add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "行政许可"
    inner.cell(0, 1).text = "15"
    doc = load_docx(_bytes(d), "frame.docx")
    assert [(line.kind, [c.text for c in line.cells]) for line in doc.lines] == [
        ("text", ["一、总体情况"]), ("text", ["本年度工作正文。"]), ("row", ["行政许可", "15"]),
    ]
    assert doc.lines[2].cells[1].where.path == "table[1]/row[1]/cell[1]/table[1]/row[1]/cell[2]"


def test_cell_paragraphs_join() -> None:
    d = docx.Document()
    t = d.add_table(rows=1, cols=3)
    t.cell(0, 0).text = "结果"
    t.cell(0, 0).add_paragraph("纠正")
    t.cell(0, 1).text = "2024"
    t.cell(0, 1).add_paragraph("年")
    t.cell(0, 2).text = ""
    doc = load_docx(_bytes(d), "cells.docx")
    assert _rows(doc) == [["结果纠正", "2024 年", ""]]


@pytest.mark.parametrize(
    ("parts", "joined"),
    [(["结果", "维持"], "结果维持"), (["Total", "count"], "Total count"), (["2024", "年"], "2024 年"),
     (["", " 申请 ", ""], "申请"), (["（一）", "予以公开"], "（一）予以公开")],
)
def test_join_cjk(parts: list[str], joined: str) -> None:
    assert join_cjk(parts) == joined


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(st.integers(1, 3), min_size=1, max_size=4), min_size=1, max_size=5),
       st.integers(0, 10_000))
def test_merged_cells_are_emitted_once(spans: list[list[int]], seed: int) -> None:
    """Whatever the horizontal merges, a row lists each physical cell once, in order."""
    width = max(sum(row) for row in spans)
    d = docx.Document()
    t = d.add_table(rows=len(spans), cols=width)
    expected = []
    for r, row in enumerate(spans):
        col, texts = 0, []
        for k, span in enumerate(row):
            cell = t.cell(r, col).merge(t.cell(r, col + span - 1)) if span > 1 else t.cell(r, col)
            cell.text = str(seed + 10 * r + k)
            texts.append(cell.text)
            col += span
        expected.append(texts + [""] * (width - col))
    assert _rows(load_docx(_bytes(d), "p.docx")) == expected


def test_vertical_merge_continuation_not_emitted() -> None:
    d = docx.Document()
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).merge(t.cell(2, 0)).text = "（三）不予公开"
    for r in range(3):
        t.cell(r, 1).text = f"{r + 1}.项目"
        t.cell(r, 2).text = str(7 * (r + 1))
    assert _rows(load_docx(_bytes(d), "v.docx")) == [["（三）不予公开", "1.项目", "7"], ["2.项目", "14"], ["3.项目", "21"]]


# -- numbering -------------------------------------------------------------------------------------
NUMBERING = f"""<w:numbering xmlns:w="{W}">
  <w:abstractNum w:abstractNumId="0">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%3"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="1">
    <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""


def test_numbering_counters() -> None:
    n = Numbering(etree.fromstring(NUMBERING.encode()), W)
    assert [n.label("1", 0), n.label("1", 1), n.label("1", 1), n.label("1", 0), n.label("1", 1)] == [
        "一、", "（一）", "（二）", "二、", "（一）"]
    assert n.label("1", 2) == "二.1"
    assert n.label("2", 0) == "五、"
    assert n.label("3", 0) is None  # bullets print no number
    assert n.label("9", 0) is None


@pytest.mark.parametrize(("n", "text"), [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (21, "二十一"),
                                         (100, "一百"), (105, "一百零五"), (1010, "一千零一十")])
def test_chinese_counting(n: int, text: str) -> None:
    assert chinese(n) == text


# -- sniffing, legacy formats ------------------------------------------------------------------
def test_sniff() -> None:
    reader = DocxReader()
    assert reader.sniff((DATA / "lo-2021.docx").read_bytes()[:65536], "x.bin") == 0.95
    assert reader.sniff(b"%PDF-1.7", "x.docx") == 0.0
    assert reader.sniff(b"PK\x03\x04" + b"\0" * 40, "x.zip") == 0.0
    assert LegacyWordReader().sniff((DATA / "lo-2021.doc").read_bytes()[:65536], "x.bin") == 0.9


def test_doc_without_libreoffice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(legacy, "find_soffice", lambda: None)
    with pytest.raises(Unreadable) as err:
        LegacyWordReader().load((DATA / "lo-2021.doc").read_bytes(), "old.doc")
    assert str(err.value) == "old.doc：需要安装 LibreOffice 才能读取 .doc/.wps 文件"


def test_encrypted_word_document() -> None:
    fake = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "EncryptedPackage".encode("utf-16-le")
    assert LegacyWordReader().sniff(fake, "secret.docx") == 0.9
    with pytest.raises(UnsafeArchive, match=r"^secret\.docx：文件已加密"):
        LegacyWordReader().load(fake, "secret.docx")


def test_not_a_doc() -> None:
    with pytest.raises(Unreadable, match="不是有效的 Word 97-2003"):
        LegacyWordReader().load(b"plain text, not a document", "fake.doc")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_doc_through_libreoffice() -> None:
    doc = LegacyWordReader().load((DATA / "lo-2021.doc").read_bytes(), "lo-2021.doc")
    req = _expected("lo-2021.expected.json")["requests"]
    assert ["一、本年新收政府信息公开申请数量", *_values(req, "received")] in _rows(doc)
    assert doc.meta["converted_from"] == "doc"
    assert doc.format == "docx"


# -- whole reads (needs the shared extraction) ------------------------------------------------
def _flatten(tables: dict) -> dict[str, object]:
    return {f"{t}.{r}.{c}": v for t, rows in tables.items() if rows for r, cols in rows.items() for c, v in cols.items()}


FIXTURES = ["lo-2021.docx", "lo-2021-split.docx", "pydocx-merges.docx"]


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_reads_to_expected_values(name: str) -> None:
    expected = json.loads((DATA / name).with_suffix(".expected.json").read_text(encoding="utf-8"))
    report = api.read(DATA / name)
    assert report.source.format == "docx"
    assert (report.agency, report.year, str(report.template)) == (expected["agency"], 2023, "2021")
    assert report.published_on is not None and report.published_on.isoformat() == expected["published_on"]
    assert _flatten(report.to_json()["tables"]) == _flatten(expected["tables"])
    assert [s.expected for s in report.sections] == [1, 2, 3, 4, 5, 6]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_doc_reads_to_expected_values() -> None:
    expected = json.loads((DATA / "lo-2021.expected.json").read_text(encoding="utf-8"))
    report = api.read(DATA / "lo-2021.doc")
    assert report.source.format == "docx" and report.agency == expected["agency"]
    assert _flatten(report.to_json()["tables"]) == _flatten(expected["tables"])
