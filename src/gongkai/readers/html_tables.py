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

from selectolax.lexbor import LexborHTMLParser, LexborNode

from gongkai.model.provenance import Where
from gongkai.readers.document import DocumentBuilder
from gongkai.readers.html_text import CELL_TAGS, SEP, children, clean_cell, is_hidden, node_text

LAYOUT_CELL = 300  # a "cell" holding more text than any template label is page layout, not data
_NEEDS_TAGS = frozenset({"table", "script", "style", "noscript", "template", "select", "button", "textarea", "iframe",
                         "object", "svg"})
_NEEDS_NODES = (
    ", ".join(sorted(_NEEDS_TAGS)) + ", [hidden], "
    '[style*="display:none" i], [style*="display: none" i], '
    '[style*="visibility:hidden" i], [style*="visibility: hidden" i]'
)
# A cheaper superset of _NEEDS_NODES, tried first (lexbor pays per element and selector): none of
# the needed tags is in the :not() list, and "display:none" holds "none", "visibility:hidden"
# holds "hidden". The list names the tags report tables are made of, commonest first.
_SUSPECTS = (
    r":not(td, p, span, tr, br, th, tbody, font, strong, b, div, o\:p, a, thead, tfoot, colgroup, col, caption, "
    r'img, center), [hidden], [style*="none" i], [style*="hidden" i]'
)
_ROW_GROUPS = frozenset({"thead", "tbody", "tfoot"})
_IDS = {node.tag: node.tag_id for node in LexborHTMLParser("<table><tr><td><th>").css("tr, td, th")}
_TD, _TH, _TR = _IDS["td"], _IDS["th"], _IDS["tr"]  # lexbor's fixed ids: ints compare cheaper than names
# A cell's path ends in "td[3]": the names for the usual column counts are built once, not per cell.
_NAMES = {kind: tuple(f"{tag}[{n}]" for n in range(64)) for kind, tag in ((_TD, "td"), (_TH, "th"))}


@dataclass(slots=True)
class Row:
    """One table row as scanned: per physical cell its path name and raw text."""

    names: list[str]  # "td[1]", "th[2]", …
    raws: list[str]  # the cell's text nodes joined by SEP
    pieced: list[tuple[int, LexborNode]]  # cells of several text nodes, read node by node when emitted


@dataclass(slots=True)
class Grid:
    """A data table as scanned: its rows, or None when it must be read node by node."""

    rows: list[Row] | None
    weight: int  # visible characters, for finding the report container
    caption: LexborNode | None = None  # the table's first <caption>, if any


def scan(table: LexborNode) -> Grid | None:
    """Read a table once; None when it is page layout (one column, or cells holding pages)."""
    if _needs_nodes(table):
        return _scan_nodes(table)
    rows: list[Row] = []
    raws_all: list[str] = []
    caption = None
    widest = 0
    for found in table.css("tr, caption"):  # one walk for both, in document order
        if found.tag_id != _TR:
            if caption is None:
                caption = found
            continue
        names: list[str] = []
        raws: list[str] = []
        pieced: list[tuple[int, LexborNode]] = []
        cell = found.first_child
        while cell is not None:
            kind = cell.tag_id  # an int: cheaper than the tag's name, which lexbor builds anew each time
            if kind in _NAMES:
                raw = cell.text(True, SEP)
                if SEP in raw:
                    pieced.append((len(raws), cell))
                n = len(raws) + 1
                names.append(_NAMES[kind][n] if n < 64 else f"{'td' if kind == _TD else 'th'}[{n}]")
                raws.append(raw)
            cell = cell.next
        rows.append(Row(names, raws, pieced))
        raws_all += raws
        widest = max(widest, len(raws))
    if widest < 2:
        return None
    sizes = list(map(len, raws_all))
    if max(sizes) <= LAYOUT_CELL:
        return Grid(rows, sum(sizes), caption)
    weight = 0
    for size, raw in zip(sizes, raws_all, strict=True):
        if size > LAYOUT_CELL:
            size = len("".join(raw.replace(SEP, " ").split()))
            if size > LAYOUT_CELL:
                return None
        weight += size
    return Grid(rows, weight, caption)


def _needs_nodes(table: LexborNode) -> bool:
    """Whether the table holds anything of ``_NEEDS_NODES``, asking lexbor the cheaper question first."""
    tid = table.mem_id
    doubtful = False
    for node in table.css(_SUSPECTS):
        if node.mem_id != tid:
            if node.tag in _NEEDS_TAGS:
                return True
            doubtful = True  # another tag, or a style that only might hide
    return doubtful and any(n.mem_id != tid for n in table.css(_NEEDS_NODES))


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
    if grid.caption is not None:
        _caption(grid.caption, tnum, builder)
    lines = builder.lines
    for rnum, row in enumerate(grid.rows, 1):
        texts = list(map(clean_cell, row.raws))
        for i, cell in row.pieced:  # several text nodes: <br> and inner blocks decide the spacing
            texts[i] = node_text(cell)
        if any(texts):
            line = len(lines) + 1
            prefix = f"table[{tnum}]/tr[{rnum}]/"
            wheres: list[Where | None] = [Where(line, None, None, prefix + name) for name in row.names]
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
