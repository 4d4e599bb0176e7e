"""Writers refuse a report whose arithmetic fails, naming the cells, unless forced."""

from __future__ import annotations

import pytest

from gongkai.errors import RenderError
from gongkai.model.keys import Template
from gongkai.model.template import TEMPLATES
from gongkai.writers.base import get_writer, render
from gongkai.writers.guard import equations, failures

from .samples import sample

DOCUMENT_FORMATS = ["md", "html", "docx", "pdf"]


@pytest.mark.parametrize("fmt", DOCUMENT_FORMATS)
def test_unbalanced_report_is_refused_naming_cells(fmt: str) -> None:
    report = sample(Template.V2021)
    report.set_cell("requests.received.total", 3)
    with pytest.raises(RenderError) as err:
        render(report, fmt)
    message = str(err.value)
    assert message.startswith("sample.yaml：报告的数字不平衡，拒绝生成")
    assert "requests.received.total：" in message  # B3: the row total
    assert "requests.total.total：" in message  # B1: the balance of the 总计 column
    assert "本年新收 3" in message


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_force_renders_anyway(fmt: str) -> None:
    report = sample(Template.V2021)
    report.set_cell("appeals.review.total", 999)
    assert "999" in render(report, fmt, force=True).decode()


def test_yaml_source_is_written_even_when_unbalanced() -> None:
    report = sample(Template.V2021)
    report.set_cell("requests.granted.total", 12345)
    assert b"granted: {natural_person: 0, enterprise: 3, research: 6, social_org: 9, legal_service: 1, other_org: 4, " \
           b"total: 12345}" in render(report, "yaml")


def test_blank_cells_are_not_a_reason_to_refuse() -> None:
    report = sample(Template.V2019)
    report.set_cell("requests.received.total", None)
    report.set_cell("appeals.review.upheld", None)
    assert failures(report, TEMPLATES[Template.V2019]) == []
    assert render(report, "md")


def test_each_rule_family_is_checked() -> None:
    report = sample(Template.V2021)
    report.set_cell("appeals.suit_direct.total", 0)  # B4
    report.set_cell("requests.other_misc.natural_person", 50)  # B2a (total column) and B3 (row)
    found = failures(report, TEMPLATES[Template.V2021])
    assert [f.split("：", 1)[0] for f in found] == [
        "requests.other_misc.total", "requests.total.natural_person", "appeals.suit_direct.total"]


def test_equations_cover_every_template_row() -> None:
    assert len(equations(TEMPLATES[Template.V2021])) == 7 + 25 + 7 + 3
    assert len(equations(TEMPLATES[Template.V2019])) == 7 + 23 + 7 + 3


def test_cells_outside_the_template_are_refused() -> None:
    report = sample(Template.V2021)
    report.set_cell("requests.other.total", 0)  # a 2019 row in a 2021 report: nowhere to print it
    with pytest.raises(RenderError, match=r"2021 年版模板中没有这些单元格：requests\.other\.total"):
        render(report, "html")
    assert render(report, "html", force=True)


def test_mixed_template_is_refused_unless_forced() -> None:
    report = sample(Template.V2021)
    report.template = Template.MIXED
    with pytest.raises(RenderError, match="混用了 2019 和 2021"):
        render(report, "md")
    assert "| 2.其他法律行政法规禁止公开 |" in render(report, "md", force=True).decode()


def test_unknown_format_names_the_known_ones() -> None:
    with pytest.raises(RenderError, match="不支持输出格式 odt（可用：docx、html、md、pdf、yaml）"):
        get_writer("odt")
