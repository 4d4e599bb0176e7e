"""Registering and handling requests: the clerk's daily work, as keyword-only functions.

Every function takes the session and the acting user, checks the user may touch the agency,
leaves an audit row, keeps the stored deadline current, and never commits.

Concurrency: a change may say which ``expected_version`` of the request it was prepared from (the
page or API response the clerk saw); if the request has moved on since, ``ConcurrentChange`` is
raised and nothing is changed. Every change also bumps the version, and the UPDATE carries
"WHERE version = <read>", so two changes racing from the same state cannot both land.
Request numbers come from ``request_counters``, one atomic UPDATE … RETURNING per number.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, date, datetime

import sqlalchemy as sa
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from gongkai.errors import ConcurrentChange, LedgerError, NotFound, PermissionDenied
from gongkai.ledger.access import require_agency, visible_agency_ids
from gongkai.ledger.clock import MAX_EXTENSION, Deadline
from gongkai.ledger.deadlines import calendar_from_db, deadline_for, refresh_deadline
from gongkai.ledger.enums import OPEN_STATUSES, EventKind, Outcome, RequestStatus, label
from gongkai.ledger.models import Request, RequestCounter, RequestEvent, User
from gongkai.ledger.schemas import RequestIn, RequestUpdate
from gongkai.ledger.trail import actor_name, record_change, snapshot
from gongkai.ledger.transitions import transition
from gongkai.ledger.workdays import china_today

S = RequestStatus

#: Events recorded with ``record_event``: the status they need and the status they lead to
#: (None: the status does not change).
EVENT_STEPS: dict[EventKind, tuple[frozenset[RequestStatus], RequestStatus | None]] = {
    EventKind.CORRECTION_NOTICE: (frozenset({S.RECEIVED}), S.AWAITING_CORRECTION),
    EventKind.CORRECTION_RECEIVED: (frozenset({S.AWAITING_CORRECTION}), S.RECEIVED),
    EventKind.CONSULTATION_START: (frozenset({S.RECEIVED}), S.CONSULTING),
    EventKind.CONSULTATION_END: (frozenset({S.CONSULTING}), S.RECEIVED),
    EventKind.FEE_NOTICE: (frozenset({S.RECEIVED}), S.AWAITING_FEE),
    EventKind.FEE_PAID: (frozenset({S.AWAITING_FEE}), S.RECEIVED),
    EventKind.EXTENSION: (frozenset({S.RECEIVED, S.CONSULTING, S.AWAITING_FEE}), None),
}
#: Outcomes that may close a request whose clock is stopped waiting for the applicant.
_OUTCOMES_WHILE = {
    S.AWAITING_CORRECTION: frozenset({Outcome.OTHER_NO_CORRECTION, Outcome.OTHER_MISC}),
    S.AWAITING_FEE: frozenset({Outcome.OTHER_NO_FEE, Outcome.OTHER_MISC}),
}
_ONLY_WHILE = {Outcome.OTHER_NO_CORRECTION: S.AWAITING_CORRECTION, Outcome.OTHER_NO_FEE: S.AWAITING_FEE}


def _refresh(session: Session, request: Request, today: date | None) -> Deadline:
    return refresh_deadline(request=request, calendar=calendar_from_db(session=session), today=today)


def live_events(request: Request) -> list[RequestEvent]:
    """The request's events that stand (struck-out ones excluded), in timeline order."""
    return sorted((e for e in request.events if e.removed_at is None), key=lambda e: (e.on, e.id or 0))


def _steps(request: Request) -> list[RequestEvent]:
    """Live events that are steps of handling (status-change records of withdrawals excluded)."""
    return [e for e in live_events(request) if e.kind is not EventKind.STATUS_CHANGE]


def _last_event_on(request: Request) -> date:
    return max((e.on for e in _steps(request)), default=request.received_on)


def _check_on(request: Request, on: date, today: date | None, what: str) -> None:
    today = today or china_today()
    if on > today:
        raise LedgerError(f"{what}日期 {on} 晚于今天 {today}")
    if on < _last_event_on(request):
        raise LedgerError(f"{what}日期 {on} 早于该申请已记录的最近日期 {_last_event_on(request)}")


def _changing(session: Session, request: Request, expected_version: int | None) -> None:
    """Refuse a change prepared from an older state; claim the row (bumped version, flushed now,
    so a racing change is detected here, before any work is done)."""
    if expected_version is not None and request.version != expected_version:
        raise ConcurrentChange()
    if not sa.inspect(request).attrs.version.history.has_changes():  # once per change, however many flushes
        request.version = request.version + 1
    request.updated_at = datetime.now(UTC).replace(tzinfo=None)
    _flush(session)


