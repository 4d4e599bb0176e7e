"""The year's report as a normal ``Report``: tables from the ledger, narrative from the clerk.

Because it is the same model a reader produces, the existing audit checks it and the existing
writers render it; the ledger adds nothing the rest of the system has to know about.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import sqlalchemy as sa
from sqlalchemy import select
from sqlalchemy.orm import Session

from gongkai.errors import NotFound
from gongkai.ledger.enums import AgencyKind, AppealKind, EventKind
from gongkai.ledger.models import Agency, Request, RequestEvent
from gongkai.ledger.narratives import get_narratives
from gongkai.ledger.report_meta import get_published_on
from gongkai.ledger.tables import Rows, annual_report_tables, scope_ids
from gongkai.model.keys import Template
from gongkai.model.report import Period, Report, Section, Source
from gongkai.model.template import CN_NUMERALS, SECTIONS


def default_narrative(*, agency: str, year: int, tables: Mapping[str, Rows], fee_notices: int) -> dict[int, str]:
    """Plain default text for the six sections, with the figures taken from the tables."""
    req = tables["requests"]
    app = tables["appeals"]
    active = tables["active"]
    received = req["received"]["total"]
    carried_over = req["carried_over"]["total"]
    total = req["total"]["total"]
    forward = req["carried_forward"]["total"]
    reviews = app[AppealKind.REVIEW.value]["total"]
    suits = app[AppealKind.SUIT_DIRECT.value]["total"] + app[AppealKind.SUIT_AFTER_REVIEW.value]["total"]
    no_fee = req["other_no_fee"]["total"]
    fees = (
        f"本年度共发出信息处理费收费通知{fee_notices}件，其中申请人逾期未缴纳费用、不再处理的{no_fee}件。"
        if fee_notices or no_fee
        else "本年度未收取信息处理费。"
    )
    return {
        1: (
            f"{year}年，{agency}认真贯彻落实《中华人民共和国政府信息公开条例》，依法做好政府信息公开工作。"
            f"本年度共收到政府信息公开申请{received}件，上年结转{carried_over}件，办结{total}件，"
            f"结转下年度继续办理{forward}件。"
        ),
        2: (
            f"本年度制发规章{active['rules']['issued']}件、行政规范性文件{active['normative_documents']['issued']}件，"
            f"现行有效行政规范性文件{active['normative_documents']['in_force']}件。"
        ),
        3: f"本年度收到和处理政府信息公开申请情况如下（新收{received}件，上年结转{carried_over}件）。",
        4: f"本年度因政府信息公开工作被申请行政复议{reviews}件，被提起行政诉讼{suits}件。",
        5: "（请填写本年度政府信息公开工作存在的主要问题及改进情况。）",
        6: fees,
    }


def _fee_notices(session: Session, agency_ids: list[int], year: int) -> int:
    stmt = (
        select(sa.func.count())
        .select_from(RequestEvent)
        .join(Request, Request.id == RequestEvent.request_id)
        .where(Request.agency_id.in_(agency_ids), RequestEvent.kind == EventKind.FEE_NOTICE)
        .where(RequestEvent.on.between(date(year, 1, 1), date(year, 12, 31)))
    )
    return session.scalar(stmt) or 0


def annual_report(
    *,
    session: Session,
    agency_id: int,
    year: int,
    narrative: Mapping[int, str] | None = None,
    summary: bool = False,
    stored_narrative: bool = True,
) -> Report:
    """The ``year`` report of the agency (2021 template).

    Section texts: generated from the tables, replaced by the narrative stored with
    ``save_narrative`` (unless ``stored_narrative`` is False), replaced by ``narrative`` by number.
    The 成文日期 is the one stored with ``set_published_on`` (none with ``stored_narrative=False``).
    """
    agency = session.get(Agency, agency_id)
    if agency is None:
        raise NotFound(f"机关（编号 {agency_id}）不存在")
    tables = annual_report_tables(session=session, agency_id=agency_id, year=year, summary=summary)
    fee_notices = _fee_notices(session, scope_ids(session, agency_id, summary), year)
    texts = default_narrative(agency=agency.name, year=year, tables=tables, fee_notices=fee_notices)
    if stored_narrative:
        texts.update(get_narratives(session=session, agency_id=agency_id, year=year, summary=summary))
    texts.update(narrative or {})
    published_on = get_published_on(session=session, agency_id=agency_id, year=year, summary=summary) \
        if stored_narrative else None
    scope = "summary" if summary else ("government" if agency.kind is AgencyKind.GOVERNMENT else "agency")
    sections = [
        Section(number=spec.number, title=spec.title, text=texts.get(spec.number, ""),
                numeral=f"{CN_NUMERALS[spec.number - 1]}、", expected=spec.number)
        for spec in SECTIONS
    ]
    report = Report(
        # The contract's formats have no "ledger"; an authored report's format is "yaml".
        source=Source(path=f"ledger:{agency.name}/{year}", format="yaml"),
        template=Template.V2021,
        agency=agency.name,
        year=year,
        period=Period(date(year, 1, 1), date(year, 12, 31)),
        scope=scope,
        sections=sections,
        tables=dict(tables),  # type: ignore[arg-type]
        published_on=published_on,
    )
    _note_blanks(report)
    return report


def _note_blanks(report: Report) -> None:
    """A figure nobody entered prints as a blank cell: say so, as a reader of the printed report would.

    Without it the ledger's audit would stay silent about blanks that the exported document's
    audit reports (blank is not 0), and the two would disagree about the same report.
    """
    for table, rows in report.tables.items():
        for row, cells in (rows or {}).items():
            for column, value in cells.items():
                if value is None:
                    report.add_problem("blank_cell", f"{table}.{row}.{column}", "单元格空白（空白不等于 0）",
                                       "blank cell (blank is not zero)", printed="")
