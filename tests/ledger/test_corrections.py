"""Corrections without distortion: a withdrawn decision is re-made on its real date (last year's
table stays last year's), events are corrected or struck out with a reason and the clock follows,
and registers refuse dates that cannot be true."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from gongkai.errors import InvalidTransition, LedgerError
from gongkai.ledger import (
    AppealIn,
    AppealKind,
    AuditLog,
    DocumentIn,
    DocumentKind,
    EventKind,
    Outcome,
    RequestStatus,
    annual_report_tables,
    correct_event,
    create_appeal,
    create_document,
    decide,
    record_event,
    remove_event,
    send_reply,
    withdraw_decision,
    withdraw_reply,
)

from .conftest import Region
from .helpers import new_request

S = RequestStatus
MARCH = date(2026, 3, 5)  # "today": the correction is made in the next year


def _row(session: Session, region: Region, year: int, row: str) -> int:
    return annual_report_tables(session=session, agency_id=region.dept.id, year=year)["requests"][row]["total"]


def test_a_withdrawn_decision_is_remade_on_its_real_date_in_last_year(session: Session, region: Region) -> None:
    r = new_request(session, region.clerk, region.dept.id, date(2025, 12, 2))
    decide(session=session, actor=region.clerk, request=r, outcome=Outcome.GRANTED, on=date(2025, 12, 10),
           today=date(2025, 12, 10))
    send_reply(session=session, actor=region.clerk, request=r, on=date(2025, 12, 11), today=date(2025, 12, 11))
    session.commit()
    assert (_row(session, region, 2025, "granted"), _row(session, region, 2025, "partial")) == (1, 0)

    with pytest.raises(InvalidTransition, match="请先撤回答复送达记录"):
        withdraw_decision(session=session, actor=region.clerk, request=r, reason="结果录错", today=MARCH)
    with pytest.raises(LedgerError, match="请填写撤回答复送达记录的理由"):
        withdraw_reply(session=session, actor=region.clerk, request=r, reason="  ", today=MARCH)
    withdraw_reply(session=session, actor=region.clerk, request=r, reason="送达回执日期有误", today=MARCH)
    withdraw_decision(session=session, actor=region.clerk, request=r, reason="应为部分公开", today=MARCH)
    assert (r.status, r.outcome, r.decided_on, r.replied_on) == (S.RECEIVED, None, None, None)
    # the corrected decision on its real date, months before the withdrawal was recorded
    decide(session=session, actor=region.clerk, request=r, outcome=Outcome.PARTIAL, on=date(2025, 12, 10),
           today=MARCH)
    send_reply(session=session, actor=region.clerk, request=r, on=date(2025, 12, 11), today=MARCH)
    session.commit()
    assert (r.status, r.outcome, r.decided_on) == (S.CLOSED, Outcome.PARTIAL, date(2025, 12, 10))
    assert (_row(session, region, 2025, "granted"), _row(session, region, 2025, "partial")) == (0, 1)
    assert _row(session, region, 2026, "carried_over") == 0  # nothing moved into this year

    struck = [(e.kind, e.outcome, e.removed_reason) for e in r.events if e.removed_at is not None]
    assert struck == [(EventKind.DECISION, Outcome.GRANTED, "应为部分公开"),
                      (EventKind.REPLY_SENT, None, "送达回执日期有误")]
    withdrawals = [e.note for e in r.events if e.kind is EventKind.STATUS_CHANGE]
    assert withdrawals == ["撤回答复送达记录（2025-12-11）：送达回执日期有误",
                           "撤回决定「予以公开」（2025-12-10）：应为部分公开"]


def test_correcting_an_extension_recomputes_the_clock_and_is_audited(session: Session, region: Region) -> None:
    r = new_request(session, region.clerk, region.dept.id, date(2025, 3, 3))
    ext = record_event(session=session, actor=region.clerk, request=r, kind=EventKind.EXTENSION,
                       on=date(2025, 3, 20), days=5, today=date(2025, 3, 20))
    assert r.due_on == date(2025, 4, 8)
    correct_event(session=session, actor=region.clerk, request=r, event_id=ext.id, on=date(2025, 3, 21), days=10,
                  reason="审批单写的是10个工作日", today=date(2025, 3, 24))
    assert (r.due_on, r.extended_days, ext.on) == (date(2025, 4, 15), 10, date(2025, 3, 21))
    row = session.scalars(select(AuditLog).where(AuditLog.action == "correct:extension")).one()
    assert row.before["days"] == 5 and row.after["days"] == 10 and row.after["reason"] == "审批单写的是10个工作日"
    for bad, message in ((date(2025, 3, 25), "晚于今天"), (date(2025, 3, 1), "应在 2025-03-03 至 2025-03-24 之间")):
        with pytest.raises(LedgerError, match=message):
            correct_event(session=session, actor=region.clerk, request=r, event_id=ext.id, on=bad, days=10,
                          reason="x", today=date(2025, 3, 24))
    with pytest.raises(LedgerError, match="请填写更正的理由"):
        correct_event(session=session, actor=region.clerk, request=r, event_id=ext.id, on=date(2025, 3, 21),
                      days=10, reason="", today=date(2025, 3, 24))


def test_correcting_the_decision_date_moves_it_between_years(session: Session, region: Region) -> None:
    r = new_request(session, region.clerk, region.dept.id, date(2025, 12, 22))
    decide(session=session, actor=region.clerk, request=r, outcome=Outcome.GRANTED, on=date(2026, 1, 5),
           today=MARCH)
    decision = next(e for e in r.events if e.kind is EventKind.DECISION)
    correct_event(session=session, actor=region.clerk, request=r, event_id=decision.id, on=date(2025, 12, 30),
                  reason="决定书落款日期为2025年12月30日", today=MARCH)
    session.commit()
    assert r.decided_on == date(2025, 12, 30)
    assert (_row(session, region, 2025, "granted"), _row(session, region, 2025, "carried_forward")) == (1, 0)


def test_only_the_latest_step_can_be_struck_out_and_its_status_is_undone(session: Session, region: Region) -> None:
    r = new_request(session, region.clerk, region.dept.id, date(2025, 3, 3))
    notice = record_event(session=session, actor=region.clerk, request=r, kind=EventKind.CORRECTION_NOTICE,
                          on=date(2025, 3, 5), today=date(2025, 3, 10))
    back = record_event(session=session, actor=region.clerk, request=r, kind=EventKind.CORRECTION_RECEIVED,
                        on=date(2025, 3, 7), today=date(2025, 3, 10))
    assert r.due_on == date(2025, 4, 7)
    with pytest.raises(LedgerError, match="只能删除最近的一个办理环节"):
        remove_event(session=session, actor=region.clerk, request=r, event_id=notice.id, reason="误录",
                     today=date(2025, 3, 10))
    remove_event(session=session, actor=region.clerk, request=r, event_id=back.id, reason="补正材料不是这件的",
                 today=date(2025, 3, 10))
    assert (r.status, r.due_on) == (S.AWAITING_CORRECTION, None)
    remove_event(session=session, actor=region.clerk, request=r, event_id=notice.id, reason="其实不需要补正",
                 today=date(2025, 3, 10))
    session.commit()
    assert (r.status, r.due_on) == (S.RECEIVED, date(2025, 3, 31))  # the clock as if nothing had happened
    assert [e.removed_reason for e in r.events if e.removed_at] == ["其实不需要补正", "补正材料不是这件的"]
    # a step struck out is not a date the next step must follow
    decide(session=session, actor=region.clerk, request=r, outcome=Outcome.GRANTED, on=date(2025, 3, 6),
           today=date(2025, 3, 10))


def test_appeals_and_documents_refuse_impossible_dates(session: Session, region: Region) -> None:
    today = date(2025, 6, 1)
    r = new_request(session, region.clerk, region.dept.id, date(2025, 3, 3))
    appeal = AppealIn(agency_id=region.dept.id, kind=AppealKind.REVIEW, filed_on=date(2025, 6, 2))
    with pytest.raises(LedgerError, match="提起日期 2025-06-02 晚于今天 2025-06-01"):
        create_appeal(session=session, actor=region.clerk, data=appeal, today=today)
    early = AppealIn(agency_id=region.dept.id, kind=AppealKind.REVIEW, filed_on=date(2025, 3, 1), request_id=r.id)
    with pytest.raises(LedgerError, match="早于所关联申请 2025-0001 的收到日期 2025-03-03"):
        create_appeal(session=session, actor=region.clerk, data=early, today=today)
    fine = AppealIn(agency_id=region.dept.id, kind=AppealKind.REVIEW, filed_on=date(2025, 3, 3), request_id=r.id)
    assert create_appeal(session=session, actor=region.clerk, data=fine, today=today).filed_on == date(2025, 3, 3)
    doc = DocumentIn(agency_id=region.dept.id, title="管理办法", kind=DocumentKind.NORMATIVE, issued_on=date(2025, 7, 1))
    with pytest.raises(LedgerError, match="制发日期 2025-07-01 晚于今天"):
        create_document(session=session, actor=region.clerk, data=doc, today=today)