def _flush(session: Session) -> None:
    try:
        session.flush()
    except StaleDataError:
        raise ConcurrentChange() from None


def _reason(reason: str | None, what: str) -> str:
    text = (reason or "").strip()
    if not text:
        raise LedgerError(f"请填写{what}的理由")
    return text


def _allocate(session: Session, agency_id: int, year: int, prefix: str) -> int:
    """The next counter value: an atomic UPDATE … RETURNING (the row lock queues racing writers);
    a first number of the year starts after the numbers already in use."""
    from sqlalchemy.dialects import postgresql, sqlite

    table = RequestCounter.__table__
    conn = session.connection()
    where = sa.and_(table.c.agency_id == agency_id, table.c.year == year)
    bump = sa.update(RequestCounter).where(where).values(last=table.c.last + 1).returning(table.c.last)
    found = conn.execute(bump).scalar_one_or_none()
    if found is not None:
        return int(found)
    used = session.scalar(select(sa.func.count()).select_from(Request).where(
        Request.agency_id == agency_id, Request.number.like(f"{prefix}%"))) or 0
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    first = dialect.insert(RequestCounter).values(agency_id=agency_id, year=year, last=used + 1)
    first = first.on_conflict_do_update(index_elements=[table.c.agency_id, table.c.year],
                                        set_={"last": table.c.last + 1})
    return int(conn.execute(first.returning(table.c.last)).scalar_one())


def next_number(*, session: Session, agency_id: int, year: int) -> str:
    """Allocate the next free 登记编号 of the agency for the year, e.g. 2025-0042.

    Numbers typed by hand (or imported) are skipped over, never handed out twice.
    """
    prefix = f"{year}-"
    while True:
        number = f"{prefix}{_allocate(session, agency_id, year, prefix):04d}"
        taken = session.scalar(select(Request.id).where(Request.agency_id == agency_id, Request.number == number))
        if taken is None:
            return number


def _number_free(session: Session, agency_id: int, number: str, exclude: int | None = None) -> None:
    stmt = select(Request.id).where(Request.agency_id == agency_id, Request.number == number)
    found = session.scalar(stmt)
    if found is not None and found != exclude:
        raise LedgerError(f"登记编号 {number} 已被本机关的另一件申请使用")


def create_request(*, session: Session, actor: User | None, data: RequestIn, today: date | None = None) -> Request:
    agency = require_agency(session=session, user=actor, agency_id=data.agency_id)
    if agency.retired:
        raise LedgerError(f"「{agency.name}」已撤销，不能再登记新申请（如需补登，请管理员先恢复该机关）")
    if data.received_on > (today or china_today()):
        raise LedgerError(f"收到日期 {data.received_on} 晚于今天")
    number = data.number or next_number(session=session, agency_id=data.agency_id, year=data.received_on.year)
    _number_free(session, data.agency_id, number)
    fields = data.model_dump(exclude={"number"})
    request = Request(**fields, number=number, status=S.RECEIVED, events=[])
    _refresh(session, request, today)  # before the INSERT: a new request starts at version 1
    try:
        with session.begin_nested():  # a number typed by hand that another clerk saved a moment ago
            session.add(request)
            session.flush()
    except IntegrityError:
        raise LedgerError(f"登记编号 {number} 已被本机关的另一件申请使用") from None
    record_change(session=session, actor=actor, entity="request", entity_id=request.id, action="create",
                  after=snapshot(request))
    return request


def get_request(*, session: Session, user: User | None, request_id: int, for_update: bool = False) -> Request:
    """The request, if the user may see it. ``for_update`` locks the row until the transaction ends
    (PostgreSQL ``SELECT … FOR UPDATE``; SQLite write transactions already hold the database lock),
    so a change is decided on the committed state and racing changes queue."""
    request = session.get(Request, request_id, with_for_update=True if for_update else None)
    if request is None:
        raise NotFound(f"申请（编号 {request_id}）不存在")
    if request.agency_id not in visible_agency_ids(session=session, user=user):
        raise PermissionDenied(f"无权查看申请 {request.number}")
    return request


