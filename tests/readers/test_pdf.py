"""PDF reader: ruled tables as physical cells, page furniture removed, scans and locks refused."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from gongkai import api
from gongkai.errors import InputError, Unreadable, UnsafeArchive
from gongkai.readers.document import Document, DocumentBuilder, fold
from gongkai.readers.formats.pdf import PdfReader, load_pdf
from gongkai.readers.pdf_layout import Char, Edge, PageContent, _Frame
from gongkai.readers.pdf_pages import _PAGE_NUMBER, Assembler, page_blocks, strip_furniture
from gongkai.readers.pdf_tables import find_tables, line_text

DATA = Path(__file__).parent.parent / "data"
HUAIAN = DATA / "corpus" / "huaian-city-2024.pdf"
LO = DATA / "pdf" / "lo-2021.pdf"


def _load(path: Path) -> Document:
    return load_pdf(path.read_bytes(), path.name)


def _rows(doc: Document) -> list[tuple[list[str], int | None, str | None]]:
    return [([c.text for c in line.cells], line.cells[0].where.page, line.cells[0].where.path)
            for line in doc.lines if line.kind == "row"]


# -- the real WPS-made report ------------------------------------------------------------------
def test_huaian_rows_are_physical_cells() -> None:
    rows = _rows(_load(HUAIAN))
    cells = [r[0] for r in rows]
    assert cells[17] == ["一、本年新收政府信息公开申请数量", "3001", "53", "0", "0", "61", "4", "3119"]
    assert cells[19] == ["三、本年度办理结果", "（一）予以公开", "1288", "21", "0", "0", "50", "3", "1362"]
    assert cells[20] == ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "447", "7", "0", "0", "0", "0", "454"]
    assert cells[21] == ["（三）不予公开", "1.属于国家秘密", "2", "0", "0", "0", "0", "0", "2"]
    assert cells[14] == ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"]
    assert cells[16] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    assert cells[38] == ["2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                         "6", "0", "0", "0", "0", "0", "6"]
    assert cells[40] == ["（七）总计", "2932", "53", "0", "0", "61", "4", "3050"]
    assert cells[41] == ["四、结转下年度继续办理", "103", "0", "0", "0", "0", "0", "103"]
    assert cells[-1] == ["72", "64", "178", "37", "351", "13", "4", "8", "1", "26", "12", "1", "1", "6", "20"]
    assert cells[6] == ["行政许可", "447228"]
    assert cells[13] == ["行政事业性收费", "96171.6"]


def test_huaian_tables_continue_over_page_breaks() -> None:
    rows = _rows(_load(HUAIAN))
    # Section 二's table starts on page 3 and goes on, same table, on page 4.
    assert rows[7] == (["第二十条第（六）项"], 3, "table[1]/row[8]/cell[1]")
    assert rows[8] == (["信息内容", "本年处理决定数量"], 4, "table[1]/row[9]/cell[1]")
    # Section 三's table: the merged group cell （四）无法提供 is split by the page break; the
    # part on page 5 is its own physical cell, and the row numbering goes on.
    assert rows[29] == (["（四）无", "1.本机关不掌握相关政府信息", "746", "12", "0", "0", "10", "1", "769"], 4,
                        "table[2]/row[16]/cell[1]")
    assert rows[30] == (["", "法提供", "2.没有现成信息需要另行制作", "11", "0", "0", "0", "0", "0", "11"], 5,
                        "table[2]/row[17]/cell[1]")
    assert rows[-1][2] == "table[3]/row[4]/cell[1]"


def test_huaian_text_paragraphs() -> None:
    doc = _load(HUAIAN)
    paragraphs = [line.cells[0].text for line in doc.lines if line.kind == "text"]
    assert paragraphs[:2] == ["淮安市人民政府", "2024年政府信息公开工作年度报告"]
    assert "一、总体情况" in paragraphs and "六、其他需要报告的事项" in paragraphs
    # wrapped lines are joined back into paragraphs, across a page break too
    p = next(t for t in paragraphs if t.startswith("（二）依申请公开情况。"))
    assert "全市共受理政府信息公开申请3119件，答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复）" in p
    p = next(t for t in paragraphs if t.startswith("（一）主动公开情况。"))
    assert p.endswith("努力传递政府声音、宣传政策法规、回应舆论关切。")
    # page numbers "- 1 -" … "- 6 -" are gone
    assert not any(t.strip("- ").isdigit() for t in paragraphs)
    assert doc.meta["pages"] == 6
    assert doc.meta["title"] == "政府信息公开工作年度报告"


# -- LibreOffice-made PDF: header rows repeated on the next page ----------------------------------
def test_repeated_header_rows_are_dropped() -> None:
    rows = _rows(_load(LO))
    expected = json.loads((DATA / "pdf" / "lo-2021.expected.json").read_text(encoding="utf-8"))["tables"]
    req = expected["requests"]
    cells = [r[0] for r in rows]
    assert sum(1 for r in cells if "申请人情况" in r) == 1
    assert sum(1 for r in cells if r == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]) == 1
    table2 = [r for r in rows if r[2].startswith("table[2]/")]
    assert len(table2) == 28 and {r[1] for r in table2} == {2, 3}
    i = next(i for i, r in enumerate(cells) if r[:1] == ["（四）无法提"])
    assert cells[i + 1] == ["", "供", "2.没有现成信息需要另行制作", *map(str, req["unavailable_needs_creation"].values())]
    assert cells[17] == ["一、本年新收政府信息公开申请数量", *map(str, req["received"].values())]
    assert cells[13] == ["行政事业性收费", "7041.26"]


# -- scans, locks and broken files ---------------------------------------------------------------
@pytest.fixture
def no_ocr(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """As installed without the ``ocr`` extra: importing the engine fails."""
    from gongkai.readers import ocr

    ocr._engine.cache_clear()
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)  # import raises ImportError
    yield
    ocr._engine.cache_clear()


@pytest.mark.usefixtures("no_ocr")
def test_scanned_pdf_is_a_problem_not_numbers() -> None:
    path = DATA / "pdf" / "scanned.pdf"
    doc = _load(path)
    assert doc.meta["scanned"] is True and doc.lines == []
    report = PdfReader().read(path.read_bytes(), str(path))
    assert [(p.code, p.message) for p in report.problems] == [("scanned_pdf", "扫描件，需要 OCR（PDF 没有文字层）")]
    assert report.tables == {"active": None, "requests": None, "appeals": None}
    assert api.read(path).problems[0].code == "scanned_pdf"


UNDECODABLE = [DATA / "pdf" / "undecodable-lo-2021.pdf", DATA / "pdf" / "undecodable-huaian-p1.pdf"]


@pytest.mark.usefixtures("no_ocr")
@pytest.mark.parametrize("path", UNDECODABLE, ids=lambda p: p.stem)
def test_text_that_decodes_to_nonsense_is_a_problem_not_six_missing_sections(path: Path) -> None:
    """Fonts without a ToUnicode map: PDFium gives control characters (LibreOffice's TrueType) or
    glyph numbers (WPS's Identity-H). Read as text, the report lacked its six sections and dates:
    eight findings counted as the agency's, for what the reader could not see."""
    report = PdfReader().read(path.read_bytes(), str(path))
    assert [(p.code, p.message) for p in report.problems] == [
        ("unmapped_text", "PDF 的文字无法解码（字体缺少 Unicode 映射），需要 OCR")]
    assert report.tables == {"active": None, "requests": None, "appeals": None} and report.sections == []
    assert [(f.rule, f.kind.value, f.severity.value, f.message) for f in api.check([report])] == [(
        "structure.text", "reading", "warning",
        "未能读取本文件的正文：PDF 的文字无法解码（字体缺少 Unicode 映射），需要 OCR。各项内容均未审核，请核对原文")]


def _chars(text: str) -> list[PageContent]:
    page = PageContent(1, 600, 800)
    page.chars = [Char(ch, 10.0 * i, 100, 10.0 * i + 9, 110) for i, ch in enumerate(text)]
    return [page]


@pytest.mark.parametrize(("text", "garbled"), [
    ("一、总体情况 2023年，本机关深入贯彻落实政府信息公开条例，主动公开政府信息 1,024 条。" * 5, False),
    ("2024年度政府信息公开工作年度报告（一）主动公开情况" * 20, False),
    ("຅߶ࣉ̠ඞஊउࣱஊउζোМधࢹͺࣱऎઐն᱘៑ॶ⩝⌚ႵጮϦℽᩫᏈژߊ" * 5, True),  # glyph numbers
    ("xþo行!ÓR-£Îãý!dû¡Ç2工#tChC$" * 5, True),  # one-byte codes of a Type 3 font
    ("\x03\x04\x05\x06\x07\x08\x0e\x0f" * 10, True),  # control characters
    ("丐丑丒专且丕世丗丘丙业丛东丝丞丟丠両丢丣两严並丧丨丩个丫丬中丮丯丰丱串丳临丵丶丷丸" * 6, True),  # Chinese in no order
    ("ÓR£Î", False),  # too little text to judge
    ("Annual report on government information disclosure, 2023. " * 5, False),  # English: legible
])
def test_garbled_text_layers_are_told_from_text(text: str, garbled: bool) -> None:
    from gongkai.readers.formats.pdf import _garbled

    assert _garbled(_chars(text)) is garbled


def test_encrypted_pdf() -> None:
    path = DATA / "pdf" / "encrypted.pdf"
    with pytest.raises(UnsafeArchive) as err:
        api.read(path)
    assert str(err.value) == f"{path}：PDF 已加密，需要密码才能打开"


@pytest.mark.parametrize("data", [HUAIAN.read_bytes()[:200_000], b"%PDF-1.4\n" + bytes(range(256)) * 8],
                         ids=["truncated", "garbage"])
def test_broken_pdf(data: bytes) -> None:
    with pytest.raises(Unreadable) as err:
        load_pdf(data, "broken.pdf")
    assert str(err.value) == "broken.pdf：PDF 文件已损坏或不完整，无法解析"


def test_random_bytes_named_pdf(tmp_path: Path) -> None:
    path = tmp_path / "x.pdf"
    path.write_bytes(bytes((i * 31 + 7) % 256 for i in range(3000)))
    with pytest.raises(InputError, match=f"^{path}："):
        api.read(path)


@pytest.mark.usefixtures("no_ocr")
def test_partly_scanned_pdf_names_the_pages() -> None:
    out = pdfium.PdfDocument.new()
    out.import_pages(pdfium.PdfDocument(LO.read_bytes()))
    out.import_pages(pdfium.PdfDocument((DATA / "pdf" / "scanned.pdf").read_bytes()), [0])
    buf = io.BytesIO()
    out.save(buf)
    report = PdfReader().read(buf.getvalue(), "mixed.pdf")
    scanned = [p for p in report.problems if p.code == "scanned_pages"]
    assert [(p.message, p.detail) for p in scanned] == [("第 5 页是扫描图像，没有文字层，未读取（需要 OCR）", {"pages": [5]})]
    assert report.cell("requests.received.total") == 1002


def _joined(*parts: tuple[Path, list[int] | None]) -> bytes:
    out = pdfium.PdfDocument.new()
    for path, pages in parts:
        out.import_pages(pdfium.PdfDocument(path.read_bytes()), pages)
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


@pytest.mark.usefixtures("no_ocr")
def test_a_page_whose_text_cannot_be_decoded_is_named_and_not_read() -> None:
    data = _joined((LO, None), (DATA / "pdf" / "undecodable-huaian-p1.pdf", None))
    report = PdfReader().read(data, "mixed.pdf")
    assert [(p.code, p.message, p.detail) for p in report.problems if p.code == "undecodable_pages"] == [
        ("undecodable_pages", "第 5 页的文字无法解码（字体缺少 Unicode 映射），未读取（需要 OCR）", {"pages": [5]})]
    assert report.cell("requests.received.total") == 1002
    assert "຅" not in "".join(s.text for s in report.sections)  # its nonsense is not read as text


@pytest.mark.usefixtures("no_ocr")
def test_what_is_missing_where_pages_were_not_read_is_the_readers_to_check() -> None:
    """The last page scanned (as the page with the seal and the date often is): sections 五 and 六
    and the date stand there. Before, three findings counted as the agency's."""
    data = _joined((LO, [0, 1, 2]), (DATA / "pdf" / "scanned.pdf", [0]))
    report = PdfReader().read(data, "sealed.pdf")
    findings = [f for f in api.check([report]) if f.rule in ("structure.sections", "dates.published")]
    assert findings and not [f for f in findings if f.kind.value == "report" or f.severity.value == "error"]
    assert all(f.message.endswith("（第 4 页未能读取，相关内容可能在该页中，请核对原文）") for f in findings)
    assert report.cell("requests.received.total") == 1002


def test_sniff() -> None:
    assert PdfReader().sniff(b"%PDF-1.7\n", "a.bin") == 1.0
    assert PdfReader().sniff(b"PK\x03\x04", "a.pdf") == 0.0


# -- units: page furniture, table finder, spacing -----------------------------------------------
@pytest.mark.parametrize("text", ["- 1 -", "— 12 —", "－3－", "第3页", "第 3 页 共 6 页", "共6页 第2页", "1/6", "7", "Page 2 of 9"])
def test_page_number_patterns(text: str) -> None:
    assert _PAGE_NUMBER.match(fold(text))


@pytest.mark.parametrize("text", ["2024年", "一、总体情况", "第二十条", "3119件", "第3章"])
def test_not_page_numbers(text: str) -> None:
    assert not _PAGE_NUMBER.match(text)


def _line(text: str, x0: float, top: float, size: float = 10.0) -> list[Char]:
    return [Char(ch, x0 + i * size, top, x0 + (i + 1) * size, top + size) for i, ch in enumerate(text)]


def test_running_heads_and_page_numbers_are_removed() -> None:
    pages = []
    for n in range(1, 5):
        chars = _line("某某县人民政府文件", 100, 20) + _line(f"正文第{n}页内容", 50, 300) + _line(f"- {n} -", 280, 810)
        if n == 1:
            chars += _line("某某县人民政府", 100, 60)
        pages.append(PageContent(n, 595, 842, chars))
    blocks = [page_blocks(p) for p in pages]
    strip_furniture(pages, blocks)
    out = DocumentBuilder("x.pdf", "pdf")
    Assembler(out, blocks).run()
    assert [line.cells[0].text for line in out.build().lines] == [
        "某某县人民政府", "正文第1页内容", "正文第2页内容", "正文第3页内容", "正文第4页内容"]


def test_lattice_finder_keeps_merged_cells_once() -> None:
    # 3 columns × 2 rows; the first column's two cells are merged vertically.
    h = [Edge(0, 0, 300), Edge(50, 100, 300), Edge(100, 0, 300)]
    v = [Edge(0, 0, 100), Edge(100, 0, 100), Edge(200, 0, 100), Edge(300, 0, 100)]
    (table,) = find_tables(h, v)
    assert table.rows == [[(0, 0, 100, 100), (100, 0, 200, 50), (200, 0, 300, 50)],
                          [(100, 50, 200, 100), (200, 50, 300, 100)]]
    assert table.locator().find(50, 80) == (0, 0)
    assert table.locator().find(250, 80) == (1, 1)


def test_lone_rectangle_is_not_a_table() -> None:
    page = PageContent(1, 595, 842, _line("框内文字", 60, 60),
                       [Edge(50, 50, 300), Edge(80, 50, 300)], [Edge(50, 50, 80), Edge(300, 50, 80)])
    (block,) = page_blocks(page)
    assert block.line is not None and block.line.text == "框内文字"


def test_spacing_rules() -> None:
    chars = _line("行政许可", 0, 0) + _line("447228", 60, 0, 5) + _line("结", 100, 0) + _line("果", 116, 0)
    assert line_text(chars) == "行政许可 447228 结果"
    doubled = [*_line("规章", 0, 0), Char("章", 10.3, 0, 20.3, 10)]
    assert line_text(sorted(doubled, key=lambda c: c.x0)) == "规章"


@pytest.mark.parametrize(("rotation", "point"), [(0, (10, 822)), (90, (20, 10)), (180, (585, 20)), (270, (822, 585))])
def test_rotated_pages_map_to_top_down(rotation: int, point: tuple[float, float]) -> None:
    assert _Frame((0, 0, 595, 842), rotation).point(10, 20) == point


# -- whole reads ------------------------------------------------------------------------------------
def _flatten(tables: dict) -> dict[str, object]:
    return {f"{t}.{r}.{c}": v for t, rows in tables.items() if rows for r, cols in rows.items() for c, v in cols.items()}


@pytest.mark.parametrize("path", [HUAIAN, LO], ids=["huaian-city-2024", "lo-2021"])
def test_reads_to_expected_values(path: Path) -> None:
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    report = api.read(path)
    assert report.source.format == "pdf"
    assert (report.agency, report.year, str(report.template)) == (expected["agency"], expected["year"], "2021")
    assert _flatten(report.to_json()["tables"]) == _flatten(expected["tables"])
    assert [s.expected for s in report.sections] == [1, 2, 3, 4, 5, 6]
    where = report.provenance["requests.received.total"]
    assert where.page == (4 if path == HUAIAN else 2) and where.path is not None
