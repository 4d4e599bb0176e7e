"""Who may see what, for the objects the ledger API has no getter for, and which agency a page is about.

Thin adapters over the ledger models: an object outside the user's visible agencies is reported
as ``NotFound`` — the same answer as a missing id — so ids of other agencies reveal nothing.
"""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException

from gongkai.errors import NotFound
from gongkai.ledger import Agency, Appeal, NormativeDocument, User, calendar_from_db, list_agencies

T = TypeVar("T", Appeal, NormativeDocument)

DUE_SOON_DAYS = 5  # working days


def scoped_get(session: Session, model: type[T], object_id: int, visible: frozenset[int]) -> T:
    obj = session.get(model, object_id)
    if obj is None or obj.agency_id not in visible:
        raise NotFound("未找到该记录", message_en=f"{model.__name__} {object_id} not found")
    return obj


def agencies(session: Session, visible: frozenset[int]) -> list[Agency]:
    return sorted(list_agencies(session=session, agency_ids=visible), key=lambda a: (a.parent_id is not None, a.id))


def pick_agency(user: User, visible: frozenset[int], requested: int | None) -> int:
    """The agency a page shows: the one asked for if visible, else the user's own, else the first."""
    if requested is not None and requested in visible:
        return requested
    if user.agency_id is not None and user.agency_id in visible:
        return user.agency_id
    if not visible:
        raise NotFound("您的账号没有可查看的机关", message_en="no visible agency")
    return min(visible)


def default_report_year(today: date) -> int:
    """In January–March people write last year's report; later in the year they look at this one."""
    return today.year - 1 if today.month <= 3 else today.year


def soon_until(session: Session, today: date) -> date:
    """The last day that counts as due soon: today plus five working days (holidays and 调休 included)."""
    calendar = calendar_from_db(session=session)
    day, _provisional = calendar.add_workdays(today, DUE_SOON_DAYS)
    return day


def form_agency(user: User, visible: frozenset[int], submitted: str | None) -> int:
    """The agency a submitted form writes to: the one named, which must be visible (else 403, not a quiet
    re-pointing to the user's own agency); the user's own when the form names none."""
    text = (submitted or "").strip()
    if text:
        if not text.isdigit() or int(text) not in visible:
            raise HTTPException(status_code=403, detail="无权修改所选机关的数据（该机关不在您的权限范围内）")
        return int(text)
    return pick_agency(user, visible, None)


def year_or_none(raw: str | None) -> int | None:
    """A year filter from a query string: blank (or not a year) means "all years"."""
    text = (raw or "").strip()
    return int(text) if text.isdigit() and 1991 <= int(text) <= 2199 else None
