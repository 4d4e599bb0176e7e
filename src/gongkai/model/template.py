"""Both national templates as data (template.md §a, §c): sections, tables, rows, columns, labels.

Each row and column carries its official label and ``cues``: short phrases that identify it in
printed reports even when the label is wrapped, spaced out or misspelt ("其他法律行政止公开").
Cues are plain text; readers compile them into whitespace-tolerant patterns.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.model import keys
from gongkai.model.keys import Template


@dataclass(frozen=True, slots=True)
class SectionSpec:
    number: int
    title: str
    variants: tuple[str, ...]  # other printed titles seen in practice (template.md §a.2, §e)


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(1, "总体情况", ()),
    SectionSpec(2, "主动公开政府信息情况", ()),
    SectionSpec(3, "收到和处理政府信息公开申请情况", ()),
    SectionSpec(
        4,
        "政府信息公开行政复议、行政诉讼情况",
        (
            "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
            "因政府信息公开工作被申请行政复议、提起行政诉讼的情况",
            "政府信息公开行政复议、行政诉讼情况",
            "行政复议、行政诉讼情况",
            "政府信息公开行政复议行政诉讼情况",
        ),
    ),
    SectionSpec(
        5,
        "存在的主要问题及改进情况",
        (
            "政府信息公开工作存在的主要问题及改进情况",
            "存在的主要问题和改进情况",
            "存在的主要问题及改进措施",
            "存在的主要问题和改进措施",
        ),
    ),
    SectionSpec(6, "其他需要报告的事项", ()),
)
CN_NUMERALS: tuple[str, ...] = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")


@dataclass(frozen=True, slots=True)
class RowSpec:
    key: str
    label: str  # as printed in the official template
    cues: tuple[str, ...]  # distinctive phrases, earliest-printed part of the label first
    group: str | None = None  # printed group label, e.g. "（三）不予公开"
    numbered: bool = True  # printed with a "1." style item number


_G3, _G4, _G5, _G6 = "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"

_REQUEST_ROW_SPECS: tuple[RowSpec, ...] = (
    RowSpec("received", "一、本年新收政府信息公开申请数量", ("本年新收", "本年受理")),
    RowSpec("carried_over", "二、上年结转政府信息公开申请数量", ("上年结转",)),
    RowSpec("granted", "（一）予以公开", ("予以公开",)),
    RowSpec("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ("部分公开",)),
    RowSpec("withheld_secret", "1.属于国家秘密", ("属于国家秘密", "国家秘密"), _G3),
    RowSpec("withheld_law", "2.其他法律行政法规禁止公开", ("其他法律行政", "法律行政法规禁止", "法规禁止公开"), _G3),
    RowSpec("withheld_safety", "3.危及“三安全一稳定”", ("危及", "三安全一稳定"), _G3),
    RowSpec("withheld_third_party", "4.保护第三方合法权益", ("保护第三方", "第三方合法权益"), _G3),
    RowSpec("withheld_internal", "5.属于三类内部事务信息", ("属于三类内部", "内部事务信息"), _G3),
    RowSpec("withheld_process", "6.属于四类过程性信息", ("属于四类过程", "过程性信息"), _G3),
    RowSpec("withheld_enforcement", "7.属于行政执法案卷", ("属于行政执法", "行政执法案卷"), _G3),
    RowSpec("withheld_query", "8.属于行政查询事项", ("属于行政查询", "行政查询事项"), _G3),
    RowSpec("unavailable_not_held", "1.本机关不掌握相关政府信息", ("本机关不掌握", "不掌握相关"), _G4),
    RowSpec("unavailable_needs_creation", "2.没有现成信息需要另行制作", ("没有现成", "需要另行制作"), _G4),
    RowSpec("unavailable_unclear", "3.补正后申请内容仍不明确", ("补正后申请", "仍不明确"), _G4),
    RowSpec("not_handled_petition", "1.信访举报投诉类申请", ("信访举报", "举报投诉"), _G5),
    RowSpec("not_handled_repeat", "2.重复申请", ("重复申请",), _G5),
    RowSpec("not_handled_publication", "3.要求提供公开出版物", ("要求提供公开", "公开出版物"), _G5),
    RowSpec("not_handled_excessive", "4.无正当理由大量反复申请", ("无正当理由大量", "大量反复申请"), _G5),
    RowSpec("not_handled_confirmation", "5.要求行政机关确认或重新出具已获取信息", ("要求行政机关确认", "重新出具"), _G5),
    RowSpec(
        "other_no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ("申请人无正当理由逾期", "逾期不补正"),
        _G6,
    ),
    RowSpec(
        "other_no_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ("申请人逾期未按", "收费通知要求"),
        _G6,
    ),
    RowSpec("other_misc", "3.其他", ("其他",), _G6),
    RowSpec("other", "（六）其他处理", ("其他处理",), None, numbered=False),
    RowSpec("total", "（七）总计", ("总计", "合计"), None, numbered=False),
    RowSpec("carried_forward", "四、结转下年度继续办理", ("结转下年度", "结转下一年度"), None, numbered=False),
)
REQUEST_ROW_SPECS: dict[str, RowSpec] = {r.key: r for r in _REQUEST_ROW_SPECS}

REQUEST_COLUMN_LABELS: dict[str, str] = {
    "natural_person": "自然人",
    "enterprise": "商业企业",
    "research": "科研机构",
    "social_org": "社会公益组织",
    "legal_service": "法律服务机构",
    "other_org": "其他",
    "total": "总计",
}
REQUEST_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

APPEAL_GROUP_LABELS: dict[str, str] = {
    "review": "行政复议",
    "suit_direct": "未经复议直接起诉",
    "suit_after_review": "复议后起诉",
}
APPEAL_COLUMN_LABELS: dict[str, str] = {
    "upheld": "结果维持",
    "corrected": "结果纠正",
    "other": "其他结果",
    "pending": "尚未审结",
    "total": "总计",
}


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    key: str
    label: str
    cues: tuple[str, ...]
    decimal: bool = False  # an amount (万元 or 元), not a count
    signed: bool = False  # may be negative (2019 本年增/减)


@dataclass(frozen=True, slots=True)
class ActiveRowSpec:
    key: str
    label: str
    cues: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ActiveBlock:
    """One block of section 二: a heading (第二十条第（X）项), its columns and rows."""

    item: str  # "一", "五", "六", "八", "九"
    columns: tuple[ColumnSpec, ...]
    rows: tuple[ActiveRowSpec, ...]

    @property
    def heading(self) -> str:
        return f"第二十条第（{self.item}）项"


_RULES = ActiveRowSpec("rules", "规章", ("规章",))
_NORM_2021 = ActiveRowSpec("normative_documents", "行政规范性文件", ("行政规范性文件", "规范性文件"))
_NORM_2019 = ActiveRowSpec("normative_documents", "规范性文件", ("行政规范性文件", "规范性文件"))
_LICENSING = ActiveRowSpec("licensing", "行政许可", ("行政许可",))
_OTHER_SERVICES = ActiveRowSpec("other_services", "其他对外管理服务事项", ("其他对外管理服务", "对外管理服务事项"))
_PUNISHMENT = ActiveRowSpec("punishment", "行政处罚", ("行政处罚",))
_COERCION = ActiveRowSpec("coercion", "行政强制", ("行政强制",))
_FEES = ActiveRowSpec("fees", "行政事业性收费", ("行政事业性收费", "事业性收费"))
_PROCUREMENT = ActiveRowSpec("procurement", "政府集中采购", ("政府集中采购", "集中采购"))

_DECISIONS_2021 = ColumnSpec("decisions", "本年处理决定数量", ("本年处理决定数量", "本年处理决定"))
_PREVIOUS = ColumnSpec("previous", "上一年项目数量", ("上一年项目数量", "上一年项目"))
_CHANGE = ColumnSpec("change", "本年增/减", ("本年增/减", "本年增减", "增/减", "增减"), signed=True)
_DECISIONS_2019 = ColumnSpec("decisions", "处理决定数量", ("处理决定数量",))

ACTIVE_BLOCKS_2021: tuple[ActiveBlock, ...] = (
    ActiveBlock(
        "一",
        (
            ColumnSpec("issued", "本年制发件数", ("本年制发件数", "制发件数", "本年制发")),
            ColumnSpec("repealed", "本年废止件数", ("本年废止件数", "废止件数", "本年废止")),
            ColumnSpec("in_force", "现行有效件数", ("现行有效件数", "现行有效件", "现行有效")),
        ),
        (_RULES, _NORM_2021),
    ),
    ActiveBlock("五", (_DECISIONS_2021,), (_LICENSING,)),
    ActiveBlock("六", (_DECISIONS_2021,), (_PUNISHMENT, _COERCION)),
    ActiveBlock(
        "八",
        (ColumnSpec("amount", "本年收费金额（单位：万元）", ("本年收费金额", "收费金额"), decimal=True),),
        (_FEES,),
    ),
)
ACTIVE_BLOCKS_2019: tuple[ActiveBlock, ...] = (
    ActiveBlock(
        "一",
        (
            ColumnSpec("made", "本年新制作数量", ("本年新制作数量", "新制作数量", "本年新制作")),
            ColumnSpec("published", "本年新公开数量", ("本年新公开数量", "新公开数量", "本年新公开")),
            ColumnSpec("total", "对外公开总数量", ("对外公开总数量", "公开总数量")),
        ),
        (_RULES, _NORM_2019),
    ),
    ActiveBlock("五", (_PREVIOUS, _CHANGE, _DECISIONS_2019), (_LICENSING, _OTHER_SERVICES)),
    ActiveBlock("六", (_PREVIOUS, _CHANGE, _DECISIONS_2019), (_PUNISHMENT, _COERCION)),
    ActiveBlock("八", (_PREVIOUS, _CHANGE), (_FEES,)),
    ActiveBlock(
        "九",
        (
            ColumnSpec("items", "采购项目数量", ("采购项目数量", "采购项目")),
            ColumnSpec("amount", "采购总金额", ("采购总金额",), decimal=True),
        ),
        (_PROCUREMENT,),
    ),
)

#: Version fingerprints (template.md §c.3). A report showing both sets is "mixed".
FINGERPRINTS_2019: tuple[str, ...] = (
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "采购总金额",
    "其他对外管理服务事项",
)
FINGERPRINTS_2021: tuple[str, ...] = (
    "本年制发件数",
    "本年废止件数",
    "现行有效件",
    "本年收费金额",
    "本年处理决定数量",
    "逾期未按收费通知要求缴纳费用",
)


@dataclass(frozen=True, slots=True)
class TemplateSpec:
    version: Template
    active_blocks: tuple[ActiveBlock, ...]
    request_rows: tuple[str, ...]

    def active_columns(self, row: str) -> tuple[ColumnSpec, ...]:
        for block in self.active_blocks:
            if any(r.key == row for r in block.rows):
                return block.columns
        raise KeyError(row)

    def active_rows(self) -> tuple[ActiveRowSpec, ...]:
        return tuple(r for b in self.active_blocks for r in b.rows)

    def cell_keys(self) -> tuple[str, ...]:
        """Every cell key of this template, in printed order (section 二, 三, 四)."""
        out = [
            keys.cell_key("active", r.key, c.key)
            for b in self.active_blocks
            for r in b.rows
            for c in b.columns
        ]
        out += [keys.cell_key("requests", r, c) for r in self.request_rows for c in keys.REQUEST_COLUMNS]
        out += [keys.cell_key("appeals", g, c) for g in keys.APPEAL_GROUPS for c in keys.APPEAL_COLUMNS]
        return tuple(out)


TEMPLATE_2021 = TemplateSpec(Template.V2021, ACTIVE_BLOCKS_2021, keys.REQUEST_ROWS_2021)
TEMPLATE_2019 = TemplateSpec(Template.V2019, ACTIVE_BLOCKS_2019, keys.REQUEST_ROWS_2019)
TEMPLATES: dict[Template, TemplateSpec] = {Template.V2021: TEMPLATE_2021, Template.V2019: TEMPLATE_2019}


def template_in_force(year: int) -> Template:
    """The template a report for ``year`` must follow: 2019 trial form for 2019–2020, else 2021."""
    return Template.V2019 if year <= 2020 else Template.V2021


#: Cited documents and their correct titles (template.md §a.1, §c.1, §d, §e.2).
REGULATION_TITLE = "中华人民共和国政府信息公开条例"
NOTICE_2021 = "国办公开办函〔2021〕30号"
NOTICE_2019 = "国办公开办函〔2019〕60号"
OFFICE_NAME = "国务院办公厅政府信息与政务公开办公室"