def update_request(
    *, session: Session, actor: User | None, request: Request, data: RequestUpdate, today: date | None = None,
    expected_version: int | None = None,
) -> Request:
    require_agency(session=session, user=actor, agency_id=request.agency_id)
    if expected_version is not None and request.version != expected_version:
        raise ConcurrentChange()
    changes = {k: getattr(data, k) for k in data.model_fields_set}
    if any(v is None for v in changes.values()):
        raise LedgerError("不能把必填项改为空")
    if "agency_id" in changes:
        require_agency(session=session, user=actor, agency_id=changes["agency_id"])
    received = changes.get("received_on", request.received_on)
    if received > (today or china_today()):
        raise LedgerError(f"收到日期 {received} 晚于今天")
    first_event = min((e.on for e in _steps(request)), default=received)
    if received > first_event or (request.decided_on is not None and received > request.decided_on):
        raise LedgerError(f"收到日期 {received} 晚于该申请已记录的办理日期")
    agency_id = changes.get("agency_id", request.agency_id)
    if "number" in changes or "agency_id" in changes:
        _number_free(session, agency_id, changes.get("number", request.number), exclude=request.id)
    before = snapshot(request)
    _changing(session, request, expected_version)
    for key, value in changes.items():
        setattr(request, key, value)
    _refresh(session, request, today)
    _flush(session)
    record_change(session=session, actor=actor, entity="request", entity_id=request.id, action="update",
                  before=before, after=snapshot(request))
    return request


def record_event(
    *,
    session: Session,
    actor: User | None,
    request: Request,
    kind: EventKind,
    on: date,
    note: str | None = None,
    days: int | None = None,
    today: date | None = None,
    expected_version: int | None = None,
) -> RequestEvent:
    """Record a step of handling (补正, consultation, fee, extension); moves the status if it must."""
    require_agency(session=session, user=actor, agency_id=request.agency_id)
    _changing(session, request, expected_version)
    kind = EventKind(kind)
    if kind not in EVENT_STEPS:
        raise LedgerError(f"「{label(kind)}」不能用此方式记录，请使用相应的办理操作")
    needs, to = EVENT_STEPS[kind]
    if request.status not in needs:
        raise LedgerError(f"申请 {request.number} 当前为「{label(request.status)}」，不能记录「{label(kind)}」")
    _check_on(request, on, today, label(kind))
    if kind is EventKind.EXTENSION:
        if any(e.kind is EventKind.EXTENSION for e in live_events(request)):
            raise LedgerError("答复期限只能延长一次（条例第三十三条第二款）")
        if days is None or not 1 <= days <= MAX_EXTENSION:
            raise LedgerError("延长的工作日数应在 1 到 20 之间（条例第三十三条第二款）")
        if request.due_on is not None and on > request.due_on:
            raise LedgerError(f"答复期限 {request.due_on} 已过，不能再延长")
    elif kind is EventKind.CORRECTION_NOTICE:
        if days is not None and not 1 <= days <= 60:
            raise LedgerError("补正期限的工作日数应在 1 到 60 之间")
    elif days is not None:
        raise LedgerError(f"「{label(kind)}」不需要填写天数")
    if to is None:
        event = RequestEvent(kind=kind, on=on, actor=actor_name(actor), note=note or "", days=days)
        request.events.append(event)
        session.add(event)
        record_change(session=session, actor=actor, entity="request", entity_id=request.id,
                      action=f"event:{kind.value}", after={"on": on.isoformat(), "days": days})
    else:
        event = transition(session=session, request=request, to=to, actor=actor, note=note, on=on, kind=kind)
        event.days = days
    _refresh(session, request, today)
    _flush(session)
    return event


def decide(
    *,
    session: Session,
    actor: User | None,
    request: Request,
    outcome: Outcome,
    on: date,
    note: str | None = None,
    today: date | None = None,
    expected_version: int | None = None,
) -> Request:
    """Code the decision as exactly one outcome row (区分处理 → partial only), on its real date."""
    require_agency(session=session, user=actor, agency_id=request.agency_id)
    _changing(session, request, expected_version)
    outcome = Outcome(outcome)
    status = RequestStatus(request.status)
    if status not in OPEN_STATUSES:
        raise LedgerError(f"申请 {request.number} 已作出决定，如需更改请先撤回决定")
    if status in _OUTCOMES_WHILE and outcome not in _OUTCOMES_WHILE[status]:
        raise LedgerError(f"申请 {request.number} 正「{label(status)}」，办理结果只能是"
                          + "、".join(f"「{label(o)}」" for o in sorted(_OUTCOMES_WHILE[status])))
    if outcome in _ONLY_WHILE and status is not _ONLY_WHILE[outcome]:
        raise LedgerError(f"「{label(outcome)}」只适用于「{label(_ONLY_WHILE[outcome])}」的申请")
    if status is S.CONSULTING:
        raise LedgerError("征求意见尚未结束：请先记录收到意见（或对方逾期未答复）再作决定")
    _check_on(request, on, today, "决定")
    transition(session=session, request=request, to=S.DECIDED, actor=actor, note=note, on=on,
               kind=EventKind.DECISION, outcome=outcome)
    _flush(session)
    return request


