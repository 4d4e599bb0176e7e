"""The 台账 column layout shared by the Excel/CSV import, the template and the export.

One table of columns (header, field, required, aliases, note) drives all three, so the template a
clerk downloads, the file the ledger exports and what the importer accepts cannot drift apart.
docs/ledger.md «台账导入格式» prints the same table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from gongkai.ledger.enums import ApplicantType, Channel, Outcome, label


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    field: str
    required: bool
    note: str
    aliases: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()  # labels offered in the template's drop-down list
    width: int = 14


def _labels(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(label(m) for m in enum)


COLUMNS: tuple[Column, ...] = (
    Column("登记编号", "number", False, "本机关内唯一；留空则自动编号（年份-序号）", ("编号", "序号"), width=12),
    Column("机关", "agency", False, "受理机关全称；导入时用 --agency 指定则可留空", ("受理机关", "机关名称"), width=22),
    Column("收到日期", "received_on", True, "条例第三十一条确定的收到申请之日，如 2025-03-03",
           ("收到申请日期", "申请日期", "受理日期")),
    Column("申请人类型", "applicant_type", True, "自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他",
           choices=_labels(ApplicantType)),
    Column("申请人姓名/名称", "applicant_name", True, "自然人姓名或法人、其他组织名称",
           ("申请人姓名", "申请人名称", "申请人"), width=18),
    Column("联系方式", "contact", False, "电话、通讯地址或电子邮箱", ("联系电话",), width=18),
    Column("证件号码", "id_number", False, "身份证件号码或统一社会信用代码", ("身份证号码", "证件号"), width=22),
    Column("申请方式", "channel", True, "当面、信函、网络、传真、电子邮件", ("申请渠道",), _labels(Channel)),
    Column("申请内容", "content", True, "申请公开的政府信息的名称、文号或者便于查询的其他特征性描述",
           ("申请事项", "申请公开内容"), width=40),
    Column("办理结果", "outcome", False, "年度报告第三部分的一个结果行；区分处理的只填「部分公开」；未办结留空",
           ("处理结果", "答复结果"), _labels(Outcome), width=30),
    Column("办结日期", "decided_on", False, "作出办理决定之日；填了办理结果就必须填", ("决定日期", "办理日期")),
    Column("答复日期", "replied_on", False, "答复送达之日；不早于办结日期", ("送达日期",)),
    Column("备注", "note", False, "", ("说明",), width=24),
)
#: Columns the export adds for reading; the importer ignores them.
EXPORT_ONLY: tuple[str, ...] = ("状态", "答复期限", "期限暂定")

_HEADER_INDEX: dict[str, Column] = {}
for _c in COLUMNS:
    for _h in (_c.header, *_c.aliases):
        _HEADER_INDEX[re.sub(r"\s+", "", _h)] = _c


def column_for(header: str) -> Column | None:
    return _HEADER_INDEX.get(re.sub(r"[\s*＊]+", "", header))


# -- cell parsing -----------------------------------------------------------------------------

_EXCEL_EPOCH = date(1899, 12, 30)
_DATE_RE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


def parse_date(value: Any) -> date:
    """Dates as clerks type them: 2025-03-03, 2025/3/3, 2025.3.3, 2025年3月3日, or an Excel serial."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and 20000 < value < 80000:
        return _EXCEL_EPOCH + timedelta(days=int(value))
    m = _DATE_RE.match(str(value))
    if not m:
        raise ValueError(f"「{value}」不是日期（应如 2025-03-03）")
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise ValueError(f"「{value}」不是有效日期") from None


def _norm(text: str) -> str:
    return re.sub(r"[\s:：、，,.。\-—_/（）()“”\"0-9一二三四五六七八]+", "", text)


def _choice_index(enum: type[StrEnum]) -> dict[str, StrEnum]:
    index: dict[str, StrEnum] = {}
    for member in enum:
        for text in (member.value, label(member), label(member).split("：")[-1]):
            index.setdefault(_norm(text), member)
    return index


_CHOICES: dict[type[StrEnum], dict[str, StrEnum]] = {
    e: _choice_index(e) for e in (ApplicantType, Channel, Outcome)
}
_CHOICES[Channel].update({_norm(k): v for k, v in {
    "现场": Channel.IN_PERSON, "当面提交": Channel.IN_PERSON, "邮寄": Channel.LETTER, "信件": Channel.LETTER,
    "在线": Channel.ONLINE, "互联网": Channel.ONLINE, "网上申请": Channel.ONLINE, "邮件": Channel.EMAIL,
}.items()})
_CHOICES[ApplicantType].update({_norm(k): v for k, v in {
    "公民": ApplicantType.NATURAL_PERSON, "个人": ApplicantType.NATURAL_PERSON, "企业": ApplicantType.ENTERPRISE,
    "其他组织": ApplicantType.OTHER_ORG,
}.items()})


def parse_choice(enum: type[StrEnum], value: Any) -> StrEnum:
    member = _CHOICES[enum].get(_norm(str(value)))
    if member is None:
        raise ValueError(f"「{value}」不是可选值")
    return member


def cell_text(value: Any) -> str:
    """A cell as text: numbers typed into text columns (phone, ID) lose their float tail."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value).strip()
