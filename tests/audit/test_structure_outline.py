"""structure.outline: promoted parts, two numbering systems, section 五 holding 六's content."""

from __future__ import annotations

import pytest

GOOD_1 = "（一）主动公开情况\n全年公开信息1200条。\n（二）依申请公开情况\n受理申请83件。\n（三）政府信息管理情况\n规范发布。"


def _found(make, audit, *, one: str | None = None, five: str | None = None):
    report = make()
    if one is not None:
        report.sections[0].text = one
    if five is not None:
        report.sections[4].text = five
    return [(f.where, f.message) for f in audit(report, "structure.outline")]


@pytest.mark.parametrize(
    "one",
    [
        GOOD_1,
        "一是主动公开。二是依申请公开。",
        "1.主动公开情况\n2.依申请公开情况\n3.政府信息管理",
        "（一）主动公开情况\n1.政策解读\n2.回应关切\n（二）依申请公开情况",
    ],
)
def test_a_sound_outline_is_silent(make, audit, one) -> None:
    assert _found(make, audit, one=one) == []


def test_parts_promoted_to_top_level(make, audit) -> None:
    one = "一、主动公开情况\n全年公开信息1200条。\n二、依申请公开情况\n受理申请83件。"
    assert _found(make, audit, one=one) == [
        (
            "section.1",
            "第一部分“总体情况”的组成部分被列为一级标题（“一、主动公开情况”“二、依申请公开情况”），"
            "应作为总体情况下的二级标题，如“（一）主动公开情况”",
        )
    ]


def test_two_numbering_systems(make, audit) -> None:
    one = "（一）主动公开情况\n全年公开信息1200条。\n2.依申请公开情况\n受理申请83件。"
    assert _found(make, audit, one=one) == [
        ("section.1", "第一部分“总体情况”的各组成部分混用两种编号（“（一）主动公开情况”“2.依申请公开情况”）")
    ]


def test_section_five_holding_section_six(make, audit) -> None:
    assert _found(make, audit, five="本年度未收取信息处理费。") == [
        (
            "section.5",
            "第五部分“存在的主要问题及改进情况”的内容属于第六部分（信息处理费、建议提案办理等），未写问题及改进；疑各部分内容错位一节",
        )
    ]
    assert _found(make, audit, five="存在的问题是信息处理费收取标准宣传不足，下一步将加强宣传。") == []
