"""Data tables: every row becomes one line of its physical cells, each cell exactly once.

The extraction reads value tokens between row labels, so a colspan/rowspan cell must not be
repeated (that would inject values the report never printed) and a blank cell must stay a blank
cell. Most report tables are plain grids of short cells; lexbor reads those in C, cell by cell.
Tables holding other tables, scripts or hidden parts are read node by node instead, and a
nested table's rows follow the row that holds it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from selectolax.lexbor import LexborNode

from gongkai.model.provenance import Where
from gongkai.readers.document import DocumentBuilder
from gongkai.readers.html_text import CELL_TAGS, SEP, children, clean_cell, is_hidden, node_text

LAYOUT_CELL = 300  # a "cell" holding more text than any template label is page layout, not data
_NEEDS_NODES = (
    "table, script, style, noscript, template, select, button, textarea, iframe, object, svg, [hidden], "
    '[style*="display:none" i], [style*="display: none" i], '
    '[style*="visibility:hidden" i], [style*="visibility: hidden" i]'
)
_ROW_GROUPS = frozenset({"thead", "tbody", "tfoot"})

Cells = list[tuple[str, str, LexborNode]]  # (tag, raw text with SEP between text nodes, cell)


@dataclass(slots=True)
class Grid:
    """A data table as scanned: its rows, or None when it must be read node by node."""

    rows: list[Cells] | None
    weight: int  # visible characters, for finding the report container


def scan(table: LexborNode) -> Grid | None:
    """Read a table once; None when it is page layout (one column, or cells holding pages)."""
    tid = table.mem_id
    if any(n.mem_id != tid for n in table.css(_NEEDS_NODES)):
        return _scan_nodes(table)
    rows: list[Cells] = [
        [(tag, c.text(deep=True, separator=SEP), c) for c in row.iter() if (tag := c.tag) in CELL_TAGS]
        for row in table.css("tr")
    ]
    if max(map(len, rows), default=0) < 2:
        return None
    weight = 0
    for row in rows:
        for _, raw, _ in row:
            size = len(raw)
            if size > LAYOUT_CELL:
                size = len("".join(raw.replace(SEP, " ").split()))
                if size > LAYOUT_CELL:
                    return None
            weight += size
    return Grid(rows, weight)


def _scan_nodes(table: LexborNode) -> Grid | None:
    rows = [_cells(row) for row in _rows(table)]
    if max(map(len, rows), default=0) < 2:
        return None
    if any(len(c.text(deep=True, strip=True)) > LAYOUT_CELL for row in rows for c in row):
        return None
    return Grid(None, len(table.text(deep=True, strip=True)))


def emit(table: LexborNode, grid: Grid, builder: DocumentBuilder, ordinal: Callable[[str, int], int]) -> None:
    """Add the table's rows to ``builder``; rows whose cells are all blank are left out."""
    if grid.rows is None:
        _emit_nodes(table, builder, ordinal)
        return
    tnum = ordinal("table", table.mem_id)
    caption = table.css_first("caption")
    if caption is not None:
        _caption(caption, tnum, builder)
    for rnum, row in enumerate(grid.rows, 1):
        texts = [clean_cell(raw) if SEP not in raw else node_text(cell) for _, raw, cell in row]
        if any(texts):
            line = len(builder.lines) + 1
            wheres: list[Where | None] = [
                Where(line, None, None, f"table[{tnum}]/tr[{rnum}]/{tag}[{cnum}]")
                for cnum, (tag, _, _) in enumerate(row, 1)
            ]
            builder.add(texts, grid=True, wheres=wheres, kind="row")


def _emit_nodes(table: LexborNode, builder: DocumentBuilder, ordinal: Callable[[str, int], int]) -> None:
    """Node-by-node reading; each nested table's rows come right after the row holding it."""
    pending: list[Iterator[tuple[int, int, LexborNode]]] = [_numbered_rows(table, builder, ordinal)]
    while pending:
        entry = next(pending[-1], None)
        if entry is None:
            pending.pop()
            continue
        tnum, rnum, row = entry
        texts: list[str] = []
        wheres: list[Where | None] = []
        nested: list[LexborNode] = []
        line = len(builder.lines) + 1
        for cnum, cell in enumerate(_cells(row), 1):
            texts.append("" if is_hidden(cell.attributes) else node_text(cell, nested))
            wheres.append(Where(line, None, None, f"table[{tnum}]/tr[{rnum}]/{cell.tag}[{cnum}]"))
        if any(texts):
            builder.add(texts, grid=True, wheres=wheres, kind="row")
        pending.extend(_numbered_rows(t, builder, ordinal) for t in reversed(nested))


def _numbered_rows(table: LexborNode, builder: DocumentBuilder,
                   ordinal: Callable[[str, int], int]) -> Iterator[tuple[int, int, LexborNode]]:
    tnum = ordinal("table", table.mem_id)
    for child in children(table):
        if child.tag == "caption":
            _caption(child, tnum, builder)
    for rnum, row in enumerate(_rows(table), 1):
        if not is_hidden(row.attributes):
            yield tnum, rnum, row


def _caption(caption: LexborNode, tnum: int, builder: DocumentBuilder) -> None:
    text = node_text(caption)
    if text:
        builder.add([text], wheres=[Where(len(builder.lines) + 1, None, None, f"table[{tnum}]/caption")])


def _rows(table: LexborNode) -> list[LexborNode]:
    """The table's own rows (not those of tables nested in its cells), in document order."""
    rows: list[LexborNode] = []
    for child in children(table):
        tag = child.tag
        if tag == "tr":
            rows.append(child)
        elif tag in _ROW_GROUPS:
            rows.extend(c for c in children(child) if c.tag == "tr")
    return rows


def _cells(row: LexborNode) -> list[LexborNode]:
    return [c for c in children(row) if c.tag in CELL_TAGS]
