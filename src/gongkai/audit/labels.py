"""Short Chinese/English names for cells, tables and sections, as findings print them.

Findings must name cells the way a supervisor reads the printed table ("第三部分“自然人”列"),
not by contract key alone; the official labels are too long for a sentence, hence these.
"""

from __future__ import annotations

from decimal import Decimal

from gongkai.model import template
from gongkai.model.keys import split_key

SECTION_ORDINALS: tuple[str, ...] = ("一", "二", "三", "四", "五", "六")

TABLE_SECTION: dict[str, int] = {"active": 2, "requests": 3, "appeals": 4}
TABLE_ZH: dict[str, str] = {
    "active": "第二部分（主动公开政府信息情况）表格",
    "requests": "第三部分（收到和处理政府信息公开申请情况）表格",
    "appeals": "第四部分（行政复议、行政诉讼情况）表格",
}
TABLE_EN: dict[str, str] = {
    "active": "the section 2 table (proactive disclosure)",
    "requests": "the section 3 table (requests)",
    "appeals": "the section 4 table (reviews and lawsuits)",
}

REQUEST_ROWS: dict[str, tuple[str, str]] = {
    "received": ("本年新收", "received this year"),
    "carried_over": ("上年结转", "carried over from last year"),
    "granted": ("予以公开", "granted"),
    "partial": ("部分公开", "partly granted"),
    "withheld_secret": ("不予公开·国家秘密", "withheld: state secret"),
    "withheld_law": ("不予公开·法律行政法规禁止", "withheld: prohibited by law"),
    "withheld_safety": ("不予公开·危及三安全一稳定", "withheld: security and stability"),
    "withheld_third_party": ("不予公开·保护第三方合法权益", "withheld: third-party rights"),
    "withheld_internal": ("不予公开·内部事务信息", "withheld: internal affairs"),
    "withheld_process": ("不予公开·过程性信息", "withheld: process information"),
    "withheld_enforcement": ("不予公开·行政执法案卷", "withheld: enforcement files"),
    "withheld_query": ("不予公开·行政查询事项", "withheld: query matters"),
    "unavailable_not_held": ("无法提供·本机关不掌握", "unavailable: not held"),
    "unavailable_needs_creation": ("无法提供·需另行制作", "unavailable: would have to be created"),
    "unavailable_unclear": ("无法提供·补正后仍不明确", "unavailable: unclear after correction"),
    "not_handled_petition": ("不予处理·信访举报投诉类", "not handled: petition or complaint"),
    "not_handled_repeat": ("不予处理·重复申请", "not handled: repeat request"),
    "not_handled_publication": ("不予处理·要求提供公开出版物", "not handled: publication"),
    "not_handled_excessive": ("不予处理·大量反复申请", "not handled: excessive requests"),
    "not_handled_confirmation": ("不予处理·要求确认或重新出具", "not handled: confirmation"),
    "other_no_correction": ("其他处理·逾期不补正", "other: not corrected in time"),
    "other_no_fee": ("其他处理·逾期未缴费", "other: fee not paid"),
    "other_misc": ("其他处理·其他", "other: miscellaneous"),
    "other": ("其他处理", "other handling"),
    "total": ("办理结果总计", "total handled"),
    "carried_forward": ("结转下年度", "carried forward"),
}
REQUEST_COLUMNS: dict[str, tuple[str, str]] = {
    "natural_person": ("自然人", "natural persons"),
    "enterprise": ("商业企业", "enterprises"),
    "research": ("科研机构", "research institutions"),
    "social_org": ("社会公益组织", "public-interest organisations"),
    "legal_service": ("法律服务机构", "legal service providers"),
    "other_org": ("其他", "other organisations"),
    "total": ("总计", "total"),
}
APPEAL_GROUPS: dict[str, tuple[str, str]] = {
    "review": ("行政复议", "administrative review"),
    "suit_direct": ("行政诉讼·未经复议直接起诉", "lawsuit without prior review"),
    "suit_after_review": ("行政诉讼·复议后起诉", "lawsuit after review"),
}
APPEAL_COLUMNS: dict[str, tuple[str, str]] = {
    "upheld": ("结果维持", "upheld"),
    "corrected": ("结果纠正", "corrected"),
    "other": ("其他结果", "other result"),
    "pending": ("尚未审结", "pending"),
    "total": ("总计", "total"),
}


def _active_labels() -> tuple[dict[str, str], dict[str, str]]:
    rows: dict[str, str] = {}
    columns: dict[str, str] = {}
    for spec in (template.TEMPLATE_2021, template.TEMPLATE_2019):
        for block in spec.active_blocks:
            for r in block.rows:
                rows.setdefault(r.key, r.label)
            for c in block.columns:
                columns.setdefault(c.key, c.label)
    return rows, columns


ACTIVE_ROWS_ZH, ACTIVE_COLUMNS_ZH = _active_labels()


def cell_label(key: str) -> tuple[str, str]:
    """("本年新收·自然人", "received this year / natural persons") for a cell key."""
    try:
        table, row, column = split_key(key)
    except ValueError:
        return key, key
    if table == "requests":
        r = REQUEST_ROWS.get(row, (row, row))
        c = REQUEST_COLUMNS.get(column, (column, column))
    elif table == "appeals":
        r = APPEAL_GROUPS.get(row, (row, row))
        c = APPEAL_COLUMNS.get(column, (column, column))
    else:
        r = (ACTIVE_ROWS_ZH.get(row, row), row.replace("_", " "))
        c = (ACTIVE_COLUMNS_ZH.get(column, column), column.replace("_", " "))
    return f"{r[0]}·{c[0]}", f"{r[1]} / {c[1]}"


def section_zh(number: int) -> str:
    """"第五部分" for 5."""
    if 1 <= number <= len(SECTION_ORDINALS):
        return f"第{SECTION_ORDINALS[number - 1]}部分"
    return f"第{number}部分"


def section_title(number: int) -> str:
    for spec in template.SECTIONS:
        if spec.number == number:
            return spec.title
    return ""


def num(value: int | Decimal) -> str:
    """A number as a person would print it (no exponent, no float noise)."""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)
