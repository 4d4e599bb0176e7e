"""text.percent: shares recomputed from the count and every base the report offers."""

from __future__ import annotations

import pytest

# The balanced report: received 83, carried over 5, concluded 83 (see conftest).
CASES = [
    ("共受理申请83件，其中予以公开40件，占48.19%。", []),
    ("予以公开40件，占48.2%；部分公开10件，占12.05%。", []),
    ("予以公开40件，占48.1%。", []),  # cut, not rounded: 48.19 printed as 48.1
    ("予以公开40件（占比48%）。", []),
    ("办结81件，其中予以公开及部分公开42件，占51.85%。", []),  # the base stated in the text
    ("予以公开及部分公开42件，其中予以公开22件，占52.4%。", []),  # a share of a subtotal
    ("差评数占评价总数的0.34%，好评数占99.58%。", []),  # no count: nothing to recompute
    ("短视频41条，在话题播放量中占比26%。", []),
    (
        "予以公开及部分公开50件，占33.9%。",
        [
            "第一部分称“予以公开及部分公开50件，占33.9%”，但按正文和表格中的总数计算均不是33.9%（50/83 = 60.24%、50/88 = 56.82%）"
        ],
    ),
    (
        "共受理申请83件，其中予以公开40件，占40.0%。",
        [
            "第一部分称“其中予以公开40件，占40.0%”，但按正文和表格中的总数计算均不是40.0%（40/83 = 48.19%、40/88 = 45.45%）"
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_percent(make, audit, text, expected) -> None:
    report = make()
    report.sections[0].text = text
    assert [f.message for f in audit(report, "text.percent")] == expected
    assert all(f.where == "section.1" for f in audit(report, "text.percent"))


def test_silent_when_the_table_is_unread_and_the_text_gives_no_base(make, audit) -> None:
    report = make()
    report.sections[0].text = "予以公开及部分公开50件，占33.9%。"
    report.tables["requests"] = None
    assert audit(report, "text.percent") == []


def test_unread_totals_are_not_bases(make, audit) -> None:
    report = make()
    report.sections[0].text = "予以公开40件，占45.45%。"  # 40/88: received + carried over
    assert audit(report, "text.percent") == []
    report.set_cell("requests.carried_over.total", None)
    [finding] = audit(report, "text.percent")
    assert finding.message.endswith("（40/83 = 48.19%）")
