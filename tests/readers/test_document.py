"""The Document every reader builds: offsets, lazily made lines, blank cells, provenance."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from gongkai.model.provenance import Where
from gongkai.readers.document import BLANK_MARKS, DocumentBuilder, fold

_CELL = st.text(alphabet="0123456789一二三件—/无 \t\n\r（）１２", max_size=8)
_LINE = st.tuples(
    st.lists(_CELL, min_size=0, max_size=5),  # cell texts
    st.sampled_from(["text", "row", "heading"]),
    st.booleans(),  # grid
    st.sampled_from(["add", "text", "tabbed"]),  # which builder door the reader used
)


def _clean(text: str) -> str:
    """A cell as the builder keeps it: tabs and line breaks inside it become spaces."""
    return text.replace("\t", " ").replace("\n", " ").replace("\r", " ")


def _build(lines: list[tuple[list[str], str, bool, str]]) -> tuple[object, list[list[str]]]:
    builder = DocumentBuilder("x.txt", "text")
    expected: list[list[str]] = []
    for number, (texts, kind, grid, door) in enumerate(lines, start=1):
        clean = [_clean(t) for t in texts] or [""]
        if door == "text" or (door == "add" and len(texts) <= 1):
            builder.add_text(texts[0] if texts else "", grid=grid, kind=kind, number=number)
            expected.append(clean[:1])
        elif door == "tabbed":
            builder.add_tabbed("\t".join(clean), number=number)
            expected.append(clean)
        else:
            wheres = [Where(path=f"cell[{i}]") for i in range(len(texts))]
            builder.add(texts, grid=grid, kind=kind, number=number, wheres=wheres)
            expected.append(clean)
    return builder.build(), expected


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINE, max_size=12))
def test_cells_point_at_their_own_text(lines: list[tuple[list[str], str, bool, str]]) -> None:
    doc, expected = _build(lines)
    assert len(doc.lines) == len(lines)
    assert doc.text.count("\n") == max(len(lines) - 1, 0)
    for i, line in enumerate(doc.lines):
        assert line.number == i + 1
        assert [c.text for c in line.cells] == expected[i]
        for cell in line.cells:
            assert doc.text[cell.start:cell.end] == cell.text
            assert doc.line_index(cell.start) == i
            assert doc.where(cell.start, cell.end).line == i + 1
    assert len(doc.folded) == len(doc.text)


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINE, max_size=12), st.integers(0, 80), st.integers(0, 80))
@example(  # an empty cell starting exactly at the end of the stretch belongs to the next one
    [([], "text", False, "add"), (["", "0", "00"], "text", False, "add"), (["", "", "00", ""], "row", True, "tabbed")],
    0, 12,
)
def test_blank_cells_in_a_stretch(lines: list[tuple[list[str], str, bool, str]], a: int, b: int) -> None:
    doc, _ = _build(lines)
    start, end = min(a, b), max(a, b)
    every = [c for line in doc.lines for c in line.cells
             if c.grid and c.text.strip() in BLANK_MARKS and start <= c.start < end and c.end <= end]
    assert doc.blanks_in(start, end) == every


def test_lines_are_made_once_and_compare_like_lists() -> None:
    builder = DocumentBuilder("x.html", "html")
    builder.add(["一、本年新收", "3", "—"], grid=True, kind="row",
                wheres=[Where(path="td[1]"), Where(path="td[2]"), Where(path="td[3]")])
    builder.add_text("正文")
    doc = builder.build()
    assert doc.lines[0] is doc.lines[0]
    assert doc.lines[-1].cells[0].text == "正文"
    assert doc.lines[:1] == [doc.lines[0]]
    assert doc.lines == list(doc.lines)
    where = doc.where(doc.text.index("3"), doc.text.index("3") + 1)
    assert (where.line, where.path) == (1, "td[2]")
    assert [c.text for c in doc.blanks_in(0, len(doc.text))] == ["—"]


def test_fold_keeps_length_and_maps_full_width() -> None:
    assert fold("（１２），３　件") == "(12),3 件"
    assert len(fold("\u3000\u00a0\ufeff")) == 3
