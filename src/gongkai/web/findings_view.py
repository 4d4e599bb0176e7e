"""Findings as a clerk reads them: the rule's name in words and the place in the report in words.

Rule ids (``dates.published``) and cell keys (``requests.received.natural_person``) are the
contract's, stable and greppable, but a clerk should read "成文日期" and "表三 本年新收 · 自然人".
The id stays on the page as a tooltip, so a question to the help desk can still quote it.
"""

from __future__ import annotations

from gongkai.ledger import FIGURE_LABELS
from gongkai.model.keys import split_key
from gongkai.model.template import (
    APPEAL_COLUMN_LABELS,
    APPEAL_GROUP_LABELS,
    CN_NUMERALS,
    REQUEST_COLUMN_LABELS,
    REQUEST_ROW_SPECS,
)

#: Short names; a rule not listed is named by its catalogue sentence up to the first colon or bracket.
RULE_NAMES: dict[str, str] = {
    "arith.requests.balance": "表三勾稽关系",
    "arith.requests.row_total": "表三行合计",
    "arith.requests.outcome_total": "表三办理结果总计",
    "arith.appeals.total": "表四合计",
    "arith.cells.domain": "表格数值",
    "arith.requests.subtotal": "表三小计",
    "template.version": "表格格式版本",
    "template.mixed": "表格格式混用",
    "structure.sections": "报告结构",
    "structure.cells": "表格单元格",
    "dates.period": "统计期限",
    "dates.published": "成文日期",
    "text.citation": "法规文件引用",
    "text.sum": "正文数字合计",
    "text.table_mismatch": "正文与表格不符",
    "text.contradiction": "正文与表格矛盾",
    "text.percent": "正文百分比",
    "text.quality": "文字质量",
    "content.fees": "信息处理费说明",
    "content.required": "必备内容",
    "crossyear.carry": "跨年度结转",
    "crossyear.stock": "跨年度现行有效件数",
    "crossyear.items": "跨年度项目数量",
    "crossyear.similar": "与上年雷同",
    "crossyear.claims": "同比变化",
    "filing.late": "报送期限",
    "filing.not_corrected": "退回后改正",
    "publish.changed": "发布后改动",
    "publish.divergent": "多平台版本不一致",
}
FIELD_PLACES: dict[str, str] = {
    "published_on": "成文日期", "period": "统计期限", "year": "年度", "agency": "机关名称", "title": "标题",
    "preamble": "报告开头", "template": "表格格式", "scope": "报告范围",
}
_TABLES = {"requests": "表三", "appeals": "表四", "active": "表二"}


def _rule_titles() -> dict[str, str]:
    from gongkai.audit.rules import builtin_rules

    return {r.id: r.title_zh for r in builtin_rules()}


def rule_name(rule_id: str) -> str:
    name = RULE_NAMES.get(rule_id)
    if name:
        return name
    title = _rule_titles().get(rule_id, "")
    for stop in ("：", "（", "。", "，"):
        title = title.split(stop, 1)[0]
    return title[:20] or "其他检查"


def where_text(where: str | None) -> str:
    """The place in words: "成文日期", "第三部分", "表三 本年新收 · 自然人"; "" when there is none."""
    if not where:
        return ""
    if where in FIELD_PLACES:
        return FIELD_PLACES[where]
    if where in _TABLES:
        return _TABLES[where]
    if where.startswith("section."):
        number = where.split(".", 1)[1]
        if number.isdigit() and 1 <= int(number) <= len(CN_NUMERALS):
            return f"第{CN_NUMERALS[int(number) - 1]}部分"
    try:
        table, row, column = split_key(where)
    except (ValueError, KeyError):
        return where.split(".", 1)[0] if "." in where and where.split(".", 1)[0] in _TABLES else "报告"
    words = [_TABLES.get(table, table)]
    if table == "requests":
        spec = REQUEST_ROW_SPECS.get(row)
        words.append((f"{spec.group or ''}{spec.label}" if spec else row) + " · " + REQUEST_COLUMN_LABELS.get(column, column))
    elif table == "appeals":
        words.append(APPEAL_GROUP_LABELS.get(row, row) + " · " + APPEAL_COLUMN_LABELS.get(column, column))
    else:
        words.append(FIGURE_LABELS.get(where, f"{row} · {column}"))
    return " ".join(words)
