"""Correcting the record without distorting it: withdraw a decision or a reply, fix or strike out an event.

A withdrawn decision is struck out (kept in the timeline with who, when and why), and the request
goes back, through ``transition``, to the status it was decided from. The corrected decision is then
recorded on its real date: the date checks look only at the steps that stand, so a decision of last
December corrected in March is still last December's, and last year's report stays last year's.

An event recorded with a wrong date or number of days is corrected in place; one recorded by
mistake is struck out. Both need a reason, leave an audit row and recompute the clock. Only the
latest step can be struck out, because every later status rests on it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from gongkai.errors import InvalidTransition, LedgerError
from gongkai.ledger.access import require_agency
from gongkai.ledger.clock import MAX_EXTENSION
from gongkai.ledger.enums import EventKind, RequestStatus, label
from gongkai.ledger.models import Request, RequestEvent, User
from gongkai.ledger.requests import (
    EVENT_STEPS,
    _changing,
    _flush,
    _reason,
    _refresh,
    _steps,
)
from gongkai.ledger.trail import actor_name, record_change
from gongkai.ledger.transitions import transition
from gongkai.ledger.workdays import china_today

S = RequestStatus


def _strike(event: RequestEvent, actor: User | None, reason: str) -> None:
    event.removed_at = datetime.now(UTC).replace(tzinfo=None)
    event.removed_by = actor_name(actor)
    event.removed_reason = reason


def _latest(request: Request, kind: EventKind) -> RequestEvent:
    found = [e for e in _steps(request) if e.kind is kind]
    if not found:
        raise LedgerError(f"申请 {request.number} 没有可撤回的「{label(kind)}」记录")
    return found[-1]


def withdraw_decision(
    *, session: Session, actor: User | None, request: Request, reason: str | None,
    expected_version: int | None = None, today: date | None = None,
) -> Request:
    """已决定 → the status the decision was taken from; the decision is struck out, not deleted."""
    require_agency(session=session, user=actor, agency_id=request.agency_id)
    _changing(session, request, expected_version)
    why = _reason(reason, "撤回决定")
    if request.status is S.CLOSED:
        raise InvalidTransition(f"申请 {request.number} 已办结（答复已送达），请先撤回答复送达记录，再撤回决定")
    if request.status is not S.DECIDED:
        raise InvalidTransition(f"申请 {request.number} 当前为「{label(request.status)}」，没有可撤回的决定")
    decision = _latest(request, EventKind.DECISION)
    _strike(decision, actor, why)
    back = decision.from_status or S.RECEIVED
    transition(session=session, request=request, to=back, actor=actor, on=today or china_today(),
               note=f"撤回决定「{label(decision.outcome) if decision.outcome else ''}」（{decision.on}）：{why}")
    _refresh(session, request, today)
    _flush(session)
    return request


def withdraw_reply(
    *, session: Session, actor: User | None, request: Request, reason: str | None,
    expected_version: int | None = None, today: date | None = None,
) -> Request:
    """已办结 → 已决定: a reply recorded by mistake (or on the wrong day) is struck out."""
    require_agency(session=session, user=actor, agency_id=request.agency_id)
    _changing(session, request, expected_version)
    why = _reason(reason, "撤回答复送达记录")
    if request.status is not S.CLOSED:
        raise InvalidTransition(f"申请 {request.number} 当前为「{label(request.status)}」，没有可撤回的答复送达记录")
    reply = _latest(request, EventKind.REPLY_SENT)
    _strike(reply, actor, why)
    transition(session=session, request=request, to=S.DECIDED, actor=actor, on=today or china_today(),
               note=f"撤回答复送达记录（{reply.on}）：{why}")
    _flush(session)
    return request


def reopen(
    *, session: Session, actor: User | None, request: Request, note: str | None = None, today: date | None = None,
    expected_version: int | None = None,
) -> Request:
    """Withdraw the decision (已决定 only): 已办结 requests need their reply withdrawn first."""
    return withdraw_decision(session=session, actor=actor, request=request, reason=note or "撤回决定，重新办理",
                             expected_version=expected_version, today=today)


def _event_of(request: Request, event_id: int) -> RequestEvent:
    for event in request.events:
        if event.id == event_id:
            if event.removed_at is not None:
                raise LedgerError("该记录已被删除，不能再修改")
            return event
    raise LedgerError(f"申请 {request.number} 没有编号为 {event_id} 的办理记录")


def correct_event(
    *, session: Session, actor: User | None, request: Request, event_id: int, on: date,
    reason: str | None, days: int | None = None, note: str | None = None,
    expected_version: int | None = None, today: date | None = None,
) -> RequestEvent:
    """Fix an event's date (and its days, for an extension or a 补正 period) within the timeline."""
    require_agency(session=session, user=actor, agency_id=request.agency_id)
    _changing(session, request, expected_version)
    why = _reason(reason, "更正")
    event = _event_of(request, event_id)
    if event.kind is EventKind.STATUS_CHANGE:
        raise LedgerError("状态变更记录不能更正")
    today = today or china_today()
    steps = _steps(request)
    at = steps.index(event)
    earliest = steps[at - 1].on if at > 0 else request.received_on
    latest = steps[at + 1].on if at + 1 < len(steps) else today
    if on > today:
        raise LedgerError(f"日期 {on} 晚于今天 {today}")
    if not earliest <= on <= latest:
        raise LedgerError(f"「{label(event.kind)}」的日期应在 {earliest} 至 {latest} 之间（前后办理环节的日期）")
    if event.kind is EventKind.EXTENSION:
        if days is None or not 1 <= days <= MAX_EXTENSION:
            raise LedgerError("延长的工作日数应在 1 到 20 之间（条例第三十三条第二款）")
    elif event.kind is EventKind.CORRECTION_NOTICE:
        if days is not None and not 1 <= days <= 60:
            raise LedgerError("补正期限的工作日数应在 1 到 60 之间")
    elif days is not None:
        raise LedgerError(f"「{label(event.kind)}」不需要填写天数")
    before = {"on": event.on.isoformat(), "days": event.days, "note": event.note}
    event.on, event.days = on, days
    if note is not None:
        event.note = note
    if event.kind is EventKind.DECISION and request.status in (S.DECIDED, S.CLOSED):
        request.decided_on = on
    elif event.kind is EventKind.REPLY_SENT and request.status is S.CLOSED:
        request.replied_on = on
    _refresh(session, request, today)
    record_change(session=session, actor=actor, entity="request", entity_id=request.id,
                  action=f"correct:{event.kind.value}",
                  before={**before, "event_id": event.id, "reason": None},
                  after={"on": on.isoformat(), "days": days, "note": event.note, "event_id": event.id,
                         "reason": why})
    _flush(session)
    return event


