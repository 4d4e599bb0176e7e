"""Report narratives in the ledger: stored per agency/year/section, audited, permission-checked."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from gongkai.errors import LedgerError, PermissionDenied
from gongkai.ledger import (
    AuditLog,
    ReportNarrative,
    annual_report,
    get_narratives,
    make_engine,
    save_narrative,
    upgrade,
)
from gongkai.ledger.db import current_revision, downgrade

from .conftest import Region


def _audit(session: Session) -> list[AuditLog]:
    return list(session.scalars(select(AuditLog).where(AuditLog.entity == "narrative").order_by(AuditLog.id)))


def test_save_and_get(session: Session, region: Region) -> None:
    assert get_narratives(session=session, agency_id=region.dept.id, year=2025) == {}
    row = save_narrative(session=session, agency_id=region.dept.id, year=2025, section=5, text="  存在问题：无。\r\n ",
                         actor=region.clerk)
    save_narrative(session=session, agency_id=region.dept.id, year=2025, section=1, text="总体情况。",
                   actor=region.clerk)
    session.commit()
    assert row is not None and row.updated_by == "clerk" and row.updated_at is not None
    assert get_narratives(session=session, agency_id=region.dept.id, year=2025) == {1: "总体情况。", 5: "存在问题：无。"}
    # other year, other agency, the summary report: separate
    assert get_narratives(session=session, agency_id=region.dept.id, year=2024) == {}
    assert get_narratives(session=session, agency_id=region.other_dept.id, year=2025) == {}
    assert get_narratives(session=session, agency_id=region.dept.id, year=2025, summary=True) == {}
    # replace, then clear: clearing removes the row
    save_narrative(session=session, agency_id=region.dept.id, year=2025, section=5, text="新的文字", actor=region.clerk)
    assert get_narratives(session=session, agency_id=region.dept.id, year=2025)[5] == "新的文字"
    assert save_narrative(session=session, agency_id=region.dept.id, year=2025, section=5, text="",
                          actor=region.clerk) is None
    session.commit()
    assert get_narratives(session=session, agency_id=region.dept.id, year=2025) == {1: "总体情况。"}
    assert session.scalar(select(sa.func.count()).select_from(ReportNarrative)) == 1


def test_every_change_is_audited(session: Session, region: Region) -> None:
    dept = region.dept.id
    save_narrative(session=session, agency_id=dept, year=2025, section=5, text="甲", actor=region.clerk)
    save_narrative(session=session, agency_id=dept, year=2025, section=5, text="甲", actor=region.clerk)  # no change
    save_narrative(session=session, agency_id=dept, year=2025, section=5, text="乙", actor=region.supervisor)
    save_narrative(session=session, agency_id=dept, year=2025, section=5, text="", actor=region.clerk)
    session.commit()
    rows = _audit(session)
    assert [(r.actor, r.action) for r in rows] == [("clerk", "create"), ("sup", "update"), ("clerk", "delete")]
    assert rows[0].after == {"agency_id": dept, "year": 2025, "summary": False, "section": 5, "text": "甲"}
    assert rows[1].before == {"text": "甲"} and rows[1].after == {"text": "乙"}
    assert rows[2].before == {"agency_id": dept, "year": 2025, "summary": False, "section": 5, "text": "乙"}
    assert rows[2].after is None


def test_clerk_of_another_agency_cannot_save_or_read(session: Session, region: Region) -> None:
    with pytest.raises(PermissionDenied):
        save_narrative(session=session, agency_id=region.dept.id, year=2025, section=1, text="越权",
                       actor=region.other_clerk)
    with pytest.raises(PermissionDenied):
        get_narratives(session=session, agency_id=region.dept.id, year=2025, viewer=region.other_clerk)
    session.rollback()
    assert get_narratives(session=session, agency_id=region.dept.id, year=2025) == {}
    assert _audit(session) == []
    # the county's supervisor and the admin may
    save_narrative(session=session, agency_id=region.dept.id, year=2025, section=1, text="监督", actor=region.supervisor)
    save_narrative(session=session, agency_id=region.dept.id, year=2025, section=2, text="管理", actor=region.admin)
    assert get_narratives(session=session, agency_id=region.dept.id, year=2025, viewer=region.clerk) == {
        1: "监督", 2: "管理"}


@pytest.mark.parametrize(("section", "year", "text", "message"), [
    (0, 2025, "x", "部分编号应为 1 至 6"),
    (7, 2025, "x", "部分编号应为 1 至 6"),
    (1, 1900, "x", "年度 1900 不正确"),
    (1, 2025, "长" * 20_001, "超过 20000 字"),
])
def test_bad_input_is_a_ledger_error(session: Session, region: Region, section: int, year: int, text: str,
                                     message: str) -> None:
    with pytest.raises(LedgerError, match=message):
        save_narrative(session=session, agency_id=region.dept.id, year=year, section=section, text=text,
                       actor=region.clerk)


def test_annual_report_uses_stored_narrative(session: Session, region: Region) -> None:
    generated = annual_report(session=session, agency_id=region.dept.id, year=2025)
    assert generated.sections[4].text == "（请填写本年度政府信息公开工作存在的主要问题及改进情况。）"
    save_narrative(session=session, agency_id=region.dept.id, year=2025, section=5, text="问题已整改。",
                   actor=region.clerk)
    report = annual_report(session=session, agency_id=region.dept.id, year=2025)
    assert [s.text for s in report.sections][4] == "问题已整改。"
    assert report.sections[0].text == generated.sections[0].text
    # an explicit override wins; stored text can be left out
    assert annual_report(session=session, agency_id=region.dept.id, year=2025,
                         narrative={5: "覆盖"}).sections[4].text == "覆盖"
    assert annual_report(session=session, agency_id=region.dept.id, year=2025,
                         stored_narrative=False).sections[4].text == generated.sections[4].text
    assert annual_report(session=session, agency_id=region.dept.id, year=2025,
                         summary=True).sections[4].text == generated.sections[4].text


def test_migration_0002_up_and_down_on_an_empty_database(tmp_path) -> None:  # type: ignore[no-untyped-def]
    eng: Engine = make_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    try:
        upgrade(eng, revision="0001")
        assert "report_narratives" not in sa.inspect(eng).get_table_names()
        upgrade(eng, revision="0002")
        assert current_revision(eng) == "0002"
        inspector = sa.inspect(eng)
        assert "report_narratives" in inspector.get_table_names()
        assert [u["column_names"] for u in inspector.get_unique_constraints("report_narratives")] == [
            ["agency_id", "year", "summary", "section"]]
        downgrade(eng, revision="0001")
        assert current_revision(eng) == "0001"
        assert "report_narratives" not in sa.inspect(eng).get_table_names()
        assert "requests" in sa.inspect(eng).get_table_names()
    finally:
        eng.dispose()


def test_migration_0002_down_and_up_on_the_fixture_engine(engine: Engine) -> None:
    """Same on PostgreSQL when configured (the fixture engine is SQLite or PostgreSQL)."""
    downgrade(engine, revision="0001")
    assert "report_narratives" not in sa.inspect(engine).get_table_names()
    upgrade(engine, revision="0002")
    assert "report_narratives" in sa.inspect(engine).get_table_names()
    assert current_revision(engine) == "0002"
    upgrade(engine)
