"""Admin page: load a year's official holiday arrangement (节假日安排) for years chinese-calendar lacks.

Other users get the same 404 as any page they may not see. Loading recomputes every open
deadline; the page lists the deadlines that are still provisional (weekends only).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Request, UploadFile
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from gongkai.errors import NotFound
from gongkai.ledger import User, list_agencies, list_holiday_years, list_provisional_requests
from gongkai.web.deps import CurrentUser, SessionDep, VisibleAgencies, csrf_protect
from gongkai.web.holidays import (
    HOLIDAY_LIMIT,
    HOLIDAY_SUFFIXES,
    builtin_years,
    is_admin,
    load_upload,
    read_holiday_upload,
)
from gongkai.web.routers.upload import UploadRejected
from gongkai.web.templating import flash, render

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)
PATH = "/admin/holidays"


def _require_admin(user: User) -> None:
    if not is_admin(user):
        raise NotFound("未找到该页面", message_en="admin page")


def _page(request: Request, session: SessionDep, visible: frozenset[int], *, status_code: int = 200,
          error: str | None = None) -> Response:
    names = {a.id: a.name for a in list_agencies(session=session, agency_ids=visible)}
    context: dict[str, Any] = {
        "years": list_holiday_years(session=session),
        "provisional": [(r, names.get(r.agency_id, "")) for r in
                        list_provisional_requests(session=session, agency_ids=visible)],
        "suffixes": HOLIDAY_SUFFIXES,
        "limit_kb": HOLIDAY_LIMIT // 1024,
        "error": error,
        "builtin": builtin_years(),
    }
    return render(request, "admin/holidays.html", status_code=status_code, **context)


@router.get(PATH)
def holidays_page(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies) -> Response:
    _require_admin(user)
    return _page(request, session, visible)


@router.post(PATH)
async def upload_holidays(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies,
                          file: Annotated[UploadFile, File()]) -> Response:
    _require_admin(user)
    try:
        name, data = await read_holiday_upload(file)
        arrangement, count = await run_in_threadpool(load_upload, session, user, name, data)
    except UploadRejected as exc:
        return _page(request, session, visible, status_code=400, error=exc.message)
    flash(request, f"已导入 {arrangement.year} 年节假日安排（{len(arrangement.holidays)} 天假期、"
                   f"{len(arrangement.workdays)} 天调休上班），重新计算了 {count} 件未办结申请的答复期限")
    return RedirectResponse(PATH, status_code=303)
