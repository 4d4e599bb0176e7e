"""The annual tables (sections 二, 三, 四) as an .xlsx workbook with the official labels."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from gongkai.model.keys import APPEAL_COLUMNS, APPEAL_GROUPS, REQUEST_COLUMNS, REQUEST_ROWS_2021
from gongkai.model.template import (
    ACTIVE_BLOCKS_2021,
    APPEAL_COLUMN_LABELS,
    APPEAL_GROUP_LABELS,
    REQUEST_COLUMN_LABELS,
    REQUEST_NOTE,
    REQUEST_ROW_SPECS,
)

_BOLD = Font(bold=True)


def _cell(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value


def _bold_row(sheet: Any, row: int) -> None:
    for cell in sheet[row]:
        cell.font = _BOLD
        cell.alignment = Alignment(horizontal="center", wrap_text=True)


def export_tables(*, tables: Mapping[str, Any], path: str | Path, title: str = "") -> None:
    book = Workbook()
    active = book.active
    active.title = "二、主动公开"
    if title:
        active.append([title])
    for block in ACTIVE_BLOCKS_2021:
        active.append([block.heading])
        active.append(["信息内容", *(c.label for c in block.columns)])
        _bold_row(active, active.max_row)
        for row in block.rows:
            values = (tables.get("active") or {}).get(row.key, {})
            active.append([row.label, *(_cell(values.get(c.key)) for c in block.columns)])
        active.append([])
    active.column_dimensions["A"].width = 24
    for letter in "BCD":
        active.column_dimensions[letter].width = 18

    requests = book.create_sheet("三、申请情况")
    requests.append([REQUEST_NOTE, *(REQUEST_COLUMN_LABELS[c] for c in REQUEST_COLUMNS)])
    _bold_row(requests, 1)
    rows = tables.get("requests") or {}
    for key in REQUEST_ROWS_2021:
        spec = REQUEST_ROW_SPECS[key]
        text = f"{spec.group} {spec.label}" if spec.group else spec.label
        requests.append([text, *(_cell(rows.get(key, {}).get(c)) for c in REQUEST_COLUMNS)])
    requests.column_dimensions["A"].width = 60
    for i in range(2, len(REQUEST_COLUMNS) + 2):
        requests.column_dimensions[get_column_letter(i)].width = 12

    appeals = book.create_sheet("四、复议诉讼")
    appeals.append(["", *(APPEAL_COLUMN_LABELS[c] for c in APPEAL_COLUMNS)])
    _bold_row(appeals, 1)
    groups = tables.get("appeals") or {}
    for group in APPEAL_GROUPS:
        prefix = "行政诉讼·" if group != "review" else ""
        appeals.append([prefix + APPEAL_GROUP_LABELS[group],
                        *(_cell(groups.get(group, {}).get(c)) for c in APPEAL_COLUMNS)])
    appeals.column_dimensions["A"].width = 24
    book.save(path)
