"""The ledger as an Excel workbook from the browser: export, import, the blank template.

The same functions as ``gongkai ledger export/import/template`` (``gongkai.ledger.excel``): the
import is all or nothing, and every bad row is listed with its row number as Excel shows it.
A clerk imports into their own agency; a supervisor picks one of their region's agencies, or
leaves it to the file's 机关 column.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path, PurePath
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from gongkai.errors import ImportRejected, InputError, LedgerError
from gongkai.ledger import User, export_ledger, import_ledger, write_template
from gongkai.web.annual import content_disposition
from gongkai.web.deps import CurrentUser, SessionDep, Today, VisibleAgencies, csrf_protect
from gongkai.web.limits import UPLOAD_LIMIT
from gongkai.web.scope import agencies
from gongkai.web.templating import flash, render

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMPORT_SUFFIXES = (".xlsx", ".csv")
MAX_LISTED_ROWS = 50


def _page(request: Request, session: Session, visible: frozenset[int], *, error: str | None = None,
          rows: list[tuple[int, str]] | None = None, status_code: int = 200) -> Response:
    return render(request, "ledger_excel.html", status_code=status_code, error=error, rows=(rows or [])[:MAX_LISTED_ROWS],
                  more=max(0, len(rows or []) - MAX_LISTED_ROWS),
                  agency_choices=[(str(a.id), a.name) for a in agencies(session, visible)],
                  suffixes=IMPORT_SUFFIXES, limit_mb=UPLOAD_LIMIT // (1024 * 1024))


@router.get("/ledger/excel")
def excel_page(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies) -> Response:
    return _page(request, session, visible)


def _xlsx(write: object, name: str, fallback: str) -> Response:
    with tempfile.TemporaryDirectory(prefix="gongkai-") as tmp:
        path = Path(tmp) / "ledger.xlsx"
        write(path)  # type: ignore[operator]
        data = path.read_bytes()
    return Response(data, media_type=XLSX, headers={"Content-Disposition": content_disposition(name, fallback)})


@router.get("/ledger/export")
def export(user: CurrentUser, session: SessionDep, visible: VisibleAgencies, today: Today,
           year: Annotated[str, Query(max_length=4)] = "", agency_id: Annotated[str, Query(max_length=12)] = "") -> Response:
    chosen_year = int(year) if year.isdigit() and 1990 < int(year) < 2200 else None
    ids: frozenset[int] = visible
    if agency_id.isdigit():
        if int(agency_id) not in visible:
            return Response("无权导出该机关的台账", status_code=403, media_type="text/plain; charset=utf-8")
        ids = frozenset({int(agency_id)})
    name = f"台账导出{'-' + str(chosen_year) if chosen_year else ''}-{today.isoformat()}.xlsx"
    return _xlsx(lambda path: export_ledger(session=session, agency_ids=ids, path=path, year=chosen_year),
                 name, f"ledger-{today.isoformat()}.xlsx")


@router.get("/ledger/template")
def template(user: CurrentUser) -> Response:
    return _xlsx(lambda path: write_template(path), "台账模板.xlsx", "ledger-template.xlsx")


def _import(session: Session, user: User, name: str, data: bytes, agency_id: int | None, today: date) -> int:
    suffix = PurePath(name).suffix.lower()
    with tempfile.TemporaryDirectory(prefix="gongkai-") as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(data)
        try:
            return import_ledger(session=session, actor=user, path=path, agency_id=agency_id, today=today)
        except ImportRejected as exc:
            exc.path = name  # the user's file name, not the temporary one
            raise


@router.post("/ledger/import")
async def import_workbook(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies,
                          today: Today, file: Annotated[UploadFile, File()],
                          agency_id: Annotated[str, Form(max_length=12)] = "") -> Response:
    name = PurePath((file.filename or "").replace("\\", "/")).name or "upload"
    if PurePath(name).suffix.lower() not in IMPORT_SUFFIXES:
        return _page(request, session, visible, status_code=400,
                     error=f"{name}：不支持的文件类型，请上传 {'、'.join(IMPORT_SUFFIXES)} 文件（可先下载模板填写）")
    data = await file.read(UPLOAD_LIMIT + 1)
    if len(data) > UPLOAD_LIMIT:
        return _page(request, session, visible, status_code=400, error=f"{name} 超过 {UPLOAD_LIMIT // (1024 * 1024)} MB")
    if not data:
        return _page(request, session, visible, status_code=400, error=f"{name} 是空文件")
    chosen: int | None = None
    if agency_id.isdigit():
        chosen = int(agency_id)
        if chosen not in visible:
            return _page(request, session, visible, status_code=403, error="无权向所选机关导入台账")
    elif len(visible) == 1:
        chosen = next(iter(visible))
    try:
        count = await run_in_threadpool(_import, session, user, name, data, chosen, today)
    except ImportRejected as exc:
        session.rollback()
        return _page(request, session, visible, status_code=400, error=f"{name}：{exc.message}", rows=exc.rows)
    except (InputError, LedgerError) as exc:
        session.rollback()
        return _page(request, session, visible, status_code=400, error=f"{name}：{exc}")
    flash(request, f"已从 {name} 导入 {count} 件申请")
    return RedirectResponse("/requests", status_code=303)
