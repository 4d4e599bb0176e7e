"""待送达: requests decided whose reply has not yet reached the applicant.

A decision is only half the job: the 答复书 must be delivered (送达) and its day recorded, and a
request waiting there is easy to forget because its clock has stopped. The start page counts them
and lists the oldest decisions first.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from gongkai.ledger.enums import Outcome, RequestStatus
from gongkai.ledger.models import Agency, Request


@dataclass(frozen=True, slots=True)
class AwaitingDelivery:
    id: int
    agency_name: str
    number: str
    applicant_name: str
    outcome: Outcome
    decided_on: date


def _awaiting(agency_ids: Collection[int]) -> sa.ColumnElement[bool]:
    return sa.and_(Request.agency_id.in_(list(agency_ids)), Request.status == RequestStatus.DECIDED)


def count_awaiting_delivery(*, session: Session, agency_ids: Collection[int]) -> int:
    if not agency_ids:
        return 0
    return int(session.scalar(sa.select(sa.func.count()).select_from(Request).where(_awaiting(agency_ids))) or 0)


def awaiting_delivery(*, session: Session, agency_ids: Collection[int], limit: int = 50) -> list[AwaitingDelivery]:
    """Decided, not yet delivered: the oldest decision first."""
    if not agency_ids:
        return []
    rows = session.execute(
        sa.select(Request.id, Agency.name, Request.number, Request.applicant_name, Request.outcome, Request.decided_on)
        .join(Agency, Agency.id == Request.agency_id).where(_awaiting(agency_ids))
        .order_by(Request.decided_on, Request.id).limit(limit))
    # decided ⇒ outcome and decided_on are set (CHECK ck_requests_status_outcome)
    return [AwaitingDelivery(rid, agency, number, name, outcome, decided_on)  # type: ignore[arg-type]
            for rid, agency, number, name, outcome, decided_on in rows]
