"""Reports converted to text or Markdown by the tools researchers use read as the source does.

``tests/data/text/converters/TOOL__SOURCE.*`` is the output of TOOL on one of the project's HTML
or DOCX fixtures (the real Shanghai page among them): ``w3m -dump`` (tables drawn with box
characters), html2text (Markdown tables without outer pipes, spanned cells left out), pandoc
(``-t gfm``, ``-t plain``), docx2txt and MarkItDown. Each must give every cell, the agency, the
year and the date that the source itself gives (the sources are checked against their expected
values in their own tests).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai import api
from gongkai.readers.box_tables import unbox

DATA = Path(__file__).parent.parent / "data"
SOURCES = {
    "shanghai-office-2019": DATA / "corpus" / "shanghai-office-2019.html",
    "layout-2021-utf8": DATA / "html" / "layout-2021-utf8.html",
    "portal-2021-gbk": DATA / "html" / "portal-2021-gbk.html",
    "fragment-gb18030": DATA / "html" / "fragment-gb18030.html",
    "lo-2021": DATA / "docx" / "lo-2021.docx",
    "pydocx-merges": DATA / "docx" / "pydocx-merges.docx",
}
CONVERTED = sorted((DATA / "text" / "converters").iterdir())


@pytest.mark.parametrize("path", CONVERTED, ids=[p.name for p in CONVERTED])
def test_converted_text_reads_like_its_source(path: Path) -> None:
    source = api.read(SOURCES[path.name.split("__", 1)[1].rsplit(".", 1)[0]])
    report = api.read(path)
    assert report.cells() == source.cells()
    assert (report.agency, report.year, report.published_on) == (source.agency, source.year, source.published_on)


def _lines(text: str) -> list[str]:
    return [line for _n, line in unbox(enumerate(text.splitlines(), start=1))]


def test_box_table_rows_keep_their_blank_cells_and_spanning_labels() -> None:
    table = """┌────────┬────┬────┐
│（七）总计│ 48 │    │
├────────┼────┼────┤
│        │1.属于国家秘密├────┤
└────────┴────┴────┘"""
    assert _lines(table) == ["（七）总计\t48\t", "1.属于国家秘密"]


def test_a_number_wrapped_in_a_narrow_cell_is_joined_where_every_row_is_ruled() -> None:
    # w3m writes "５６" in a column two characters wide over two lines.
    table = """├──────┼──┼──┤
│（六）│0 │0 │
├──────┼──┼──┤
│（七）│４８│５│
│      │  │６│
├──────┼──┼──┤
│四、  │0 │2 │
└──────┴──┴──┘"""
    assert _lines(table)[1] == "（七）\t４８\t５６"


def test_rows_without_rules_between_them_are_never_joined() -> None:
    # A console table with a rule under its header only: two rows, not one row of glued numbers.
    table = """┌──────┬──┐
│行    │总│
├──────┼──┤
│（六）│10│
│（七）│5 │
└──────┴──┘"""
    assert _lines(table) == ["行\t总", "（六）\t10", "（七）\t5"]
