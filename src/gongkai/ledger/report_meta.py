"""A report's 成文日期 (the date printed under the signature), kept per agency, year and 汇总 flag.

Without it the audit warns "落款无成文日期" and the exported document ends without a date; the
clerk enters the day the report is signed off, and every export carries it from then on.
The date must fall after the year reported on (a report cannot cover a year not yet over);
whether it meets the publication deadline is the audit's business (``dates.published``).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from gongkai.errors import LedgerError
from gongkai.ledger.access import require_agency
from gongkai.ledger.models import ReportMeta, User
from gongkai.ledger.trail import actor_name, record_change


def get_published_on(*, session: Session, agency_id: int, year: int, summary: bool = False) -> date | None:
    return session.scalar(select(ReportMeta.published_on).where(
        ReportMeta.agency_id == agency_id, ReportMeta.year == year, ReportMeta.summary.is_(summary)))


def set_published_on(*, session: Session, actor: User | None, agency_id: int, year: int, summary: bool,
                     published_on: date | None) -> bool:
    """Store (or clear, with None) the 成文日期; True when it changed."""
    require_agency(session=session, user=actor, agency_id=agency_id)
    if published_on is not None and published_on.year <= year:
        raise LedgerError(f"成文日期 {published_on.isoformat()} 不晚于 {year} 年底：年度报告应在统计年度结束后成文")
    row = session.scalar(select(ReportMeta).where(
        ReportMeta.agency_id == agency_id, ReportMeta.year == year, ReportMeta.summary.is_(summary)))
    before = row.published_on if row is not None else None
    if before == published_on:
        return False
    if row is None:
        # Two clerks saving the first date at the same moment: the second insert collides with the
        # unique key; it then updates the row the first one made instead of failing.
        try:
            with session.begin_nested():
                row = ReportMeta(agency_id=agency_id, year=year, summary=summary, published_on=published_on,
                                 updated_by=actor_name(actor))
                session.add(row)
        except IntegrityError:
            row = session.scalars(select(ReportMeta).where(
                ReportMeta.agency_id == agency_id, ReportMeta.year == year,
                ReportMeta.summary.is_(summary))).one()
            before = row.published_on
    row.published_on = published_on
    row.updated_by = actor_name(actor)
    session.flush()
    record_change(session=session, actor=actor, entity="report", entity_id=row.id, action="update",
                  before={"agency_id": agency_id, "year": year, "summary": summary,
                          "published_on": before.isoformat() if before else None},
                  after={"agency_id": agency_id, "year": year, "summary": summary,
                         "published_on": published_on.isoformat() if published_on else None})
    return True
