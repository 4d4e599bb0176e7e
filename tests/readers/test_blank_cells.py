"""Blank cells at the ends of a row's values: dropped only where one choice leaves the row's width."""

from __future__ import annotations

import pytest

from gongkai.readers.extract.values import Token, _trim_blanks


def _tokens(spec: str) -> list[Token]:
    """"B" a blank cell, a digit a number: "B12B" -> blank, 1, 2, blank."""
    return [Token(None if c == "B" else int(c), i, i + 1, "\xa0" if c == "B" else c, False) for i, c in enumerate(spec)]


def _spec(tokens: list[Token]) -> str:
    return "".join("B" if t.value is None else str(t.value) for t in tokens)


@pytest.mark.parametrize(("tokens", "n", "row"), [
    ("12BB11B", 7, "12BB11B"),  # already the row's width: kept whole
    ("12BB11BB", 7, "12BB11B"),  # one blank too many, only at the end: the last goes
    ("BB12BB11", 7, "B12BB11"),  # … only at the start: the first goes
    ("B12BB11B", 7, None),  # one too many with blanks at both ends: which one is not the row's?
    ("B12BB11B", 6, "12BB11"),  # two too many: both ends go, the one choice
    ("BB1BB", 1, "1"),  # every end blank goes: the old full trim, the one choice
    ("B12", 4, "12"),  # too few either way: nothing fits (the caller sees the short row)
])
def test_trim_blanks(tokens: str, n: int, row: str | None) -> None:
    trimmed = _trim_blanks(_tokens(tokens), n)
    if row is None:
        assert len(trimmed) != n
    else:
        assert _spec(trimmed) == row


def test_a_rows_cells_end_before_the_cell_the_next_label_starts_in() -> None:
    """A page's text with every cell tab-separated and no break between rows: the next row's cue
    ("部分公开") starts inside its cell ("（二）部分公开…"); that cell is the next row's, not a value."""
    from gongkai.readers.document import DocumentBuilder
    from gongkai.readers.extract.values import row_cells

    builder = DocumentBuilder("x.txt", "text")
    builder.add_tabbed("（一）予以公开\t\xa0\t1\t\xa0\t\xa0\t\xa0\t\xa0\t1\t（二）部分公开（区分处理的）\t3")
    doc = builder.build()
    start = doc.text.index("予以公开") + 4
    stop = doc.text.index("部分公开")
    cells = row_cells(doc, start, stop)
    assert cells is not None
    assert [t.value for t in cells] == [None, 1, None, None, None, None, 1]
