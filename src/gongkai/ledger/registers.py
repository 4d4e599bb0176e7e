"""The other registers behind the annual report: appeals, normative documents, annual figures."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from gongkai.errors import LedgerError
from gongkai.ledger.access import require_agency
from gongkai.ledger.enums import FIGURE_KEYS, AppealResult
from gongkai.ledger.models import AnnualFigure, Appeal, AuditLog, NormativeDocument, Request, User
from gongkai.ledger.schemas import AppealIn, DocumentIn, check_appeal_result
from gongkai.ledger.trail import record_change, snapshot
from gongkai.ledger.workdays import china_today


def _not_future(on: date | None, what: str, today: date | None) -> None:
    today = today or china_today()
    if on is not None and on > today:
        raise LedgerError(f"{what} {on} 晚于今天 {today}")


def create_appeal(*, session: Session, actor: User | None, data: AppealIn, today: date | None = None) -> Appeal:
    """Register a 行政复议 or 行政诉讼; never dated in the future, never before the request it is about."""
    require_agency(session=session, user=actor, agency_id=data.agency_id)
    _not_future(data.filed_on, "提起日期", today)
    _not_future(data.concluded_on, "审结日期", today)
    if data.request_id is not None:
        request = session.get(Request, data.request_id)
        if request is None or request.agency_id != data.agency_id:
            raise LedgerError(f"关联的申请（编号 {data.request_id}）不属于该机关")
        if data.filed_on < request.received_on:
            raise LedgerError(f"提起日期 {data.filed_on} 早于所关联申请 {request.number} 的收到日期 {request.received_on}")
    appeal = Appeal(**data.model_dump())
    session.add(appeal)
    session.flush()
    record_change(session=session, actor=actor, entity="appeal", entity_id=appeal.id, action="create",
                  after=snapshot(appeal))
    return appeal


def update_appeal(
    *,
    session: Session,
    actor: User | None,
    appeal: Appeal,
    result: AppealResult,
    concluded_on: date | None,
    note: str | None = None,
    today: date | None = None,
) -> Appeal:
    require_agency(session=session, user=actor, agency_id=appeal.agency_id)
    _not_future(concluded_on, "审结日期", today)
    result = AppealResult(result)
    try:
        check_appeal_result(result, concluded_on, appeal.filed_on)
    except ValueError as exc:
        raise LedgerError(str(exc)) from None
    before = snapshot(appeal)
    appeal.result = result
    appeal.concluded_on = concluded_on
    if note is not None:
        appeal.note = note
    session.flush()
    record_change(session=session, actor=actor, entity="appeal", entity_id=appeal.id, action="update",
                  before=before, after=snapshot(appeal))
    return appeal


def list_appeals(*, session: Session, agency_ids: Collection[int], year: int | None = None) -> list[Appeal]:
    stmt = select(Appeal).where(Appeal.agency_id.in_(list(agency_ids)))
    if year is not None:
        stmt = stmt.where(Appeal.filed_on.between(date(year, 1, 1), date(year, 12, 31)))
    return list(session.scalars(stmt.order_by(Appeal.filed_on.desc(), Appeal.id.desc())))


def create_document(*, session: Session, actor: User | None, data: DocumentIn,
                    today: date | None = None) -> NormativeDocument:
    require_agency(session=session, user=actor, agency_id=data.agency_id)
    _not_future(data.issued_on, "制发日期", today)
    _not_future(data.repealed_on, "废止日期", today)
    document = NormativeDocument(**data.model_dump())
    session.add(document)
    session.flush()
    record_change(session=session, actor=actor, entity="document", entity_id=document.id, action="create",
                  after=snapshot(document))
    return document


def repeal_document(
    *, session: Session, actor: User | None, document: NormativeDocument, on: date, today: date | None = None
) -> NormativeDocument:
    require_agency(session=session, user=actor, agency_id=document.agency_id)
    _not_future(on, "废止日期", today)
    if on < document.issued_on:
        raise LedgerError(f"废止日期 {on} 早于制发日期 {document.issued_on}")
    before = snapshot(document)
    document.repealed_on = on
    session.flush()
    record_change(session=session, actor=actor, entity="document", entity_id=document.id, action="repeal",
                  before=before, after=snapshot(document))
    return document


def list_documents(*, session: Session, agency_ids: Collection[int]) -> list[NormativeDocument]:
    stmt = select(NormativeDocument).where(NormativeDocument.agency_id.in_(list(agency_ids)))
    return list(session.scalars(stmt.order_by(NormativeDocument.issued_on.desc(), NormativeDocument.id)))


MAX_FIGURE = Decimal(10) ** 9  # a count or an amount in 万元 above this is a typing slip, not a figure
FIGURE_PLACES = Decimal("0.0001")


def set_annual_figure(
    *,
    session: Session,
    actor: User | None,
    agency_id: int,
    year: int,
    key: str,
    value: Decimal | int | str,
    source: str = "",
) -> AnnualFigure:
    """Enter one of the section 二 cells that are not computed (许可/处罚/强制 decisions, fees in 万元)."""
    require_agency(session=session, user=actor, agency_id=agency_id)
    if key not in FIGURE_KEYS:
        raise LedgerError(f"「{key}」不是可填报的第二部分指标")
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise LedgerError(f"「{value}」不是数字") from None
    if amount < 0 or not amount.is_finite():
        raise LedgerError("数值不能为负数")
    if key.endswith(".decisions") and amount != amount.to_integral_value():
        raise LedgerError("处理决定数量应为整数")
    if amount > MAX_FIGURE:
        raise LedgerError(f"数值 {amount} 过大（超过 10 亿），请核对单位：件数按件、收费金额按万元填写")
    if amount != amount.quantize(FIGURE_PLACES):
        raise LedgerError("收费金额最多保留 4 位小数（万元）")
    amount = amount.quantize(FIGURE_PLACES)  # stored exactly: NUMERIC(14, 4)
    row = session.scalar(select(AnnualFigure).where(
        AnnualFigure.agency_id == agency_id, AnnualFigure.year == year, AnnualFigure.key == key))
    before = snapshot(row) if row is not None else None
    if row is None:
        row = AnnualFigure(agency_id=agency_id, year=year, key=key, value=amount, source=source)
        session.add(row)
    else:
        row.value = amount
        row.source = source
    session.flush()
    record_change(session=session, actor=actor, entity="annual_figure", entity_id=row.id,
                  action="create" if before is None else "update", before=before, after=snapshot(row))
    return row


def list_annual_figures(*, session: Session, agency_id: int, year: int) -> list[AnnualFigure]:
    stmt = select(AnnualFigure).where(AnnualFigure.agency_id == agency_id, AnnualFigure.year == year)
    return list(session.scalars(stmt.order_by(AnnualFigure.key)))


def list_audit_log(
    *, session: Session, entity: str | None = None, entity_id: int | None = None, limit: int = 100
) -> list[AuditLog]:
    stmt = select(AuditLog)
    if entity is not None:
        stmt = stmt.where(AuditLog.entity == entity)
    if entity_id is not None:
        stmt = stmt.where(AuditLog.entity_id == entity_id)
    return list(session.scalars(stmt.order_by(AuditLog.id.desc()).limit(limit)))
