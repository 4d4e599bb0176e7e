"""The annual report as the web shows it: the ledger's report with the clerk's edited sections."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import quote

from sqlalchemy.orm import Session

from gongkai.ledger import Agency, User, annual_report
from gongkai.model.report import Report
from gongkai.web.narratives import NarrativeStore, merge
from gongkai.web.scope import record_audit


def build_report(session: Session, store: NarrativeStore, agency_id: int, year: int, summary: bool) -> Report:
    stored = store.load(agency_id, year, summary=summary)
    return annual_report(session=session, agency_id=agency_id, year=year, narrative=stored, summary=summary)


def section_texts(report: Report) -> dict[int, str]:
    return {s.expected: s.text for s in report.sections if s.expected is not None}


def save_sections(session: Session, store: NarrativeStore, user: User, agency_id: int, year: int, summary: bool,
                  submitted: Mapping[int, str]) -> int:
    """Store the edit (only text that differs from the generated one) and audit it; return #sections changed."""
    stored = store.load(agency_id, year, summary=summary)
    generated = section_texts(annual_report(session=session, agency_id=agency_id, year=year, summary=summary))
    new = merge(stored, submitted, generated)
    changed = sorted(n for n in range(1, 7) if new.get(n) != stored.get(n))
    if changed:
        store.save(agency_id, year, new, summary=summary)
        record_audit(session, actor=user, entity="narrative", entity_id=agency_id, action="update",
                     before={"year": year, "summary": summary, "sections": {str(n): stored.get(n) for n in changed}},
                     after={"year": year, "summary": summary, "sections": {str(n): new.get(n) for n in changed}})
    return len(changed)


def report_filename(agency: Agency, year: int, summary: bool, extension: str) -> str:
    return f"{agency.name}{year}年政府信息公开工作年度报告{'（汇总）' if summary else ''}{extension}"


def content_disposition(filename: str, fallback: str) -> str:
    """RFC 6266: an ASCII fallback plus the UTF-8 name, which every current browser uses."""
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"


def export_headers(agency: Agency, year: int, summary: bool, extension: str) -> dict[str, str]:
    name = report_filename(agency, year, summary, extension)
    fallback = f"gongkai-report-{agency.id}-{year}{'-summary' if summary else ''}{extension}"
    return {"Content-Disposition": content_disposition(name, fallback)}
