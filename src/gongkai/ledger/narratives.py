"""The annual report's narrative as edited by the clerk: one row per agency, year and section.

Only edited sections are stored: a section without a row keeps the text ``annual_report``
generates from the tables, so its figures stay current. Saving empty text deletes the row,
which restores the generated text. Every save goes through ``visible_agency_ids`` (via
``require_agency``) and leaves an audit row.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from gongkai.errors import LedgerError
from gongkai.ledger.access import require_agency
from gongkai.ledger.models import ReportNarrative, User
from gongkai.ledger.trail import actor_name, record_change

SECTION_NUMBERS = range(1, 7)
MAX_SECTION_CHARS = 20_000


def _check(section: int, year: int) -> None:
    if section not in SECTION_NUMBERS:
        raise LedgerError(f"年度报告正文部分编号应为 1 至 6，收到 {section}")
    if not 1991 <= year <= 2199:
        raise LedgerError(f"年度 {year} 不正确")


def get_narratives(
    *, session: Session, agency_id: int, year: int, summary: bool = False, viewer: User | None = None
) -> dict[int, str]:
    """The stored (edited) sections only: number → text. ``viewer`` given → must see the agency."""
    if viewer is not None:
        require_agency(session=session, user=viewer, agency_id=agency_id)
    rows = session.execute(
        select(ReportNarrative.section, ReportNarrative.text).where(
            ReportNarrative.agency_id == agency_id, ReportNarrative.year == year, ReportNarrative.summary == summary
        )
    )
    return {section: text for section, text in rows}


def save_narrative(
    *,
    session: Session,
    agency_id: int,
    year: int,
    section: int,
    text: str,
    actor: User | None,
    summary: bool = False,
) -> ReportNarrative | None:
    """Store one section's text (empty text removes the edit); returns the row, or None if removed."""
    require_agency(session=session, user=actor, agency_id=agency_id)
    _check(section, year)
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(text) > MAX_SECTION_CHARS:
        raise LedgerError(f"第 {section} 部分超过 {MAX_SECTION_CHARS} 字")
    row = session.scalar(
        select(ReportNarrative).where(
            ReportNarrative.agency_id == agency_id, ReportNarrative.year == year,
            ReportNarrative.summary == summary, ReportNarrative.section == section,
        )
    )
    key = {"agency_id": agency_id, "year": year, "summary": summary, "section": section}
    if row is None and not text:
        return None
    if row is not None and row.text == text:
        return row
    if row is None:
        row = ReportNarrative(**key, text=text, updated_by=actor_name(actor))
        session.add(row)
        session.flush()
        record_change(session=session, actor=actor, entity="narrative", entity_id=row.id, action="create",
                      after={**key, "text": text})
        return row
    before = {**key, "text": row.text}
    if not text:
        row_id = row.id
        session.delete(row)
        session.flush()
        record_change(session=session, actor=actor, entity="narrative", entity_id=row_id, action="delete",
                      before=before)
        return None
    row.text = text
    row.updated_by = actor_name(actor)
    session.flush()
    record_change(session=session, actor=actor, entity="narrative", entity_id=row.id, action="update",
                  before=before, after={**key, "text": text})
    return row
