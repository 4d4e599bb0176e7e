"""crossyear.similar and crossyear.claims: last year's report checked together with this year's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gongkai.model.report import Report

SEEDS = Path(__file__).parents[1] / "data" / "seeds"


def _from_seed(make, split, name: str, year: int, *, edit: bool = False) -> Report:
    text = (SEEDS / name).read_text(encoding="utf-8")
    if edit:  # last year's report reissued: new numbers, a few words changed
        text = re.sub(r"\d+", lambda m: str(int(m.group()) + 1), text).replace("加强", "强化", 2)
    preamble, sections = split(text)
    report = make(year=year, path=f"{year}.txt", agency="平型关镇人民政府")
    report.meta["preamble"] = preamble
    report.sections = sections
    return report


def test_a_reissued_report_is_similar(make, split, audit) -> None:
    last = _from_seed(make, split, "000_11de511653868c0f.txt", 2022)
    this = _from_seed(make, split, "000_11de511653868c0f.txt", 2023, edit=True)
    findings = audit([last, this], "crossyear.similar")
    assert [(f.where, f.file) for f in findings] == [("section.5", "2023.txt"), ("sections", "2023.txt")]
    five, whole = findings
    assert re.match(
        r"本年度报告正文有 (9\d|100)% 与同一机关上一年度报告相同（不计模板文字、标题、固定表述和数字，超过 50%），相同段落如“",
        whole.message,
    )
    assert whole.message.endswith("（上一年度报告：2022.txt）")
    assert "严格按照县政府督办要求" in whole.message or "平型关镇" in whole.message
    assert five.message.startswith("第五部分“存在的主要问题及改进情况”有 100% 与上一年度报告相同")


def test_independent_reports_are_not_similar(make, split, audit) -> None:
    last = _from_seed(make, split, "002_fdae73c5d0e03e9f.txt", 2022)
    this = _from_seed(make, split, "000_11de511653868c0f.txt", 2023)
    assert audit([last, this], "crossyear.similar") == []


def test_only_section_five_copied(make, split, audit) -> None:
    last = _from_seed(make, split, "002_fdae73c5d0e03e9f.txt", 2022)
    this = _from_seed(make, split, "000_11de511653868c0f.txt", 2023)
    this.sections[4].text = last.sections[4].text
    assert [f.where for f in audit([last, this], "crossyear.similar")] == ["section.5"]


def test_not_the_same_agency_or_not_consecutive_years(make, split, audit) -> None:
    last = _from_seed(make, split, "000_11de511653868c0f.txt", 2021)
    this = _from_seed(make, split, "000_11de511653868c0f.txt", 2023, edit=True)
    assert audit([last, this], "crossyear.similar") == []
    last.year = 2022
    last.agency = "砂河镇人民政府"
    assert audit([last, this], "crossyear.similar") == []


CLAIMS = [
    ("全年共受理政府信息公开申请83件，较去年增长10.7%。", {}, []),
    ("全年共受理政府信息公开申请83件，较去年增长10%。", {}, []),  # cut to whole percent
    ("全年共受理政府信息公开申请83件，同比增加8件。", {}, []),
    (
        "全年共受理政府信息公开申请83件，同比减少8件。",
        {},
        [
            "第一部分称“全年共受理政府信息公开申请83件，同比减少8件”，但表格中申请本年 83 件、上一年度报告 75 件，实际变化 +8 件（上一年度报告：last.txt）"
        ],
    ),
    (
        "申请数量较去年回落12.3%。",
        {},
        [
            "第一部分称“申请数量较去年回落12.3%”，但表格中申请本年 83 件、上一年度报告 75 件，实际变化 +10.7%（上一年度报告：last.txt）"
        ],
    ),
    ("被申请行政复议4件，较上年减少1件。", {"appeals.review.total": 5}, []),
    ("收到行政复议申请4件，较上年减少1件。", {"appeals.review.total": 5}, []),
    (
        "被申请行政复议4件，较上年减少2件。",
        {"appeals.review.total": 5},
        [
            "第一部分称“被申请行政复议4件，较上年减少2件”，但表格中行政复议本年 4 件、上一年度报告 5 件，实际变化 -1 件（上一年度报告：last.txt）"
        ],
    ),
    ("全年主动公开信息1200条，较去年增长50%。", {}, []),  # no table cell for it
    ("申请数量较去年回落12.3%。", {"requests.received.total": None}, []),  # unread last year
]


@pytest.mark.parametrize(("text", "last_cells", "expected"), CLAIMS)
def test_claims(make, audit, text, last_cells, expected) -> None:
    last = make(year=2022, path="last.txt")
    last.set_cell("requests.received.total", 75)
    for key, value in last_cells.items():
        last.set_cell(key, value)
    this = make(year=2023, path="this.txt")
    this.sections[0].text = text
    assert [f.message for f in audit([last, this], "crossyear.claims")] == expected


def test_claims_need_last_years_report(make, audit) -> None:
    this = make(year=2023, path="this.txt")
    this.sections[0].text = "申请数量较去年回落12.3%。"
    assert audit([this], "crossyear.claims") == []
