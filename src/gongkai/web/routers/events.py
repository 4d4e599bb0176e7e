"""Things that happen to a request: 补正, 延期, 征求意见, 收费, the decision, the reply, reopening."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from starlette.responses import RedirectResponse, Response

from gongkai.errors import LedgerError
from gongkai.ledger import EventKind, Outcome, decide, get_request, record_event, reopen, send_reply
from gongkai.web.deps import CurrentUser, PostedForm, SessionDep, Today, csrf_protect
from gongkai.web.forms import FormInvalid, parse_date, parse_int
from gongkai.web.labels import EVENT_CHOICES, event_label, outcome_label
from gongkai.web.routers.requests import request_page
from gongkai.web.templating import flash

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)

RECORDABLE = {str(kind): kind for kind, _ in EVENT_CHOICES}
WITH_DAYS = frozenset({EventKind.EXTENSION, EventKind.CORRECTION_NOTICE})  # extension; 补正 period


def _done(request: Request, request_id: int, message: str, anchor: str = "timeline") -> Response:
    flash(request, message)
    return RedirectResponse(f"/requests/{request_id}#{anchor}", status_code=303)


@router.post("/requests/{request_id}/events")
def add_event(request: Request, request_id: int, user: CurrentUser, session: SessionDep, today: Today,
              form: PostedForm) -> Response:
    found = get_request(session=session, user=user, request_id=request_id)
    values = {k: str(form.get(k, "")).strip() for k in ("kind", "on", "days", "note")}
    try:
        kind = RECORDABLE.get(values["kind"])
        if kind is None:
            raise FormInvalid({"kind": "请选择办理环节"})
        on = parse_date(values["on"], "on")
        days = parse_int(values["days"], "days", required=kind == EventKind.EXTENSION)
        if kind not in WITH_DAYS:
            days = None
        elif kind == EventKind.EXTENSION and days is not None and not 1 <= days <= 20:
            raise FormInvalid({"days": "延长期限为 1 至 20 个工作日"})
        assert on is not None
        note = values["note"] or None
        if kind == EventKind.REPLY_SENT:
            send_reply(session=session, actor=user, request=found, on=on, note=note, today=today)
        else:
            record_event(session=session, actor=user, request=found, kind=kind, on=on, note=note, days=days,
                         today=today)
    except FormInvalid as exc:
        session.rollback()
        return request_page(request, session, user, found, today, status_code=400, event_errors=exc.errors,
                            event_values=values)
    except LedgerError as exc:
        session.rollback()
        return request_page(request, session, user, found, today, status_code=400,
                            event_errors={"__all__": str(exc)}, event_values=values)
    return _done(request, found.id, f"已记录：{event_label(kind)}（{on}）")


@router.post("/requests/{request_id}/decision")
def add_decision(request: Request, request_id: int, user: CurrentUser, session: SessionDep, today: Today,
                 form: PostedForm) -> Response:
    found = get_request(session=session, user=user, request_id=request_id)
    values = {k: str(form.get(k, "")).strip() for k in ("outcome", "on", "note")}
    try:
        if values["outcome"] not in Outcome.__members__.values():
            raise FormInvalid({"outcome": "请选择办理结果（表三中的一行）"})
        on = parse_date(values["on"], "on")
        assert on is not None
        decide(session=session, actor=user, request=found, outcome=Outcome(values["outcome"]), on=on,
               note=values["note"] or None, today=today)
    except FormInvalid as exc:
        session.rollback()
        return request_page(request, session, user, found, today, status_code=400, decision_errors=exc.errors,
                            decision_values=values)
    except LedgerError as exc:
        session.rollback()
        return request_page(request, session, user, found, today, status_code=400,
                            decision_errors={"__all__": str(exc)}, decision_values=values)
    return _done(request, found.id, f"已保存办理决定：{outcome_label(values['outcome'])}")


@router.post("/requests/{request_id}/reopen")
def reopen_request(request: Request, request_id: int, user: CurrentUser, session: SessionDep,
                   today: Today) -> Response:
    found = get_request(session=session, user=user, request_id=request_id)
    reopen(session=session, actor=user, request=found, note="撤回，重新办理", today=today)
    return _done(request, found.id, "已撤回决定，申请恢复为办理中", "deadline")
