"""台账 in and out of Excel: import (.xlsx/.csv), an empty template with drop-downs, exports.

Import is all or nothing: every row is checked first, every bad row is reported with its row
number and reason (``ImportRejected.rows``), and only a clean file is written — in one savepoint,
through the same functions the web app uses, so imported requests carry events and audit rows.
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from gongkai.errors import ImportRejected, LedgerError, Unreadable
from gongkai.ledger.access import visible_agency_ids
from gongkai.ledger.enums import ApplicantType, Channel, EventKind, Outcome, RequestStatus, label
from gongkai.ledger.layout import COLUMNS, EXPORT_ONLY, cell_text, column_for, parse_choice, parse_date
from gongkai.ledger.models import Agency, Request, User
from gongkai.ledger.requests import create_request
from gongkai.ledger.schemas import RequestIn
from gongkai.ledger.transitions import transition
from gongkai.readers.decode import decode
from gongkai.settings import get_settings

SHEET = "台账"


@dataclass(slots=True)
class _Row:
    number: int  # row number in the file, as the clerk sees it
    data: RequestIn
    outcome: Outcome | None
    decided_on: date | None
    replied_on: date | None


# -- reading ----------------------------------------------------------------------------------


def _read_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    size = path.stat().st_size
    if size > get_settings().max_input_bytes:
        raise Unreadable("文件过大，拒绝导入", path=str(path), message_en="file too large")
    if path.suffix.lower() == ".csv":
        text, _ = decode(path.read_bytes(), str(path))
        for number, row in enumerate(csv.reader(io.StringIO(text)), 1):
            yield number, list(row)
        return
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about Excel extensions it drops
            book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise Unreadable("不是有效的 .xlsx 文件", path=str(path), message_en="not a valid .xlsx file") from exc
    try:
        sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), 1):
            yield number, list(values)
    finally:
        book.close()


def _parse(
    path: Path, session: Session, actor: User | None, agency_id: int | None, today: date
) -> tuple[list[_Row], list[tuple[int, str]]]:
    rows_iter = _read_rows(path)
    header: list[Any] | None = None
    for _number, values in rows_iter:
        if any(cell_text(v) for v in values):
            header = values
            break
    if header is None:
        raise ImportRejected("文件中没有数据", path=str(path), rows=[])
    columns: dict[int, str] = {}
    problems: list[tuple[int, str]] = []
    for i, raw in enumerate(header):
        text = cell_text(raw)
        column = column_for(text)
        if column is not None:
            columns[i] = column.field
        elif text and text not in EXPORT_ONLY:
            problems.append((_number, f"无法识别的列「{text}」"))
    missing = [c.header for c in COLUMNS if c.required and c.field not in columns.values()]
    if agency_id is None and "agency" not in columns.values():
        missing.append("机关（或用 --agency 指定）")
    if missing:
        problems.append((_number, "缺少列：" + "、".join(missing)))
    if problems:
        raise ImportRejected(f"表头有误：{problems[0][1]}", path=str(path), rows=problems)

    agencies = {a.name: a.id for a in session.scalars(select(Agency))}
    visible = visible_agency_ids(session=session, user=actor)
    seen_numbers: set[tuple[int, str]] = set()
    parsed: list[_Row] = []
    for number, values in rows_iter:
        cells = {field: values[i] if i < len(values) else None for i, field in columns.items()}
        if not any(cell_text(v) for v in cells.values()):
            continue
        try:
            row = _parse_row(number, cells, agencies, visible, agency_id, today)
        except ValueError as exc:
            problems.append((number, str(exc)))
            continue
        key = (row.data.agency_id, row.data.number or "")
        if row.data.number and key in seen_numbers:
            problems.append((number, f"登记编号 {row.data.number} 在文件中重复"))
            continue
        seen_numbers.add(key)
        if row.data.number and session.scalar(select(Request.id).where(
                Request.agency_id == row.data.agency_id, Request.number == row.data.number)) is not None:
            problems.append((number, f"登记编号 {row.data.number} 已在台账中"))
            continue
        parsed.append(row)
    return parsed, problems


def _parse_row(
    number: int,
    cells: Mapping[str, Any],
    agencies: Mapping[str, int],
    visible: Collection[int],
    agency_id: int | None,
    today: date,
) -> _Row:
    reasons: list[str] = []
    headers = {c.field: c.header for c in COLUMNS}

    def get(field: str, parse: Any = None) -> Any:
        raw = cells.get(field)
        if not cell_text(raw):
            return None
        try:
            return parse(raw) if parse else cell_text(raw)
        except ValueError as exc:
            reasons.append(f"{headers[field]}：{exc}")
            return None

    name = get("agency")
    target = agency_id
    if name is not None:
        target = agencies.get(name)
        if target is None:
            reasons.append(f"机关：「{name}」不在机关名录中")
    if target is None and name is None:
        reasons.append("机关：必填")
    if target is not None and target not in visible:
        reasons.append("机关：无权向该机关导入")
    received = get("received_on", parse_date)
    applicant = get("applicant_type", lambda v: parse_choice(ApplicantType, v))
    channel = get("channel", lambda v: parse_choice(Channel, v))
    outcome = get("outcome", lambda v: parse_choice(Outcome, v))
    decided = get("decided_on", parse_date)
    replied = get("replied_on", parse_date)
    for field in ("received_on", "applicant_type", "applicant_name", "channel", "content"):
        if not cell_text(cells.get(field)):
            reasons.append(f"{headers[field]}：必填")
    if received is not None and received > today:
        reasons.append(f"收到日期：{received} 晚于今天")
    if (outcome is None) != (decided is None):
        reasons.append("办理结果与办结日期须同时填写或同时留空")
    if decided is not None and received is not None and decided < received:
        reasons.append("办结日期早于收到日期")
    if decided is not None and decided > today:
        reasons.append(f"办结日期：{decided} 晚于今天")
    if replied is not None and (decided is None or replied < decided):
        reasons.append("答复日期须在办结日期当天或之后")
    if not reasons and target is not None:
        try:
            data = RequestIn(
                agency_id=target, applicant_type=applicant, applicant_name=get("applicant_name"),
                contact=get("contact") or "", id_number=get("id_number") or "", channel=channel,
                content=get("content"), received_on=received, note=get("note") or "", number=get("number"),
            )
        except ValidationError as exc:
            reasons.extend(_pydantic_reasons(exc, headers))
    if reasons:
        raise ValueError("；".join(reasons))
    return _Row(number, data, outcome, decided, replied)


def _pydantic_reasons(exc: ValidationError, headers: Mapping[str, str]) -> list[str]:
    out = []
    for err in exc.errors():
        field = str(err["loc"][0]) if err["loc"] else ""
        reason = {"string_too_long": "内容过长", "string_too_short": "不能为空"}.get(err["type"], err["msg"])
        out.append(f"{headers.get(field, field)}：{reason.removeprefix('Value error, ')}")
    return out


def import_ledger(
    *,
    session: Session,
    actor: User | None,
    path: str | Path,
    agency_id: int | None = None,
    today: date | None = None,
) -> int:
    """Import a 台账 file; returns the number of requests created. Nothing is written on any bad row."""
    path = Path(path)
    today = today or date.today()
    rows, problems = _parse(path, session, actor, agency_id, today)
    if problems:
        first = problems[0]
        raise ImportRejected(f"{len(problems)} 行有误，未导入任何数据（第 {first[0]} 行：{first[1]}）",
                             path=str(path), rows=problems)
    savepoint = session.begin_nested()
    current = 0
    try:
        for row in rows:
            current = row.number
            request = create_request(session=session, actor=actor, data=row.data, today=today)
            if row.outcome is not None and row.decided_on is not None:
                # Historical decisions come without their events; record the decision itself.
                request.outcome, request.decided_on = row.outcome, row.decided_on
                transition(session=session, request=request, to=RequestStatus.DECIDED, actor=actor,
                           note="从台账文件导入", on=row.decided_on, kind=EventKind.DECISION, outcome=row.outcome)
            if row.replied_on is not None:
                request.replied_on = row.replied_on
                transition(session=session, request=request, to=RequestStatus.CLOSED, actor=actor,
                           note="从台账文件导入", on=row.replied_on, kind=EventKind.REPLY_SENT)
        session.flush()
    except (LedgerError, IntegrityError) as exc:
        savepoint.rollback()
        reason = exc.message if isinstance(exc, LedgerError) else "与台账中已有数据冲突"
        raise ImportRejected(f"第 {current} 行无法导入：{reason}，未导入任何数据", path=str(path),
                             rows=[(current, reason)]) from exc
    savepoint.commit()
    return len(rows)


# -- writing ----------------------------------------------------------------------------------

_BOLD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")


def _header(sheet: Any, headers: list[str], widths: list[int]) -> None:
    sheet.append(headers)
    for i, width in enumerate(widths, 1):
        cell = sheet.cell(row=1, column=i)
        cell.font, cell.fill = _BOLD, _HEAD_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"


def write_template(path: str | Path, *, rows: int = 2000) -> None:
    """An empty 台账 with drop-down lists for the coded columns and a sheet explaining each column."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    _header(sheet, [c.header for c in COLUMNS], [c.width for c in COLUMNS])
    options = book.create_sheet("选项")
    for i, column in enumerate(COLUMNS, 1):
        letter = get_column_letter(i)
        if column.choices:
            options.cell(row=1, column=i, value=column.header)
            for j, choice in enumerate(column.choices, 2):
                options.cell(row=j, column=i, value=choice)
            ref = f"选项!${letter}$2:${letter}${len(column.choices) + 1}"
            dv = DataValidation(type="list", formula1=ref, allow_blank=not column.required,
                                showErrorMessage=True, errorTitle="无效取值", error=f"请从列表中选择{column.header}")
        elif column.field.endswith("_on"):
            dv = DataValidation(type="date", operator="greaterThan", formula1="39569", allow_blank=True,
                                showErrorMessage=True, errorTitle="无效日期", error="请填写2008年5月1日以后的日期")
        else:
            continue
        dv.add(f"{letter}2:{letter}{rows + 1}")
        sheet.add_data_validation(dv)
        if column.field.endswith("_on"):
            for r in range(2, rows + 2):
                sheet.cell(row=r, column=i).number_format = "yyyy-mm-dd"
    options.sheet_state = "hidden"
    notes = book.create_sheet("填写说明")
    _header(notes, ["列", "是否必填", "填写说明"], [18, 10, 80])
    for column in COLUMNS:
        notes.append([column.header, "必填" if column.required else "选填", column.note])
    book.save(path)


