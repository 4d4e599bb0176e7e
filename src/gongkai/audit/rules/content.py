"""What the sections should say (template.md §a.2 S6, §b S4)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from gongkai.audit import labels as L
from gongkai.audit.rule import Context, Hit, Rule
from gongkai.audit.textscan import squeeze
from gongkai.model.findings import Severity

_FEES = re.compile("处理费|收费")


def _fees(ctx: Context) -> Iterator[Hit]:
    report = ctx.report
    section = report.section(6)
    if section is None:
        return
    said = f"{section.title}{section.text}"
    if "费" in said and _FEES.search(squeeze(said)):  # every match has 费; most reports say it
        return
    notices = ctx.cell("requests.other_no_fee.total")
    if notices is not None and notices > 0:
        yield Hit(
            "section.6",
            f"第三部分表格有 {L.num(notices)} 件申请因逾期未缴纳信息处理费而不再处理，但第六部分未说明信息处理费收取情况",
            f"{L.num(notices)} requests lapsed for an unpaid fee, but section 6 says nothing of 信息处理费",
        )
    elif report.year is None or report.year >= 2021:
        yield Hit(
            "section.6",
            "第六部分未说明信息处理费收取情况（2021年格式的报告通常在此说明）",
            "section 6 does not say whether information processing fees (信息处理费) were charged",
            Severity.INFO,
        )


RULES: list[Rule] = [
    Rule(
        "content.fees",
        Severity.WARNING,
        "第六部分未提及信息处理费：表格显示曾发出收费通知（“逾期未按收费通知要求缴纳费用”大于 0）时为警告，否则为提示（2021年度起的报告通常说明）。",
        "Section 6 says nothing of 信息处理费: a warning when fee notices were issued (requests.other_no_fee > 0), "
        "otherwise info (reports for 2021 on usually state it).",
        _fees,
        reads=("sections", "requests.other_no_fee.total", "year"),
        also=(Severity.INFO,),
    ),
]
