"""Start-page queries: counts by urgency, and the most urgent rows with paused ones last."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from gongkai.ledger import (
    EventKind,
    OpenSummary,
    Outcome,
    Request,
    RequestStatus,
    decide,
    list_open_requests,
    most_urgent,
    open_summary,
    record_event,
)

from .conftest import Region
from .helpers import new_request

TODAY = date(2025, 10, 27)
SOON = date(2025, 10, 31)  # five working days on, as the web app computes it


@pytest.fixture
def ledger(session: Session, region: Region) -> dict[str, int]:
    """The requests of test_due_soon_and_overdue, one paused by a correction notice, and others around them."""
    late = new_request(session, region.clerk, region.dept.id, date(2025, 9, 1), applicant_name="逾期者")
    soon = new_request(session, region.clerk, region.dept.id, date(2025, 9, 26))  # due 2025-10-30
    later = new_request(session, region.clerk, region.dept.id, date(2025, 10, 20))  # due 2025-11-17
    consulting = new_request(session, region.clerk, region.dept.id, date(2025, 9, 2))
    record_event(session=session, actor=region.clerk, request=consulting, kind=EventKind.CONSULTATION_START,
                 on=date(2025, 9, 3), today=TODAY)
    correcting = new_request(session, region.clerk, region.dept.id, date(2025, 8, 1))
    record_event(session=session, actor=region.clerk, request=correcting, kind=EventKind.CORRECTION_NOTICE,
                 on=date(2025, 10, 24), days=15, today=TODAY)
    done = new_request(session, region.clerk, region.dept.id, date(2025, 9, 1))
    decide(session=session, actor=region.clerk, request=done, outcome=Outcome.GRANTED, on=date(2025, 10, 1),
           today=TODAY)
    last_year = new_request(session, region.clerk, region.dept.id, date(2024, 12, 30))
    decide(session=session, actor=region.clerk, request=last_year, outcome=Outcome.GRANTED, on=date(2025, 1, 3),
           today=TODAY)
    other = new_request(session, region.other_clerk, region.other_dept.id, date(2025, 9, 1))  # due 2025-09-28
    session.commit()
    return {"late": late.id, "soon": soon.id, "later": later.id, "consulting": consulting.id,
            "correcting": correcting.id, "other": other.id}


def test_counts_by_urgency(session: Session, region: Region, ledger: dict[str, int]) -> None:
    dept, both = {region.dept.id}, {region.dept.id, region.other_dept.id}
    assert open_summary(session=session, agency_ids=dept, today=TODAY, soon_until=SOON, year=2025) == OpenSummary(
        open=5, overdue=1, due_soon=1, paused=2, received=6)
    assert open_summary(session=session, agency_ids=both, today=TODAY, soon_until=SOON, year=2025) == OpenSummary(
        open=6, overdue=2, due_soon=1, paused=2, received=7)
    assert open_summary(session=session, agency_ids=dept, today=TODAY, soon_until=SOON, year=2024).received == 1
    # the day the soon one falls due it is still due soon; the day after it is overdue
    on_the_day = open_summary(session=session, agency_ids=dept, today=date(2025, 10, 30), soon_until=date(2025, 11, 6),
                              year=2025)
    assert (on_the_day.overdue, on_the_day.due_soon) == (1, 1)
    day_after = open_summary(session=session, agency_ids=dept, today=date(2025, 10, 31), soon_until=date(2025, 11, 7),
                             year=2025)
    assert (day_after.overdue, day_after.due_soon) == (2, 0)
    assert open_summary(session=session, agency_ids=set(), today=TODAY, soon_until=SOON, year=2025) == OpenSummary(
        0, 0, 0, 0, 0)


def test_most_urgent_by_due_date_then_paused_by_id(session: Session, region: Region, ledger: dict[str, int]) -> None:
    dept, both = {region.dept.id}, {region.dept.id, region.other_dept.id}
    rows = most_urgent(session=session, agency_ids=dept, limit=50)
    assert [r.id for r in rows] == [ledger[k] for k in ("late", "soon", "later", "consulting", "correcting")]
    assert [r.id for r in rows] == [r.id for r in list_open_requests(session=session, agency_ids=dept)]
    assert [r.state(TODAY, SOON) for r in rows] == ["overdue", "due-soon", "", "", ""]
    assert [r.status for r in rows[-2:]] == [RequestStatus.CONSULTING, RequestStatus.AWAITING_CORRECTION]
    stored = session.get(Request, ledger["correcting"])
    assert stored is not None and stored.waiting_due_on is not None
    assert (rows[-1].due_on, rows[-1].waiting_due_on) == (None, stored.waiting_due_on)
    first = rows[0]
    assert (first.agency_name, first.applicant_name, first.received_on, first.content) == (
        "示范县教育局", "逾期者", date(2025, 9, 1), "请公开2024年度部门预算")

    assert [r.id for r in most_urgent(session=session, agency_ids=dept, limit=2)] == [ledger["late"], ledger["soon"]]
    assert [r.id for r in most_urgent(session=session, agency_ids=dept, limit=4)] == [
        ledger["late"], ledger["soon"], ledger["later"], ledger["consulting"]]
    county = most_urgent(session=session, agency_ids=both, limit=3)
    assert [(r.id, r.agency_name) for r in county] == [  # late and other fall due the same day: by id
        (ledger["late"], "示范县教育局"), (ledger["other"], "示范县公安局"), (ledger["soon"], "示范县教育局")]
    assert most_urgent(session=session, agency_ids=set(), limit=50) == []


def test_content_is_cut_to_sixty_characters(session: Session, region: Region) -> None:
    new_request(session, region.clerk, region.dept.id, date(2025, 10, 20), content="公" * 61)
    session.commit()
    (row,) = most_urgent(session=session, agency_ids={region.dept.id}, limit=50)
    assert row.content == "公" * 60


def test_soon_until_before_today_is_a_mistake(session: Session, region: Region) -> None:
    with pytest.raises(ValueError, match="before today"):
        open_summary(session=session, agency_ids={region.dept.id}, today=TODAY, soon_until=date(2025, 10, 26),
                     year=2025)
