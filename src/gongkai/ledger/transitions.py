"""The one door through which a request's status changes.

Every change is checked against ``ALLOWED`` and leaves a ``RequestEvent`` (who, when, from, to)
and an audit row. The fields that go with a status (the outcome and decision date of 已决定, the
reply date of 已办结) are set and cleared here too, so they can never disagree with the status.
``tests/ledger/test_transitions.py`` greps the package to make sure no other module assigns
``.status``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from gongkai.errors import InvalidTransition
from gongkai.ledger.enums import OPEN_STATUSES, EventKind, Outcome, RequestStatus, label
from gongkai.ledger.models import Request, RequestEvent, User
from gongkai.ledger.trail import actor_name, record_change
from gongkai.ledger.workdays import china_today

S = RequestStatus

ALLOWED: dict[RequestStatus, frozenset[RequestStatus]] = {
    S.RECEIVED: frozenset({S.AWAITING_CORRECTION, S.CONSULTING, S.AWAITING_FEE, S.DECIDED}),
    S.AWAITING_CORRECTION: frozenset({S.RECEIVED, S.DECIDED}),
    S.CONSULTING: frozenset({S.RECEIVED}),
    S.AWAITING_FEE: frozenset({S.RECEIVED, S.DECIDED}),
    # withdrawing a decision returns to the status it was taken from
    S.DECIDED: frozenset({S.CLOSED, S.RECEIVED, S.AWAITING_CORRECTION, S.AWAITING_FEE}),
    S.CLOSED: frozenset({S.DECIDED}),  # withdraw a reply recorded by mistake
}

_TRACKED = ("status", "outcome", "decided_on", "replied_on")


def _state(request: Request) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in _TRACKED:
        value = getattr(request, key)
        out[key] = value.isoformat() if isinstance(value, date) else (None if value is None else str(value))
    return out


def transition(
    *,
    session: Session,
    request: Request,
    to: RequestStatus,
    actor: User | None,
    note: str | None = None,
    on: date | None = None,
    kind: EventKind = EventKind.STATUS_CHANGE,
    outcome: Outcome | None = None,
) -> RequestEvent:
    """Move ``request`` to ``to`` or raise InvalidTransition; returns the event written.

    Deciding (open → 已决定) needs ``outcome`` and records ``on`` as the decision date; 已决定 →
    已办结 records ``on`` as the reply date; going back clears what the undone step set.
    """
    current = RequestStatus(request.status)
    if to not in ALLOWED[current]:
        raise InvalidTransition(
            f"申请 {request.number} 当前为「{label(current)}」，不能变为「{label(to)}」",
            message_en=f"request {request.number}: {current} → {to} is not allowed",
        )
    on = on or china_today()
    before = _state(request)
    if to is S.DECIDED and current in OPEN_STATUSES:
        if outcome is None:
            raise InvalidTransition(f"申请 {request.number}：作出决定须写明办理结果")
        request.outcome, request.decided_on = Outcome(outcome), on
    elif current is S.DECIDED and to in OPEN_STATUSES:
        request.outcome, request.decided_on = None, None
    elif to is S.CLOSED:
        request.replied_on = on
    elif current is S.CLOSED:
        request.replied_on = None
    request.status = to
    event = RequestEvent(
        kind=kind,
        on=on,
        actor=actor_name(actor),
        note=note or "",
        outcome=outcome,
        from_status=current,
        to_status=to,
    )
    request.events.append(event)
    session.add(event)
    record_change(
        session=session,
        actor=actor,
        entity="request",
        entity_id=request.id,
        action=f"status:{kind.value}",
        before=before,
        after=_state(request),
    )
    return event
