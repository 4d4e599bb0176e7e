"""dates.period and dates.published, including the deadline by agency kind."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.audit import run
from gongkai.audit.rules import builtin_rules
from gongkai.model.report import Period
from gongkai.settings import Settings


def _rows(findings):
    return [(str(f.severity), f.where, f.message) for f in findings]


@pytest.mark.parametrize("period", [None, Period(None, None)])
def test_period_not_stated(make, audit, period) -> None:
    r = make()
    r.period = period
    assert _rows(audit(r, "dates.period")) == [("warning", "period", "未写明统计期限")]


@pytest.mark.parametrize(
    ("period", "message"),
    [
        (Period(date(2023, 1, 1), date(2023, 12, 29)),
         "统计期限为2023年1月1日至2023年12月29日，不是2023年全年（2023年1月1日至12月31日）"),
        (Period(date(2022, 1, 1), date(2022, 12, 31)),
         "统计期限为2022年1月1日至2022年12月31日，不是2023年全年（2023年1月1日至12月31日）"),
        (Period(None, date(2023, 12, 31)), "统计期限为（未写明）至2023年12月31日，不是2023年全年（2023年1月1日至12月31日）"),
    ],
)
def test_period_not_the_calendar_year(make, audit, period, message) -> None:
    r = make()
    r.period = period
    assert _rows(audit(r, "dates.period")) == [("error", "period", message)]


def test_period_whole_year_is_fine_even_without_a_year(make, audit) -> None:
    r = make()
    assert audit(r, "dates.period") == []
    r.year = None
    assert audit(r, "dates.period") == []
    r.period = Period(date(2023, 3, 1), date(2023, 12, 31))
    assert [f.message for f in audit(r, "dates.period")] == [
        "统计期限为2023年3月1日至2023年12月31日，不是2023年全年（2023年1月1日至12月31日）"
    ]


def test_no_signing_date(make, audit) -> None:
    r = make()
    r.published_on = None
    assert _rows(audit(r, "dates.published")) == [("warning", "published_on", "落款无成文日期")]


@pytest.mark.parametrize("signed", [date(2023, 12, 25), date(2023, 12, 31)])
def test_signed_before_the_year_ended(make, audit, signed) -> None:
    r = make()
    r.published_on = signed
    (f,) = audit(r, "dates.published")
    assert (str(f.severity), f.where) == ("error", "published_on")
    assert f.message == f"成文日期2023年12月{signed.day}日不晚于统计年度结束（2023年12月31日），报告不可能涵盖全年"


@pytest.mark.parametrize(
    ("agency", "scope", "signed", "message"),
    [
        ("某市生态环境局", None, date(2024, 1, 31), None),
        ("某市生态环境局", None, date(2024, 2, 1), "成文日期2024年2月1日晚于政府部门的发布期限2024年1月31日"),
        ("淮安市人民政府", None, date(2024, 3, 31), None),
        ("淮安市人民政府", None, date(2024, 4, 1), "成文日期2024年4月1日晚于县级以上人民政府本级报告的发布期限2024年3月31日"),
        ("白家庄镇人民政府", None, date(2024, 2, 5), "成文日期2024年2月5日晚于乡镇、街道的发布期限2024年1月31日"),
        ("平潭综合实验区（管委会办公室汇总）", "summary", date(2024, 3, 1), None),
        (None, None, date(2024, 2, 1), "成文日期2024年2月1日晚于报告机关的发布期限2024年1月31日"),
    ],
)
def test_deadline_by_agency_kind(make, audit, agency, scope, signed, message) -> None:
    r = make()
    r.agency, r.scope, r.published_on = agency, scope, signed
    findings = audit(r, "dates.published")
    assert _rows(findings) == ([("warning", "published_on", message)] if message else [])


def test_deadlines_come_from_settings(make) -> None:
    r = make(agency="白家庄镇人民政府")
    r.published_on = date(2024, 2, 15)
    rules = [x for x in builtin_rules() if x.id == "dates.published"]
    assert len(run([r], rules, settings=Settings(deadline_township=(1, 31)))) == 1
    assert run([r], rules, settings=Settings(deadline_township=(2, 20))) == []


def test_unknown_year_checks_only_the_presence_of_a_date(make, audit) -> None:
    r = make()
    r.year = None
    r.published_on = date(1999, 1, 1)
    assert audit(r, "dates.published") == []
