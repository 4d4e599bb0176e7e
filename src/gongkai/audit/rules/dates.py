"""The statistical period and the signing date (template.md §a.4, §b S5, §e 3–4)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from gongkai.audit.agency import AgencyKind, agency_kind, deadline
from gongkai.audit.rule import Context, Hit, Rule
from gongkai.model.findings import Severity

_KIND_ZH = {
    AgencyKind.GOVERNMENT: "县级以上人民政府本级报告",
    AgencyKind.DEPARTMENT: "政府部门",
    AgencyKind.TOWNSHIP: "乡镇、街道",
}


def cn_date(d: date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else "（未写明）"


def _period(ctx: Context) -> Iterator[Hit]:
    report = ctx.report
    period = report.period
    if period is None or (period.start is None and period.end is None):
        yield Hit("period", "未写明统计期限", "the statistical period is not stated", Severity.WARNING)
        return
    start, end = period.start, period.end
    if period.is_calendar_year and start is not None and report.year in (None, start.year):
        return
    known = start or end
    assert known is not None
    year = report.year if report.year is not None else known.year
    yield Hit(
        "period",
        f"统计期限为{cn_date(start)}至{cn_date(end)}，不是{year}年全年（{year}年1月1日至12月31日）",
        f"the statistical period {start or '?'} – {end or '?'} is not the whole calendar year {year}",
    )


def _published(ctx: Context) -> Iterator[Hit]:
    report = ctx.report
    signed = report.published_on
    if signed is None:
        yield Hit("published_on", "落款无成文日期", "no date under the signature", Severity.WARNING)
        return
    if report.year is None:
        return
    year_end = date(report.year, 12, 31)
    if signed <= year_end:
        yield Hit(
            "published_on",
            f"成文日期{cn_date(signed)}不晚于统计年度结束（{cn_date(year_end)}），报告不可能涵盖全年",
            f"signed on {signed}, before the year reported on ended ({year_end})",
        )
        return
    kind = agency_kind(report.agency, report.scope)
    due = deadline(kind, report.year, ctx.settings)
    if signed > due:
        who = _KIND_ZH[kind] if kind else "报告机关"
        yield Hit(
            "published_on",
            f"成文日期{cn_date(signed)}晚于{who}的发布期限{cn_date(due)}",
            f"signed on {signed}, after the deadline {due} for a {kind or 'department'} report",
            Severity.WARNING,
        )


RULES: list[Rule] = [
    Rule(
        "dates.period",
        Severity.ERROR,
        "统计期限不是报告年度的 1月1日至12月31日（错误）；未写明统计期限（警告）。",
        "The statistical period is not 1 January – 31 December of the report's year (error); no period "
        "stated (warning).",
        _period,
        reads=("period", "year"),
        also=(Severity.WARNING,),
    ),
    Rule(
        "dates.published",
        Severity.ERROR,
        "成文日期早于统计年度结束（错误）；无成文日期，或晚于发布期限：部门、乡镇次年1月31日，县级以上人民政府本级报告次年3月31日，可配置（警告）。",
        "Signed before the year reported on ended (error); no date, or later than the deadline: 31 January "
        "for departments and townships, 31 March for a people's government's own report, configurable (warning).",
        _published,
        reads=("published_on", "year", "agency", "scope"),
        also=(Severity.WARNING,),
    ),
]