def remove_event(
    *, session: Session, actor: User | None, request: Request, event_id: int, reason: str | None,
    expected_version: int | None = None, today: date | None = None,
) -> Request:
    """Strike out the latest step recorded by mistake; its status change is undone by ``transition``."""
    require_agency(session=session, user=actor, agency_id=request.agency_id)
    event = _event_of(request, event_id)
    if event.kind is EventKind.DECISION:
        return withdraw_decision(session=session, actor=actor, request=request, reason=reason,
                                 expected_version=expected_version, today=today)
    if event.kind is EventKind.REPLY_SENT:
        return withdraw_reply(session=session, actor=actor, request=request, reason=reason,
                              expected_version=expected_version, today=today)
    _changing(session, request, expected_version)
    why = _reason(reason, "删除")
    steps = _steps(request)
    if not steps or steps[-1] is not event:
        raise LedgerError("只能删除最近的一个办理环节；更早的环节请更正日期")
    _strike(event, actor, why)
    to = EVENT_STEPS.get(event.kind, (frozenset(), None))[1]
    if to is not None and event.from_status is not None:
        if request.status is not to:
            raise LedgerError(f"申请 {request.number} 当前为「{label(request.status)}」，不能删除「{label(event.kind)}」")
        transition(session=session, request=request, to=event.from_status, actor=actor, on=today or china_today(),
                   note=f"删除「{label(event.kind)}」（{event.on}）：{why}")
    else:
        record_change(session=session, actor=actor, entity="request", entity_id=request.id,
                      action=f"remove:{event.kind.value}",
                      before={"on": event.on.isoformat(), "days": event.days, "event_id": event.id},
                      after={"reason": why})
    _refresh(session, request, today)
    _flush(session)
    return request
