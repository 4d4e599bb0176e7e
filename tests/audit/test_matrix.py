"""Every built-in rule, both ways: silent on the balanced report, firing on one small defect.

The table below must name every rule id; adding a rule without a case here fails the meta-test.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from gongkai.audit import builtin_rules
from gongkai.model.keys import Template
from gongkai.model.provenance import Where
from gongkai.model.report import NarrativeFigure, Period, Report


def _set(key: str, value) -> Callable[[Report], None]:
    return lambda r: r.set_cell(key, value)


def _attr(name: str, value) -> Callable[[Report], None]:
    return lambda r: setattr(r, name, value)


def _section1(text: str) -> Callable[[Report], None]:
    return lambda r: setattr(r.sections[0], "text", text)


def _figure(r: Report) -> None:
    r.narrative = [NarrativeFigure("公开信息", 10, "条", 1, Where(), (("甲", 4), ("乙", 5)))]


def _section6_silent(r: Report) -> None:
    r.sections[5].text = "无。"


# rule id → (template, year of the report, defect); cross-year rules get last year's report too
CASES: dict[str, tuple[str, Callable[[Report], None]]] = {
    "arith.requests.balance": ("2021", _set("requests.carried_forward.total", 6)),
    "arith.requests.row_total": ("2021", _set("requests.partial.enterprise", 2)),
    "arith.requests.outcome_total": ("2021", _set("requests.total.research", 1)),
    "arith.appeals.total": ("2021", _set("appeals.suit_direct.pending", 0)),
    "arith.cells.domain": ("2021", _set("requests.granted.research", -1)),
    "arith.requests.subtotal": (
        "2021",
        lambda r: r.meta.update(request_subtotals={"withheld": [99, 0, 0, 0, 0, 0, 99]}),
    ),
    "template.version": ("2021", _attr("year", 2020)),
    "template.mixed": ("2021", _attr("template", Template.MIXED)),
    "structure.sections": ("2021", lambda r: r.sections.pop()),
    "structure.cells": ("2021", lambda r: r.tables.update(active=None)),
    "structure.text": ("2021", lambda r: r.add_problem("scanned_pdf", None, "扫描件，需要 OCR（PDF 没有文字层）")),
    "structure.outline": ("2021", _section1("一、主动公开情况\n二、依申请公开情况")),
    "dates.period": ("2021", _attr("period", Period(date(2023, 1, 1), date(2023, 6, 30)))),
    "dates.published": ("2021", _attr("published_on", date(2023, 5, 1))),
    "text.citation": ("2021", _section1("根据《中华人民共和国信息公开条例》")),
    "text.sum": ("2021", _figure),
    "text.table_mismatch": ("2021", _section1("全年收到政府信息公开申请1件")),
    "content.fees": ("2021", _section6_silent),
    "content.required": ("2021", lambda r: setattr(r.sections[4], "text", "无。")),
    "text.quality": ("2021", _section1("进一步进一步加强政务公开。")),
    "text.percent": ("2021", _section1("予以公开40件，占40%。")),
    "text.contradiction": ("2021", _section1("本年度收到的申请均已办结。")),
    "values.plausible": ("2021", lambda r: (setattr(r, "agency", "某某镇人民政府"), r.set_cell("active.fees.amount", 25100))),
    "values.indicators": ("2021", _set("requests.total.total", 100)),
    "crossyear.carry": ("2021", _set("requests.carried_over.social_org", 3)),
    "crossyear.stock": ("2021", _set("active.normative_documents.in_force", 41)),
    "crossyear.items": ("2019", _set("active.fees.previous", 9)),
    # last year's text reissued, padded with more of the same
    "crossyear.similar": ("2021", lambda r: setattr(r.sections[0], "text", r.sections[0].text * 3)),
    "crossyear.claims": ("2021", _section1("全年共受理政府信息公开申请83件，较去年增长10%。")),
}


def test_every_rule_has_a_case() -> None:
    # Record rules judge supervision records, not reports: tests/audit/test_records.py covers them.
    assert set(CASES) == {r.id for r in builtin_rules() if not r.record}


def _reports(make, rule_id: str) -> tuple[list[Report], Report]:
    version, _ = CASES[rule_id]
    this = make(version, year=2023 if version == "2021" else 2020, path="this.txt")
    last = make(version, year=this.year - 1, path="last.txt")
    last.tables["requests"]["carried_forward"] = dict(this.tables["requests"]["carried_over"])
    if version == "2021":
        last.set_cell("active.rules.in_force", 11)
        last.set_cell("active.normative_documents.in_force", 37)
    else:
        for row in ("licensing", "other_services", "punishment", "coercion", "fees"):
            this.set_cell(f"active.{row}.previous", last.cell(f"active.{row}.previous") + last.cell(f"active.{row}.change"))
    return ([last, this] if rule_id.startswith("crossyear.") else [this]), this


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_is_silent_on_the_balanced_reports(make, audit, rule_id) -> None:
    reports, _ = _reports(make, rule_id)
    assert audit(reports, rule_id) == []


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_fires_on_its_defect(make, audit, rule_id) -> None:
    reports, this = _reports(make, rule_id)
    CASES[rule_id][1](this)
    findings = audit(reports, rule_id)
    assert findings and {f.file for f in findings} == {"this.txt"}
    assert all(f.message and f.message_en for f in findings)
