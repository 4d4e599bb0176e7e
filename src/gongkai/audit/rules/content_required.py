"""content.required: what every report, and every people's government's report, must say.

条例第五十条（四） and 国办公开办函〔2021〕30号 (template.md §a.2 S1, S5): a people's government's
report covers its 政务公开工作考核、社会评议和责任追究结果情况; every report says what its main
problems were and how it improved (section 五), which a bare "无" or one stock line does not; and
a finished report holds no template placeholders ("请填写……", "XX", "××").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gongkai.audit.rule import Context, Hit, Rule
from gongkai.audit.textscan import context_chunks, context_text, place_zh
from gongkai.model.findings import Severity
from gongkai.model.template import SECTIONS

#: Each item a people's government reports, and the words that show it is addressed.
GOVERNMENT_ITEMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("考核", re.compile(r"考核|考评")),
    ("社会评议", re.compile(r"评议|社会评价|群众评价|满意度测评|第三方评估")),
    ("责任追究", re.compile(r"责任追究|追究责任|追责|问责")),
)
#: Section 五 with fewer Chinese characters than this says nothing (its title and sub-headings
#: "存在的主要问题" / "改进情况" not counted).
MIN_PROBLEMS = 20
_PLACEHOLDER = re.compile(
    r"请填写|此处填写|（填写[^）]{0,10}）|(?<![A-Za-z])(?:[XＸ]{2,}|[×✕]{2,})(?![A-Za-z])"
)
_PLACEHOLDER_NEEDS = ("填写", "XX", "ＸＸ", "××", "✕✕")  # every placeholder match holds one (a fast no)
_CJK_RUNS = re.compile(r"[\u4e00-\u9fff]+")  # counted by runs: one string per run, not per character
#: The template's own words that section 五 may repeat: its title and the two sub-headings.
_SECTION5_WORDING = re.compile(
    "|".join(
        sorted(
            {SECTIONS[4].title, *SECTIONS[4].variants, "存在的主要问题", "存在问题", "改进情况", "改进措施"},
            key=len,
            reverse=True,
        )
    )
)
_NOTHING = re.compile(r"^(?:无|暂无|没有|无。|无问题)[。．.]?$")


def _is_government(name: str | None) -> bool:
    """A people's government at any level prints its name ending in 人民政府."""
    return bool(name) and "".join((name or "").split()).endswith("人民政府")


def _government_items(ctx: Context) -> Iterator[Hit]:
    report = ctx.report
    if not _is_government(report.agency) or report.year is None or report.year < 2021:
        return
    text = context_text(ctx)
    missing = [name for name, pattern in GOVERNMENT_ITEMS if not pattern.search(text)]
    if missing:
        listed = "、".join(missing)
        yield Hit(
            "section.1",
            f"人民政府的年度报告未说明政务公开工作{listed}结果情况（条例第五十条、国办公开办函〔2021〕30号要求在监督保障部分报告"
            "工作考核、社会评议和责任追究结果）",
            f"a people's government's report says nothing of its disclosure work's {', '.join(missing)} results "
            "(条例 art. 50, 国办公开办函〔2021〕30号)",
        )


def _problems(ctx: Context) -> Iterator[Hit]:
    section = ctx.report.section(5)
    if section is None:  # structure.sections reports a missing section
        return
    body = "".join(section.text.split())
    if not body or _NOTHING.match(body):
        yield Hit(
            "section.5",
            f"第五部分“存在的主要问题及改进情况”{'为空' if not body else '只写“' + body + '”'}，应说明存在的主要问题及改进情况",
            "section 5 (problems and improvements) is empty or just says “none”",
        )
        return
    own = sum(map(len, _CJK_RUNS.findall(_SECTION5_WORDING.sub("", body))))
    if own < MIN_PROBLEMS:
        yield Hit(
            "section.5",
            f"第五部分“存在的主要问题及改进情况”仅有{own}个字的实际内容（不计模板文字和数字），未具体说明问题和改进措施",
            f"section 5 (problems and improvements) has only {own} characters of its own: no actual problems or measures",
        )


def _placeholders(ctx: Context) -> Iterator[Hit]:
    joined = context_text(ctx)
    if not any(p in joined for p in _PLACEHOLDER_NEEDS):
        return
    for chunk in context_chunks(ctx):
        if not any(p in chunk.text for p in _PLACEHOLDER_NEEDS):
            continue
        m = _PLACEHOLDER.search(chunk.text)
        if m is not None:
            start = max(0, m.start() - 10)
            yield Hit(
                chunk.where,
                f"{place_zh(chunk.where)}留有模板占位文字“{m.group(0)}”（上下文：“{chunk.text[start : m.end() + 10]}”）",
                f"template placeholder “{m.group(0)}” left in the text",
                Severity.ERROR,
            )


def _required(ctx: Context) -> Iterator[Hit]:
    yield from _government_items(ctx)
    yield from _problems(ctx)
    yield from _placeholders(ctx)


RULES: list[Rule] = [
    Rule(
        "content.required",
        Severity.WARNING,
        "必备内容缺失：人民政府（名称以“人民政府”结尾，2021年度起）的报告未说明工作考核、社会评议、责任追究结果（条例第五十条、"
        f"国办公开办函〔2021〕30号）；第五部分为空、只写“无”或实际内容不足 {MIN_PROBLEMS} 字（警告）；"
        "正文留有“请填写……”“XX”“××”等模板占位文字（错误）。第五部分与上年雷同由 crossyear.similar 报告。",
        "Required content missing: a people's government's report (2021 on) silent on its 考核, 社会评议 or 责任追究 "
        f"results; section 5 empty, “无”, or under {MIN_PROBLEMS} characters of its own (warning); template "
        "placeholders such as “请填写……”, “XX”, “××” left in the text (error). Section 5 repeating last year's is "
        "crossyear.similar's.",
        _required,
        reads=("agency", "year", "meta.preamble", "sections"),
        also=(Severity.ERROR,),
    ),
]
