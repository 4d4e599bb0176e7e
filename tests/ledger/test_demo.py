"""The demo region: deterministic, every outcome and appeal kind, overdue and due-soon work."""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from gongkai.ledger import (
    DEMO_PASSWORD,
    Appeal,
    AppealKind,
    AppealResult,
    EventKind,
    Outcome,
    Request,
    RequestEvent,
    User,
    annual_report_tables,
    authenticate,
    due_soon,
    overdue,
    seed_demo,
    visible_agency_ids,
)
from gongkai.model.keys import APPLICANT_COLUMNS, OUTCOME_ROWS_2021

TODAY = date(2026, 3, 18)


def test_demo_region(session: Session) -> None:
    info = seed_demo(session=session, today=TODAY)
    session.commit()
    assert len(info.agency_ids) == 11 and info.requests > 300
    assert info.credentials[0] == ("admin", DEMO_PASSWORD, "管理员", "全部机关")
    assert "jyj" in info.describe()
    clerk = authenticate(session=session, username="jyj", password=DEMO_PASSWORD)
    assert clerk is not None and len(visible_agency_ids(session=session, user=clerk)) == 1
    county = authenticate(session=session, username="county", password=DEMO_PASSWORD)
    assert visible_agency_ids(session=session, user=county) == set(info.agency_ids)

    requests = session.scalars(select(Request)).all()
    assert {r.outcome for r in requests} >= set(Outcome)
    assert all(r.received_on <= TODAY for r in requests)
    kinds = Counter(e.kind for e in session.scalars(select(RequestEvent)))
    assert all(kinds[k] > 0 for k in EventKind if k is not EventKind.STATUS_CHANGE)
    ids = set(info.agency_ids)
    assert len(overdue(session=session, agency_ids=ids, today=TODAY)) >= 2
    assert len(due_soon(session=session, agency_ids=ids, days=5, today=TODAY)) >= 2
    appeals = {(a.kind, a.result) for a in session.scalars(select(Appeal))}
    assert appeals == {(k, r) for k in AppealKind for r in AppealResult}

    last_year = annual_report_tables(session=session, agency_id=info.county_id, year=2025, summary=True)
    req = last_year["requests"]
    assert all(req[row]["total"] > 0 for row in OUTCOME_ROWS_2021)
    assert req["received"]["total"] > 250 and req["carried_over"]["total"] == 0
    for column in (*APPLICANT_COLUMNS, "total"):
        assert req["received"][column] + req["carried_over"][column] == (
            req["total"][column] + req["carried_forward"][column])
    this_year = annual_report_tables(session=session, agency_id=info.county_id, year=2026, summary=True)
    assert this_year["requests"]["carried_over"] == req["carried_forward"]
    assert last_year["active"]["normative_documents"]["issued"] > 0
    assert last_year["active"]["licensing"]["decisions"] is not None

    again = seed_demo(session=session, today=TODAY)
    assert (again.created, again.county_id, again.credentials) == (False, info.county_id, info.credentials)
    assert session.scalar(select(User.id).where(User.username == "nhz")) is not None


def test_demo_is_deterministic(engine) -> None:
    from gongkai.ledger import session_factory

    factory = session_factory(engine)
    with factory() as s:
        seed_demo(session=s, today=date(2025, 2, 10), seed=3)
        first = [(r.agency.name, r.number, r.received_on, r.applicant_name, r.outcome, r.decided_on)
                 for r in s.scalars(select(Request).order_by(Request.id))]
        s.rollback()
    with factory() as s:
        seed_demo(session=s, today=date(2025, 2, 10), seed=3)
        second = [(r.agency.name, r.number, r.received_on, r.applicant_name, r.outcome, r.decided_on)
                  for r in s.scalars(select(Request).order_by(Request.id))]
        s.rollback()
    assert first == second and len(first) > 100
