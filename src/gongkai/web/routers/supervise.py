"""The supervisor's status board for a region and year (page and xlsx) and the registry import."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Query, Request, UploadFile
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from gongkai.errors import InputError, LedgerError, NotFound
from gongkai.supervise.records import ReviewState
from gongkai.supervise.registry import load_registry, parse_deadline
from gongkai.supervise.season import (
    TIMELINESS_LABELS,
    BoardRow,
    board,
    import_registry,
    members,
    update_member,
)
from gongkai.web.annual import content_disposition
from gongkai.web.deps import CurrentUser, PostedForm, SessionDep, Today, VisibleAgencies, csrf_protect
from gongkai.web.supervision import region_view
from gongkai.web.templating import flash, render

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)

RegionQuery = Annotated[int | None, Query()]
YearQuery = Annotated[int | None, Query(ge=1991, le=2199)]
REGISTRY_LIMIT = 5 * 1024 * 1024

STATE_ORDER = {state: n for n, state in enumerate(ReviewState)}
SORTS: dict[str, Callable[[BoardRow], tuple[Any, ...]]] = {
    "name": lambda r: (r.name,),
    "state": lambda r: (STATE_ORDER[r.state], r.name),
    "errors": lambda r: (-r.errors, -r.warnings, r.name),
    "due": lambda r: (r.due, r.name),
    "submitted": lambda r: (r.submitted_at is None, r.submitted_at or 0, r.name),
}


def _filtered(rows: list[BoardRow], state: str, timeliness: str, kind: str, sort: str) -> list[BoardRow]:
    out = [r for r in rows if (not state or r.state.value == state) and (not kind or r.kind.value == kind)
           and (not timeliness or r.timeliness == timeliness or (timeliness == "late" and r.late))]
    if sort in SORTS:
        out.sort(key=SORTS[sort])
    return out


@router.get("/supervise")
def board_page(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies, today: Today,
               region: RegionQuery = None, year: YearQuery = None,
               state: Annotated[str, Query(max_length=20)] = "", timeliness: Annotated[str, Query(max_length=20)] = "",
               kind: Annotated[str, Query(max_length=20)] = "", sort: Annotated[str, Query(max_length=20)] = "") -> Response:
    view = region_view(session, user, visible, region, year, today)
    rows, progress = board(session, view.root.id, view.year, today)
    shown = _filtered(rows, state, timeliness, kind, sort)
    return render(request, "supervise/board.html", view=view, rows=shown, all_count=len(rows), progress=progress,
                  filters={"state": state, "timeliness": timeliness, "kind": kind, "sort": sort},
                  timeliness_labels=TIMELINESS_LABELS, today=today)


@router.get("/supervise/board.xlsx")
def board_xlsx(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies, today: Today,
               region: RegionQuery = None, year: YearQuery = None) -> Response:
    view = region_view(session, user, visible, region, year, today)
    rows, progress = board(session, view.root.id, view.year, today)
    data = board_workbook(view.root.name, view.year, rows, progress)
    name = f"{view.root.name}{view.year}年度报告报送情况.xlsx"
    return Response(data, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": content_disposition(name, f"board-{view.year}.xlsx")})


BOARD_COLUMNS = ("机关名称", "类别", "状态", "报送期限", "首次提交", "是否按时", "模板", "错误", "警告", "读取问题",
                 "版本数", "退回修改期限")


def board_workbook(region: str, year: int, rows: list[BoardRow], progress: object) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "报送情况"
    ws.append([f"{region}{year}年度政府信息公开工作年度报告报送情况"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(list(BOARD_COLUMNS))
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for r in rows:
        ws.append([r.name, r.kind_label, r.state_label, r.due.isoformat(),
                   r.submitted_at.strftime("%Y-%m-%d %H:%M") if r.submitted_at else "",
                   TIMELINESS_LABELS[r.timeliness], _template(r.template), r.errors, r.warnings, r.reading, r.versions,
                   r.review_due.isoformat() if r.review_due else ""])
    for column, width in zip("ABCDEFGHIJKL", (34, 12, 10, 12, 17, 10, 12, 6, 6, 8, 7, 12), strict=True):
        ws.column_dimensions[column].width = width
    ws.freeze_panes = "B3"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _template(template: str | None) -> str:
    return {"2021": "2021年格式", "2019": "2019年试行格式", "mixed": "两种格式混用"}.get(template or "", template or "")


@router.get("/supervise/registry")
def registry_page(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies, today: Today,
                  region: RegionQuery = None, year: YearQuery = None) -> Response:
    view = region_view(session, user, visible, region, year, today)
    found = members(session, view.root.id)
    names = {m.id: m.name for m in found}
    return render(request, "supervise/registry.html", view=view, members=found, names=names, problems=[])


@router.post("/supervise/registry")
async def registry_import(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies,
                          today: Today, file: Annotated[UploadFile, File()], region: RegionQuery = None) -> Response:
    view = await run_in_threadpool(region_view, session, user, visible, region, None, today)
    data = await file.read(REGISTRY_LIMIT + 1)
    name = (file.filename or "名录").replace("\\", "/").rsplit("/", 1)[-1]
    problems: list[tuple[int, str]] = []
    try:
        if len(data) > REGISTRY_LIMIT:
            raise LedgerError(f"{name}：文件超过 5 MB")
        known = [m.name for m in await run_in_threadpool(members, session, view.root.id)]
        registry = load_registry(name, data=data, known_parents=known)
        result = await run_in_threadpool(lambda: import_registry(session=session, registry=registry,
                                                                 root_id=view.root.id, actor=user))
    except (InputError, LedgerError) as exc:
        await run_in_threadpool(session.rollback)  # nothing of a refused file stays
        problems = list(getattr(exc, "rows", []))
        found = await run_in_threadpool(members, session, view.root.id)
        return render(request, "supervise/registry.html", status_code=422, view=view, members=found,
                      names={m.id: m.name for m in found}, problems=problems, error=str(exc))
    flash(request, f"已导入名录：新增 {len(result.created)} 个机关，更新 {len(result.updated)} 个")
    return RedirectResponse(f"/supervise/registry?region={view.root.id}", status_code=303)


@router.post("/supervise/registry/{agency_id}")
def registry_member(request: Request, agency_id: int, user: CurrentUser, session: SessionDep,
                    visible: VisibleAgencies, today: Today, form: PostedForm) -> Response:
    view = region_view(session, user, visible, None, None, today)
    if agency_id not in {m.id for m in members(session, view.root.id)}:
        raise NotFound("未找到该机关")
    text = str(form.get("deadline", "")).strip()
    deadline = parse_deadline(text) if text else None
    back = f"/supervise/registry?region={view.root.id}#a{agency_id}"
    if text and deadline is None:
        flash(request, f"报告期限“{text}”无法识别（例如 1月31日）", "error")
        return RedirectResponse(back, status_code=303)
    try:
        update_member(session=session, agency_id=agency_id, portal_url=str(form.get("portal_url", "")),
                      deadline=deadline, publishes_only=form.get("publishes_only") == "1", actor=user)
    except LedgerError as exc:
        session.rollback()
        flash(request, str(exc), "error")
        return RedirectResponse(back, status_code=303)
    flash(request, "已保存")
    return RedirectResponse(back, status_code=303)
