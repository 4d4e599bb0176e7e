"""The generator itself: realistic values, arithmetic that holds unless a defect was planted."""

from __future__ import annotations

import random

from hypothesis import given, settings

from gongkai.model import keys
from gongkai.model.keys import Template
from gongkai.model.report import Report
from gongkai.model.template import TEMPLATES

from .generate import make_report, report_for_seed
from .layouts import LAYOUTS
from .layouts.splits import count_groups, count_plain, count_summed, patterns_for
from .strategies import Case, cases


def arithmetic_errors(report: Report) -> set[str]:
    """Which arithmetic identities fail (row totals, column balance, outcome totals, appeals)."""
    assert report.template is not None
    rows = TEMPLATES[report.template].request_rows
    outcomes = [r for r in rows if r not in ("received", "carried_over", "total", "carried_forward")]
    cell = report.cell
    out: set[str] = set()
    for r in rows:
        if cell(f"requests.{r}.total") != sum(cell(f"requests.{r}.{c}") or 0 for c in keys.APPLICANT_COLUMNS):
            out.add("row_total")
    for c in keys.REQUEST_COLUMNS:
        received = (cell(f"requests.received.{c}") or 0) + (cell(f"requests.carried_over.{c}") or 0)
        if received != (cell(f"requests.total.{c}") or 0) + (cell(f"requests.carried_forward.{c}") or 0):
            out.add("balance")
        if cell(f"requests.total.{c}") != sum(cell(f"requests.{r}.{c}") or 0 for r in outcomes):
            out.add("outcome_total")
    for g in keys.APPEAL_GROUPS:
        parts = sum(cell(f"appeals.{g}.{c}") or 0 for c in ("upheld", "corrected", "other", "pending"))
        if cell(f"appeals.{g}.total") != parts:
            out.add("appeals_total")
    return out


@settings(max_examples=200)
@given(case=cases(balanced=True))
def test_balanced_reports_balance(case: Case) -> None:
    report = case.build()
    assert arithmetic_errors(report) == set()
    assert report.meta["synth"]["stated_items"] == sum(report.meta["synth"]["listed_items"])


@settings(max_examples=200)
@given(case=cases(balanced=False))
def test_unbalanced_reports_carry_their_defects(case: Case) -> None:
    report = case.build()
    defects = set(report.meta["synth"]["defects"])
    assert defects
    errors = arithmetic_errors(report)
    assert defects - {"text_sum"} <= errors
    if "text_sum" in defects:
        assert report.meta["synth"]["stated_items"] != sum(report.meta["synth"]["listed_items"])
    if defects & {"row_total", "balance", "outcome_total", "appeals_total"}:
        assert errors


@settings(max_examples=100)
@given(case=cases())
def test_every_template_cell_is_filled(case: Case) -> None:
    report = case.build()
    assert report.template is not None
    for key in TEMPLATES[report.template].cell_keys():
        value = report.cell(key)
        assert value is not None, key
        if not key.endswith(".change"):
            assert value >= 0, key


def test_values_are_realistic_and_not_all_zero() -> None:
    reports = [report_for_seed(seed) for seed in range(200)]
    received = [r.cell("requests.received.total") or 0 for r in reports]
    assert sum(1 for v in received if v > 0) > 150
    assert max(received) > 300
    assert any((r.cell("active.fees.amount") or 0) % 1 for r in reports if r.template is Template.V2021)
    assert any((r.cell("active.licensing.change") or 0) < 0 for r in reports if r.template is Template.V2019)
    assert {r.year for r in reports} == set(range(2019, 2026))
    assert any("镇人民政府" in (r.agency or "") or "乡人民政府" in (r.agency or "") for r in reports)
    assert any((r.agency or "").endswith("局") for r in reports)


def test_same_seed_same_report_and_rendering() -> None:
    a, b = report_for_seed(42), report_for_seed(42)
    assert a.to_json() == b.to_json()
    for render in LAYOUTS.values():
        assert render(a, random.Random(1)).data == render(b, random.Random(1)).data


def test_renderings_keep_every_value_printed() -> None:
    """Each layout prints every cell value somewhere (digits of one cell stay together)."""
    report = make_report(random.Random(7), template=Template.V2021, year=2023, kind="city_government")
    for name, render in LAYOUTS.items():
        rendering = render(report, random.Random(3))
        text = rendering.data.decode("gb18030" if name == "html" else "utf-8")
        for key in TEMPLATES[Template.V2021].cell_keys():
            value = rendering.expected.cell(key)
            if value is not None and key not in rendering.lenient and len(str(value)) > 1:
                assert str(value) in text.translate(str.maketrans("０１２３４５６７８９．", "0123456789.")), (name, key)


def test_split_counting_matches_the_corpus_examples() -> None:
    count = patterns_for(False, False)
    assert count_plain("77132470", (count,) * 3) == 2  # 行政规范性文件 77 · 132 · 470 is one of several
    assert count_plain("000", (count,) * 3) == 1
    assert count_summed("801000081", 7) == 1  # 80 1 0 0 0 0 81
    assert count_summed("191000020", 7) == 2  # 19 1 0 0 0 0 20, or 1 9 10 0 0 0 20
    assert count_groups("110024001510102", 3, 5) == 1
