"""The engine: attribution, failure isolation, ordering and cross-year pairing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from gongkai.audit import Context, Hit, Rule, builtin_rules, pairs, run
from gongkai.model.findings import Severity


def _rule(rule_id: str, *wheres: str | None, severity: Severity = Severity.ERROR, crossyear: bool = False) -> Rule:
    def check(ctx: Context) -> Iterator[Hit]:
        for where in wheres:
            yield Hit(where, f"中文 {where}", f"english {where}")

    return Rule(rule_id, severity, "标题", "title", check, crossyear=crossyear)


@pytest.mark.parametrize("version", ["2021", "2019"])
def test_the_balanced_factory_reports_raise_nothing(make, audit, version) -> None:
    assert audit(make(version)) == []


def test_findings_carry_rule_file_and_default_severity(make, settings) -> None:
    (finding,) = run([make(path="dir/a.txt")], [_rule("x.one", "period", severity=Severity.WARNING)], settings=settings)
    assert finding.to_json() == {
        "rule": "x.one",
        "severity": "warning",
        "kind": "report",
        "where": "period",
        "message": "中文 period",
        "message_en": "english period",
        "file": "dir/a.txt",
    }


def test_a_hit_may_override_the_severity(make, settings) -> None:
    rule = Rule("x.one", Severity.ERROR, "t", "t", lambda ctx: [Hit("w", "m", "e", Severity.INFO)])
    assert [f.severity for f in run([make()], [rule], settings=settings)] == [Severity.INFO]


def test_a_rule_that_raises_becomes_a_warning_and_others_still_run(make, settings) -> None:
    def broken(ctx: Context) -> Iterator[Hit]:
        yield Hit("lost", "lost", "lost")  # partial output of a failing rule is dropped
        raise ZeroDivisionError("division by zero")

    rules = [Rule("x.broken", Severity.ERROR, "t", "t", broken), _rule("x.fine", "w")]
    findings = run([make(path="r.txt")], rules, settings=settings)
    assert [(f.rule, f.severity, f.where, f.message, f.message_en) for f in findings] == [
        (
            "x.broken",
            Severity.WARNING,
            None,
            "本条规则运行出错：ZeroDivisionError: division by zero",
            "the rule failed: ZeroDivisionError: division by zero",
        ),
        ("x.fine", Severity.ERROR, "w", "中文 w", "english w"),
    ]


def test_a_check_that_is_not_iterable_is_caught_too(make, settings) -> None:
    rule = Rule("x.none", Severity.ERROR, "t", "t", lambda ctx: None)  # type: ignore[arg-type,return-value]
    (finding,) = run([make()], [rule], settings=settings)
    assert finding.message.startswith("本条规则运行出错：TypeError")


def test_findings_sort_by_file_then_rule_family_then_printed_place(make, settings) -> None:
    rules = [
        _rule("text.b", "section.1"),
        _rule("arith.z", "requests.total.enterprise", "requests.received.total", None, "period"),
        _rule("arith.a", "appeals.review.total"),
    ]
    findings = run([make(path="b.txt"), make(path="a.txt")], rules, settings=settings)
    assert [(f.file, f.rule, f.where) for f in findings][:6] == [
        ("a.txt", "arith.z", None),
        ("a.txt", "arith.z", "period"),
        ("a.txt", "arith.z", "requests.received.total"),
        ("a.txt", "arith.z", "requests.total.enterprise"),
        ("a.txt", "arith.a", "appeals.review.total"),
        ("a.txt", "text.b", "section.1"),
    ]
    assert [f.file for f in findings[6:]] == ["b.txt"] * 6


def test_rules_may_be_any_iterable(make, settings) -> None:
    assert len(run([make()], iter([_rule("x.a", "w")]), settings=settings)) == 1


def test_pairs_match_agency_names_ignoring_whitespace_and_need_consecutive_years(make) -> None:
    y2022 = make(year=2022, agency="某市 生态环境局", path="2022.txt")
    y2023 = make(year=2023, agency="某市生态环境局\n", path="2023.txt")
    y2021 = make(year=2021, path="2021.txt")
    other = make(year=2022, agency="某市教育局", path="edu.txt")
    assert [(p.source.path, r.source.path) for p, r in pairs([y2023, other, y2021, y2022])] == [
        ("2022.txt", "2023.txt"),
        ("2021.txt", "2022.txt"),
    ]


def test_pairs_skip_reports_without_agency_or_year_and_take_the_first_duplicate(make) -> None:
    first = make(year=2022, path="first.txt")
    second = make(year=2022, path="second.txt")
    this = make(year=2023, path="this.txt")
    nameless = make(year=2024, agency="  ", path="nameless.txt")
    undated = make(path="undated.txt")
    undated.year = None
    assert [(p.source.path, r.source.path) for p, r in pairs([first, second, this, nameless, undated])] == [
        ("first.txt", "this.txt")
    ]


def test_crossyear_rules_run_on_pairs_and_file_under_this_years_report(make, settings) -> None:
    seen: list[tuple[str, str]] = []

    def check(ctx: Context) -> Iterator[Hit]:
        assert ctx.previous is not None
        seen.append((ctx.previous.source.path, ctx.report.source.path))
        yield Hit("w", "m", "e")

    rule = Rule("crossyear.x", Severity.WARNING, "t", "t", check, crossyear=True)
    findings = run([make(year=2023, path="b.txt"), make(year=2022, path="a.txt")], [rule], settings=settings)
    assert seen == [("a.txt", "b.txt")]
    assert [f.file for f in findings] == ["b.txt"]


def test_single_report_rules_never_see_a_previous_report(make, settings) -> None:
    previous_seen: list[object] = []
    rule = Rule("x.y", Severity.INFO, "t", "t", lambda ctx: previous_seen.append(ctx.previous) or [])
    run([make(year=2022), make(year=2023)], [rule], settings=settings)
    assert previous_seen == [None, None]


def test_builtin_rule_ids_are_unique() -> None:
    ids = [r.id for r in builtin_rules()]
    assert len(ids) == len(set(ids))


def test_value_findings_of_an_ocr_read_report_are_the_readers(make, audit) -> None:
    """A digit OCR misread (3 for 8) fails the arithmetic as surely as an agency's slip: in a report
    read by OCR, such findings are reading findings, never counted as the agency's error."""
    from gongkai.model.findings import FindingKind

    report = make("2021")
    report.set_cell("requests.received.total", report.cell("requests.received.total") + 5)
    plain = [f for f in audit(report) if f.rule == "arith.requests.row_total"]
    assert plain and all(f.kind is FindingKind.REPORT and f.is_report_error for f in plain)
    report.add_problem("ocr_read", None, "第 1 页是扫描图像，内容由 OCR 识别读取，请核对原文")
    found = [f for f in audit(report) if f.rule.startswith("arith.")]
    assert found and all(f.kind is FindingKind.READING and not f.is_report_error for f in found)
    assert all(f.severity.value != "error" for f in found)  # a reading finding is never an error (contract §3)
    assert all(f.message.endswith("（本报告由 OCR 识别读取，也可能是数字识别有误，请核对原文）") for f in found)
    assert not [f for f in audit(report) if f.is_report_error and f.rule.startswith(("arith.", "text.sum"))]


