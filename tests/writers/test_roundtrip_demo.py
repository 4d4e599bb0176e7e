"""What gongkai writes, it reads back clean: every report of the demo region, in every format.

Each agency's report for each demo year (and the county's 汇总 reports) is exported from the ledger,
written as Markdown, HTML and DOCX (PDF for a few: LibreOffice takes seconds per document), read
back and audited. The cells must be the ledger's, and the audit of the document must find nothing
that the audit of the ledger's own report does not.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy.orm import Session

from gongkai import api
from gongkai.ledger import annual_report, init_db
from gongkai.ledger.demo import seed_demo
from gongkai.model.report import Report
from gongkai.writers.base import get_writer
from gongkai.writers.office import find_soffice

TODAY = date(2026, 3, 18)
#: The demo has documents from two years before its requests, requests from last year to today.
YEARS = (TODAY.year - 2, TODAY.year - 1, TODAY.year)


@pytest.fixture(scope="module")
def demo() -> Iterator[tuple[Session, list[tuple[int, int, bool]]]]:
    factory = init_db("sqlite://")
    with factory() as session:
        info = seed_demo(session=session, today=TODAY)
        session.commit()
        cases = [(agency, year, False) for agency in info.agency_ids for year in YEARS]
        cases += [(info.county_id, year, True) for year in YEARS[1:]]
        yield session, cases
    factory.kw["bind"].dispose()


def _places(report: Report) -> set[tuple[str, str | None, str]]:
    return {(f.rule, f.where, f.message) for f in api.check([report])}


def _round_trip(report: Report, fmt: str) -> tuple[Report, set[tuple[str, str | None, str]]]:
    writer = get_writer(fmt)
    back = api.read(f"{report.agency}-{report.year}{writer.extension}", data=writer.write(report, force=True))
    return back, _places(back)


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_every_demo_report_reads_back_clean(demo: tuple[Session, list[tuple[int, int, bool]]], fmt: str) -> None:
    session, cases = demo
    assert len(cases) == 11 * len(YEARS) + 2
    for agency_id, year, summary in cases:
        report = annual_report(session=session, agency_id=agency_id, year=year, summary=summary)
        back, found = _round_trip(report, fmt)
        label = f"{report.agency} {year}{' 汇总' if summary else ''} {fmt}"
        assert back.tables == report.tables, label
        assert back.year == report.year and back.agency == report.agency, label
        own = {(rule, where) for rule, where, _ in _places(report)}
        assert {f for f in found if (f[0], f[1]) not in own} == set(), label


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
def test_demo_reports_read_back_clean_from_pdf(demo: tuple[Session, list[tuple[int, int, bool]]]) -> None:
    session, cases = demo
    for agency_id, year, summary in (cases[1], cases[-1]):  # a department's year and the county's 汇总
        report = annual_report(session=session, agency_id=agency_id, year=year, summary=summary)
        back, found = _round_trip(report, "pdf")
        assert back.tables == report.tables
        own = {(rule, where) for rule, where, _ in _places(report)}
        assert {f for f in found if (f[0], f[1]) not in own} == set()


def test_sentence_naming_the_rows_figures_is_not_read_as_the_table(
        demo: tuple[Session, list[tuple[int, int, bool]]]) -> None:
    session, cases = demo
    agency_id, year, _ = cases[1]
    report = annual_report(session=session, agency_id=agency_id, year=year)
    section = report.section(2)
    assert section is not None and section.text.startswith("本年度制发规章")
    back, _ = _round_trip(report, "md")
    assert back.tables["active"] == report.tables["active"]
    assert not [p for p in back.problems if p.where and p.where.startswith("active.")
                and p.code in ("missing_cell", "extra_cells")]
