"""Registering and handling requests: events, decisions, deadlines, audit trail."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from gongkai.errors import InvalidTransition, LedgerError
from gongkai.ledger import (
    AuditLog,
    EventKind,
    HolidayYear,
    Outcome,
    RequestStatus,
    RequestUpdate,
    count_requests,
    decide,
    due_soon,
    explain_due,
    list_open_requests,
    list_requests,
    load_holiday_year,
    overdue,
    record_event,
    reopen,
    send_reply,
    update_request,
    withdraw_reply,
)
from gongkai.ledger.workdays import parse_arrangement

from .conftest import Region
from .helpers import TODAY, new_request

S = RequestStatus


def test_create_numbers_and_computes_the_deadline(session: Session, region: Region) -> None:
    a = new_request(session, region.clerk, region.dept.id, date(2025, 9, 26))
    b = new_request(session, region.clerk, region.dept.id, date(2025, 9, 27))
    c = new_request(session, region.other_clerk, region.other_dept.id, date(2025, 9, 27))
    assert (a.number, b.number, c.number) == ("2025-0001", "2025-0002", "2025-0001")
    assert a.status is S.RECEIVED
    assert (a.due_on, a.due_provisional) == (date(2025, 10, 30), False)
    logged = session.scalars(select(AuditLog).where(AuditLog.entity == "request", AuditLog.entity_id == a.id))
    (row,) = list(logged)
    assert (row.actor, row.action, row.after["received_on"]) == ("clerk", "create", "2025-09-26")


def test_future_receipt_and_duplicate_number_are_refused(session: Session, region: Region) -> None:
    with pytest.raises(LedgerError, match="晚于今天"):
        new_request(session, region.clerk, region.dept.id, date(2026, 1, 1))
    new_request(session, region.clerk, region.dept.id, number="A-1")
    with pytest.raises(LedgerError, match="登记编号 A-1 已被"):
        new_request(session, region.clerk, region.dept.id, number="A-1")


def test_input_validation_is_per_field() -> None:
    with pytest.raises(ValidationError) as err:
        RequestUpdate(applicant_name="", channel="pigeon")  # type: ignore[arg-type]
    assert {e["loc"][0] for e in err.value.errors()} == {"applicant_name", "channel"}


def test_full_handling_with_events(session: Session, region: Region) -> None:
    r = new_request(session, region.clerk, region.dept.id, date(2025, 3, 3))
    record_event(session=session, actor=region.clerk, request=r, kind=EventKind.CORRECTION_NOTICE,
                 on=date(2025, 3, 5), days=10, today=TODAY)
    assert (r.status, r.due_on, r.waiting_due_on) == (S.AWAITING_CORRECTION, None, date(2025, 3, 19))
    record_event(session=session, actor=region.clerk, request=r, kind=EventKind.CORRECTION_RECEIVED,
                 on=date(2025, 3, 10), today=TODAY)
    assert (r.status, r.due_on) == (S.RECEIVED, date(2025, 4, 8))
    record_event(session=session, actor=region.clerk, request=r, kind=EventKind.CONSULTATION_START,
                 on=date(2025, 3, 11), today=TODAY)
    assert r.status is S.CONSULTING and r.due_on is None
    with pytest.raises(LedgerError, match="征求意见尚未结束"):
        decide(session=session, actor=region.clerk, request=r, outcome=Outcome.GRANTED, on=date(2025, 3, 12),
               today=TODAY)
    record_event(session=session, actor=region.clerk, request=r, kind=EventKind.CONSULTATION_END,
                 on=date(2025, 3, 14), today=TODAY)
    assert r.due_on == date(2025, 4, 14)  # 4 working days (11 sent … 14 answered) not counted (第三十二条)
    record_event(session=session, actor=region.clerk, request=r, kind=EventKind.EXTENSION,
                 on=date(2025, 4, 1), days=5, today=TODAY)
    assert (r.due_on, r.extended_days) == (date(2025, 4, 21), 5)
    with pytest.raises(LedgerError, match="只能延长一次"):
        record_event(session=session, actor=region.clerk, request=r, kind=EventKind.EXTENSION,
                     on=date(2025, 4, 2), days=5, today=TODAY)
    decide(session=session, actor=region.clerk, request=r, outcome=Outcome.PARTIAL, on=date(2025, 4, 18),
           today=TODAY)
    send_reply(session=session, actor=region.clerk, request=r, on=date(2025, 4, 18), today=TODAY)
    session.commit()
    assert (r.status, r.outcome, r.decided_on, r.replied_on) == (S.CLOSED, Outcome.PARTIAL, date(2025, 4, 18),
                                                                 date(2025, 4, 18))
    kinds = [(e.kind, e.from_status, e.to_status, e.actor) for e in r.events]
    assert kinds == [
        (EventKind.CORRECTION_NOTICE, S.RECEIVED, S.AWAITING_CORRECTION, "clerk"),
        (EventKind.CORRECTION_RECEIVED, S.AWAITING_CORRECTION, S.RECEIVED, "clerk"),
        (EventKind.CONSULTATION_START, S.RECEIVED, S.CONSULTING, "clerk"),
        (EventKind.CONSULTATION_END, S.CONSULTING, S.RECEIVED, "clerk"),
        (EventKind.EXTENSION, None, None, "clerk"),
        (EventKind.DECISION, S.RECEIVED, S.DECIDED, "clerk"),
        (EventKind.REPLY_SENT, S.DECIDED, S.CLOSED, "clerk"),
    ]
    assert r.events[5].outcome is Outcome.PARTIAL


@pytest.mark.parametrize(
    ("kind", "days", "message"),
    [
        (EventKind.EXTENSION, 21, "1 到 20"),
        (EventKind.EXTENSION, None, "1 到 20"),
        (EventKind.FEE_NOTICE, 3, "不需要填写天数"),
        (EventKind.CONSULTATION_END, None, "不能记录"),
        (EventKind.DECISION, None, "不能用此方式记录"),
    ],
)
def test_bad_events(session: Session, region: Region, kind: EventKind, days: int | None, message: str) -> None:
    r = new_request(session, region.clerk, region.dept.id)
    with pytest.raises(LedgerError, match=message):
        record_event(session=session, actor=region.clerk, request=r, kind=kind, on=date(2025, 3, 4), days=days,
                     today=TODAY)
    assert r.events == [] and r.status is S.RECEIVED


def test_event_dates_must_be_chronological(session: Session, region: Region) -> None:
    r = new_request(session, region.clerk, region.dept.id, date(2025, 3, 3))
    with pytest.raises(LedgerError, match="早于该申请已记录的最近日期"):
        decide(session=session, actor=region.clerk, request=r, outcome=Outcome.GRANTED, on=date(2025, 3, 2),
               today=TODAY)
    with pytest.raises(LedgerError, match="晚于今天"):
        decide(session=session, actor=region.clerk, request=r, outcome=Outcome.GRANTED, on=date(2026, 1, 2),
               today=TODAY)


def test_outcomes_while_waiting_for_the_applicant(session: Session, region: Region) -> None:
    r = new_request(session, region.clerk, region.dept.id)
    with pytest.raises(LedgerError, match="只适用于「待补正」"):
        decide(session=session, actor=region.clerk, request=r, outcome=Outcome.OTHER_NO_CORRECTION,
               on=date(2025, 3, 20), today=TODAY)
    record_event(session=session, actor=region.clerk, request=r, kind=EventKind.FEE_NOTICE, on=date(2025, 3, 4),
                 today=TODAY)
    with pytest.raises(LedgerError, match="办理结果只能是"):
        decide(session=session, actor=region.clerk, request=r, outcome=Outcome.GRANTED, on=date(2025, 4, 20),
               today=TODAY)
    decide(session=session, actor=region.clerk, request=r, outcome=Outcome.OTHER_NO_FEE, on=date(2025, 4, 20),
           today=TODAY)
    assert r.status is S.DECIDED
    reopen(session=session, actor=region.clerk, request=r, today=TODAY)
    assert (r.status, r.outcome, r.decided_on) == (S.AWAITING_FEE, None, None)
    session.commit()


def test_reopen_steps_back_one_stage(session: Session, region: Region) -> None:
    r = new_request(session, region.clerk, region.dept.id)
    with pytest.raises(InvalidTransition, match="没有可撤回的决定"):
        reopen(session=session, actor=region.clerk, request=r, today=TODAY)
    decide(session=session, actor=region.clerk, request=r, outcome=Outcome.GRANTED, on=date(2025, 3, 10),
           today=TODAY)
    send_reply(session=session, actor=region.clerk, request=r, on=date(2025, 3, 11), today=TODAY)
    with pytest.raises(InvalidTransition, match="请先撤回答复送达记录"):  # not on 已办结
        reopen(session=session, actor=region.clerk, request=r, today=TODAY)
    withdraw_reply(session=session, actor=region.clerk, request=r, reason="送达日期记错", today=TODAY)
    assert (r.status, r.replied_on, r.outcome) == (S.DECIDED, None, Outcome.GRANTED)
    reopen(session=session, actor=region.clerk, request=r, today=TODAY)
    assert (r.status, r.outcome) == (S.RECEIVED, None)
    assert r.due_on == date(2025, 3, 31)
    session.commit()
    with pytest.raises(LedgerError, match="尚未作出决定"):
        send_reply(session=session, actor=region.clerk, request=r, on=date(2025, 3, 12), today=TODAY)


def test_update_recomputes_and_logs_the_difference(session: Session, region: Region) -> None:
    r = new_request(session, region.clerk, region.dept.id, date(2025, 3, 3))
    update_request(session=session, actor=region.clerk, request=r,
                   data=RequestUpdate(received_on=date(2025, 9, 26), contact="13800000000"), today=TODAY)
    session.commit()
    assert r.due_on == date(2025, 10, 30)
    row = session.scalars(select(AuditLog).where(AuditLog.action == "update")).one()
    assert row.before == {"received_on": "2025-03-03", "contact": "", "due_on": "2025-03-31",
                          "updated_at": row.before["updated_at"], "version": 1}
    assert row.after["version"] == 2
    assert row.after["received_on"] == "2025-09-26" and row.after["contact"] == "13800000000"
    with pytest.raises(LedgerError, match="不能把必填项改为空"):
        update_request(session=session, actor=region.clerk, request=r, data=RequestUpdate(channel=None),
                       today=TODAY)


def test_receipt_cannot_move_after_recorded_handling(session: Session, region: Region) -> None:
    r = new_request(session, region.clerk, region.dept.id, date(2025, 3, 3))
    decide(session=session, actor=region.clerk, request=r, outcome=Outcome.GRANTED, on=date(2025, 3, 10),
           today=TODAY)
    with pytest.raises(LedgerError, match="晚于该申请已记录的办理日期"):
        update_request(session=session, actor=region.clerk, request=r,
                       data=RequestUpdate(received_on=date(2025, 3, 11)), today=TODAY)


def test_due_soon_and_overdue(session: Session, region: Region) -> None:
    today = date(2025, 10, 27)
    late = new_request(session, region.clerk, region.dept.id, date(2025, 9, 1))  # due 2025-09-28 (a 调休 Sunday)
    soon = new_request(session, region.clerk, region.dept.id, date(2025, 9, 26))  # due 2025-10-30
    later = new_request(session, region.clerk, region.dept.id, date(2025, 10, 20))  # due 2025-11-17
    paused = new_request(session, region.clerk, region.dept.id, date(2025, 9, 2))
    record_event(session=session, actor=region.clerk, request=paused, kind=EventKind.CONSULTATION_START,
                 on=date(2025, 9, 3), today=today)
    done = new_request(session, region.clerk, region.dept.id, date(2025, 9, 1))
    decide(session=session, actor=region.clerk, request=done, outcome=Outcome.GRANTED, on=date(2025, 10, 1),
           today=today)
    session.commit()
    ids = {region.dept.id}
    assert late.due_on == date(2025, 9, 28) and later.due_on == date(2025, 11, 17)
    assert overdue(session=session, agency_ids=ids, today=today) == [late]
    assert due_soon(session=session, agency_ids=ids, days=5, today=today) == [soon]
    assert due_soon(session=session, agency_ids=ids, days=20, today=today) == [soon, later]
    assert list_open_requests(session=session, agency_ids=ids) == [late, soon, later, paused]
    assert count_requests(session=session, agency_ids=ids, open_only=True) == 4
    assert list_requests(session=session, agency_ids=ids, status=S.DECIDED) == [done]
    assert list_requests(session=session, agency_ids=ids, search="2025-0002") == [soon]
    assert overdue(session=session, agency_ids={region.other_dept.id}, today=today) == []


def test_loading_a_holiday_year_recomputes_open_deadlines(session: Session, region: Region) -> None:
    today = date(2026, 12, 20)
    r = new_request(session, region.clerk, region.dept.id, date(2025, 3, 3))
    session.flush()
    from gongkai.ledger import RequestIn, create_request

    late = create_request(session=session, actor=region.clerk, today=today, data=RequestIn(
        agency_id=region.dept.id, applicant_type="enterprise", applicant_name="某公司", channel="letter",
        content="x", received_on=date(2026, 12, 10)))
    closed = create_request(session=session, actor=region.clerk, today=today, data=RequestIn(
        agency_id=region.dept.id, applicant_type="enterprise", applicant_name="某公司", channel="letter",
        content="y", received_on=date(2026, 12, 11)))
    decide(session=session, actor=region.clerk, request=closed, outcome=Outcome.GRANTED, on=date(2026, 12, 15),
           today=today)
    assert (late.due_on, late.due_provisional) == (date(2027, 1, 7), True)
    assert explain_due(session=session, request=late, today=today).provisional
    arrangement = parse_arrangement({"year": 2027, "holidays": [{"name": "元旦", "start": "2027-01-01",
                                                                  "end": "2027-01-03"}]})
    assert load_holiday_year(session=session, actor=region.admin, arrangement=arrangement) == 2
    session.commit()
    assert (late.due_on, late.due_provisional) == (date(2027, 1, 8), False)
    assert closed.due_provisional  # concluded requests keep the date they were judged by
    assert r.due_on == date(2025, 3, 31)
    assert session.get(HolidayYear, 2027).holidays == ["2027-01-01", "2027-01-02", "2027-01-03"]
    steps = explain_due(session=session, request=late, today=today).steps
    assert "2027-01-01至2027-01-03为元旦假期，不计入。" in steps


def test_invalid_transition_is_a_ledger_error(session: Session, region: Region) -> None:
    r = new_request(session, region.clerk, region.dept.id)
    from gongkai.ledger import transition

    with pytest.raises(InvalidTransition, match="当前为「办理中」，不能变为「已办结」"):
        transition(session=session, request=r, to=S.CLOSED, actor=region.clerk)
