"""Rules over two consecutive reports of one agency (template.md §b S1, S2; §c.2 soft rule)."""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.audit import labels as L
from gongkai.audit.equations import Equation, Term, equation_check
from gongkai.audit.rule import Check, Context, Hit, Rule
from gongkai.model import keys
from gongkai.model.findings import Severity
from gongkai.model.keys import cell_key

#: S1: what was carried forward at the end of last year is what was carried over into this one.
CARRY: tuple[Equation, ...] = tuple(
    Equation(
        cell_key("requests", "carried_over", c),
        f"第三部分“{L.REQUEST_COLUMNS[c][0]}”列",
        f"section 3, column “{L.REQUEST_COLUMNS[c][1]}”",
        left=(Term(cell_key("requests", "carried_over", c), "本年度“上年结转”", "carried over this year"),),
        right=(
            Term(
                cell_key("requests", "carried_forward", c),
                "上一年度报告“结转下年度”",
                "last year's carried forward",
                previous=True,
            ),
        ),
    )
    for c in keys.REQUEST_COLUMNS
)

#: S2 (2021 form): documents in force now = in force a year ago + issued − repealed.
STOCK: tuple[Equation, ...] = tuple(
    Equation(
        cell_key("active", row, "in_force"),
        f"第二部分“{L.ACTIVE_ROWS_ZH[row]}”",
        f"section 2, {row.replace('_', ' ')}",
        left=(Term(cell_key("active", row, "in_force"), "本年现行有效件数", "in force now"),),
        right=(
            Term(cell_key("active", row, "in_force"), "上一年度现行有效件数", "in force last year", previous=True),
            Term(cell_key("active", row, "issued"), "本年制发件数", "issued"),
            Term(cell_key("active", row, "repealed"), "本年废止件数", "repealed", sign=-1),
        ),
    )
    for row in ("rules", "normative_documents")
)

#: 2019 form: this year's 上一年项目数量 = last year's 上一年项目数量 + 本年增/减.
ITEMS: tuple[Equation, ...] = tuple(
    Equation(
        cell_key("active", row, "previous"),
        f"第二部分“{L.ACTIVE_ROWS_ZH[row]}”",
        f"section 2, {row.replace('_', ' ')}",
        left=(Term(cell_key("active", row, "previous"), "本年报告“上一年项目数量”", "items a year ago"),),
        right=(
            Term(cell_key("active", row, "previous"), "上一年度报告“上一年项目数量”", "items two years ago", previous=True),
            Term(cell_key("active", row, "change"), "上一年度报告“本年增/减”", "last year's change", previous=True),
        ),
    )
    for row in ("licensing", "other_services", "punishment", "coercion", "fees")
)


def _naming_previous(check: Check) -> Check:
    """Add which file "last year" is, since the finding is filed under this year's report."""

    def wrapped(ctx: Context) -> Iterator[Hit]:
        path = ctx.previous.source.path if ctx.previous else "?"
        for hit in check(ctx):
            yield Hit(
                hit.where,
                f"{hit.message}（上一年度报告：{path}）",
                f"{hit.message_en} (last year's report: {path})",
                hit.severity,
            )

    return wrapped


RULES: list[Rule] = [
    Rule(
        "crossyear.carry",
        Severity.WARNING,
        "本年度“上年结转”与同一机关上一年度报告的“结转下年度”不符（需同时审核两年的报告）。",
        "This year's carried-over requests differ from last year's carried-forward ones (needs both reports).",
        _naming_previous(equation_check(CARRY)),
        reads=("requests.carried_over.*", "requests.carried_forward.* (last year)"),
        crossyear=True,
    ),
    Rule(
        "crossyear.stock",
        Severity.INFO,
        "规章、行政规范性文件“现行有效件数”不等于上一年度现行有效件数 + 本年制发 − 本年废止（可能因修订、清理或统计口径变化）。",
        "Rules and normative documents in force differ from last year's number + issued − repealed "
        "(amendments, clean-ups or a new counting basis may explain it).",
        _naming_previous(equation_check(STOCK)),
        reads=("active.*.in_force", "active.*.issued", "active.*.repealed", "active.*.in_force (last year)"),
        crossyear=True,
    ),
    Rule(
        "crossyear.items",
        Severity.INFO,
        "2019年试行格式：本年“上一年项目数量”不等于上一年度报告的“上一年项目数量” + “本年增/减”。",
        "2019 trial form: this year's “items a year ago” differs from last year's items + last year's change.",
        _naming_previous(equation_check(ITEMS)),
        reads=("active.*.previous", "active.*.change (last year)"),
        crossyear=True,
    ),
]
