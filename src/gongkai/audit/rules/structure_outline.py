"""structure.outline: the outline inside the six sections (template.md §a.2 S1, S5, S6).

The 2021 template's 总体情况 covers five parts — 主动公开, 依申请公开, 政府信息管理, 平台建设,
监督保障 — as sub-headings of section 一 ("（一）主动公开情况"). Evaluators mark three slips:
the parts promoted to top level ("二、依申请公开" inside section 一, where "二、" is the next
statutory section's numbering), the parts numbered in two systems ("（一）主动公开 … 2.依申请公开"),
and a statutory section holding the next one's content (section 五 saying only what section 六
says: 信息处理费, 人大建议和政协提案).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gongkai.audit.rule import Context, Hit, Rule
from gongkai.model.findings import Severity

_PART = r"(?:主动公开|依申请公开|政府信息管理|(?:政府信息公开)?平台建设|监督保障)[^\n。，；]{0,8}"
#: A sub-heading naming a part of 总体情况, by its numbering style, found in one pass per report.
_PART_HEADING = re.compile(
    r"^[ \t\u3000]*(?:(?P<paren_cn>[（(][一二三四五六七八九十]{1,2}[）)])|(?P<cn>[一二三四五六七八九十]{1,2}[、．.])"
    rf"|(?P<arabic>\d{{1,2}}[、．.])|(?P<paren_arabic>[（(]\d{{1,2}}[）)]))[ \t\u3000]*{_PART}",
    re.M,
)
_PROBLEM_WORDS = re.compile(r"问题|不足|改进|整改|下一步|薄弱|短板|差距|提升|完善|加强")
_SIX_WORDS = re.compile(r"信息处理费|人大代表建议|政协提案|建议提案|其他需要报告")


def _outline(ctx: Context) -> Iterator[Hit]:
    report = ctx.report
    one = report.section(1)
    if one is not None:
        styles: dict[str, str] = {}
        promoted: list[str] = []
        for m in _PART_HEADING.finditer(one.text):
            shown = "".join(m.group(0).split())
            style = m.lastgroup or ""
            styles.setdefault(style, shown)
            if style == "cn" and m.group("cn").endswith("、"):
                promoted.append(shown)
        if promoted:
            yield Hit(
                "section.1",
                f"第一部分“总体情况”的组成部分被列为一级标题（“{'”“'.join(promoted[:3])}”），"
                "应作为总体情况下的二级标题，如“（一）主动公开情况”",
                f"parts of section 1 are numbered as top-level headings ({', '.join(promoted[:3])}); "
                "they are sub-headings such as “（一）主动公开情况”",
            )
        elif len(styles) > 1:
            yield Hit(
                "section.1",
                f"第一部分“总体情况”的各组成部分混用两种编号（“{'”“'.join(styles.values())}”）",
                f"the parts of section 1 are numbered in two systems ({', '.join(styles.values())})",
            )
    five = report.section(5)
    if five is not None:
        body = "".join(five.text.split())
        if body and _SIX_WORDS.search(body) and not _PROBLEM_WORDS.search(body):
            yield Hit(
                "section.5",
                "第五部分“存在的主要问题及改进情况”的内容属于第六部分（信息处理费、建议提案办理等），未写问题及改进；"
                "疑各部分内容错位一节",
                "section 5 holds section 6's content (fees, deputies' proposals) and says nothing of problems: "
                "the sections seem shifted by one",
            )


RULES: list[Rule] = [
    Rule(
        "structure.outline",
        Severity.WARNING,
        "报告内部提纲有误：“总体情况”的组成部分（主动公开、依申请公开、政府信息管理、平台建设、监督保障）被列为“二、”式一级标题，"
        "或混用两种编号；第五部分写的是第六部分的内容（各部分错位一节）。",
        "The outline inside the sections is off: the parts of section 1 (主动公开, 依申请公开, 政府信息管理, 平台建设, "
        "监督保障) numbered as top-level “二、” headings or in two numbering systems; section 5 holding section 6's "
        "content (sections shifted by one).",
        _outline,
        reads=("sections",),
    ),
]
