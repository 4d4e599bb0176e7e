"""The one door through which a request's status changes.

Every change is checked against ``ALLOWED`` and leaves a ``RequestEvent`` (who, when, from, to)
and an audit row. ``tests/ledger/test_transitions.py`` greps the package to make sure no other
module assigns ``.status``.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from gongkai.errors import InvalidTransition
from gongkai.ledger.enums import EventKind, Outcome, RequestStatus, label
from gongkai.ledger.models import Request, RequestEvent, User
from gongkai.ledger.trail import actor_name, record_change

S = RequestStatus

ALLOWED: dict[RequestStatus, frozenset[RequestStatus]] = {
    S.RECEIVED: frozenset({S.AWAITING_CORRECTION, S.CONSULTING, S.AWAITING_FEE, S.DECIDED}),
    S.AWAITING_CORRECTION: frozenset({S.RECEIVED, S.DECIDED}),
    S.CONSULTING: frozenset({S.RECEIVED}),
    S.AWAITING_FEE: frozenset({S.RECEIVED, S.DECIDED}),
    # reopening a decision returns to the status it was taken from
    S.DECIDED: frozenset({S.CLOSED, S.RECEIVED, S.AWAITING_CORRECTION, S.AWAITING_FEE}),
    S.CLOSED: frozenset({S.DECIDED}),  # undo a reply recorded by mistake
}


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
    """Move ``request`` to ``to`` or raise InvalidTransition; returns the event written."""
    current = RequestStatus(request.status)
    if to not in ALLOWED[current]:
        raise InvalidTransition(
            f"申请 {request.number} 当前为「{label(current)}」，不能变为「{label(to)}」",
            message_en=f"request {request.number}: {current} → {to} is not allowed",
        )
    request.status = to
    event = RequestEvent(
        kind=kind,
        on=on or date.today(),
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
        before={"status": current.value},
        after={"status": to.value},
    )
    return event
