"""Which national template the tables follow (template.md §a.1, §b S6, §c.3)."""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.audit.rule import Context, Hit, Rule
from gongkai.model.findings import Severity
from gongkai.model.keys import Template
from gongkai.model.template import template_in_force

_NAME_ZH = {Template.V2021: "2021年格式（国办公开办函〔2021〕30号）", Template.V2019: "2019年试行格式（国办公开办函〔2019〕60号）"}
_NAME_EN = {Template.V2021: "the 2021 form", Template.V2019: "the 2019 trial form"}


def _version(ctx: Context) -> Iterator[Hit]:
    report = ctx.report
    if report.year is None or report.template not in (Template.V2021, Template.V2019):
        return
    used = Template(report.template)
    due = template_in_force(report.year)
    if used != due:
        yield Hit(
            "template",
            f"{report.year}年度报告的表格采用{_NAME_ZH[used]}，应采用{_NAME_ZH[due]}",
            f"the tables of the {report.year} report follow {_NAME_EN[used]}; {_NAME_EN[due]} applies",
        )


def _phrases(found: object) -> list[str]:
    if isinstance(found, (list, tuple)):
        return [str(p) for p in found]
    return []


def _mixed(ctx: Context) -> Iterator[Hit]:
    report = ctx.report
    if report.template != Template.MIXED:
        return
    prints = report.meta.get("fingerprints")
    prints = prints if isinstance(prints, dict) else {}
    old, new = _phrases(prints.get("2019")), _phrases(prints.get("2021"))
    if old or new:
        zh = (
            f"表格混用两种格式：2019年试行格式的“{'”“'.join(old) or '—'}”"
            f"与2021年格式的“{'”“'.join(new) or '—'}”"
        )
        en = (
            f"the tables mix the 2019 trial form ({', '.join(old) or '—'}) "
            f"with the 2021 form ({', '.join(new) or '—'})"
        )
    else:
        zh, en = "表格混用2019年试行格式与2021年格式", "the tables mix the 2019 trial form and the 2021 form"
    yield Hit("template", zh, en)


RULES: list[Rule] = [
    Rule(
        "template.version",
        Severity.ERROR,
        "表格所用格式不是报告年度适用的格式（2019、2020年度用2019年试行格式，2021年度起用2021年格式）。",
        "The tables follow a template other than the one in force for the report's year (the 2019 trial "
        "form for 2019–2020, the 2021 form from 2021).",
        _version,
        reads=("template", "year"),
    ),
    Rule(
        "template.mixed",
        Severity.ERROR,
        "表格混用了2019年试行格式和2021年格式的内容。",
        "The tables mix parts of the 2019 trial form and the 2021 form.",
        _mixed,
        reads=("template", "meta.fingerprints"),
    ),
]
