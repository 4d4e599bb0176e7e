"""Appeals (行政复议、行政诉讼): list by year, register, conclude — they fill section 四."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy import select
from starlette.responses import RedirectResponse, Response

from gongkai.errors import LedgerError
from gongkai.ledger import (
    Appeal,
    AppealIn,
    AppealKind,
    AppealResult,
    create_appeal,
    label,
    list_appeals,
    update_appeal,
)
from gongkai.ledger import (
    Request as LedgerRequest,
)
from gongkai.web.deps import CurrentUser, PostedForm, SessionDep, Today, VisibleAgencies, csrf_protect
from gongkai.web.forms import FieldErrors, FormInvalid, clean, describe, parse, parse_date
from gongkai.web.routers.requests import choices
from gongkai.web.scope import agencies, form_agency, scoped_get, year_or_none
from gongkai.web.templating import flash, render

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)

APPEAL_FIELDS = ("agency_id", "kind", "filed_on", "request_id", "result", "concluded_on", "note")
FORM_FIELDS = ("agency_id", "kind", "filed_on", "request_number", "result", "concluded_on", "note")


def _page(request: Request, session: SessionDep, visible: frozenset[int], today: Today, year: int | None,
          values: dict[str, str] | None = None, errors: FieldErrors | None = None, status_code: int = 200,
          prefill: dict[str, str] | None = None) -> Response:
    rows = list_appeals(session=session, agency_ids=visible, year=year)
    defaults = {"filed_on": today.isoformat(), "result": "pending", **(prefill or {})}
    return render(
        request, "appeals.html", status_code=status_code, rows=rows, year=year,
        values=values or defaults, errors=errors or {},
        kind_choices=choices(AppealKind), result_choices=choices(AppealResult),
        agency_choices=[(str(a.id), a.name) for a in agencies(session, visible)],
        agencies={a.id: a for a in agencies(session, visible)},
    )


def _request_by_number(session: SessionDep, agency_id: int, number: str) -> int:
    """The visible 登记编号 → the request of that agency (an appeal names a request of its own agency)."""
    found = session.scalar(select(LedgerRequest.id).where(LedgerRequest.agency_id == agency_id,
                                                          LedgerRequest.number == number))
    if found is None:
        raise FormInvalid({"request_number": f"所选机关没有登记编号为 {number} 的申请"})
    return found


@router.get("/appeals")
def appeals_page(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies, today: Today,
                 year: Annotated[str, Query(max_length=6)] = "",
                 request_number: Annotated[str, Query(alias="request", max_length=40)] = "",
                 agency_id: Annotated[str, Query(max_length=12)] = "") -> Response:
    prefill = {"request_number": request_number, "agency_id": agency_id} if request_number else None
    return _page(request, session, visible, today, year_or_none(year), prefill=prefill)


@router.post("/appeals")
def add_appeal(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies, today: Today,
               form: PostedForm) -> Response:
    values = {k: str(form.get(k, "")) for k in FORM_FIELDS}
    values["agency_id"] = str(form_agency(user, visible, values["agency_id"]))
    try:
        data_in = clean(values, APPEAL_FIELDS)
        number = values["request_number"].strip()
        if number:
            data_in["request_id"] = _request_by_number(session, int(values["agency_id"]), number)
        data = parse(AppealIn, data_in)
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
