"""Sections 二, 三 and 四 of the annual report, counted from the ledger with SQL aggregates.

Section 三 is one GROUP BY over one population — the requests of the agency received by the end
of the year and not concluded before its start. That population is split two ways: by receipt
(本年新收 / 上年结转) and by what happened in the year (an outcome row / 结转下年度). Both splits
cover the same rows (each group's count is concluded + not concluded), so 第一项 + 第二项 = 第三项 +
第四项 holds by construction, per column. The covering index ``ix_requests_tables`` lets SQLite
stream the groups straight from the index (1,000,000 requests in well under 2 s).
A request is concluded on its ``decided_on`` (the CHECK constraints guarantee decided ≥ received).

Section 四 (docs/ledger.md «复议诉讼的统计口径»): an appeal is counted in year Y when it was filed
by the end of Y and not concluded before Y began; its column is its result if concluded by the
end of Y, else 尚未审结. A case pending at one year end is thus reported again, with its result,
in the year it concludes — the same carry-over logic as for requests.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy import select
from sqlalchemy.orm import Session

from gongkai.ledger.access import subtree_ids
from gongkai.ledger.enums import FIGURE_KEYS, AppealResult, DocumentKind
from gongkai.ledger.models import AnnualFigure, Appeal, NormativeDocument, Request
from gongkai.model.keys import (
    APPEAL_COLUMNS,
    APPEAL_GROUPS,
    APPLICANT_COLUMNS,
    OUTCOME_ROWS_2021,
    REQUEST_COLUMNS,
    REQUEST_ROWS_2021,
)

Rows = dict[str, dict[str, Any]]


def scope_ids(session: Session, agency_id: int, summary: bool) -> list[int]:
    return sorted(subtree_ids(session=session, root_id=agency_id)) if summary else [agency_id]


def _one(flag: sa.ColumnElement[bool]) -> sa.ColumnElement[int]:
    return sa.func.sum(sa.case((flag, 1), else_=0))


def _in(column: sa.orm.InstrumentedAttribute[int], ids: Collection[int]) -> sa.ColumnElement[bool]:
    """``= id`` for one agency (lets the covering index deliver rows already grouped), else IN."""
    ids = list(ids)
    return column == ids[0] if len(ids) == 1 else column.in_(ids)


def request_rows(*, session: Session, agency_ids: Collection[int], year: int) -> Rows:
    """Section 三 under the 2021 keys; every cell an int, ``total`` columns and row included."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    stmt = (
        select(
            Request.applicant_type,
            Request.outcome,
            _one(Request.received_on >= start),
            _one(Request.received_on < start),
            _one(Request.decided_on <= end),  # concluded in the year (NULL decided_on → 0)
            sa.func.count(),
        )
        .where(_in(Request.agency_id, agency_ids))
        .where(Request.received_on <= end)
        .where(sa.or_(Request.decided_on.is_(None), Request.decided_on >= start))
        .group_by(Request.applicant_type, Request.outcome)
    )
    rows: Rows = {r: dict.fromkeys(REQUEST_COLUMNS, 0) for r in REQUEST_ROWS_2021}
    for applicant, outcome, received, carried_over, concluded, n in session.execute(stmt):
        column = str(applicant)
        concluded = int(concluded or 0)
        rows["received"][column] += int(received or 0)
        rows["carried_over"][column] += int(carried_over or 0)
        if outcome is not None:
            rows[str(outcome)][column] += concluded
        rows["carried_forward"][column] += int(n) - concluded
    for column in APPLICANT_COLUMNS:
        rows["total"][column] = sum(rows[r][column] for r in OUTCOME_ROWS_2021)
    for cols in rows.values():
        cols["total"] = sum(cols[c] for c in APPLICANT_COLUMNS)
    return rows


def appeal_rows(*, session: Session, agency_ids: Collection[int], year: int) -> Rows:
    start, end = date(year, 1, 1), date(year, 12, 31)
    column = sa.case(
        (sa.and_(Appeal.concluded_on.is_not(None), Appeal.concluded_on <= end), Appeal.result),
        else_=AppealResult.PENDING.value,
    ).label("column")
    stmt = (
        select(Appeal.kind, column, sa.func.count())
        .where(Appeal.agency_id.in_(list(agency_ids)))
        .where(Appeal.filed_on <= end)
        .where(sa.or_(Appeal.concluded_on.is_(None), Appeal.concluded_on >= start))
        .group_by(Appeal.kind, column)
    )
    rows: Rows = {g: dict.fromkeys(APPEAL_COLUMNS, 0) for g in APPEAL_GROUPS}
    for kind, result, n in session.execute(stmt):
        rows[str(kind)][str(result)] += int(n)
    for cols in rows.values():
        cols["total"] = sum(cols[c] for c in APPEAL_COLUMNS if c != "total")
    return rows


def active_rows(*, session: Session, agency_ids: Collection[int], year: int) -> Rows:
    """Section 二 (2021): documents counted from the register, other cells from annual figures."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    doc = NormativeDocument
    stmt = (
        select(
            doc.kind,
            _one(doc.issued_on.between(start, end)).label("issued"),
            _one(doc.repealed_on.between(start, end)).label("repealed"),
            _one(sa.and_(doc.issued_on <= end, sa.or_(doc.repealed_on.is_(None), doc.repealed_on > end))),
        )
        .where(doc.agency_id.in_(list(agency_ids)))
        .group_by(doc.kind)
    )
    rows: Rows = {
        "rules": {"issued": 0, "repealed": 0, "in_force": 0},
        "normative_documents": {"issued": 0, "repealed": 0, "in_force": 0},
    }
    for kind, issued, repealed, in_force in session.execute(stmt):
        row = rows["rules" if kind == DocumentKind.RULE else "normative_documents"]
        row.update(issued=int(issued or 0), repealed=int(repealed or 0), in_force=int(in_force or 0))
    figures = select(AnnualFigure.key, sa.func.sum(AnnualFigure.value)).where(
        AnnualFigure.agency_id.in_(list(agency_ids)), AnnualFigure.year == year
    ).group_by(AnnualFigure.key)
    entered: dict[str, Decimal] = {k: Decimal(v) for k, v in session.execute(figures)}
    for key in FIGURE_KEYS:
        _, row_key, column = key.split(".")
        value = entered.get(key)
        # A figure nobody entered stays None: a blank cell is not 0 (template.md B5).
        cell: int | Decimal | None = value
        if value is not None:
            cell = int(value) if column == "decisions" else _wan(value)
        rows[row_key] = {column: cell}
    return rows


def _wan(value: Decimal) -> Decimal:
    """An amount in 万元 without trailing zeros (12.5000 → 12.5, 3.0000 → 3)."""
    normal = value.normalize()
    return normal.quantize(Decimal(1)) if normal == normal.to_integral_value() else normal


def annual_report_tables(*, session: Session, agency_id: int, year: int, summary: bool = False) -> dict[str, Rows]:
    """Sections 二/三/四 for ``year`` under the contract keys, like ``Report.tables`` (2021 template).

    ``summary=True`` counts the agency's whole subtree (a 汇总 report); otherwise the agency alone.
    """
    agency_ids = scope_ids(session, agency_id, summary)
    return {
        "active": active_rows(session=session, agency_ids=agency_ids, year=year),
        "requests": request_rows(session=session, agency_ids=agency_ids, year=year),
        "appeals": appeal_rows(session=session, agency_ids=agency_ids, year=year),
    }
