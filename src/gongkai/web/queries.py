"""Dashboard queries the ledger API has no function for (a thin adapter over its models).

``list_open_requests`` loads every open request; with a county of 100,000 requests that is
thousands of ORM rows per page view. The dashboard needs only the counts (one aggregate query)
and the most urgent rows (an ordered LIMIT that the (agency_id, status, due_on) index serves).
Candidates for the ledger API; until then they live here.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from gongkai.ledger import OPEN_STATUSES, ApplicantType, Request, RequestStatus


@dataclass(frozen=True, slots=True)
class OpenCounts:
    open: int
    overdue: int
    due_soon: int
    paused: int


def _open(agency_ids: Collection[int]) -> sa.ColumnElement[bool]:
    return sa.and_(Request.agency_id.in_(list(agency_ids)), Request.status.in_(OPEN_STATUSES))


def open_counts(session: Session, agency_ids: Collection[int], today: date, soon_until: date) -> OpenCounts:
    def flag(condition: sa.ColumnElement[bool]) -> sa.ColumnElement[int]:
        return sa.func.coalesce(sa.func.sum(sa.case((condition, 1), else_=0)), 0)

    row = session.execute(
        sa.select(
            sa.func.count(),
            flag(Request.due_on < today),
            flag(Request.due_on.between(today, soon_until)),
            flag(Request.due_on.is_(None)),
        ).where(_open(agency_ids))
    ).one()
    return OpenCounts(*(int(v or 0) for v in row))


@dataclass(frozen=True, slots=True)
class OpenRow:
    """What a dashboard row shows of an open request (a few columns, not the whole ORM object)."""

    id: int
    agency_id: int
    number: str
    applicant_name: str
    applicant_type: ApplicantType
    content: str  # the first 60 characters
    received_on: date
    status: RequestStatus
    due_on: date | None
    due_provisional: bool
    waiting_due_on: date | None

    def state(self, today: date, soon_until: date) -> str:
        if self.due_on is None:
            return ""
        if self.due_on < today:
            return "overdue"
        return "due-soon" if self.due_on <= soon_until else ""


def most_urgent(session: Session, agency_ids: Collection[int], limit: int) -> list[OpenRow]:
    """Open requests by due date (paused ones, without a due date, last), at most ``limit``."""
    stmt = (
        sa.select(Request.id, Request.agency_id, Request.number, Request.applicant_name, Request.applicant_type,
                  sa.func.substr(Request.content, 1, 60), Request.received_on, Request.status, Request.due_on,
                  Request.due_provisional, Request.waiting_due_on)
        .where(_open(agency_ids))
        .order_by(Request.due_on.is_(None), Request.due_on, Request.id)
        .limit(limit)
    )
    return [OpenRow(*row) for row in session.execute(stmt)]
