"""content.required: a government's 考核/社会评议/责任追究, a real section 五, no placeholders."""

from __future__ import annotations

import pytest

GOVERNMENT = "某县人民政府"
ALL_THREE = "将政务公开纳入年度绩效考核，开展社会评议，对相关责任人进行问责。"


def _audit(make, audit, *, agency="某市生态环境局", year=2023, section1=None, section5=None):
    report = make(year=year, agency=agency)
    if section1 is not None:
        report.sections[0].text = section1
    if section5 is not None:
        report.sections[4].text = section5
    return [(str(f.severity), f.where, f.message) for f in audit(report, "content.required")]


def test_a_department_need_not_report_the_government_items(make, audit) -> None:
    assert _audit(make, audit) == []


def test_a_government_stating_all_three_is_silent(make, audit) -> None:
    assert _audit(make, audit, agency=GOVERNMENT, section1=ALL_THREE) == []
    assert (
        _audit(make, audit, agency="某某镇人民政府", section1="纳入考评，开展第三方评估，严格责任追究。")
        == []
    )


def test_a_government_silent_on_them(make, audit) -> None:
    assert _audit(make, audit, agency=GOVERNMENT, section1="全年主动公开信息1200条。") == [
        (
            "warning",
            "section.1",
            "人民政府的年度报告未说明政务公开工作考核、社会评议、责任追究结果情况（条例第五十条、国办公开办函〔2021〕30号"
            "要求在监督保障部分报告工作考核、社会评议和责任追究结果）",
        )
    ]
    [(_, _, message)] = _audit(make, audit, agency=GOVERNMENT, section1="纳入年度考核。")
    assert message.startswith("人民政府的年度报告未说明政务公开工作社会评议、责任追究结果情况")


def test_before_2021_the_government_items_are_not_required(make, audit) -> None:
    assert _audit(make, audit, agency=GOVERNMENT, year=2020, section1="全年主动公开信息1200条。") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "第五部分“存在的主要问题及改进情况”为空，应说明存在的主要问题及改进情况"),
        ("无。", "第五部分“存在的主要问题及改进情况”只写“无。”，应说明存在的主要问题及改进情况"),
        ("暂无", "第五部分“存在的主要问题及改进情况”只写“暂无”，应说明存在的主要问题及改进情况"),
        (
            "工作中还存在一些不足，今后将进一步加强。",
            "第五部分“存在的主要问题及改进情况”仅有18个字的实际内容（不计模板文字和数字），未具体说明问题和改进措施",
        ),
    ],
)
def test_section_five_says_nothing(make, audit, text, expected) -> None:
    assert _audit(make, audit, section5=text) == [("warning", "section.5", expected)]


def test_section_five_with_problems_and_measures(make, audit) -> None:
    text = "一是部分栏目更新不及时；二是政策解读形式单一。下一步将建立栏目巡查机制，丰富图解和视频解读。"
    assert _audit(make, audit, section5=text) == []


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("本年度共公开信息（请填写数量）条。", "请填写"),
        ("XX县人民政府办公室负责编制。", "XX"),
        ("由××局负责。", "××"),
    ],
)
def test_placeholders(make, audit, text, shown) -> None:
    [(severity, where, message)] = _audit(make, audit, section1=text)
    assert (severity, where) == ("error", "section.1")
    assert message.startswith(f"第一部分留有模板占位文字“{shown}”")


@pytest.mark.parametrize(
    "text", ["访问www.example.gov.cn/zfxxgk/xx/查阅。", "XXL型号设备一台。", "按1×2版式排版。"]
)
def test_not_placeholders(make, audit, text) -> None:
    assert _audit(make, audit, section1=text) == []
