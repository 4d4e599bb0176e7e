"""Two clerks at once: real threads, each with its own connection, on SQLite and PostgreSQL.

The second of two simultaneous decisions (or extensions) is refused and changes nothing; twenty
simultaneous registrations all succeed with distinct numbers; audit rows hold the committed values.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from gongkai.errors import ConcurrentChange, LedgerError
from gongkai.ledger import (
    AuditLog,
    EventKind,
    Outcome,
    Request,
    RequestEvent,
    RequestStatus,
    User,
    decide,
    get_request,
    record_event,
    session_factory,
    write_session_factory,
)
from gongkai.ledger.requests import next_number

from .conftest import Region
from .helpers import TODAY, new_request

Work = Callable[[Session, User, int], object]


def _race(engine: Engine, n: int, work: Work, user_id: int) -> list[str]:
    """Run ``work`` in ``n`` threads released at the same moment; each commits or rolls back."""
    factory = write_session_factory(engine)
    barrier = threading.Barrier(n)
    results = [""] * n

    def run(i: int) -> None:
        with factory() as session:
            barrier.wait()
            try:
                user = session.get(User, user_id)
                assert user is not None
                work(session, user, i)
                session.commit()
                results[i] = "ok"
            except ConcurrentChange:
                session.rollback()
                results[i] = "conflict"
            except LedgerError as exc:
                session.rollback()
                results[i] = f"refused: {exc}"

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def _received(session: Session, region: Region) -> tuple[int, int]:
    r = new_request(session, region.clerk, region.dept.id, date(2025, 3, 3))
    session.commit()
    return r.id, r.version


def test_two_simultaneous_decisions_exactly_one_accepted(engine: Engine, session: Session, region: Region) -> None:
    rid, version = _received(session, region)
    outcomes = [Outcome.GRANTED, Outcome.WITHHELD_SECRET]

    def work(s: Session, user: User, i: int) -> None:
        found = get_request(session=s, user=user, request_id=rid, for_update=True)
        decide(session=s, actor=user, request=found, outcome=outcomes[i], on=date(2025, 3, 20), today=TODAY,
               expected_version=version)

    results = _race(engine, 2, work, region.clerk.id)
    assert sorted(results) == ["conflict", "ok"]
    winner = outcomes[results.index("ok")]
    with session_factory(engine)() as check:
        r = check.get(Request, rid)
        assert r is not None
        assert (r.status, r.outcome, r.version) == (RequestStatus.DECIDED, winner, version + 1)
        decisions = check.scalars(select(RequestEvent).where(RequestEvent.request_id == rid,
                                                             RequestEvent.kind == EventKind.DECISION)).all()
        assert [e.outcome for e in decisions] == [winner]
        audit = check.scalars(select(AuditLog).where(AuditLog.entity_id == rid,
                                                     AuditLog.action == "status:decision")).all()
        assert [(a.before["status"], a.after["outcome"]) for a in audit] == [("received", winner.value)]


def test_two_simultaneous_decisions_without_a_version_still_one(engine: Engine, session: Session,
                                                                region: Region) -> None:
    rid, _ = _received(session, region)

    def work(s: Session, user: User, i: int) -> None:
        found = get_request(session=s, user=user, request_id=rid, for_update=True)
        decide(session=s, actor=user, request=found, outcome=Outcome.GRANTED, on=date(2025, 3, 20), today=TODAY)

    results = _race(engine, 2, work, region.clerk.id)
    assert results.count("ok") == 1
    assert [r for r in results if r != "ok"] == ["refused: 申请 2025-0001 已作出决定，如需更改请先撤回决定"]


def test_two_simultaneous_extensions_exactly_one(engine: Engine, session: Session, region: Region) -> None:
    rid, version = _received(session, region)

    def work(s: Session, user: User, i: int) -> None:
        found = get_request(session=s, user=user, request_id=rid, for_update=True)
        record_event(session=s, actor=user, request=found, kind=EventKind.EXTENSION, on=date(2025, 3, 25),
                     days=10 + i, today=TODAY, expected_version=version)

    assert sorted(_race(engine, 2, work, region.clerk.id)) == ["conflict", "ok"]
    with session_factory(engine)() as check:
        extensions = check.scalars(select(RequestEvent).where(RequestEvent.request_id == rid,
                                                              RequestEvent.kind == EventKind.EXTENSION)).all()
        assert len(extensions) == 1
        r = check.get(Request, rid)
        assert r is not None and r.extended_days == extensions[0].days


def test_stale_read_is_refused_at_write_time(engine: Engine, session: Session, region: Region) -> None:
    """Optimistic locking without any lock: B read before A committed; B's UPDATE matches no row."""
    rid, _ = _received(session, region)
    factory = session_factory(engine)
    with factory() as a, factory() as b:
        ra = a.get(Request, rid)
        rb = b.get(Request, rid)
        assert ra is not None and rb is not None
        b.commit()  # B's read transaction ends (as the web app's user lookup does); its objects stay
        decide(session=a, actor=a.get(User, region.clerk.id), request=ra, outcome=Outcome.GRANTED,
               on=date(2025, 3, 20), today=TODAY)
        a.commit()
        with pytest.raises(ConcurrentChange, match="该申请已被他人修改，请刷新后重试"):
            decide(session=b, actor=b.get(User, region.clerk.id), request=rb, outcome=Outcome.WITHHELD_SECRET,
                   on=date(2025, 3, 21), today=TODAY)
        b.rollback()
    session.expire_all()
    r = session.get(Request, rid)
    assert r is not None and (r.outcome, r.decided_on) == (Outcome.GRANTED, date(2025, 3, 20))


