"""Deadlines stored on requests: computed from their events, recomputed when a holiday year is loaded."""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from gongkai.errors import PermissionDenied
from gongkai.ledger.clock import ClockEvent, Deadline, compute_deadline
from gongkai.ledger.db import plain_rows
from gongkai.ledger.enums import OPEN_STATUSES, Role
from gongkai.ledger.models import HolidayYear, Request, User
from gongkai.ledger.trail import record_change
from gongkai.ledger.workdays import HolidayArrangement, WorkCalendar

_CACHE_KEY = "gongkai.ledger.calendar"
# The loaded years exactly as stored (JSON as text): the key of the process-wide calendar cache.
_STORED_YEARS = select(
    HolidayYear.year,
    sa.cast(HolidayYear.holidays, sa.Text),
    sa.cast(HolidayYear.workdays, sa.Text),
    sa.cast(HolidayYear.names, sa.Text),
    HolidayYear.source,
).order_by(HolidayYear.year)
_CALENDARS: dict[tuple[tuple[Any, ...], ...], WorkCalendar] = {}
_CALENDARS_KEPT = 8


def calendar_from_db(*, session: Session) -> WorkCalendar:
    """The built-in calendar plus every year an admin loaded (cached on the session and per process).

    Every web request needs the calendar (due soon, explained deadlines); parsing the loaded years
    and filling a fresh calendar's day memo each time cost more than reading them. So calendars are
    kept per process, keyed by the stored rows themselves: a year loaded or replaced by any process
    changes the key, and the next session builds the new calendar; nothing has to be told.
    """
    cached = session.info.get(_CACHE_KEY)
    if isinstance(cached, WorkCalendar):
        return cached
    stored = tuple(tuple(row) for row in plain_rows(session, _STORED_YEARS))
    calendar = _CALENDARS.get(stored)
    if calendar is None:
        calendar = WorkCalendar({row[0]: _arrangement(*row) for row in stored})
        if len(_CALENDARS) >= _CALENDARS_KEPT:
            _CALENDARS.clear()
        _CALENDARS[stored] = calendar
    session.info[_CACHE_KEY] = calendar
    return calendar


def _arrangement(year: int, holidays: str, workdays: str, names: str | None, source: str) -> HolidayArrangement:
    return HolidayArrangement(
        year,
        frozenset(date.fromisoformat(d) for d in json.loads(holidays)),
        frozenset(date.fromisoformat(d) for d in json.loads(workdays)),
        {date.fromisoformat(k): v for k, v in (json.loads(names or "null") or {}).items()},
        source,
    )


def load_holiday_year(*, session: Session, actor: User | None, arrangement: HolidayArrangement) -> int:
    """Store (or replace) a year's arrangement and recompute every open deadline; returns how many.

    It changes every agency's deadlines, so only an admin (or the system, ``actor=None``) may.
    """
    if actor is not None and not (actor.active and actor.role is Role.ADMIN):
        raise PermissionDenied("只有管理员可以导入节假日安排")
    row = session.get(HolidayYear, arrangement.year)
    before = None if row is None else {"holidays": row.holidays, "workdays": row.workdays}
    data = {
        "holidays": sorted(d.isoformat() for d in arrangement.holidays),
        "workdays": sorted(d.isoformat() for d in arrangement.workdays),
        "names": {d.isoformat(): n for d, n in sorted(arrangement.names.items())},
        "source": arrangement.source,
    }
    if row is None:
        row = HolidayYear(year=arrangement.year, **data)
        session.add(row)
    else:
        for key, value in data.items():
            setattr(row, key, value)
    session.flush()
    session.info.pop(_CACHE_KEY, None)
    record_change(session=session, actor=actor, entity="holiday_year", entity_id=arrangement.year,
                  action="load" if before is None else "replace", before=before,
                  after={"holidays": data["holidays"], "workdays": data["workdays"]})
    return recompute_open_deadlines(session=session)


def recompute_open_deadlines(*, session: Session, today: date | None = None) -> int:
    calendar = calendar_from_db(session=session)
    count = 0
    for request in session.scalars(
        select(Request).where(Request.status.in_(OPEN_STATUSES)).options(selectinload(Request.events))
    ):
        refresh_deadline(request=request, calendar=calendar, today=today)
        count += 1
    session.flush()
    return count


def deadline_for(*, request: Request, calendar: WorkCalendar, today: date | None = None) -> Deadline:
    events = [ClockEvent(e.kind, e.on, e.days) for e in request.events if e.removed_at is None]
    return compute_deadline(received_on=request.received_on, events=events, calendar=calendar, today=today)


def refresh_deadline(*, request: Request, calendar: WorkCalendar, today: date | None = None) -> Deadline:
    """Store the clock's result on the request (due date, provisional flag, other side's date)."""
    deadline = deadline_for(request=request, calendar=calendar, today=today)
    request.due_on = deadline.due_on
    request.due_provisional = deadline.provisional
    request.waiting_due_on = deadline.waiting_due_on
    request.extended_days = deadline.extended
    return deadline


def list_holiday_years(*, session: Session) -> list[HolidayYear]:
    """The arrangements loaded by an admin, latest year first."""
    return list(session.scalars(select(HolidayYear).order_by(HolidayYear.year.desc())))


def list_provisional_requests(*, session: Session, agency_ids: Collection[int]) -> list[Request]:
    """Open requests whose due date still rests on a year the calendar does not know (weekends only)."""
    if not agency_ids:
        return []
    stmt = (
        select(Request)
        .where(Request.agency_id.in_(list(agency_ids)), Request.status.in_(OPEN_STATUSES),
               Request.due_provisional.is_(True))
        .order_by(Request.due_on, Request.id)
    )
    return list(session.scalars(stmt))
