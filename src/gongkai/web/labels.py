"""What the pages call things: Chinese labels and the order of choices in forms.

Enum labels come from the ledger (one source for CLI, Excel and web); the decision form groups
outcome rows the way the national template prints them (REQUEST_ROW_SPECS).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from gongkai.ledger import EventKind, Outcome, label
from gongkai.model.template import REQUEST_ROW_SPECS

#: Events a clerk records from the request page, in the order they usually happen.
#: The decision has its own form (it needs an outcome row).
EVENT_CHOICES: tuple[tuple[EventKind, str], ...] = (
    (EventKind.CORRECTION_NOTICE, "补正通知"),
    (EventKind.CORRECTION_RECEIVED, "补正收到"),
    (EventKind.EXTENSION, "延期"),
    (EventKind.CONSULTATION_START, "征求意见开始"),
    (EventKind.CONSULTATION_END, "征求意见结束"),
    (EventKind.FEE_NOTICE, "收费通知"),
    (EventKind.FEE_PAID, "缴费"),
    (EventKind.REPLY_SENT, "答复"),
)
EVENT_LABELS: dict[str, str] = {str(k): v for k, v in EVENT_CHOICES} | {
    str(EventKind.DECISION): "决定",
    str(EventKind.STATUS_CHANGE): "状态变更",
}


def event_label(kind: object) -> str:
    text = EVENT_LABELS.get(str(kind))
    if text:
        return text
    try:
        return label(EventKind(str(kind)))
    except ValueError:
        return str(kind)


@dataclass(frozen=True, slots=True)
class OutcomeGroup:
    title: str | None  # None: a top-level row such as （一）予以公开
    options: tuple[tuple[str, str], ...]  # (outcome key, printed label)


@functools.cache
def outcome_groups() -> tuple[OutcomeGroup, ...]:
    """The 23 outcome rows of the 2021 template as <optgroup>s, labels exactly as printed (built once)."""
    groups: list[OutcomeGroup] = []
    current: str | None = None
    bucket: list[tuple[str, str]] = []
    for outcome in Outcome:
        spec = REQUEST_ROW_SPECS[str(outcome)]
        if spec.group != current or spec.group is None:
            if bucket:
                groups.append(OutcomeGroup(current, tuple(bucket)))
            current, bucket = spec.group, []
        bucket.append((str(outcome), spec.label))
    if bucket:
        groups.append(OutcomeGroup(current, tuple(bucket)))
    return tuple(groups)


def outcome_label(key: object) -> str:
    """The printed row with its group, e.g. "（三）不予公开 1.属于国家秘密"."""
    if key is None:
        return ""
    spec = REQUEST_ROW_SPECS.get(str(key))
    if spec is None:
        return str(key)
    return f"{spec.group} {spec.label}" if spec.group else spec.label


AUDIT_ACTIONS: dict[str, str] = {"create": "登记", "update": "修改", "repeal": "废止", "load": "导入",
                                 "replace": "替换", "delete": "删除", "import": "导入"}


def audit_action(action: str) -> str:
    """An audit-log action in words: "status:decision" → "决定"."""
    prefix, _, rest = action.partition(":")
    if rest and prefix in ("status", "event"):
        return event_label(rest)
    return AUDIT_ACTIONS.get(action, action)


#: Form field names → the Chinese words used in validation messages.
FIELD_LABELS: dict[str, str] = {
    "agency_id": "机关",
    "applicant_type": "申请人类型",
    "applicant_name": "申请人姓名或名称",
    "contact": "联系方式",
    "id_number": "证件号码",
    "channel": "申请方式",
    "content": "申请内容",
    "received_on": "收到日期",
    "note": "备注",
    "number": "编号",
    "kind": "类别",
    "on": "日期",
    "days": "天数",
    "outcome": "办理结果",
    "filed_on": "提起日期",
    "request_id": "关联申请",
    "request_number": "关联申请登记编号",
    "published_on": "成文日期",
    "result": "结果",
    "concluded_on": "审结日期",
    "title": "标题",
    "doc_number": "文号",
    "issued_on": "印发日期",
    "repealed_on": "废止日期",
    "value": "数值",
    "source": "来源",
}
