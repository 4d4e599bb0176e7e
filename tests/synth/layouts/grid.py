"""The three tables as grids of cells with row/column spans, the way the official form draws them.

Each layout prints these grids its own way: HTML keeps the spans, Word-exported text writes one
cell per line with an empty cell where a merged cell continues downwards, tab/pipe rows write every
grid position, and a crawler concatenates the cell texts.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from gongkai.model import keys
from gongkai.model.report import Report, Value
from gongkai.model.template import (
    APPEAL_COLUMN_LABELS,
    REQUEST_COLUMN_LABELS,
    REQUEST_NOTE,
    REQUEST_ROW_SPECS,
    TEMPLATES,
)


@dataclass(slots=True)
class GCell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    key: str | None = None  # the contract cell key, for value cells
    header: bool = False  # a printed label that a PDF might wrap over lines


Grid = list[list[GCell]]  # each row lists the cells that start in it (HTML semantics)


def fmt(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _val(report: Report, key: str, colspan: int = 1) -> GCell:
    return GCell(fmt(report.cell(key)), colspan=colspan, key=key)


def active_grid(report: Report) -> Grid:
    """Section 二: every block in one 4-column table (信息内容 + up to three value columns)."""
    assert report.template is not None
    spans = {1: (3,), 2: (1, 2), 3: (1, 1, 1)}
    grid: Grid = []
    for block in TEMPLATES[report.template].active_blocks:
        widths = spans[len(block.columns)]
        grid.append([GCell(block.heading, colspan=4, header=True)])
        grid.append([GCell("信息内容", header=True)]
                    + [GCell(c.label, colspan=w, header=True) for c, w in zip(block.columns, widths, strict=True)])
        for row in block.rows:
            grid.append([GCell(row.label, header=True)]
                        + [_val(report, keys.cell_key("active", row.key, c.key), w)
                           for c, w in zip(block.columns, widths, strict=True)])
    return grid


def requests_grid(report: Report) -> Grid:
    """Section 三: 3 label columns + 7 value columns, with the official merged header."""
    assert report.template is not None
    rows = TEMPLATES[report.template].request_rows
    grid: Grid = [
        [GCell(REQUEST_NOTE, colspan=3, rowspan=3, header=True), GCell("申请人情况", colspan=7, header=True)],
        [GCell("自然人", rowspan=2, header=True), GCell("法人或其他组织", colspan=5, header=True),
         GCell("总计", rowspan=2, header=True)],
        [GCell(REQUEST_COLUMN_LABELS[c], header=True) for c in keys.REQUEST_COLUMNS[1:6]],
    ]
    outcome_rows = [r for r in rows if r not in ("received", "carried_over", "carried_forward")]
    group_sizes: dict[str, int] = {}
    for r in rows:
        group = REQUEST_ROW_SPECS[r].group
        if group:
            group_sizes[group] = group_sizes.get(group, 0) + 1
    seen: set[str] = set()
    for r in rows:
        values = [_val(report, keys.cell_key("requests", r, c)) for c in keys.REQUEST_COLUMNS]
        spec = REQUEST_ROW_SPECS[r]
        if r in ("received", "carried_over", "carried_forward"):
            grid.append([GCell(spec.label, colspan=3, header=True), *values])
            continue
        lead: list[GCell] = []
        if r == outcome_rows[0]:
            lead.append(GCell("三、本年度办理结果", rowspan=len(outcome_rows), header=True))
        if spec.group:
            if spec.group not in seen:
                seen.add(spec.group)
                lead.append(GCell(spec.group, rowspan=group_sizes[spec.group], header=True))
            lead.append(GCell(spec.label, header=True))
        else:
            lead.append(GCell(spec.label, colspan=2, header=True))
        grid.append([*lead, *values])
    return grid


def appeals_grid(report: Report) -> Grid:
    labels = [APPEAL_COLUMN_LABELS[c] for c in keys.APPEAL_COLUMNS]
    return [
        [GCell("行政复议", colspan=5, header=True), GCell("行政诉讼", colspan=10, header=True)],
        [*(GCell(t, rowspan=2, header=True) for t in labels),
         GCell("未经复议直接起诉", colspan=5, header=True), GCell("复议后起诉", colspan=5, header=True)],
        [GCell(t, header=True) for t in labels * 2],
        [_val(report, keys.cell_key("appeals", g, c)) for g in keys.APPEAL_GROUPS for c in keys.APPEAL_COLUMNS],
    ]


@dataclass(slots=True)
class Slot:
    """One grid position: the cell starting there, or the cell covering it from above/left."""

    cell: GCell
    kind: str  # "start" | "below" (covered by a rowspan from above) | "right" (covered by a colspan)
    first_of_cover: bool = False  # the leftmost covered position of that cell in this row


def positions(grid: Grid) -> list[list[Slot]]:
    """Lay the grid out as HTML does: every row gets one slot per column."""
    occupied: dict[tuple[int, int], tuple[GCell, int, int]] = {}
    out: list[list[Slot]] = []
    for r, row in enumerate(grid):
        slots: list[Slot] = []
        col = 0
        cells = iter(row)
        pending = next(cells, None)
        while pending is not None or any((r, c) in occupied for c in range(col, col + 64)):
            if (r, col) in occupied:
                cell, r0, c0 = occupied[(r, col)]
                kind = "below" if r0 < r else "right"
                slots.append(Slot(cell, kind, first_of_cover=(col == c0)))
                col += 1
                continue
            if pending is None:
                break
            for dr in range(pending.rowspan):
                for dc in range(pending.colspan):
                    occupied[(r + dr, col + dc)] = (pending, r, col)
            slots.append(Slot(pending, "start"))
            for _ in range(1, pending.colspan):
                col += 1
                slots.append(Slot(pending, "right"))
            col += 1
            pending = next(cells, None)
        out.append(slots)
    return out


def value_cells(grid: Grid) -> list[GCell]:
    return [c for row in grid for c in row if c.key is not None]
