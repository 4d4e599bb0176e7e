"""Sections 二、三、四 laid out like the national template: header cells with their spans, then values.

The layout is built here (plain data) so one small Jinja macro can draw any of the three tables for
the 2021 template and the 2019 trial form alike, from the ledger or from an uploaded report.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.model import keys
from gongkai.model.keys import Template
from gongkai.model.report import Report, Value
from gongkai.model.template import (
    APPEAL_COLUMN_LABELS,
    APPEAL_GROUP_LABELS,
    REQUEST_COLUMN_LABELS,
    REQUEST_NOTE,
    REQUEST_ROW_SPECS,
    TEMPLATES,
)


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    header: bool = False
    kind: str = "label"  # label | num | group
    key: str | None = None  # the contract key of a value cell (shown as a tooltip)


Row = list[Cell]


@dataclass(frozen=True, slots=True)
class TableView:
    caption: str
    rows: list[Row]
    present: bool


def _value(report: Report, key: str) -> Cell:
    value: Value = report.cell(key)
    if value is None:
        text = ""
    elif isinstance(value, int):
        text = str(value)
    else:
        text = format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    return Cell(text, kind="num", key=key)


def _with_span(cell: Cell, colspan: int) -> Cell:
    return Cell(cell.text, colspan=colspan, kind=cell.kind, key=cell.key)


def active_table(report: Report) -> TableView:
    spec = TEMPLATES[report.template if report.template in (Template.V2019,) else Template.V2021]
    rows: list[Row] = []
    width = max(len(b.columns) for b in spec.active_blocks)
    for block in spec.active_blocks:
        spans = [1] * (len(block.columns) - 1) + [1 + width - len(block.columns)]  # the last column fills the row
        rows.append([Cell(block.heading, colspan=1 + width, header=True)])
        rows.append([Cell("信息内容", header=True)]
                    + [Cell(c.label, colspan=n, header=True) for c, n in zip(block.columns, spans, strict=True)])
        for row in block.rows:
            rows.append([Cell(row.label)] + [
                _with_span(_value(report, keys.cell_key("active", row.key, c.key)), n)
                for c, n in zip(block.columns, spans, strict=True)])
    return TableView("二、主动公开政府信息情况", rows, bool(report.tables.get("active")))


def requests_table(report: Report) -> TableView:
    v2019 = report.template == Template.V2019
    order = keys.REQUEST_ROWS_2019 if v2019 else keys.REQUEST_ROWS_2021
    outcome_rows = [r for r in order if r not in ("received", "carried_over", "carried_forward")]
    corporate = [REQUEST_COLUMN_LABELS[c] for c in keys.APPLICANT_COLUMNS[1:]]
    rows: list[Row] = [
        [Cell(REQUEST_NOTE, colspan=3, rowspan=3, header=True), Cell("申请人情况", colspan=7, header=True)],
        [Cell("自然人", rowspan=2, header=True), Cell("法人或其他组织", colspan=5, header=True),
         Cell("总计", rowspan=2, header=True)],
        [Cell(text, header=True) for text in corporate],
    ]

    def values(row: str) -> Row:
        return [_value(report, keys.cell_key("requests", row, c)) for c in keys.REQUEST_COLUMNS]

    rows.append([Cell(REQUEST_ROW_SPECS["received"].label, colspan=3), *values("received")])
    rows.append([Cell(REQUEST_ROW_SPECS["carried_over"].label, colspan=3), *values("carried_over")])
    group_sizes: dict[str, int] = {}
    for row in outcome_rows:
        group = REQUEST_ROW_SPECS[row].group
        if group:
            group_sizes[group] = group_sizes.get(group, 0) + 1
    started: set[str] = set()
    for index, row in enumerate(outcome_rows):
        spec = REQUEST_ROW_SPECS[row]
        cells: Row = []
        if index == 0:
            cells.append(Cell("三、本年度办理结果", rowspan=len(outcome_rows), kind="group"))
        if spec.group:
            if spec.group not in started:
                started.add(spec.group)
                cells.append(Cell(spec.group, rowspan=group_sizes[spec.group], kind="group"))
            cells.append(Cell(spec.label))
        else:
            cells.append(Cell(spec.label, colspan=2))
        rows.append(cells + values(row))
    rows.append([Cell(REQUEST_ROW_SPECS["carried_forward"].label, colspan=3), *values("carried_forward")])
    return TableView("三、收到和处理政府信息公开申请情况", rows, bool(report.tables.get("requests")))


def appeals_table(report: Report) -> TableView:
    columns = [APPEAL_COLUMN_LABELS[c] for c in keys.APPEAL_COLUMNS]
    rows: list[Row] = [
        [Cell(APPEAL_GROUP_LABELS["review"], colspan=5, header=True), Cell("行政诉讼", colspan=10, header=True)],
        [*(Cell(c, rowspan=2, header=True) for c in columns),
         Cell(APPEAL_GROUP_LABELS["suit_direct"], colspan=5, header=True),
         Cell(APPEAL_GROUP_LABELS["suit_after_review"], colspan=5, header=True)],
        [Cell(c, header=True) for c in columns * 2],
        [_value(report, keys.cell_key("appeals", g, c)) for g in keys.APPEAL_GROUPS for c in keys.APPEAL_COLUMNS],
    ]
    return TableView("四、政府信息公开行政复议、行政诉讼情况", rows, bool(report.tables.get("appeals")))


def report_tables(report: Report) -> list[TableView]:
    return [active_table(report), requests_table(report), appeals_table(report)]
