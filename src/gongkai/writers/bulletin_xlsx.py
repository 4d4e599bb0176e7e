"""The status board and region totals as an xlsx workbook: two sheets a supervisor can filter and sort.

Sheet 状态: one row per agency (kind, state, deadline, date published, on time, template, counts,
score and the items that cost points). Sheet 汇总: one row per cell of sections 二, 三, 四 with the
region total and, where the sum is incomplete, which agencies are not in it.
"""

from __future__ import annotations

import io
from decimal import Decimal

from gongkai.model.bulletin import Bulletin, StatusRow, TotalRow

BOARD_COLUMNS = ("单位名称", "类别", "状态", "报告期限", "发布日期", "是否按时", "模板", "错误", "警告",
                 "读取问题", "得分", "扣分事项", "文件")
TOTAL_COLUMNS = ("部分", "项目", "单元格键", "合计", "是否完整", "未计入的单位")


def _yes(value: bool | None) -> str:
    return "" if value is None else ("是" if value else "否")


def write_board_xlsx(board: list[StatusRow], totals: list[TotalRow], *, title: str = "") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "状态"
    ws.append(BOARD_COLUMNS)
    for r in board:
        ws.append((r.agency, r.kind, r.status, r.due, r.published_on, _yes(r.on_time), r.template or "",
                   r.errors, r.warnings, r.reading, r.score, r.deductions, "\n".join(r.files)))
    for row in ws.iter_rows(min_row=2, min_col=4, max_col=5):
        for cell in row:
            cell.number_format = "yyyy-mm-dd"
    _finish(ws, (34, 10, 10, 12, 12, 9, 7, 6, 6, 9, 7, 40, 50), Font, Alignment)
    sheet = wb.create_sheet("汇总")
    sheet.append(TOTAL_COLUMNS)
    for t in totals:
        value = float(t.value) if isinstance(t.value, Decimal) else t.value
        sheet.append((t.section, t.label, t.key, value, "是" if t.complete else "否", "、".join(t.lacking)))
    _finish(sheet, (6, 50, 40, 10, 9, 60), Font, Alignment)
    if title:
        wb.properties.title = title
    wb.properties.creator = "gongkai"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_bulletin_xlsx(b: Bulletin) -> bytes:
    return write_board_xlsx(b.board, b.totals, title=b.title)


def _finish(ws: object, widths: tuple[int, ...], font: type, alignment: type) -> None:
    from openpyxl.utils import get_column_letter

    for n, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(n)].width = width  # type: ignore[attr-defined]
    for cell in ws[1]:  # type: ignore[index]
        cell.font = font(bold=True)
        cell.alignment = alignment(horizontal="center", vertical="center")
    ws.freeze_panes = "A2"  # type: ignore[attr-defined]
    ws.auto_filter.ref = ws.dimensions  # type: ignore[attr-defined]
