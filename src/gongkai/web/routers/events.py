"""Things that happen to a request: 补正, 延期, 征求意见, 收费, the decision, the reply, and their
corrections (withdrawing a decision or a reply, fixing or striking out an event).

Every form carries the request's ``version`` as the clerk saw it; if another clerk changed the
request in between, the page comes back with 409 and "该申请已被他人修改，请刷新后重试", and
nothing is changed. Withdrawals go through a confirmation page that asks for the reason.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from sqlalchemy.orm import Session
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from gongkai.errors import ConcurrentChange, LedgerError
from gongkai.ledger import (
    EventKind,
    Outcome,
    RequestStatus,
    User,
    correct_event,
    decide,
    get_request,
    record_event,
    remove_event,
    send_reply,
    withdraw_decision,
    withdraw_reply,
)
from gongkai.ledger.requests import live_events
from gongkai.web.deps import CurrentUser, PostedForm, SessionDep, Today, csrf_protect
from gongkai.web.forms import FormInvalid, parse_date, parse_int
from gongkai.web.labels import EVENT_CHOICES, event_label, outcome_label
from gongkai.web.routers.requests import request_page
from gongkai.web.templating import flash, render

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)

RECORDABLE = {str(kind): kind for kind, _ in EVENT_CHOICES}
WITH_DAYS = frozenset({EventKind.EXTENSION, EventKind.CORRECTION_NOTICE})  # extension; 补正 period
CONFLICT = ConcurrentChange.MESSAGE


def _done(request: Request, request_id: int, message: str, anchor: str = "timeline") -> Response:
    flash(request, message)
    return RedirectResponse(f"/requests/{request_id}#{anchor}", status_code=303)


def form_version(form: FormData) -> int | None:
    """The version the page was rendered from (absent on old pages and scripts: not checked)."""
    raw = str(form.get("version", "")).strip()
    return int(raw) if raw.isdigit() else None


def _load(session: Session, user: User, request_id: int) -> Any:
    return get_request(session=session, user=user, request_id=request_id, for_update=True)


@router.post("/requests/{request_id}/events")
def add_event(request: Request, request_id: int, user: CurrentUser, session: SessionDep, today: Today,
              form: PostedForm) -> Response:
    found = _load(session, user, request_id)
    values = {k: str(form.get(k, "")).strip() for k in ("kind", "on", "days", "note")}
    version = form_version(form)
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
            send_reply(session=session, actor=user, request=found, on=on, note=note, today=today,
                       expected_version=version)
        else:
            record_event(session=session, actor=user, request=found, kind=kind, on=on, note=note, days=days,
                         today=today, expected_version=version)
    except FormInvalid as exc:
        session.rollback()
        return request_page(request, session, user, found, today, status_code=400, event_errors=exc.errors,
                            event_values=values)
    except ConcurrentChange:
        session.rollback()
        return request_page(request, session, user, found, today, status_code=409, alert=CONFLICT,
                            event_values=values)
    except LedgerError as exc:
        session.rollback()
        return request_page(request, session, user, found, today, status_code=400,
                            event_errors={"__all__": str(exc)}, event_values=values)
    return _done(request, found.id, f"已记录：{event_label(kind)}（{on}）")


@router.post("/requests/{request_id}/decision")
def add_decision(request: Request, request_id: int, user: CurrentUser, session: SessionDep, today: Today,
                 form: PostedForm) -> Response:
    found = _load(session, user, request_id)
    values = {k: str(form.get(k, "")).strip() for k in ("outcome", "on", "note")}
    try:
        if values["outcome"] not in Outcome.__members__.values():
            raise FormInvalid({"outcome": "请选择办理结果（表三中的一行）"})
        on = parse_date(values["on"], "on")
        assert on is not None
        decide(session=session, actor=user, request=found, outcome=Outcome(values["outcome"]), on=on,
               note=values["note"] or None, today=today, expected_version=form_version(form))
    except FormInvalid as exc:
        session.rollback()
        return request_page(request, session, user, found, today, status_code=400, decision_errors=exc.errors,
                            decision_values=values)
    except ConcurrentChange:
        session.rollback()
        return request_page(request, session, user, found, today, status_code=409, alert=CONFLICT,
                            decision_values=values)
    except LedgerError as exc:
        session.rollback()
        return request_page(request, session, user, found, today, status_code=400,
                            decision_errors={"__all__": str(exc)}, decision_values=values)
    return _done(request, found.id, f"已保存办理决定：{outcome_label(values['outcome'])}（{on}）")


# -- withdrawing a decision or a reply: a confirmation page, then the change ----------------------

WITHDRAW = {
    "decision": ("撤回办理决定", "撤回后申请回到作出决定前的状态；原决定保留在办理过程中并标明“已撤回”。"
                 "然后请按实际日期重新作出决定：日期可以早于今天，年度报告按决定日期计入相应年度。"),
    "reply": ("撤回答复送达记录", "撤回后申请回到“已决定待答复”；原记录保留在办理过程中并标明“已撤回”，"
              "可再按实际送达日期重新记录。"),
}


def _withdraw_page(request: Request, found: Any, what: str, *, reason: str = "", error: str | None = None,
                   status_code: int = 200) -> Response:
    title, explain = WITHDRAW[what]
    return render(request, "requests/withdraw.html", status_code=status_code, req=found, what=what, title=title,
                  explain=explain, reason=reason, error=error)


@router.get("/requests/{request_id}/withdraw")
def withdraw_page(request: Request, request_id: int, user: CurrentUser, session: SessionDep,
                  what: str = "decision") -> Response:
    found = get_request(session=session, user=user, request_id=request_id)
    what = what if what in WITHDRAW else "decision"
    expected = RequestStatus.CLOSED if what == "reply" else RequestStatus.DECIDED
    if found.status is not expected:
        return _done(request, found.id, f"申请 {found.number} 当前没有可撤回的{'答复送达记录' if what == 'reply' else '决定'}",
                     "deadline")
    return _withdraw_page(request, found, what)


@router.post("/requests/{request_id}/withdraw")
def withdraw(request: Request, request_id: int, user: CurrentUser, session: SessionDep, today: Today,
             form: PostedForm) -> Response:
    found = _load(session, user, request_id)
    what = str(form.get("what", "decision"))
    what = what if what in WITHDRAW else "decision"
    reason = str(form.get("reason", "")).strip()
    undo = withdraw_reply if what == "reply" else withdraw_decision
    try:
        undo(session=session, actor=user, request=found, reason=reason, expected_version=form_version(form),
             today=today)
    except ConcurrentChange:
        session.rollback()
        return _withdraw_page(request, found, what, reason=reason, error=CONFLICT, status_code=409)
    except LedgerError as exc:
        session.rollback()
        return _withdraw_page(request, found, what, reason=reason, error=str(exc), status_code=400)
    if what == "reply":
        return _done(request, found.id, "已撤回答复送达记录，可按实际日期重新记录", "reply")
    return _done(request, found.id, "已撤回决定，请按实际日期重新作出决定", "decision")


@router.post("/requests/{request_id}/reopen")
def reopen_request(request: Request, request_id: int, user: CurrentUser, session: SessionDep, today: Today,
                   form: PostedForm) -> Response:
    """Old pages' button: now the confirmation page (a withdrawal needs its reason)."""
    found = get_request(session=session, user=user, request_id=request_id)
    return RedirectResponse(f"/requests/{found.id}/withdraw?what=decision", status_code=303)


