"""The three tables as the national template draws them: a grid of cells with row and column spans.

HTML (rowspan/colspan), DOCX (vMerge/gridSpan) and Markdown (spans flattened to blank cells) all
print the same grid, so the shape of the official form is written down once, here. Shapes follow
template.md §a.3 and §c.2 and the portal HTML of published reports (rowspan for the group labels
of section 三, colspan for the labels that span the three label columns).
"""

from __future__ import annotations

from dataclasses import dataclass
from math import lcm

from gongkai.model import keys
from gongkai.model.report import Report
from gongkai.model.template import (
    APPEAL_COLUMN_LABELS,
    APPEAL_GROUP_LABELS,
    REQUEST_COLUMN_LABELS,
    REQUEST_NOTE,
    REQUEST_ROW_SPECS,
    TemplateSpec,
)
from gongkai.writers.formatting import fmt_value


@dataclass(frozen=True, slots=True)
class GridCell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    role: str = "label"  # "block" | "head" | "note" | "label" | "group" | "value"
    key: str | None = None  # the contract key of a value cell

    @property
    def header(self) -> bool:
        return self.role in ("block", "head", "note")


@dataclass(frozen=True, slots=True)
class Grid:
    name: str  # "active" | "requests" | "appeals"
    columns: int
    rows: tuple[tuple[GridCell, ...], ...]
    header_rows: int  # leading rows repeated on every page the table crosses
    widths: tuple[float, ...]  # relative column widths, summing to 1
    label_columns: int  # leading columns that hold labels, not values


def _value(report: Report, key: str, colspan: int = 1) -> GridCell:
    return GridCell(fmt_value(report.cell(key)), colspan=colspan, role="value", key=key)


def active_grid(report: Report, spec: TemplateSpec) -> Grid:
    """Section 二: one block per 第二十条 item; each value spans the columns its block leaves free."""
    units = lcm(*(len(b.columns) for b in spec.active_blocks))
    rows: list[tuple[GridCell, ...]] = []
    for block in spec.active_blocks:
        span = units // len(block.columns)
        rows.append((GridCell(block.heading, colspan=units + 1, role="block"),))
        rows.append((GridCell("信息内容", role="head"),
                     *(GridCell(c.label, colspan=span, role="head") for c in block.columns)))
        for row in block.rows:
            rows.append((GridCell(row.label),
                         *(_value(report, keys.cell_key("active", row.key, c.key), span) for c in block.columns)))
    label = 0.28
    return Grid("active", units + 1, tuple(rows), 0, (label, *([(1 - label) / units] * units)), 1)


def requests_grid(report: Report, spec: TemplateSpec) -> Grid:
    """Section 三: the 勾稽 note over three label columns, 申请人情况 over seven value columns."""
    cols = keys.REQUEST_COLUMNS
    label = REQUEST_COLUMN_LABELS
    rows: list[tuple[GridCell, ...]] = [
        (GridCell(REQUEST_NOTE, rowspan=3, colspan=3, role="note"), GridCell("申请人情况", colspan=7, role="head")),
        (GridCell(label["natural_person"], rowspan=2, role="head"), GridCell("法人或其他组织", colspan=5, role="head"),
         GridCell(label["total"], rowspan=2, role="head")),
        tuple(GridCell(label[c], role="head") for c in cols[1:6]),
    ]

    def values(row: str) -> tuple[GridCell, ...]:
        return tuple(_value(report, keys.cell_key("requests", row, c)) for c in cols)

    outcomes = [r for r in spec.request_rows if r not in ("received", "carried_over", "carried_forward")]
    for row in ("received", "carried_over"):
        rows.append((GridCell(REQUEST_ROW_SPECS[row].label, colspan=3), *values(row)))
    group_open: str | None = None
    for i, row in enumerate(outcomes):
        rs = REQUEST_ROW_SPECS[row]
        cells: list[GridCell] = []
        if i == 0:
            cells.append(GridCell("三、本年度办理结果", rowspan=len(outcomes), role="group"))
        if rs.group is None:
            cells.append(GridCell(rs.label, colspan=2))
        else:
            if rs.group != group_open:
                size = sum(1 for r in outcomes if REQUEST_ROW_SPECS[r].group == rs.group)
                cells.append(GridCell(rs.group, rowspan=size, role="group"))
            cells.append(GridCell(rs.label))
        group_open = rs.group
        rows.append((*cells, *values(row)))
    rows.append((GridCell(REQUEST_ROW_SPECS["carried_forward"].label, colspan=3), *values("carried_forward")))
    return Grid("requests", 10, tuple(rows), 3, (0.045, 0.09, 0.27, *([0.085] * 7)), 3)


def appeals_grid(report: Report) -> Grid:
    """Section 四: 行政复议 (5) | 行政诉讼 › {未经复议直接起诉 (5) | 复议后起诉 (5)}, one data row."""
    cols = keys.APPEAL_COLUMNS
    rows: tuple[tuple[GridCell, ...], ...] = (
        (GridCell(APPEAL_GROUP_LABELS["review"], colspan=5, role="head"), GridCell("行政诉讼", colspan=10, role="head")),
        (*(GridCell(APPEAL_COLUMN_LABELS[c], rowspan=2, role="head") for c in cols),
         GridCell(APPEAL_GROUP_LABELS["suit_direct"], colspan=5, role="head"),
         GridCell(APPEAL_GROUP_LABELS["suit_after_review"], colspan=5, role="head")),
        tuple(GridCell(APPEAL_COLUMN_LABELS[c], role="head") for _ in range(2) for c in cols),
        tuple(_value(report, keys.cell_key("appeals", g, c)) for g in keys.APPEAL_GROUPS for c in cols),
    )
    return Grid("appeals", 15, rows, 3, tuple([1 / 15] * 15), 0)


def grid_for(report: Report, spec: TemplateSpec, section: int) -> Grid | None:
    if section == 2:
        return active_grid(report, spec)
    if section == 3:
        return requests_grid(report, spec)
    if section == 4:
        return appeals_grid(report)
    return None


def expand(grid: Grid) -> list[list[tuple[GridCell, bool] | None]]:
    """The grid as a full matrix: each position holds (cell, is_origin), None if nothing covers it."""
    matrix: list[list[tuple[GridCell, bool] | None]] = [[None] * grid.columns for _ in grid.rows]
    for r, row in enumerate(grid.rows):
        c = 0
        for cell in row:
            while c < grid.columns and matrix[r][c] is not None:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    matrix[r + dr][c + dc] = (cell, dr == 0 and dc == 0)
            c += cell.colspan
    return matrix

