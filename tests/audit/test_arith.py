"""arith.*: the table identities B1–B5, each both ways."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.model.findings import Severity
from gongkai.model.keys import Template


def _one(findings):
    assert len(findings) == 1, findings
    return findings[0]


def test_balance_fires_per_column(make, audit) -> None:
    r = make()
    r.set_cell("requests.carried_forward.natural_person", 5)
    f = _one(audit(r, "arith.requests.balance"))
    assert (f.severity, f.where) == (Severity.ERROR, "requests.total.natural_person")
    assert f.message == "第三部分“自然人”列：本年新收 72 + 上年结转 5 = 77，但办理结果总计 73 + 结转下年度 5 = 78"


def test_balance_skips_a_column_with_a_blank_cell(make, audit) -> None:
    r = make()
    r.set_cell("requests.carried_forward.natural_person", 5)
    r.set_cell("requests.received.natural_person", None)
    assert audit(r, "arith.requests.balance") == []


def test_balance_holds_for_decimal_values(make, audit) -> None:
    r = make()
    for row in ("received", "carried_over", "total", "carried_forward"):
        r.set_cell(f"requests.{row}.research", Decimal("1"))
    assert audit(r, "arith.requests.balance") == []


def test_row_total_fires_per_row(make, audit) -> None:
    r = make()
    r.set_cell("requests.granted.enterprise", 6)
    f = _one(audit(r, "arith.requests.row_total"))
    assert (f.severity, f.where) == (Severity.ERROR, "requests.granted.total")
    assert f.message == (
        "第三部分“予以公开”行：自然人 40 + 商业企业 6 + 科研机构 0 + 社会公益组织 0 + 法律服务机构 2 + 其他 0 = 48，"
        "但总计为 47"
    )


def test_row_total_checks_the_2019_other_row_and_skips_absent_rows(make, audit) -> None:
    r = make("2019")
    r.set_cell("requests.other.research", 1)
    assert [f.where for f in audit(r, "arith.requests.row_total")] == ["requests.other.total"]
    del r.tables["requests"]["other"]
    assert audit(r, "arith.requests.row_total") == []


def test_outcome_total_2021_lists_non_zero_rows(make, audit) -> None:
    r = make()
    r.set_cell("requests.other_misc.natural_person", 2)
    f = _one(audit(r, "arith.requests.outcome_total"))
    assert (f.severity, f.where) == (Severity.ERROR, "requests.total.natural_person")
    assert f.message == (
        "第三部分“自然人”列：予以公开 40 + 部分公开 10 + 不予公开·保护第三方合法权益 2 + 无法提供·本机关不掌握 15 + "
        "不予处理·重复申请 3 + 其他处理·逾期不补正 2 + 其他处理·其他 2 = 74（其余 14 项为 0），但（七）总计为 73"
    )


def test_outcome_total_2019_uses_the_single_other_row(make, audit) -> None:
    r = make("2019")
    assert audit(r, "arith.requests.outcome_total") == []
    r.set_cell("requests.other.total", 4)
    f = _one(audit(r, "arith.requests.outcome_total"))
    assert f.where == "requests.total.total"
    assert "其他处理 4" in f.message and "（七）总计为 83" in f.message


@pytest.mark.parametrize("version", ["2021", "2019"])
def test_outcome_total_of_a_mixed_report_uses_the_rows_it_has(make, audit, version) -> None:
    r = make(version)
    r.template = Template.MIXED
    assert audit(r, "arith.requests.outcome_total") == []
    row = "other_misc" if version == "2021" else "other"
    r.set_cell(f"requests.{row}.enterprise", 3)
    assert [f.where for f in audit(r, "arith.requests.outcome_total")] == ["requests.total.enterprise"]


def test_outcome_total_is_skipped_when_an_outcome_row_is_missing(make, audit) -> None:
    r = make()
    r.set_cell("requests.granted.natural_person", 0)
    del r.tables["requests"]["withheld_law"]
    assert [f.where for f in audit(r, "arith.requests.outcome_total")] == []


def test_appeals_total_fires_per_group(make, audit) -> None:
    r = make()
    r.set_cell("appeals.review.total", 5)
    f = _one(audit(r, "arith.appeals.total"))
    assert (f.severity, f.where) == (Severity.ERROR, "appeals.review.total")
    assert f.message == "第四部分“行政复议”：结果维持 2 + 结果纠正 1 + 其他结果 0 + 尚未审结 1 = 4，但总计为 5"
    r.set_cell("appeals.review.total", None)
    assert audit(r, "arith.appeals.total") == []


def test_domain_rejects_negative_and_fractional_counts(make, audit) -> None:
    r = make()
    r.set_cell("requests.granted.research", -1)
    r.set_cell("appeals.review.other", Decimal("0.5"))
    r.set_cell("active.rules.issued", -3)
    findings = audit(r, "arith.cells.domain")
    assert [(f.where, f.message) for f in findings] == [
        ("active.rules.issued", "第二部分（主动公开政府信息情况）表格“规章·本年制发件数”为负数 -3"),
        ("requests.granted.research", "第三部分（收到和处理政府信息公开申请情况）表格“予以公开·科研机构”为负数 -1"),
        ("appeals.review.other", "第四部分（行政复议、行政诉讼情况）表格“行政复议·其他结果”应为整数，却为 0.5"),
    ]


def test_domain_allows_2019_changes_below_zero_and_decimal_amounts(make, audit) -> None:
    r = make("2019")
    assert r.cell("active.licensing.change") == -2
    r.set_cell("active.procurement.amount", Decimal("80618.25"))
    r.set_cell("requests.granted.research", Decimal("0"))
    assert audit(r, "arith.cells.domain") == []