# -- correcting or striking out an event --------------------------------------------------------


def _event_page(request: Request, found: Any, event: Any, *, values: dict[str, str] | None = None,
                errors: dict[str, str] | None = None, status_code: int = 200) -> Response:
    steps = [e for e in live_events(found) if e.kind is not EventKind.STATUS_CHANGE]
    values = values or {"on": event.on.isoformat(), "days": "" if event.days is None else str(event.days),
                        "note": event.note or "", "reason": ""}
    return render(request, "requests/event_fix.html", status_code=status_code, req=found, event=event,
                  values=values, errors=errors or {}, removable=bool(steps) and steps[-1] is event,
                  with_days=event.kind in WITH_DAYS)


def _event(found: Any, event_id: int) -> Any:
    for event in found.events:
        if event.id == event_id and event.removed_at is None and event.kind is not EventKind.STATUS_CHANGE:
            return event
    raise LedgerError("该办理记录不存在或已被删除")


@router.get("/requests/{request_id}/events/{event_id}")
def event_page(request: Request, request_id: int, event_id: int, user: CurrentUser, session: SessionDep) -> Response:
    found = get_request(session=session, user=user, request_id=request_id)
    return _event_page(request, found, _event(found, event_id))


@router.post("/requests/{request_id}/events/{event_id}")
def fix_event(request: Request, request_id: int, event_id: int, user: CurrentUser, session: SessionDep,
              today: Today, form: PostedForm) -> Response:
    found = _load(session, user, request_id)
    event = _event(found, event_id)
    values = {k: str(form.get(k, "")).strip() for k in ("on", "days", "note", "reason", "action")}
    try:
        if values["action"] == "remove":
            remove_event(session=session, actor=user, request=found, event_id=event.id, reason=values["reason"],
                         expected_version=form_version(form), today=today)
            message = f"已删除：{event_label(event.kind)}（{event.on}），期限已重新计算"
        else:
            on = parse_date(values["on"], "on")
            assert on is not None
            days = parse_int(values["days"], "days", required=event.kind is EventKind.EXTENSION)
            correct_event(session=session, actor=user, request=found, event_id=event.id, on=on,
                          days=days if event.kind in WITH_DAYS else None, note=values["note"],
                          reason=values["reason"], expected_version=form_version(form), today=today)
            message = f"已更正：{event_label(event.kind)}（{on}），期限已重新计算"
    except FormInvalid as exc:
        session.rollback()
        return _event_page(request, found, _event(found, event_id), values=values, errors=exc.errors,
                           status_code=400)
    except ConcurrentChange:
        session.rollback()
        return _event_page(request, found, _event(found, event_id), values=values, errors={"__all__": CONFLICT},
                           status_code=409)
    except LedgerError as exc:
        session.rollback()
        return _event_page(request, found, _event(found, event_id), values=values, errors={"__all__": str(exc)},
                           status_code=400)
    return _done(request, found.id, message)
