"""The annual report as the web shows it: the ledger's report with the clerk's edited sections."""

from __future__ import annotations

from urllib.parse import quote

from sqlalchemy.orm import Session

from gongkai.ledger import Agency, annual_report
from gongkai.model.report import Report


def build_report(session: Session, agency_id: int, year: int, summary: bool) -> Report:
    """The ledger's report: generated tables and text, with the narrative stored in the ledger."""
    return annual_report(session=session, agency_id=agency_id, year=year, summary=summary)


def section_texts(report: Report) -> dict[int, str]:
    return {s.expected: s.text for s in report.sections if s.expected is not None}


def report_filename(agency: Agency, year: int, summary: bool, extension: str) -> str:
    return f"{agency.name}{year}年政府信息公开工作年度报告{'（汇总）' if summary else ''}{extension}"


def content_disposition(filename: str, fallback: str) -> str:
    """RFC 6266: an ASCII fallback plus the UTF-8 name, which every current browser uses."""
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"


def export_headers(agency: Agency, year: int, summary: bool, extension: str) -> dict[str, str]:
    name = report_filename(agency, year, summary, extension)
    fallback = f"gongkai-report-{agency.id}-{year}{'-summary' if summary else ''}{extension}"
    return {"Content-Disposition": content_disposition(name, fallback)}
