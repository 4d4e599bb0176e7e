"""Coded values of the ledger, each with its Chinese label.

Applicant types and outcomes are the contract's own keys (contract.md §2) so that counting a
request into the annual table is a lookup, never a translation table that can drift.
"""

from __future__ import annotations

from enum import StrEnum

from gongkai.model.template import REQUEST_COLUMN_LABELS, REQUEST_ROW_SPECS


class AgencyKind(StrEnum):
    DEPARTMENT = "department"
    GOVERNMENT = "government"
    TOWNSHIP = "township"
    OTHER = "other"  # 其他: e.g. a 开发区管委会; its label lives in supervise.season (AppealResult.OTHER == "other")


class Role(StrEnum):
    CLERK = "clerk"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class ApplicantType(StrEnum):
    """The six applicant columns of section 三 (total excluded); values are the contract keys."""

    NATURAL_PERSON = "natural_person"
    ENTERPRISE = "enterprise"
    RESEARCH = "research"
    SOCIAL_ORG = "social_org"
    LEGAL_SERVICE = "legal_service"
    OTHER_ORG = "other_org"


class Outcome(StrEnum):
    """One outcome row of the 2021 template; values are the contract row keys."""

    GRANTED = "granted"
    PARTIAL = "partial"
    WITHHELD_SECRET = "withheld_secret"
    WITHHELD_LAW = "withheld_law"
    WITHHELD_SAFETY = "withheld_safety"
    WITHHELD_THIRD_PARTY = "withheld_third_party"
    WITHHELD_INTERNAL = "withheld_internal"
    WITHHELD_PROCESS = "withheld_process"
    WITHHELD_ENFORCEMENT = "withheld_enforcement"
    WITHHELD_QUERY = "withheld_query"
    UNAVAILABLE_NOT_HELD = "unavailable_not_held"
    UNAVAILABLE_NEEDS_CREATION = "unavailable_needs_creation"
    UNAVAILABLE_UNCLEAR = "unavailable_unclear"
    NOT_HANDLED_PETITION = "not_handled_petition"
    NOT_HANDLED_REPEAT = "not_handled_repeat"
    NOT_HANDLED_PUBLICATION = "not_handled_publication"
    NOT_HANDLED_EXCESSIVE = "not_handled_excessive"
    NOT_HANDLED_CONFIRMATION = "not_handled_confirmation"
    OTHER_NO_CORRECTION = "other_no_correction"
    OTHER_NO_FEE = "other_no_fee"
    OTHER_MISC = "other_misc"


class Channel(StrEnum):
    IN_PERSON = "in_person"
    LETTER = "letter"
    ONLINE = "online"
    FAX = "fax"
    EMAIL = "email"


class RequestStatus(StrEnum):
    RECEIVED = "received"
    AWAITING_CORRECTION = "awaiting_correction"
    CONSULTING = "consulting"
    AWAITING_FEE = "awaiting_fee"
    DECIDED = "decided"
    CLOSED = "closed"


#: Statuses in which the request is still being handled (it has no outcome yet).
OPEN_STATUSES: frozenset[RequestStatus] = frozenset(
    {
        RequestStatus.RECEIVED,
        RequestStatus.AWAITING_CORRECTION,
        RequestStatus.CONSULTING,
        RequestStatus.AWAITING_FEE,
    }
)
#: Open statuses in which the reply clock is stopped (条例第三十条、第三十三条; fee period).
PAUSED_STATUSES: frozenset[RequestStatus] = OPEN_STATUSES - {RequestStatus.RECEIVED}


class EventKind(StrEnum):
    CORRECTION_NOTICE = "correction_notice"
    CORRECTION_RECEIVED = "correction_received"
    EXTENSION = "extension"
    CONSULTATION_START = "consultation_start"
    CONSULTATION_END = "consultation_end"
    FEE_NOTICE = "fee_notice"
    FEE_PAID = "fee_paid"
    DECISION = "decision"
    REPLY_SENT = "reply_sent"
    STATUS_CHANGE = "status_change"


