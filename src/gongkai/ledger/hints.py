"""Warnings a request page shows that no rule refuses: a likely double registration, a late 补正 notice.

Neither is an error the ledger may reject — the same person may well ask twice, and a notice sent
late has still been sent — but a clerk should see both: a double registration counts twice in the
annual table, and a late notice (条例第三十条: within 7 working days of receipt) is what a
supervisor's review looks for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from gongkai.ledger.enums import EventKind
from gongkai.ledger.models import Request


@dataclass(frozen=True, slots=True)
class Duplicate:
    id: int
    number: str
    received_on: date
    same_content: bool


def _squeeze(text: str) -> str:
    return "".join(text.split())


def possible_duplicates(*, session: Session, request: Request, limit: int = 5) -> list[Duplicate]:
    """Other requests of the agency from the same applicant with the same content, or received the same day."""
    name = request.applicant_name.strip()
    if not name:
        return []
    rows = session.execute(
        sa.select(Request.id, Request.number, Request.received_on, Request.content)
        .where(Request.agency_id == request.agency_id, Request.id != request.id, Request.applicant_name == name)
        .order_by(Request.received_on.desc(), Request.id.desc()).limit(200))
    content = _squeeze(request.content)
    out = []
    for rid, number, received_on, other in rows:
        same = _squeeze(other) == content
        if same or received_on == request.received_on:
            out.append(Duplicate(rid, number, received_on, same))
    return out[:limit]


def late_correction_notice(request: Request, notice_due: date) -> date | None:
    """The day the first 补正 notice went out, if that was after ``notice_due``; else None."""
    sent = sorted(e.on for e in request.events if e.kind is EventKind.CORRECTION_NOTICE
                  and getattr(e, "removed_at", None) is None)
    return sent[0] if sent and sent[0] > notice_due else None
