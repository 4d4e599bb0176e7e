"""The report an agency's ledger produces, as a submission: a DOCX for the file, the Report itself
for the analysis (so a one-click submission is judged on exactly what the ledger counted, not on a
re-reading of its own DOCX)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from gongkai.errors import NotFound
from gongkai.ledger import Agency, annual_report
from gongkai.supervise.workflow import Analysis


def ledger_submission(session: Session, agency_id: int, year: int) -> tuple[bytes, str, Analysis]:
    """(DOCX bytes, file name, analysis) of the agency's own report for ``year`` from its ledger."""
    from gongkai.api import check
    from gongkai.writers.base import get_writer

    agency = session.get(Agency, agency_id)
    if agency is None:
        raise NotFound(f"机关（编号 {agency_id}）不存在")
    report = annual_report(session=session, agency_id=agency_id, year=year, summary=False)
    writer = get_writer("docx")
    data = writer.write(report, force=True)
    template = str(report.template) if report.template is not None else None
    analysis = Analysis(report=report.to_json(), findings=check([report]), template=template, agency=report.agency,
                        year=report.year)
    return data, f"{agency.name}{year}年政府信息公开工作年度报告{writer.extension}", analysis
