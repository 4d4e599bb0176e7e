"""text.contradiction: assertions in words against the tables, both ways."""

from __future__ import annotations

from decimal import Decimal

import pytest

# The balanced report carries 5 requests forward, has no fee lapses and 12.5 万元 of fees.
CASES = [
    (
        "本年度收到的申请均已办结。",
        {},
        ["第一部分称“本年度收到的申请均已办结”，但第三部分表格“结转下年度继续办理”为 5 件"],
    ),
    (
        "所有申请全部按时答复。",
        {},
        ["第一部分称“所有申请全部按时答复”，但第三部分表格“结转下年度继续办理”为 5 件"],
    ),
    ("本年度收到的申请均已办结。", {"requests.carried_forward.total": 0}, []),
    ("对已办结的申请均已按时答复。", {}, []),
    ("均在法定期限内予以答复。", {}, []),
    ("上年结转的申请均已办结。", {}, []),
    ("答复率未全部办结。", {}, []),
    (
        "尚有3件申请正在办理。",
        {"requests.carried_forward.total": 0},
        ["第一部分称“尚有3件申请正在办理”，但第三部分表格“结转下年度继续办理”为 0"],
    ),
    ("尚有5件申请正在办理。", {}, []),
    (
        "另有4件顺延到下年度答复。",
        {},
        ["第一部分称“另有4件顺延到下年度答复”，但第三部分表格“结转下年度继续办理”为 5 件"],
    ),
    ("另有5件顺延到下年度答复。", {}, []),
    (
        "全年未发出收费通知。",
        {"requests.other_no_fee.total": 2},
        [
            "第一部分称“全年未发出收费通知”，但第三部分表格有 2 件申请因“逾期未按收费通知要求缴纳费用”而不再处理（即发出过收费通知）"
        ],
    ),
    ("全年未发出收费通知。", {}, []),
    (
        "本机关无行政事业性收费项目。",
        {},
        ["第一部分称“本机关无行政事业性收费项目”，但第二部分表格“行政事业性收费”本年收费金额为 12.5 万元"],
    ),
    ("本机关无行政事业性收费项目。", {"active.fees.amount": Decimal("0")}, []),
    ("本年度收到的申请均已办结。", {"requests.carried_forward.total": None}, []),
    ("本机关无行政事业性收费项目。", {"active.fees.amount": None}, []),
]


@pytest.mark.parametrize(("text", "cells", "expected"), CASES)
def test_contradiction(make, audit, text, cells, expected) -> None:
    report = make()
    report.sections[0].text = text
    for key, value in cells.items():
        report.set_cell(key, value)
    found = audit(report, "text.contradiction")
    assert [f.message for f in found] == expected
