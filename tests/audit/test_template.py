"""template.*: the template in force, and mixed templates."""

from __future__ import annotations

import pytest

from gongkai.model.findings import Severity
from gongkai.model.keys import Template


@pytest.mark.parametrize(
    ("version", "year", "fires"),
    [("2019", 2023, True), ("2021", 2020, True), ("2019", 2020, False), ("2019", 2019, False),
     ("2021", 2021, False), ("2021", 2025, False)],
)
def test_version_against_year(make, audit, version, year, fires) -> None:
    findings = audit(make(version, year=year), "template.version")
    assert bool(findings) is fires


def test_version_message(make, audit) -> None:
    (f,) = audit(make("2019", year=2023), "template.version")
    assert (f.severity, f.where) == (Severity.ERROR, "template")
    assert f.message == (
        "2023年度报告的表格采用2019年试行格式（国办公开办函〔2019〕60号），应采用2021年格式（国办公开办函〔2021〕30号）"
    )


@pytest.mark.parametrize("template", [Template.MIXED, None])
def test_version_is_silent_for_mixed_or_unknown_templates_and_unknown_years(make, audit, template) -> None:
    r = make("2019", year=2023)
    r.template = template
    assert audit(r, "template.version") == []
    r = make("2019", year=2023)
    r.year = None
    assert audit(r, "template.version") == []


def test_mixed_lists_the_fingerprints(make, audit) -> None:
    r = make()
    r.template = Template.MIXED
    r.meta["fingerprints"] = {"2019": ["规范性文件"], "2021": ["本年制发件数", "现行有效件"]}
    (f,) = audit(r, "template.mixed")
    assert (f.severity, f.where) == (Severity.ERROR, "template")
    assert f.message == "表格混用两种格式：2019年试行格式的“规范性文件”与2021年格式的“本年制发件数”“现行有效件”"


def test_mixed_without_fingerprints_still_fires(make, audit) -> None:
    r = make()
    r.template = Template.MIXED
    (f,) = audit(r, "template.mixed")
    assert f.message == "表格混用2019年试行格式与2021年格式"


@pytest.mark.parametrize("version", ["2021", "2019"])
def test_mixed_is_silent_for_a_single_template(make, audit, version) -> None:
    assert audit(make(version, year=2023), "template.mixed") == []
