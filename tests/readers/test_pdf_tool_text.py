"""Text that PyMuPDF and pdfplumber extract from the four PDFs of tests/data, read like the PDFs.

``tests/data/text/pymupdf`` holds PyMuPDF 2.0's ``page.get_text()`` (``*.text.txt``: blocks in
the order the page draws them) and ``page.get_text(sort=True)`` (``*.sort.txt``: lines sorted top
to bottom, columns aligned with spaces) of the real Huai'an PDF and of the reader fixtures made
with LibreOffice and a browser. What each shape needed:

- ``get_text()`` puts a row's first cell on its label's line and the others one a line below
  ("3.危及“三安全一稳定” 0" / "1" / "1" / …);
- a page printed from a browser has the browser's header and footer (date and time, the page's
  address, the page title with the site's name) among the table's rows;
- ``get_text(sort=True)`` puts the numbers of a row whose label wraps on a line of their own between
  the label's pieces ("规范性文" / "6   0   21" / "件"), section 二's changes signed ("16   -9").

``tests/data/text/pdfplumber`` holds pdfplumber 0.11's ``page.extract_text()`` of the same PDFs
(pages joined by a line break). It writes line by line: a wrapped label's numbers stand between its
pieces, and a group label's pieces beside a row label's ("（四）无 1.本机关" / "法提供 不掌握相");
a block's last row has the next block's heading below it ("政府集中" / "7 137.2" / "采购" /
"三、收到和处理…").
"""

from __future__ import annotations

import pytest

from gongkai import api
from gongkai.readers.formats.text import _print_chrome
from gongkai.readers.wrapped_text import NUMBERS_ONLY

from .pdf_expected import DATA, EXPECTED
from .pdf_expected import expected as _expected


@pytest.mark.parametrize("mode", ["text", "sort"])
@pytest.mark.parametrize("name", list(EXPECTED))
def test_pymupdf_text_reads_every_cell(name: str, mode: str) -> None:
    want, meta = _expected(name)
    report = api.read(DATA / "text" / "pymupdf" / f"{name}.{mode}.txt")
    got = {k: None if v is None else str(v) for k, v in report.cells().items()}
    assert {k: got.get(k) for k in want} == want
    assert (report.agency, report.year, report.published_on and report.published_on.isoformat()) == meta


@pytest.mark.parametrize("name", list(EXPECTED))
def test_pdfplumber_text_reads_every_cell(name: str) -> None:
    want, meta = _expected(name)
    report = api.read(DATA / "text" / "pdfplumber" / f"{name}.txt")
    got = {k: None if v is None else str(v) for k, v in report.cells().items()}
    assert {k: got.get(k) for k in want} == want
    assert (report.agency, report.year, report.published_on and report.published_on.isoformat()) == meta


def test_browser_header_and_footer_are_not_report_lines() -> None:
    lines = ["2023年某镇人民政府政府信息公开工作年度报告", "（二）部分公开", "1", "0",
             "12/3/26, 10:22 AM", "2023年某镇人民政府政府信息公开工作年度报告_某区人民政府门户网站",
             "file:///tmp/page.html", "2/4", "（三）不予公开"]
    text = "\n".join(lines)
    assert _print_chrome(lines, text) == {4, 5, 6}
    # The page title with the site's name stays where the page prints no title of its own: the
    # title search may need it.
    assert _print_chrome(lines[1:], "\n".join(lines[1:])) == {3, 5}


def test_a_line_of_numbers_may_hold_signed_changes() -> None:
    assert NUMBERS_ONLY.fullmatch("16                                              -9")
    assert NUMBERS_ONLY.fullmatch("-7 0")
    assert NUMBERS_ONLY.fullmatch("2 0 0 0 0 0 2")
    assert not NUMBERS_ONLY.fullmatch("16 - 9 件")
    assert not NUMBERS_ONLY.fullmatch("2023年")
