"""The authoring source: skeleton (gongkai new), YAML writer and reader, and the published schema."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai import api
from gongkai.errors import InputError
from gongkai.model.findings import Severity
from gongkai.model.keys import Template
from gongkai.model.template import SECTIONS, TEMPLATES
from gongkai.writers.base import render
from gongkai.writers.skeleton import new_source
from gongkai.writers.source import quoted, source_yaml
from gongkai.writers.source_schema import PACKAGED, schema_text

from .samples import sample

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads(PACKAGED.read_text(encoding="utf-8"))


def as_json(node: Any) -> Any:
    """The JSON form of a loaded YAML document (dates as ISO strings), as the schema describes it."""
    if isinstance(node, dict):
        return {k: as_json(v) for k, v in node.items()}
    if isinstance(node, list):
        return [as_json(v) for v in node]
    return node.isoformat() if isinstance(node, date) else node


def schema_errors(text: str) -> list[str]:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    return [e.message for e in validator.iter_errors(as_json(yaml.safe_load(text)))]


def test_published_schema_is_current_and_copied_to_docs() -> None:
    assert PACKAGED.read_text(encoding="utf-8") == schema_text()
    assert (ROOT / "docs" / "report-source.schema.json").read_text(encoding="utf-8") == schema_text()
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize(("year", "template", "notice", "cells"), [
    (2024, Template.V2021, "（国办公开办函〔2021〕30号）", 200),
    (2021, Template.V2021, "（国办公开办函〔2021〕30号）", 200),
    (2020, Template.V2019, "（国办公开办函〔2019〕60号）", 198),
])
def test_skeleton_follows_the_template_in_force(year: int, template: Template, notice: str, cells: int) -> None:
    text = new_source("繁峙县平型关镇人民政府", year)
    assert schema_errors(text) == []
    report = api.read("new.yaml", data=text.encode())
    assert (report.template, report.year, report.agency) == (template, year, "繁峙县平型关镇人民政府")
    assert report.published_on is None
    assert report.period is not None and (report.period.start, report.period.end) == (date(year, 1, 1), date(year, 12, 31))
    assert list(report.cells().values()) == [0] * cells
    assert [(s.number, s.title) for s in report.sections] == [(s.number, s.title) for s in SECTIONS]
    opening = report.sections[0].text.split("\n")[0]
    assert opening.startswith("本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室")
    assert notice in opening
    assert f"统计期限自{year}年1月1日起至{year}年12月31日止" in opening
    assert "published_on:\n" in text and "# 第二十条第（一）项" in text


def test_skeleton_checks_clean_and_renders() -> None:
    report = api.read("new.yaml", data=new_source("繁峙县平型关镇人民政府", 2024).encode())
    findings = api.check([report])
    # the only errors are the 【请填写】 placeholders still to be filled in (content.required, issue 11)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    assert errors and all(f.rule == "content.required" and "请填写" in f.message for f in errors)
    assert "dates.published" in {f.rule for f in findings}  # the date is still to be filled in
    md = render(report, "md").decode()
    assert "## 六、其他需要报告的事项" in md and "统计期限" not in md.split("## 一、")[0]


def test_source_keeps_decimals_and_blanks() -> None:
    report = sample(Template.V2019)
    report.set_cell("requests.granted.research", None)
    back = api.read("x.yaml", data=source_yaml(report).encode())
    assert back.cell("active.procurement.amount") == Decimal("5949.088667")
    assert isinstance(back.cell("active.procurement.amount"), Decimal)
    assert back.cell("active.licensing.change") == -409
    assert back.cell("requests.granted.research") is None
    assert [(p.code, p.where) for p in back.problems] == [("blank_cell", "requests.granted.research")]


@settings(max_examples=100, deadline=None)
@given(
    agency=st.text(min_size=1).map(str.strip).filter(bool),
    title=st.text().map(str.strip),
    text=st.text().map(lambda t: t.strip("\n")),
)
def test_any_text_survives_the_source(agency: str, title: str, text: str) -> None:
    report = sample(Template.V2021)
    report.agency = agency
    report.sections[4].title = title or SECTIONS[4].title
    report.sections[4].text = text
    back = api.read("x.yaml", data=source_yaml(report).encode())
    assert back.agency == agency
    assert (back.sections[4].title, back.sections[4].text) == (report.sections[4].title, text)


def test_quoted_is_one_line() -> None:
    assert quoted('a"b\n\tc\x85') == '"a\\"b\\n\\tc\\N"'


VALID = new_source("某局", 2024)


def _edit(old: str, new: str) -> str:
    assert old in VALID
    return VALID.replace(old, new, 1)


@pytest.mark.parametrize(("text", "message"), [
    (_edit("agency:", "agnecy:"), "agnecy 不是源文件可用的键"),
    (_edit("    received:", "    recieved:"), "tables.requests.recieved 不是 2021 年版模板中的行"),
    (_edit("fees: {amount: 0}", 'fees: {amount: "251000元"}'), "tables.active.fees.amount 应为数字（不带单位），实际为 '251000元'"),
    (_edit("licensing: {decisions: 0}", "licensing: {decisions: -3}"), "tables.active.licensing.decisions 不能为负数"),
    (_edit("licensing: {decisions: 0}", "licensing: {decisions: 2.5}"), "tables.active.licensing.decisions 应为整数"),
    (_edit("licensing: {decisions: 0}", "licensing: {decision: 0}"), "tables.active.licensing.decision 不是 2021 年版模板中的列"),
    (_edit("review: {upheld: 0,", "review: {upheld: yes,"), "tables.appeals.review.upheld 应为数字"),
    (_edit("published_on:", "published_on: 2025/01/20"), "published_on 应为日期"),
    (_edit('template: "2021"', 'template: "2020"'), "template 应为"),
    (_edit("- number: 1", "- number: 7"), "sections[0].number 应为 1 至 6 的整数"),
    (_edit("scope:", "scope: city"), "scope 应为 agency、government、summary 之一"),
])
def test_bad_sources_name_the_file_and_key(text: str, message: str) -> None:
    with pytest.raises(InputError) as err:
        api.read("report.yaml", data=text.encode())
    assert str(err.value).startswith(f"report.yaml：{message}")
    assert schema_errors(text) != []  # the published schema refuses the same files


@pytest.mark.parametrize(("text", "message"), [
    ("schema: gongkai/source@1\nagency: [unclosed\n", "YAML 格式错误（第 3 行"),
    ("schema: gongkai/source@1\nagency: &a x\nyear: *a\n", "源文件使用了 YAML 别名"),
    ("schema: gongkai/source@1\n---\n- 1\n", "YAML 格式错误"),
])
def test_unparsable_sources_are_one_sentence(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        api.read("report.yaml", data=text.encode())


def test_missing_cells_and_tables_become_problems_and_template_is_inferred() -> None:
    text = "agency: 某局\nyear: 2020\ntables:\n  requests:\n    other: {total: 1}\n"
    report = api.read("minimal.yml", data=text.encode())
    assert report.template == Template.V2019
    assert report.cell("requests.other.total") == 1
    assert report.cell("requests.other.natural_person") is None
    codes = {(p.code, p.where) for p in report.problems}
    assert ("missing_table", "appeals") in codes
    assert ("missing_cell", "requests.received.total") in codes


def test_schema_line_wins_over_the_suffix() -> None:
    report = api.read("report.txt", data=VALID.encode())
    assert report.source.format == "yaml" and report.agency == "某局"


def test_numbers_written_as_strings_are_accepted() -> None:
    report = api.read("r.yaml", data=_edit("fees: {amount: 0}", 'fees: {amount: "96171.6"}').encode())
    assert report.cell("active.fees.amount") == Decimal("96171.6")


def test_authoring_doc_names_every_cell_key() -> None:
    """docs/authoring.md lists the row and column keys of both templates (it must not drift)."""
    doc = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    for spec in TEMPLATES.values():
        for key in spec.cell_keys():
            _, row, column = key.split(".")
            assert f"`{row}`" in doc and f"`{column}`" in doc, key