def export_ledger(
    *, session: Session, agency_ids: Collection[int], path: str | Path, year: int | None = None
) -> int:
    """The requests in the import layout (re-importable) plus status and due date columns."""
    stmt = select(Request).where(Request.agency_id.in_(list(agency_ids)))
    if year is not None:
        stmt = stmt.where(Request.received_on.between(date(year, 1, 1), date(year, 12, 31)))
    stmt = stmt.order_by(Request.agency_id, Request.received_on, Request.id)
    names = {a.id: a.name for a in session.scalars(select(Agency))}
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    _header(sheet, [c.header for c in COLUMNS] + list(EXPORT_ONLY), [c.width for c in COLUMNS] + [12, 12, 10])
    count = 0
    for r in session.scalars(stmt):
        values = {
            "number": r.number, "agency": names.get(r.agency_id, ""), "received_on": r.received_on,
            "applicant_type": label(r.applicant_type), "applicant_name": r.applicant_name, "contact": r.contact,
            "id_number": r.id_number, "channel": label(r.channel), "content": r.content,
            "outcome": label(r.outcome) if r.outcome else None, "decided_on": r.decided_on,
            "replied_on": r.replied_on, "note": r.note,
        }
        sheet.append([values[c.field] for c in COLUMNS]
                     + [label(r.status), r.due_on, "是" if r.due_provisional else ""])
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":  # text typed as "=…" stays text: an export never runs a formula
                cell.data_type = "s"
        count += 1
    for i, column in enumerate(COLUMNS, 1):
        if column.field.endswith("_on"):
            for cell in sheet[get_column_letter(i)][1:]:
                cell.number_format = "yyyy-mm-dd"
    for cell in sheet[get_column_letter(len(COLUMNS) + 2)][1:]:
        cell.number_format = "yyyy-mm-dd"
    book.save(path)
    return count
