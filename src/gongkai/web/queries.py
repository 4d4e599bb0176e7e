"""Dashboard queries the ledger API has no function for (a thin adapter over its models).

``list_open_requests`` loads every open request; with a county of 100,000 requests that is
thousands of ORM rows per page view. The dashboard needs only the counts (one aggregate query)
and the most urgent rows (an ordered LIMIT that the (agency_id, status, due_on) index serves).
Candidates for the ledger API; until then they live here.

The statements are built once, at import, with bind parameters (the agency ids as an expanding IN):
building a select and its cache key on every page view cost about a millisecond of CPU per request.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from gongkai.ledger import OPEN_STATUSES, Agency, ApplicantType, Request, RequestStatus


@dataclass(frozen=True, slots=True)
class OpenCounts:
    open: int
    overdue: int
    due_soon: int
    paused: int


_AGENCIES = sa.bindparam("agency_ids", expanding=True)
_OPEN = sa.and_(Request.agency_id.in_(_AGENCIES), Request.status.in_(OPEN_STATUSES))
_TODAY = sa.bindparam("today", type_=sa.Date())
_SOON = sa.bindparam("soon_until", type_=sa.Date())


def _flag(condition: sa.ColumnElement[bool]) -> sa.ColumnElement[int]:
    return sa.func.coalesce(sa.func.sum(sa.case((condition, 1), else_=0)), 0)


_OPEN_COUNTS = sa.select(
    sa.func.count(),
    _flag(Request.due_on < _TODAY),
    _flag(Request.due_on.between(_TODAY, _SOON)),
    _flag(Request.due_on.is_(None)),
).where(_OPEN)


def open_counts(session: Session, agency_ids: Collection[int], today: date, soon_until: date) -> OpenCounts:
    row = session.execute(_OPEN_COUNTS, {"agency_ids": list(agency_ids), "today": today,
                                         "soon_until": soon_until}).one()
    return OpenCounts(*(int(v or 0) for v in row))


_RECEIVED = sa.select(sa.func.count()).where(
    Request.agency_id.in_(_AGENCIES),
    Request.received_on.between(sa.bindparam("first", type_=sa.Date()), sa.bindparam("last", type_=sa.Date())),
)


def received_in_year(session: Session, agency_ids: Collection[int], year: int) -> int:
    """Requests received in ``year`` (a count the (agency_id, received_on) index answers alone)."""
    count = session.execute(_RECEIVED, {"agency_ids": list(agency_ids), "first": date(year, 1, 1),
                                        "last": date(year, 12, 31)}).scalar_one()
    return int(count or 0)


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


_URGENT_ORDER = (Request.due_on.is_(None), Request.due_on, Request.id)
# The ids first, from the (agency_id, status, due_on) index alone (the row id rides along in it), then
# only those rows: sorting whole rows of every open request cost more than the rest of the query.
_URGENT_IDS = (
    sa.select(Request.id).where(_OPEN).order_by(*_URGENT_ORDER).limit(sa.bindparam("limit", type_=sa.Integer()))
).scalar_subquery()
_MOST_URGENT = (
    sa.select(Request.id, Request.agency_id, Request.number, Request.applicant_name, Request.applicant_type,
              sa.func.substr(Request.content, 1, 60), Request.received_on, Request.status, Request.due_on,
              Request.due_provisional, Request.waiting_due_on)
    .where(Request.id.in_(_URGENT_IDS))
    .order_by(*_URGENT_ORDER)
)


def most_urgent(session: Session, agency_ids: Collection[int], limit: int) -> list[OpenRow]:
    """Open requests by due date (paused ones, without a due date, last), at most ``limit``."""
    rows = session.execute(_MOST_URGENT, {"agency_ids": list(agency_ids), "limit": limit})
    return [OpenRow(*row) for row in rows]


@dataclass(frozen=True, slots=True)
class AgencyName:
    id: int
    name: str


_AGENCY_NAMES = sa.select(Agency.id, Agency.name).where(Agency.id.in_(sa.bindparam("ids", expanding=True)))


def agency_names(session: Session, agency_ids: Collection[int]) -> dict[int, AgencyName]:
    """Id → name of the given agencies: all a dashboard row shows of its agency, without ORM objects."""
    return {row.id: AgencyName(row.id, row.name) for row in session.execute(_AGENCY_NAMES, {"ids": list(agency_ids)})}