def send_reply(
    *, session: Session, actor: User | None, request: Request, on: date, note: str | None = None,
    today: date | None = None, expected_version: int | None = None,
) -> Request:
    require_agency(session=session, user=actor, agency_id=request.agency_id)
    _changing(session, request, expected_version)
    if request.status is not S.DECIDED:
        raise LedgerError(f"申请 {request.number} 尚未作出决定，不能记录答复送达")
    _check_on(request, on, today, "答复")
    transition(session=session, request=request, to=S.CLOSED, actor=actor, note=note, on=on,
               kind=EventKind.REPLY_SENT)
    _flush(session)
    return request


def explain_due(*, session: Session, request: Request, today: date | None = None) -> Deadline:
    """The deadline with its step-by-step Chinese explanation."""
    return deadline_for(request=request, calendar=calendar_from_db(session=session), today=today)


# -- queries ----------------------------------------------------------------------------------


def _filtered(
    agency_ids: Collection[int],
    status: RequestStatus | None,
    year: int | None,
    open_only: bool,
    search: str | None,
) -> sa.Select[Request]:
    stmt = select(Request).where(Request.agency_id.in_(list(agency_ids)))
    if status is not None:
        stmt = stmt.where(Request.status == status)
    if open_only:
        stmt = stmt.where(Request.status.in_(OPEN_STATUSES))
    if year is not None:
        stmt = stmt.where(Request.received_on.between(date(year, 1, 1), date(year, 12, 31)))
    if search:
        like = f"%{search.strip()}%"
        stmt = stmt.where(sa.or_(Request.number.like(like), Request.applicant_name.like(like),
                                 Request.content.like(like)))
    return stmt


def list_requests(
    *,
    session: Session,
    agency_ids: Collection[int],
    status: RequestStatus | None = None,
    year: int | None = None,
    open_only: bool = False,
    search: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[Request]:
    stmt = _filtered(agency_ids, status, year, open_only, search)
    stmt = stmt.order_by(Request.received_on.desc(), Request.id.desc()).limit(limit).offset(offset)
    return list(session.scalars(stmt))


def count_requests(
    *,
    session: Session,
    agency_ids: Collection[int],
    status: RequestStatus | None = None,
    year: int | None = None,
    open_only: bool = False,
    search: str | None = None,
) -> int:
    sub = _filtered(agency_ids, status, year, open_only, search).subquery()
    return session.scalar(select(sa.func.count()).select_from(sub)) or 0


def list_open_requests(*, session: Session, agency_ids: Collection[int]) -> list[Request]:
    stmt = (
        select(Request)
        .where(Request.agency_id.in_(list(agency_ids)), Request.status.in_(OPEN_STATUSES))
        .order_by(Request.due_on.is_(None), Request.due_on, Request.id)
    )
    return list(session.scalars(stmt))


def due_soon(
    *, session: Session, agency_ids: Collection[int], days: int = 5, today: date | None = None
) -> list[Request]:
    """Open requests due from today up to ``days`` working days ahead."""
    today = today or date.today()
    horizon, _ = calendar_from_db(session=session).add_workdays(today, days)
    stmt = (
        select(Request)
        .where(Request.agency_id.in_(list(agency_ids)), Request.status.in_(OPEN_STATUSES))
        .where(Request.due_on >= today, Request.due_on <= horizon)
        .order_by(Request.due_on, Request.id)
    )
    return list(session.scalars(stmt))


def overdue(*, session: Session, agency_ids: Collection[int], today: date | None = None) -> list[Request]:
    today = today or date.today()
    stmt = (
        select(Request)
        .where(Request.agency_id.in_(list(agency_ids)), Request.status.in_(OPEN_STATUSES))
        .where(Request.due_on < today)
        .order_by(Request.due_on, Request.id)
    )
    return list(session.scalars(stmt))
