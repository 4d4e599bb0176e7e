"""crossyear.*: two consecutive reports of one agency checked together."""

from __future__ import annotations

from gongkai.model.findings import Severity


def _pair(make):
    last = make(year=2022, path="2022.txt")
    this = make(year=2023, path="2023.txt")
    last.tables["requests"]["carried_forward"] = dict(this.tables["requests"]["carried_over"])
    last.set_cell("active.rules.in_force", 11)
    last.set_cell("active.normative_documents.in_force", 37)
    return last, this


def test_a_consistent_pair_raises_nothing(make, audit) -> None:
    last, this = _pair(make)
    assert [f for f in audit([last, this]) if f.rule.startswith("crossyear")] == []


def test_carry_over_mismatch(make, audit) -> None:
    last, this = _pair(make)
    last.set_cell("requests.carried_forward.natural_person", 4)
    (f,) = audit([this, last], "crossyear.carry")
    assert (f.file, f.severity, f.where) == ("2023.txt", Severity.WARNING, "requests.carried_over.natural_person")
    assert f.message == (
        "第三部分“自然人”列：本年度“上年结转”为 5，但上一年度报告“结转下年度”为 4（上一年度报告：2022.txt）"
    )
    assert f.message_en.endswith("(last year's report: 2022.txt)")


def test_carry_over_needs_both_reports_and_both_cells(make, audit) -> None:
    last, this = _pair(make)
    last.set_cell("requests.carried_forward.natural_person", 4)
    assert audit([this], "crossyear.carry") == []
    last.year = 2021
    assert audit([this, last], "crossyear.carry") == []
    last.year = 2022
    last.set_cell("requests.carried_forward.natural_person", None)
    assert audit([this, last], "crossyear.carry") == []


def test_carry_over_across_templates(make, audit) -> None:
    last = make("2019", year=2020, path="2020.txt")
    this = make("2021", year=2021, path="2021.txt")
    last.tables["requests"]["carried_forward"] = dict(this.tables["requests"]["carried_over"])
    assert audit([last, this], "crossyear.carry") == []
    last.set_cell("requests.carried_forward.total", 6)
    assert [f.where for f in audit([last, this], "crossyear.carry")] == ["requests.carried_over.total"]


def test_stock_of_documents(make, audit) -> None:
    last, this = _pair(make)
    last.set_cell("active.rules.in_force", 12)
    (f,) = audit([last, this], "crossyear.stock")
    assert (f.severity, f.where) == (Severity.INFO, "active.rules.in_force")
    assert f.message == (
        "第二部分“规章”：本年现行有效件数为 12，但上一年度现行有效件数 12 + 本年制发件数 1 − 本年废止件数 0 = 13"
        "（上一年度报告：2022.txt）"
    )


def test_items_of_the_2019_form(make, audit) -> None:
    last = make("2019", year=2019, path="2019.txt")
    this = make("2019", year=2020, path="2020.txt")
    for row in ("licensing", "other_services", "punishment", "coercion", "fees"):
        this.set_cell(f"active.{row}.previous", last.cell(f"active.{row}.previous") + last.cell(f"active.{row}.change"))
    assert audit([last, this], "crossyear.items") == []
    this.set_cell("active.licensing.previous", 30)
    (f,) = audit([last, this], "crossyear.items")
    assert (f.severity, f.where) == (Severity.INFO, "active.licensing.previous")
    assert f.message.startswith(
        "第二部分“行政许可”：本年报告“上一年项目数量”为 30，但上一年度报告“上一年项目数量” 30 + 上一年度报告“本年增/减” -2 = 28"
    )
