"""Appeals (行政复议、行政诉讼): list by year, register, conclude — they fill section 四."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import RedirectResponse, Response

from gongkai.errors import LedgerError, NotFound, PermissionDenied
from gongkai.ledger import (
    Appeal,
    AppealIn,
    AppealKind,
    AppealResult,
    User,
    create_appeal,
    get_request,
    label,
    list_appeals,
    update_appeal,
)
from gongkai.web.deps import CurrentUser, PostedForm, SessionDep, Today, VisibleAgencies, csrf_protect
from gongkai.web.forms import FieldErrors, FormInvalid, clean, describe, parse, parse_date
from gongkai.web.routers.requests import choices
from gongkai.web.scope import agencies, scoped_get
from gongkai.web.templating import flash, render

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)

APPEAL_FIELDS = ("agency_id", "kind", "filed_on", "request_id", "result", "concluded_on", "note")


def _page(request: Request, session: SessionDep, visible: frozenset[int], today: Today, year: int | None,
          values: dict[str, str] | None = None, errors: FieldErrors | None = None, status_code: int = 200) -> Response:
    rows = list_appeals(session=session, agency_ids=visible, year=year)
    return render(
        request, "appeals.html", status_code=status_code, rows=rows, year=year,
        values=values or {"filed_on": today.isoformat(), "result": "pending"}, errors=errors or {},
        kind_choices=choices(AppealKind), result_choices=choices(AppealResult),
        agency_choices=[(str(a.id), a.name) for a in agencies(session, visible)],
        agencies={a.id: a for a in agencies(session, visible)},
    )


def _check_request(session: SessionDep, user: User, request_id: int, agency_id: int) -> None:
    """An appeal may name only a request of the same agency (and one the user can see)."""
    try:
        found = get_request(session=session, user=user, request_id=request_id)
    except (NotFound, PermissionDenied):
        raise FormInvalid({"request_id": "没有这个申请"}) from None
    if found.agency_id != agency_id:
        raise FormInvalid({"request_id": "该申请不属于所选机关"})


@router.get("/appeals")
def appeals_page(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies, today: Today,
                 year: Annotated[int | None, Query(ge=1991, le=2199)] = None) -> Response:
    return _page(request, session, visible, today, year)


@router.post("/appeals")
def add_appeal(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies, today: Today,
               form: PostedForm) -> Response:
    values = {k: str(form.get(k, "")) for k in APPEAL_FIELDS}
    if len(visible) == 1 or (not values["agency_id"] and user.agency_id in visible):
        values["agency_id"] = str(user.agency_id if user.agency_id in visible else next(iter(visible)))
    try:
        data = parse(AppealIn, clean(values, APPEAL_FIELDS))
        if data.request_id is not None:
            _check_request(session, user, data.request_id, data.agency_id)
        created = create_appeal(session=session, actor=user, data=data)
    except FormInvalid as exc:
        return _page(request, session, visible, today, None, values, exc.errors, 400)
    except LedgerError as exc:
        session.rollback()
        return _page(request, session, visible, today, None, values, {"__all__": str(exc)}, 400)
    flash(request, f"已登记{label(created.kind)}案件（{created.filed_on}）")
    return RedirectResponse("/appeals", status_code=303)


@router.post("/appeals/{appeal_id}/conclude")
def conclude_appeal(request: Request, appeal_id: int, user: CurrentUser, session: SessionDep,
                    visible: VisibleAgencies, today: Today, form: PostedForm) -> Response:
    appeal = scoped_get(session, Appeal, appeal_id, visible)
    result = str(form.get("result", ""))
    try:
        if result not in AppealResult.__members__.values():
            raise FormInvalid({"result": "请选择审结结果"})
        concluded_on = parse_date(str(form.get("concluded_on", "")), "concluded_on",
                                  required=result != AppealResult.PENDING)
        update_appeal(session=session, actor=user, appeal=appeal, result=AppealResult(result),
                      concluded_on=concluded_on, note=str(form.get("note", "")).strip() or None)
    except FormInvalid as exc:
        flash(request, describe(exc.errors), "error")
        return RedirectResponse("/appeals", status_code=303)
    except LedgerError as exc:
        session.rollback()
        flash(request, str(exc), "error")
        return RedirectResponse("/appeals", status_code=303)
    flash(request, "已更新案件结果")
    return RedirectResponse("/appeals", status_code=303)
