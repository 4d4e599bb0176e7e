"""filing.* and publish.*: rules over supervision records, run by run_records, never by check."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from gongkai.audit import SubmissionRecord, builtin_rules, run, run_records
from gongkai.settings import Settings

AS_OF = date(2024, 3, 1)


@pytest.fixture
def records_audit(settings: Settings):
    rules = builtin_rules()

    def go(records: list[SubmissionRecord], rule_id: str, as_of: date = AS_OF):
        chosen = [r for r in rules if r.id == rule_id]
        assert chosen
        return [
            (str(f.severity), f.where, f.message, f.file)
            for f in run_records(records, chosen, settings=settings, as_of=as_of)
        ]

    return go


BASE = SubmissionRecord(
    agency="某县人民政府",
    year=2023,
    source="upload-17",
    deadline=date(2024, 1, 31),
    submitted_at=datetime(2024, 1, 30, 16, 5),
)


def test_filing_on_time_is_silent(records_audit) -> None:
    assert records_audit([BASE], "filing.late") == []
    assert records_audit([replace(BASE, submitted_at=datetime(2024, 1, 31, 23, 59))], "filing.late") == []
    assert records_audit([replace(BASE, deadline=None)], "filing.late") == []


def test_filing_after_the_deadline(records_audit) -> None:
    late = replace(BASE, submitted_at=datetime(2024, 2, 3, 9, 0))
    assert records_audit([late], "filing.late") == [
        (
            "error",
            "submission",
            "2023年度报告于2024年2月3日报送，晚于报送期限2024年1月31日（逾期3天）",
            "upload-17",
        )
    ]


def test_not_filed_at_all(records_audit) -> None:
    missing = replace(BASE, submitted_at=None)
    assert records_audit([missing], "filing.late") == [
        ("error", "submission", "截至2024年3月1日仍未报送2023年度报告（报送期限2024年1月31日）", "upload-17")
    ]
    assert records_audit([missing], "filing.late", as_of=date(2024, 1, 31)) == []


def test_returned_and_corrected_in_time_is_silent(records_audit) -> None:
    ok = replace(
        BASE,
        returned_at=datetime(2024, 2, 5),
        returned_due=date(2024, 2, 15),
        corrected_at=datetime(2024, 2, 15, 18),
    )
    assert records_audit([ok], "filing.not_corrected") == []
    pending = replace(ok, corrected_at=None)
    assert records_audit([pending], "filing.not_corrected", as_of=date(2024, 2, 15)) == []
    assert records_audit([BASE], "filing.not_corrected") == []


def test_returned_and_not_corrected(records_audit) -> None:
    overdue = replace(BASE, returned_at=datetime(2024, 2, 5), returned_due=date(2024, 2, 15))
    assert records_audit([overdue], "filing.not_corrected") == [
        (
            "error",
            "correction",
            "报告被退回修改，截至2024年3月1日仍未改正（改正期限2024年2月15日）",
            "upload-17",
        )
    ]
    late = replace(overdue, corrected_at=datetime(2024, 2, 20, 10))
    assert records_audit([late], "filing.not_corrected") == [
        (
            "warning",
            "correction",
            "报告被退回修改，于2024年2月20日才改正，晚于改正期限2024年2月15日（逾期5天）",
            "upload-17",
        )
    ]


def test_published_file_changed_after_acceptance(records_audit) -> None:
    same = replace(BASE, accepted_hash="ab" * 32, published_hash="AB" * 32)
    assert records_audit([same], "publish.changed") == []
    assert records_audit([replace(BASE, accepted_hash="ab" * 32)], "publish.changed") == []
    changed = replace(same, published_hash="cd" * 32)
    assert records_audit([changed], "publish.changed") == [
        (
            "error",
            "published_file",
            "“upload-17”现发布的文件与审核通过时的文件不一致（文件校验值不同），报告在通过审核后被改动",
            "upload-17",
        )
    ]


def test_copies_with_different_cells(records_audit) -> None:
    cells = {"requests.received.total": 12, "requests.granted.total": 7, "active.fees.amount": None}
    portal = replace(BASE, source="portal", cells=cells)
    column = replace(BASE, source="专栏", cells={**cells, "requests.received.total": 13})
    found = records_audit([portal, column], "publish.divergent")
    assert found == [
        (
            "warning",
            "requests.received.total",
            "同一年度报告的两个版本数值不同：“portal”与“专栏”——本年新收·总计 本件 12、另一件 13（共 1 处）",
            "portal",
        ),
        (
            "warning",
            "requests.received.total",
            "同一年度报告的两个版本数值不同：“专栏”与“portal”——本年新收·总计 本件 13、另一件 12（共 1 处）",
            "专栏",
        ),
    ]


def test_copies_agreeing_or_of_other_years_or_unread_are_silent(records_audit) -> None:
    cells = {"requests.received.total": 12}
    portal = replace(BASE, source="portal", cells=cells)
    assert records_audit([portal, replace(portal, source="专栏")], "publish.divergent") == []
    assert (
        records_audit(
            [portal, replace(portal, source="专栏", year=2022, cells={"requests.received.total": 9})],
            "publish.divergent",
        )
        == []
    )
    other_agency = replace(portal, source="x", agency="某县财政局", cells={"requests.received.total": 9})
    assert records_audit([portal, other_agency], "publish.divergent") == []
    unread = replace(
        portal,
        source="专栏",
        cells={"requests.received.total": None},
        unread=frozenset({"requests.received.total"}),
    )
    assert records_audit([portal, unread], "publish.divergent") == []
    read_badly = replace(
        portal,
        source="专栏",
        cells={"requests.received.total": 21},
        unread=frozenset({"requests.received.total"}),
    )
    assert records_audit([portal, read_badly], "publish.divergent") == []


def test_record_rules_never_run_on_reports(make, settings: Settings) -> None:
    record_rules = [r for r in builtin_rules() if r.record]
    assert sorted(r.id for r in record_rules) == [
        "filing.late",
        "filing.not_corrected",
        "publish.changed",
        "publish.divergent",
    ]
    assert run([make()], record_rules, settings=settings) == []


def test_run_records_ignores_report_rules(settings: Settings) -> None:
    late = replace(BASE, submitted_at=datetime(2024, 2, 3))
    findings = run_records([late], builtin_rules(), settings=settings, as_of=AS_OF)
    assert [f.rule for f in findings] == ["filing.late"]