def test_a_report_none_of_whose_text_was_read_gets_one_reading_finding_and_no_other(make, audit) -> None:
    """A scan read without OCR: every other rule would report the unread sections, dates and tables
    as the agency's errors. With the problem removed, the same report is audited as usual."""
    report = make()
    report.sections.clear()
    report.published_on = None
    report.add_problem("unmapped_text", None, "PDF 的文字无法解码（字体缺少 Unicode 映射），需要 OCR",
                       "the PDF's fonts carry no Unicode mapping; OCR is needed")
    findings = audit(report)
    assert [(f.rule, f.kind.value, f.severity.value, f.is_report_error) for f in findings] == [
        ("structure.text", "reading", "warning", False)]
    report.problems.clear()
    rules = {f.rule for f in audit(report)}
    assert "structure.sections" in rules and "dates.published" in rules and "structure.text" not in rules


def test_what_is_found_missing_where_pages_were_not_read_is_the_readers(make, audit) -> None:
    report = make()
    report.sections.pop()
    report.published_on = None
    report.set_cell("requests.received.total", report.cell("requests.received.total") + 5)
    report.add_problem("scanned_pages", None, "第 6 页是扫描图像，没有文字层，未读取（需要 OCR）", pages=[6])
    findings = audit(report)
    absent = [f for f in findings if f.rule in ("structure.sections", "dates.published")]
    assert {f.rule for f in absent} == {"structure.sections", "dates.published"}
    assert all(f.kind.value == "reading" and f.severity.value == "warning" for f in absent)
    assert all(f.message.endswith("（第 6 页未能读取，相关内容可能在该页中，请核对原文）") for f in absent)
    # what the pages read show stays the agency's: the row total does not add up
    assert [f.is_report_error for f in findings if f.rule == "arith.requests.row_total"] == [True]


def test_every_finding_on_a_report_read_by_ocr_is_the_readers(make, audit) -> None:
    """A heading's numeral misread ("二、收到和处理…" for "三、") is a numbering error as surely as the
    agency's; in a report read by OCR it is the reader's to check."""
    report = make()
    report.sections[2].number, report.sections[2].numeral = 2, "二、"
    plain = [f for f in audit(report) if f.rule == "structure.sections"]
    assert plain and any(f.is_report_error for f in plain)
    report.add_problem("ocr_read", None, "第 1 页是扫描图像，内容由 OCR 识别读取，请核对原文", pages=[1])
    found = audit(report)
    assert found and all(f.severity.value != "error" for f in found)
    assert all(f.kind.value == "reading" for f in found if f.severity.value != "info")
    assert all(f.message.endswith("也可能是文字识别有误，请核对原文）") for f in found if f.rule == "structure.sections")
    # a note (the indicators) is no one's defect: it keeps its kind, and says how it was read
    notes = [f for f in found if f.severity.value == "info"]
    assert all(f.kind.value == "report" and f.message.endswith("请核对原文）") for f in notes)
