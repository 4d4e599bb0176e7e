"""content.fees: section 六 and the information processing fee."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", ["本年度未收取信息处理费。", "未收取政府信息公开处理费", "本机关未收费。"])
def test_fees_mentioned(make, audit, text) -> None:
    r = make()
    r.sections[5].text = text
    r.set_cell("requests.other_no_fee.total", 2)
    assert audit(r, "content.fees") == []


def test_fee_notices_without_a_word_in_section_six(make, audit) -> None:
    r = make()
    r.sections[5].text = "无。"
    r.set_cell("requests.other_no_fee.total", 2)
    (f,) = audit(r, "content.fees")
    assert (str(f.severity), f.where) == ("warning", "section.6")
    assert f.message == "第三部分表格有 2 件申请因逾期未缴纳信息处理费而不再处理，但第六部分未说明信息处理费收取情况"


def test_silence_without_fee_notices_is_info(make, audit) -> None:
    r = make()
    r.sections[5].text = "暂无其他需要报告的事项。"
    (f,) = audit(r, "content.fees")
    assert (str(f.severity), f.where) == ("info", "section.6")
    assert f.message == "第六部分未说明信息处理费收取情况（2021年格式的报告通常在此说明）"


def test_silence_in_a_2019_report_is_fine(make, audit) -> None:
    r = make("2019")
    r.sections[5].text = "无。"
    assert audit(r, "content.fees") == []


def test_no_section_six_is_left_to_structure_sections(make, audit) -> None:
    r = make()
    del r.sections[5]
    assert audit(r, "content.fees") == []
