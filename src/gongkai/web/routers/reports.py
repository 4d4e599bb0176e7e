"""The annual report for a year: tables from the ledger, its audit, narrative editing, export."""

from __future__ import annotations

import logging
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy.orm import Session
from starlette.responses import RedirectResponse, Response

from gongkai.api import check
from gongkai.errors import GongkaiError, LedgerError
from gongkai.ledger import Agency, User
from gongkai.ledger.report_meta import set_published_on
from gongkai.model.report import Report
from gongkai.model.template import SECTIONS
from gongkai.web import narratives
from gongkai.web.annual import build_report, export_headers, section_texts
from gongkai.web.deps import CurrentUser, PostedForm, SessionDep, Today, VisibleAgencies, csrf_protect
from gongkai.web.forms import FormInvalid, parse_date
from gongkai.web.narratives import MAX_SECTION_CHARS, save_sections
from gongkai.web.scope import agencies, default_report_year, form_agency, pick_agency, year_or_none
from gongkai.web.tableview import report_tables
from gongkai.web.templating import flash, render
from gongkai.writers.base import get_writer, writers

log = logging.getLogger("gongkai.web")
router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)

EXPORT_FORMATS: tuple[tuple[str, str], ...] = (("docx", "Word（DOCX）"), ("pdf", "PDF"), ("html", "网页（HTML）"),
                                               ("md", "Markdown"))
YearQuery = Annotated[str, Query(max_length=6)]  # blank: the default report year
AgencyQuery = Annotated[str, Query(max_length=12)]  # blank: the user's own agency


def export_formats() -> list[tuple[str, str]]:
    available = writers()
    return [(name, text) for name, text in EXPORT_FORMATS if name in available]


def _query(agency_id: int, year: int, summary: bool) -> str:
    return f"agency_id={agency_id}&year={year}" + ("&summary=true" if summary else "")


def _audit_context(session: Session, agency_id: int, year: int, summary: bool) -> dict[str, Any]:
    """What the audit panel and the section badges show; also sent again after each save."""
    report = build_report(session, agency_id, year, summary)
    findings = check([report])
    edited = narratives.load(session, agency_id, year, summary=summary)
    return {
        "report": report, "findings": findings,
        "errors": sum(1 for f in findings if str(f.severity) == "error" and str(getattr(f, "kind", "report")) != "reading"),
        "edited": edited,
    }


def _sections(report: Report, edited: dict[int, str]) -> list[tuple[int, str, str, bool]]:
    texts = section_texts(report)
    return [(s.number, s.title, texts.get(s.number, ""), s.number in edited) for s in SECTIONS]


@router.get("/reports")
def report_page(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies, today: Today,
                agency_id: AgencyQuery = "", year: YearQuery = "",
                summary: Annotated[bool, Query()] = False) -> Response:
    chosen = pick_agency(user, visible, int(agency_id) if agency_id.isdigit() else None)
    shown_year = year_or_none(year) or default_report_year(today)
    agency = session.get(Agency, chosen)
    assert agency is not None
    listed = agencies(session, visible)
    has_children = any(a.parent_id == chosen for a in listed)
    summary = summary and has_children
    context = _audit_context(session, chosen, shown_year, summary)
    return render(
        request, "reports/annual.html", agency=agency, year=shown_year, summary=summary, has_children=has_children,
        tables=report_tables(context["report"]), sections=_sections(context["report"], context["edited"]),
        agency_choices=[(str(a.id), a.name) for a in listed], query=_query(chosen, shown_year, summary),
        formats=export_formats(), max_chars=MAX_SECTION_CHARS, published_on=context["report"].published_on,
        **context,
    )


def _save_date(session: Session, user: User, agency_id: int, year: int, summary: bool, raw: str | None) -> bool:
    if raw is None:  # the form did not carry the field (an older page): leave the date alone
        return False
    published_on: date | None = parse_date(raw, "published_on", required=False)
    return set_published_on(session=session, actor=user, agency_id=agency_id, year=year, summary=summary,
                            published_on=published_on)


@router.post("/reports/narrative")
def save_narrative(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies, today: Today,
                   form: PostedForm) -> Response:
    agency_id = form_agency(user, visible, str(form.get("agency_id", "")))
    year = year_or_none(str(form.get("year", ""))) or default_report_year(today)
    summary = form.get("summary") == "1"
    submitted = {s.number: str(form[f"section_{s.number}"]) for s in SECTIONS if f"section_{s.number}" in form}
    raw_date = form.get("published_on")
    htmx = bool(request.headers.get("hx-request"))
    try:
        date_changed = _save_date(session, user, agency_id, year, summary, raw_date if isinstance(raw_date, str) else None)
    except (FormInvalid, LedgerError) as exc:
        session.rollback()
        message = "成文日期格式不正确，应为“年-月-日”" if isinstance(exc, FormInvalid) else str(exc)
        if htmx:
            return Response(f'<span class="badge error">未保存：{message}</span>', media_type="text/html")
        flash(request, f"未保存：{message}", "error")
        return RedirectResponse(f"/reports?{_query(agency_id, year, summary)}#narrative", status_code=303)
    changed = save_sections(session, user, agency_id, year, summary, submitted)
    status = f"已保存年度报告正文（{changed} 个部分有修改{'，成文日期已更新' if date_changed else ''}）"
    if htmx:
        # The status, plus the audit panel and the section badges swapped out of band: what the clerk
        # just fixed (a placeholder, a missing date) must disappear from the findings at once.
        session.flush()
        context = _audit_context(session, agency_id, year, summary)
        return render(request, "reports/_saved.html", status=status,
                      sections=_sections(context["report"], context["edited"]), **context)
    flash(request, status)
    return RedirectResponse(f"/reports?{_query(agency_id, year, summary)}#narrative", status_code=303)


@router.get("/reports/export")
def export_report(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies, today: Today,
                  format: Annotated[str, Query(max_length=10)] = "docx",
                  agency_id: AgencyQuery = "", year: YearQuery = "",
                  summary: Annotated[bool, Query()] = False) -> Response:
    chosen = pick_agency(user, visible, int(agency_id) if agency_id.isdigit() else None)
    shown_year = year_or_none(year) or default_report_year(today)
    agency = session.get(Agency, chosen)
    assert agency is not None
    report = build_report(session, chosen, shown_year, summary)
    try:
        writer = get_writer(format)
        data = writer.write(report)
    except GongkaiError as exc:
        flash(request, f"导出失败：{exc}", "error")
        return RedirectResponse(f"/reports?{_query(chosen, shown_year, summary)}", status_code=303)
    except Exception:  # a writer's bug must not end as a bare 500 or a silently cancelled download
        log.exception("export of %s %s as %s failed", chosen, shown_year, format)
        flash(request, f"导出 {format.upper()} 失败：生成文件时出错，已记录在服务器日志中。请稍后重试，或改用其他格式导出。",
              "error")
        return RedirectResponse(f"/reports?{_query(chosen, shown_year, summary)}", status_code=303)
    return Response(data, media_type=writer.media_type,
                    headers=export_headers(agency, shown_year, summary, writer.extension))

