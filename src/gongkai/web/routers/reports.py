"""The annual report for a year: tables from the ledger, its audit, narrative editing, export."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import RedirectResponse, Response

from gongkai.api import check
from gongkai.errors import GongkaiError
from gongkai.ledger import Agency
from gongkai.model.template import SECTIONS
from gongkai.web import narratives
from gongkai.web.annual import build_report, export_headers, section_texts
from gongkai.web.deps import CurrentUser, PostedForm, SessionDep, Today, VisibleAgencies, csrf_protect
from gongkai.web.forms import FormInvalid, parse_int
from gongkai.web.narratives import MAX_SECTION_CHARS, save_sections
from gongkai.web.scope import agencies, default_report_year, pick_agency
from gongkai.web.tableview import report_tables
from gongkai.web.templating import flash, render
from gongkai.writers.base import get_writer, writers

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)

EXPORT_FORMATS: tuple[tuple[str, str], ...] = (("docx", "Word（DOCX）"), ("pdf", "PDF"), ("html", "网页（HTML）"),
                                               ("md", "Markdown"))
YearQuery = Annotated[int | None, Query(ge=1991, le=2199)]


def export_formats() -> list[tuple[str, str]]:
    available = writers()
    return [(name, text) for name, text in EXPORT_FORMATS if name in available]


def _query(agency_id: int, year: int, summary: bool) -> str:
    return f"agency_id={agency_id}&year={year}" + ("&summary=true" if summary else "")


@router.get("/reports")
def report_page(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies, today: Today,
                agency_id: Annotated[int | None, Query()] = None, year: YearQuery = None,
                summary: Annotated[bool, Query()] = False) -> Response:
    chosen = pick_agency(user, visible, agency_id)
    year = year or default_report_year(today)
    agency = session.get(Agency, chosen)
    assert agency is not None
    listed = agencies(session, visible)
    has_children = any(a.parent_id == chosen for a in listed)
    summary = summary and has_children
    report = build_report(session, chosen, year, summary)
    findings = check([report])
    texts = section_texts(report)
    edited = narratives.load(session, chosen, year, summary=summary)
    return render(
        request, "reports/annual.html", agency=agency, year=year, summary=summary, has_children=has_children,
        report=report, tables=report_tables(report), findings=findings,
        sections=[(s.number, s.title, texts.get(s.number, ""), s.number in edited) for s in SECTIONS],
        agency_choices=[(str(a.id), a.name) for a in listed], query=_query(chosen, year, summary),
        formats=export_formats(), max_chars=MAX_SECTION_CHARS,
        errors=sum(1 for f in findings if f.is_report_error),
    )


@router.post("/reports/narrative")
def save_narrative(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies, today: Today,
                   form: PostedForm) -> Response:
    try:
        agency_id = pick_agency(user, visible, parse_int(str(form.get("agency_id", "")), "agency_id"))
        year = parse_int(str(form.get("year", "")), "year") or default_report_year(today)
    except FormInvalid:
        flash(request, "提交的机关或年度不正确", "error")
        return RedirectResponse("/reports", status_code=303)
    summary = form.get("summary") == "1"
    submitted = {s.number: str(form[f"section_{s.number}"]) for s in SECTIONS if f"section_{s.number}" in form}
    changed = save_sections(session, user, agency_id, year, summary, submitted)
    if request.headers.get("hx-request"):
        return Response(f'<span class="badge ok">已保存（{changed} 个部分有修改）</span>', media_type="text/html")
    flash(request, f"已保存年度报告正文（{changed} 个部分有修改）")
    return RedirectResponse(f"/reports?{_query(agency_id, year, summary)}#narrative", status_code=303)


@router.get("/reports/export")
def export_report(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies, today: Today,
                  format: Annotated[str, Query(max_length=10)] = "docx",
                  agency_id: Annotated[int | None, Query()] = None, year: YearQuery = None,
                  summary: Annotated[bool, Query()] = False) -> Response:
    chosen = pick_agency(user, visible, agency_id)
    year = year or default_report_year(today)
    agency = session.get(Agency, chosen)
    assert agency is not None
    report = build_report(session, chosen, year, summary)
    try:
        writer = get_writer(format)
        data = writer.write(report)
    except GongkaiError as exc:
        flash(request, f"导出失败：{exc}", "error")
        return RedirectResponse(f"/reports?{_query(chosen, year, summary)}", status_code=303)
    return Response(data, media_type=writer.media_type, headers=export_headers(agency, year, summary, writer.extension))
