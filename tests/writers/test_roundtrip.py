"""Item 6: reading what a writer wrote gives the same report (values, template, year, agency,
dates, period, section titles and texts of sections 一, 五, 六).

Reading goes through ``gongkai.api.read`` with the bytes and a file name of the right suffix,
exactly as a user's file would be read, so these tests hold the writers and readers together.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from gongkai import api
from gongkai.model.keys import Template
from gongkai.model.report import Report
from gongkai.writers.base import render
from gongkai.writers.office import find_soffice

from .samples import sample
from .strategies import reports

FORMATS = {"md": ".md", "html": ".html", "docx": ".docx", "yaml": ".yaml"}
COMPARED_SECTIONS = (1, 5, 6)


def differences(written: Report, back: Report, *, texts: bool = True) -> list[str]:
    """What did not survive the round trip, one line per difference (empty when all did)."""
    out = [f"{k}: {v!r} → {back.cell(k)!r}" for k, v in written.cells().items() if back.cell(k) != v]
    out += [f"{k}: (none) → {v!r}" for k, v in back.cells().items() if v is not None and not written.has_cell(k)]
    for field in ("template", "year", "agency", "published_on", "period"):
        if getattr(written, field) != getattr(back, field):
            out.append(f"{field}: {getattr(written, field)!r} → {getattr(back, field)!r}")
    for n in COMPARED_SECTIONS if texts else ():
        mine, theirs = written.section(n), back.section(n)
        if mine is None:
            continue
        if theirs is None:
            out.append(f"section {n}: missing")
        elif (mine.title, mine.text) != (theirs.title, theirs.text):
            out.append(f"section {n}: {(mine.title, mine.text)!r} → {(theirs.title, theirs.text)!r}")
    return out


def roundtrip(report: Report, fmt: str) -> Report:
    return api.read(f"roundtrip{FORMATS.get(fmt, '.' + fmt)}", data=render(report, fmt))


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_fixed_reports_survive(fmt: str, report: Report) -> None:
    assert differences(report, roundtrip(report, fmt)) == []


@pytest.mark.parametrize("fmt", list(FORMATS))
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(report=reports())
def test_random_reports_survive(fmt: str, report: Report) -> None:
    assert differences(report, roundtrip(report, fmt)) == []


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_undated_signature_is_not_body_text(fmt: str) -> None:
    report = sample(Template.V2021)
    report.published_on = None
    assert differences(report, roundtrip(report, fmt)) == []


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_body_line_with_section_words_is_not_a_heading(fmt: str) -> None:
    report = sample(Template.V2021)
    section = report.section(1)
    assert section is not None
    section.text = "暂无其他需要报告的事项。\n" + section.text
    assert differences(report, roundtrip(report, fmt)) == []


def _pdf_ready() -> None:
    if find_soffice() is None:
        pytest.skip("LibreOffice is not installed (scripts/setup.sh installs it)")
    pytest.importorskip("gongkai.readers.formats.pdf", reason="the PDF reader has not landed yet")


def test_pdf_fixed_reports_survive(report: Report) -> None:
    _pdf_ready()
    assert differences(report, roundtrip(report, "pdf")) == []


#: PDF renders take about a second each: few examples, and no shrinking (it would take minutes).
PDF_SETTINGS = settings(max_examples=5, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
                        suppress_health_check=[HealthCheck.function_scoped_fixture])


@PDF_SETTINGS
@given(report=reports())
def test_pdf_random_reports_keep_values_and_metadata(report: Report) -> None:
    _pdf_ready()
    assert differences(report, roundtrip(report, "pdf"), texts=False) == []


@PDF_SETTINGS
@given(report=reports())
def test_pdf_random_reports_keep_section_texts(report: Report) -> None:
    _pdf_ready()
    assert differences(report, roundtrip(report, "pdf")) == []


def test_pdf_indented_line_after_full_line_starts_paragraph() -> None:
    _pdf_ready()
    report = sample(Template.V2021)
    section = report.section(5)
    assert section is not None
    section.text = ("（二）依申请公开情况\n依申请公开工作平稳有序，本年度我单位认真贯彻落实《中华人民共和国政府信息公开条例》，"
                    "强化工作监督和考核评估。\n全年主动公开政府信息1234条。")
    assert differences(report, roundtrip(report, "pdf")) == []


def test_differences_sees_a_changed_cell_and_date() -> None:
    """The comparison itself can fail: one changed cell and one changed date are both named."""
    a, b = sample(Template.V2021), sample(Template.V2021)
    b.set_cell("requests.received.total", 1)
    b.published_on = date(2030, 1, 1)
    found = differences(a, b)
    assert any(f.startswith("requests.received.total:") for f in found)
    assert any(f.startswith("published_on:") for f in found)
