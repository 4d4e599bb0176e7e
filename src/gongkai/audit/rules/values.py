"""Values that are possible but not plausible, and the supervisors' indicators.

``values.plausible``: an amount or count out of scale with the agency that printed it — fees in
万元 a township could not collect (usually 元 typed into a 万元 column), a township answering
thousands of requests — and a non-whole count stated in the narrative ("公开信息12.5条").
Negative and non-whole table cells are ``arith.cells.domain``'s.

``values.indicators``: 实质公开率, 纠错率 and 复议诉讼 per 100 requests (``gongkai.audit.indicators``),
shown as an info finding from ``MIN_REQUESTS`` requests concluded on.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from gongkai.audit import labels as L
from gongkai.audit.agency import AgencyKind, agency_kind
from gongkai.audit.indicators import MIN_REQUESTS, compute
from gongkai.audit.rule import Context, Hit, Rule
from gongkai.model.findings import Severity

#: Largest plausible 行政事业性收费 in 万元 a year, by kind of agency (an unknown kind: department).
MAX_FEES: dict[AgencyKind, Decimal] = {
    AgencyKind.TOWNSHIP: Decimal(1_000),  # 1,000 万元 = 10 million yuan
    AgencyKind.DEPARTMENT: Decimal(500_000),  # 50 亿元
    AgencyKind.GOVERNMENT: Decimal(5_000_000),  # 500 亿元
}
#: Most requests a township answers in a year; above it the figure is out of scale.
MAX_TOWNSHIP_REQUESTS = 1_000
_COUNT_UNITS = ("件", "条", "个", "次", "项", "篇", "期", "场", "人")
_KIND_ZH = {
    AgencyKind.TOWNSHIP: "乡镇（街道）",
    AgencyKind.DEPARTMENT: "部门",
    AgencyKind.GOVERNMENT: "人民政府",
}


def _plausible(ctx: Context) -> Iterator[Hit]:
    report = ctx.report
    kind = agency_kind(report.agency, report.scope)
    fees = ctx.cell("active.fees.amount")
    limit = MAX_FEES[kind or AgencyKind.DEPARTMENT]
    if fees is not None and fees > limit:
        who = _KIND_ZH[kind or AgencyKind.DEPARTMENT]
        yield Hit(
            "active.fees.amount",
            f"第二部分“行政事业性收费”本年收费金额为 {L.num(fees)} 万元，对{who}而言过大（超过 {L.num(limit)} 万元），"
            "疑将“元”填作“万元”",
            f"administrative fees of {L.num(fees)} (10,000 yuan) are implausible for a {kind or 'department'} "
            f"(over {L.num(limit)}): yuan entered as 10,000 yuan?",
        )
    received = ctx.cell("requests.received.total")
    if kind is AgencyKind.TOWNSHIP and received is not None and received > MAX_TOWNSHIP_REQUESTS:
        yield Hit(
            "requests.received.total",
            f"第三部分“本年新收”总计 {L.num(received)} 件，对乡镇（街道）而言过多（超过 {MAX_TOWNSHIP_REQUESTS} 件），请核实",
            f"{L.num(received)} requests received is out of scale for a township (over {MAX_TOWNSHIP_REQUESTS})",
        )
    for fig in report.narrative:
        if (
            fig.unit in _COUNT_UNITS
            and isinstance(fig.value, Decimal)
            and fig.value != fig.value.to_integral_value()
        ):
            where = f"section.{fig.section}" if fig.section is not None else "narrative"
            yield Hit(
                where,
                f"正文称“{fig.subject}{L.num(fig.value)}{fig.unit}”，件数不应有小数",
                f"the text counts {fig.subject} as {L.num(fig.value)} {fig.unit}: a count is a whole number",
            )


def _indicators(ctx: Context) -> Iterator[Hit]:
    concluded = ctx.cell("requests.total.total")
    if not isinstance(concluded, int) or concluded < MIN_REQUESTS:
        return  # ``compute``'s ``concluded``, asked first: most reports conclude fewer requests
    figures = compute(ctx.cell)
    if figures.concluded is None or figures.concluded < MIN_REQUESTS:
        return
    zh: list[str] = []
    en: list[str] = []
    if figures.disclosure is not None:
        d = figures.disclosure
        shown = d.percent()  # once: Decimal division and rounding are the cost of this rule
        zh.append(f"实质公开率 {shown}%（予以公开及部分公开 {d.numerator} 件 / 办结 {d.denominator} 件）")
        en.append(f"substantive disclosure {shown}% ({d.numerator}/{d.denominator})")
    if figures.correction is not None:
        c = figures.correction
        shown = c.percent()
        zh.append(f"纠错率 {shown}%（结果纠正 {c.numerator} 件 / 已审结复议诉讼 {c.denominator} 件）")
        en.append(f"correction rate {shown}% ({c.numerator}/{c.denominator})")
    if figures.appeals_per_request is not None:
        a = figures.appeals_per_request
        per_100 = figures.appeals_per_100
        zh.append(f"每百件申请引发复议诉讼 {per_100} 件（{a.numerator} / {a.denominator}）")
        en.append(f"{per_100} reviews and lawsuits per 100 requests ({a.numerator}/{a.denominator})")
    if zh:
        yield Hit("indicators", "督查指标：" + "；".join(zh), "supervision indicators: " + "; ".join(en))


RULES: list[Rule] = [
    Rule(
        "values.plausible",
        Severity.WARNING,
        "数值与机关规模不符：行政事业性收费金额（万元）对该类机关过大（乡镇超过1000万元、部门超过50亿元、人民政府超过500亿元，"
        f"疑将元填作万元）；乡镇本年新收申请超过 {MAX_TOWNSHIP_REQUESTS} 件；正文所述件数、条数带小数。"
        "负数和表格中的非整数由 arith.cells.domain 检查。",
        "Values out of scale with the agency: administrative fees (10,000 yuan) too large for its kind (township over "
        "1,000, department over 500,000, government over 5,000,000: yuan typed as 10,000 yuan?); a township receiving "
        f"over {MAX_TOWNSHIP_REQUESTS} requests; a count in the text with decimals. Negative and non-whole table "
        "cells are arith.cells.domain's.",
        _plausible,
        reads=("agency", "scope", "active.fees.amount", "requests.received.total", "narrative"),
    ),
    Rule(
        "values.indicators",
        Severity.INFO,
        f"督查指标（数值，不是错误）：实质公开率、纠错率、每百件申请引发的复议诉讼数；办结申请不少于 {MIN_REQUESTS} 件时才显示。",
        "Supervision indicators (figures, not errors): substantive disclosure rate, correction rate, reviews and "
        f"lawsuits per 100 requests; shown only from {MIN_REQUESTS} requests concluded.",
        _indicators,
        reads=(
            "requests.total.total",
            "requests.granted.total",
            "requests.partial.total",
            "requests.received.total",
            "appeals.*.total",
            "appeals.*.corrected",
            "appeals.*.pending",
        ),
    ),
]