class AppealKind(StrEnum):
    REVIEW = "review"
    SUIT_DIRECT = "suit_direct"
    SUIT_AFTER_REVIEW = "suit_after_review"


class AppealResult(StrEnum):
    UPHELD = "upheld"
    CORRECTED = "corrected"
    OTHER = "other"
    PENDING = "pending"


class DocumentKind(StrEnum):
    RULE = "rule"
    NORMATIVE = "normative"


#: Section 二 cells that are entered per year (with a source note) rather than computed.
FIGURE_KEYS: tuple[str, ...] = (
    "active.licensing.decisions",
    "active.punishment.decisions",
    "active.coercion.decisions",
    "active.fees.amount",
)
FIGURE_LABELS: dict[str, str] = {
    "active.licensing.decisions": "行政许可本年处理决定数量",
    "active.punishment.decisions": "行政处罚本年处理决定数量",
    "active.coercion.decisions": "行政强制本年处理决定数量",
    "active.fees.amount": "行政事业性收费本年收费金额（万元）",
}


def _outcome_label(key: str) -> str:
    """Group and item, e.g. 不予公开：属于国家秘密 — unique, and what a clerk reads in the form."""
    if key == "granted":
        return "予以公开"
    if key == "partial":
        return "部分公开"
    spec = REQUEST_ROW_SPECS[key]
    item = spec.label.split(".", 1)[1]
    return f"{(spec.group or '')[3:]}：{item}"


_LABELS: dict[StrEnum, str] = {
    AgencyKind.DEPARTMENT: "政府部门",
    AgencyKind.GOVERNMENT: "人民政府",
    AgencyKind.TOWNSHIP: "乡镇（街道）",
    Role.CLERK: "经办人",
    Role.SUPERVISOR: "监督人",
    Role.ADMIN: "管理员",
    Channel.IN_PERSON: "当面",
    Channel.LETTER: "信函",
    Channel.ONLINE: "网络",
    Channel.FAX: "传真",
    Channel.EMAIL: "电子邮件",
    RequestStatus.RECEIVED: "办理中",
    RequestStatus.AWAITING_CORRECTION: "待补正",
    RequestStatus.CONSULTING: "征求意见中",
    RequestStatus.AWAITING_FEE: "待缴费",
    RequestStatus.DECIDED: "已决定待答复",
    RequestStatus.CLOSED: "已办结",
    EventKind.CORRECTION_NOTICE: "发出补正通知",
    EventKind.CORRECTION_RECEIVED: "收到补正申请",
    EventKind.EXTENSION: "延长答复期限",
    EventKind.CONSULTATION_START: "征求第三方或其他机关意见",
    EventKind.CONSULTATION_END: "收到第三方或其他机关意见",
    EventKind.FEE_NOTICE: "发出收费通知",
    EventKind.FEE_PAID: "申请人缴纳费用",
    EventKind.DECISION: "作出办理决定",
    EventKind.REPLY_SENT: "送达答复",
    EventKind.STATUS_CHANGE: "状态变更",
    AppealKind.REVIEW: "行政复议",
    AppealKind.SUIT_DIRECT: "行政诉讼（未经复议直接起诉）",
    AppealKind.SUIT_AFTER_REVIEW: "行政诉讼（复议后起诉）",
    AppealResult.UPHELD: "结果维持",
    AppealResult.CORRECTED: "结果纠正",
    AppealResult.OTHER: "其他结果",
    AppealResult.PENDING: "尚未审结",
    DocumentKind.RULE: "规章",
    DocumentKind.NORMATIVE: "行政规范性文件",
}
for _a in ApplicantType:
    _LABELS[_a] = REQUEST_COLUMN_LABELS[_a.value]
for _o in Outcome:
    _LABELS[_o] = _outcome_label(_o.value)


def label(value: StrEnum) -> str:
    """The Chinese label of any ledger enum value."""
    return _LABELS[value]
