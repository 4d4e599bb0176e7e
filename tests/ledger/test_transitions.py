"""One door for status changes: the ALLOWED table, the event rows, and no back doors."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

import gongkai.ledger
from gongkai.errors import InvalidTransition
from gongkai.ledger import ALLOWED, AuditLog, EventKind, RequestEvent, RequestStatus, transition

from .conftest import Region
from .helpers import new_request

S = RequestStatus
PAIRS = [(a, b) for a in S for b in S]


def test_every_status_has_a_row() -> None:
    assert set(ALLOWED) == set(S)
    assert all(a not in targets for a, targets in ALLOWED.items())  # no self-loops


def _put_in(session: Session, region: Region, status: RequestStatus):
    """A request in ``status`` reached through allowed steps only."""
    r = new_request(session, region.clerk, region.dept.id)
    path = {
        S.RECEIVED: [],
        S.AWAITING_CORRECTION: [S.AWAITING_CORRECTION],
        S.CONSULTING: [S.CONSULTING],
        S.AWAITING_FEE: [S.AWAITING_FEE],
        S.DECIDED: [S.DECIDED],
        S.CLOSED: [S.DECIDED, S.CLOSED],
    }[status]
    for step in path:
        outcome = gongkai.ledger.Outcome.GRANTED if step is S.DECIDED else None
        transition(session=session, request=r, to=step, actor=region.clerk, on=date(2025, 3, 10), outcome=outcome)
    return r


@pytest.mark.parametrize(("frm", "to"), PAIRS, ids=[f"{a}->{b}" for a, b in PAIRS])
def test_transition_table(session: Session, region: Region, frm: RequestStatus, to: RequestStatus) -> None:
    r = _put_in(session, region, frm)
    before = len(r.events)
    if to in ALLOWED[frm]:
        outcome = gongkai.ledger.Outcome.GRANTED if to is S.DECIDED and r.outcome is None else None
        event = transition(session=session, request=r, to=to, actor=region.supervisor, note="测试",
                           on=date(2025, 3, 11), outcome=outcome)
        session.flush()
        assert r.status is to
        assert (event.from_status, event.to_status, event.actor, event.note, event.on) == (
            frm, to, "sup", "测试", date(2025, 3, 11))
        assert event.kind is EventKind.STATUS_CHANGE
        assert len(r.events) == before + 1
        row = session.scalars(select(AuditLog).order_by(AuditLog.id.desc())).first()
        assert (row.actor, row.before["status"], row.after["status"]) == ("sup", frm.value, to.value)
        # the fields that go with the status move with it, in the same audit row
        if to is S.DECIDED and frm is not S.CLOSED:
            assert (r.outcome, r.decided_on) == (gongkai.ledger.Outcome.GRANTED, date(2025, 3, 11))
            assert row.after["decided_on"] == "2025-03-11" and row.before["decided_on"] is None
        if frm is S.DECIDED and to is not S.CLOSED:
            assert (r.outcome, r.decided_on) == (None, None)
            assert row.before["outcome"] == "granted" and row.after["outcome"] is None
        if to is S.CLOSED:
            assert r.replied_on == date(2025, 3, 11)
        if frm is S.CLOSED:
            assert r.replied_on is None and row.before["replied_on"] == "2025-03-10"
    else:
        with pytest.raises(InvalidTransition):
            transition(session=session, request=r, to=to, actor=region.supervisor)
        assert r.status is frm and len(r.events) == before
    session.commit()
    assert len(session.scalars(select(RequestEvent).where(RequestEvent.request_id == r.id)).all()) == len(r.events)


def test_no_bare_status_assignment_outside_the_transition_function() -> None:
    root = Path(gongkai.ledger.__file__).parent
    pattern = re.compile(r"\.status\s*=(?!=)|setattr\([^)]*[\"']status[\"']")
    offenders = []
    for path in sorted(root.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line) and not (path.name == "transitions.py" and "request.status = to" in line):
                offenders.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    assert offenders == []
    assert "request.status = to" in (root / "transitions.py").read_text(encoding="utf-8")
