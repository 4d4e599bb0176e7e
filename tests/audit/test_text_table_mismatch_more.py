"""text.table_mismatch, extended (issue 11): section 二 figures and section 四 parts stated in the text."""

from __future__ import annotations

import pytest

BASE = "2023年，本局认真贯彻落实条例。"

CASES = [
    ("全年制发行政规范性文件5件，现行有效行政规范性文件40件。", []),
    (
        "全年制发行政规范性文件6件。",
        [
            (
                "active.normative_documents.issued",
                "第一部分称“制发行政规范性文件6件”，但第二部分“行政规范性文件”本年制发件数为 5",
            )
        ],
    ),
    (
        "清理后现行有效规范性文件39件。",
        [
            (
                "active.normative_documents.in_force",
                "第一部分称“现行有效规范性文件39件”，但第二部分“行政规范性文件”现行有效件数为 40",
            )
        ],
    ),
    ("印发规章1件。", []),
    (
        "出台政府规章2件。",
        [("active.rules.issued", "第一部分称“出台政府规章2件”，但第二部分“规章”本年制发件数为 1")],
    ),
    ("作出行政许可决定320件，行政处罚决定45件，作出行政强制3件。", []),
    (
        "作出行政处罚决定44件。",
        [
            (
                "active.punishment.decisions",
                "第一部分称“作出行政处罚决定44件”，但第二部分“行政处罚”本年处理决定数量为 45",
            )
        ],
    ),
    ("办理行政许可事项1200项。", []),  # items handled are not decisions: not compared
    ("行政事业性收费金额12.5万元。", []),
    (
        "行政事业性收费12.60万元。",
        [
            (
                "active.fees.amount",
                "第一部分称“行政事业性收费12.60万元”，但第二部分“行政事业性收费”本年收费金额为 12.5",
            )
        ],
    ),
    (
        "行政复议4件，其中结果维持2件，结果纠正1件，尚未审结1件；行政诉讼3件，其中结果维持2件，尚未审结1件。",
        [],
    ),
    (
        "行政复议4件，其中结果维持2件，结果纠正2件。",
        [
            (
                "appeals.review.corrected",
                "第一部分称“行政复议4件，其中结果维持2件，结果纠正2件”，但第四部分表格“行政复议”“结果纠正”为 1",
            )
        ],
    ),
    (
        "行政诉讼3件，其中结果维持1件，尚未审结1件。",
        [
            (
                "appeals.suit_direct.upheld",
                "第一部分称“行政诉讼3件，其中结果维持1件”，但第四部分表格行政诉讼（两类起诉之和）“结果维持”为 2",
            )
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_section_two_and_four_figures_in_the_text(make, audit, text, expected) -> None:
    report = make()
    report.sections[0].text = BASE + text
    found = [(f.where, f.message) for f in audit(report, "text.table_mismatch")]
    assert found == expected


def test_unread_cells_are_not_compared(make, audit) -> None:
    report = make()
    report.sections[0].text = BASE + "全年制发行政规范性文件6件。行政复议4件，其中结果纠正2件。"
    report.set_cell("active.normative_documents.issued", None)
    report.set_cell("appeals.review.corrected", None)
    assert audit(report, "text.table_mismatch") == []


def test_the_2019_form_has_no_issued_count_to_compare(make, audit) -> None:
    report = make("2019")
    report.sections[0].text = BASE + "全年制发行政规范性文件6件。"
    assert audit(report, "text.table_mismatch") == []