def test_a_change_from_an_old_page_is_refused(session: Session, region: Region) -> None:
    rid, version = _received(session, region)
    r = session.get(Request, rid)
    assert r is not None
    record_event(session=session, actor=region.clerk, request=r, kind=EventKind.EXTENSION, on=date(2025, 3, 10),
                 days=5, today=TODAY, expected_version=version)
    session.commit()
    with pytest.raises(ConcurrentChange):
        decide(session=session, actor=region.clerk, request=r, outcome=Outcome.GRANTED, on=date(2025, 3, 20),
               today=TODAY, expected_version=version)
    session.rollback()
    assert r.status is RequestStatus.RECEIVED and r.version == version + 1


def test_twenty_simultaneous_registrations_get_distinct_numbers(engine: Engine, region: Region) -> None:
    def work(s: Session, user: User, i: int) -> None:
        new_request(s, user, region.dept.id, date(2025, 4, 1), applicant_name=f"申请人{i}")

    results = _race(engine, 20, work, region.clerk.id)
    assert results == ["ok"] * 20
    with session_factory(engine)() as check:
        numbers = sorted(check.scalars(select(Request.number).where(Request.agency_id == region.dept.id)))
    assert numbers == [f"2025-{n:04d}" for n in range(1, 21)]


def test_numbers_skip_those_typed_by_hand_and_restart_each_year(session: Session, region: Region) -> None:
    new_request(session, region.clerk, region.dept.id, number="2025-0002")
    # the counter starts after the numbers in use and never hands out a number twice
    assert [new_request(session, region.clerk, region.dept.id).number for _ in range(2)] == ["2025-0003",
                                                                                             "2025-0004"]
    assert new_request(session, region.clerk, region.dept.id, date(2024, 5, 6)).number == "2024-0001"
    assert new_request(session, region.other_clerk, region.other_dept.id).number == "2025-0001"
    assert next_number(session=session, agency_id=region.dept.id, year=2025) == "2025-0005"
    with pytest.raises(LedgerError, match="登记编号 2025-0003 已被本机关的另一件申请使用"):
        new_request(session, region.clerk, region.dept.id, number="2025-0003")


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout_and_immediate_writes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import sqlalchemy as sa

    from gongkai.ledger import make_engine, upgrade

    engine = make_engine(f"sqlite:///{tmp_path / 'wal.sqlite3'}")
    upgrade(engine)
    begins: list[str] = []
    sa.event.listen(engine, "before_cursor_execute",
                    lambda conn, cursor, statement, *rest: begins.append(statement) if statement.startswith("BEGIN")
                    else None)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 15000
    with session_factory(engine)() as plain:
        plain.execute(sa.text("SELECT 1"))
    with write_session_factory(engine)() as writer:
        writer.execute(sa.text("SELECT 1"))
    assert begins == ["BEGIN", "BEGIN", "BEGIN IMMEDIATE"]
    engine.dispose()
