"""values.plausible and values.indicators (with gongkai.audit.indicators)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.audit.indicators import MIN_REQUESTS, Ratio, indicators
from gongkai.model.provenance import Where
from gongkai.model.report import NarrativeFigure


def _plausible(audit, report):
    return [(f.where, f.message) for f in audit(report, "values.plausible")]


@pytest.mark.parametrize(
    ("agency", "amount", "fires"),
    [
        ("某市生态环境局", Decimal("12.5"), False),
        ("某市生态环境局", Decimal("500000"), False),
        ("某市生态环境局", Decimal("500000.1"), True),
        ("某某镇人民政府", Decimal("1000"), False),
        ("某某镇人民政府", Decimal("25100"), True),
        ("某市人民政府", Decimal("96171.6"), False),
        ("某市人民政府", Decimal("5000001"), True),
    ],
)
def test_fees_out_of_scale(make, audit, agency, amount, fires) -> None:
    report = make(agency=agency)
    report.set_cell("active.fees.amount", amount)
    found = _plausible(audit, report)
    assert [w for w, _ in found] == (["active.fees.amount"] if fires else [])


def test_fees_message(make, audit) -> None:
    report = make(agency="某某镇人民政府")
    report.set_cell("active.fees.amount", Decimal("25100"))
    assert _plausible(audit, report) == [
        (
            "active.fees.amount",
            "第二部分“行政事业性收费”本年收费金额为 25100 万元，对乡镇（街道）而言过大（超过 1000 万元），疑将“元”填作“万元”",
        )
    ]


def test_a_township_with_thousands_of_requests(make, audit) -> None:
    report = make(agency="某某镇人民政府")
    report.set_cell("requests.received.total", 5000)
    assert _plausible(audit, report) == [
        (
            "requests.received.total",
            "第三部分“本年新收”总计 5000 件，对乡镇（街道）而言过多（超过 1000 件），请核实",
        )
    ]
    report.agency = "某市公安局"
    assert _plausible(audit, report) == []


def test_unread_cells_are_not_judged(make, audit) -> None:
    report = make(agency="某某镇人民政府")
    report.set_cell("active.fees.amount", None)
    report.set_cell("requests.received.total", None)
    assert _plausible(audit, report) == []


def test_a_count_with_decimals_in_the_text(make, audit) -> None:
    report = make()
    report.narrative = [
        NarrativeFigure("公开信息", Decimal("12.5"), "条", 1, Where()),
        NarrativeFigure("收费", Decimal("0.35"), "万元", 6, Where()),
        NarrativeFigure("公开信息", 12, "条", 1, Where()),
    ]
    assert _plausible(audit, report) == [("section.1", "正文称“公开信息12.5条”，件数不应有小数")]


def test_indicators_of_the_balanced_report(make) -> None:
    # 83 concluded: granted 47 + partial 11; appeals 4 + 3 - pending 2 = 5 closed, 1 corrected; received 83
    figures = indicators(make())
    assert figures.concluded == 83
    assert figures.disclosure == Ratio(58, 83) and figures.disclosure.percent() == Decimal("69.9")
    assert figures.correction == Ratio(1, 5) and figures.correction.percent() == Decimal("20.0")
    assert figures.appeals_per_request == Ratio(7, 83) and figures.appeals_per_100 == Decimal("8.4")


def test_indicators_finding(make, audit) -> None:
    report = make()
    assert audit(report, "values.indicators") == []  # 83 concluded: too few to mean much
    report.set_cell("requests.total.total", 100)
    report.set_cell("requests.received.total", 100)
    [finding] = audit(report, "values.indicators")
    assert (str(finding.severity), finding.where) == ("info", "indicators")
    assert finding.message == (
        "督查指标：实质公开率 58.0%（予以公开及部分公开 58 件 / 办结 100 件）；纠错率 20.0%（结果纠正 1 件 / 已审结复议诉讼 5 件）；"
        "每百件申请引发复议诉讼 7.0 件（7 / 100）"
    )


def test_indicators_need_enough_requests(make, audit) -> None:
    report = make()
    report.set_cell("requests.total.total", MIN_REQUESTS - 1)
    assert audit(report, "values.indicators") == []
    report.set_cell("requests.total.total", MIN_REQUESTS)
    assert len(audit(report, "values.indicators")) == 1


def test_indicators_skip_unread_cells_and_zero_bases(make, audit) -> None:
    report = make()
    report.set_cell("requests.total.total", 100)
    report.set_cell("requests.partial.total", None)
    report.set_cell("appeals.review.pending", None)
    report.set_cell("requests.received.total", 0)
    figures = indicators(report)
    assert (figures.disclosure, figures.correction, figures.appeals_per_request) == (None, None, None)
    assert audit(report, "values.indicators") == []
