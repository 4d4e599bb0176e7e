"""JSON shapes of the API. Inputs reuse the ledger's schemas; these are the outputs and the small
inputs that are web-only (events, decisions, figures, tokens)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from gongkai.ledger import (
    FIGURE_KEYS,
    AgencyKind,
    AppealKind,
    AppealResult,
    ApplicantType,
    Channel,
    DocumentKind,
    EventKind,
    Outcome,
    RequestStatus,
    Role,
)


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class AgencyOut(_Out):
    id: int
    name: str
    level: str | None
    kind: AgencyKind
    parent_id: int | None


class MeOut(BaseModel):
    id: int
    username: str
    display_name: str
    role: Role
    agency_id: int | None
    visible_agency_ids: list[int]
    csrf_token: str | None = Field(description="会话认证时写操作须带的 X-CSRF-Token；令牌认证时为 null")


class TokenIn(BaseModel):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)


class TokenOut(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int


class EventOut(_Out):
    id: int
    kind: EventKind
    on: date
    at: datetime
    actor: str
    note: str | None
    days: int | None
    outcome: Outcome | None
    from_status: RequestStatus | None
    to_status: RequestStatus | None
    removed_at: datetime | None = Field(default=None, description="撤回或删除的时间（UTC）；未撤销为空")
    removed_reason: str | None = None


class DeadlineOut(_Out):
    due_on: date | None
    provisional: bool
    paused: bool
    start_on: date
    used: int
    allowed: int
    remaining: int | None
    waiting_due_on: date | None
    correction_notice_due: date
    steps: list[str]


class RequestOut(_Out):
    id: int
    version: int = Field(description="版本号：修改时放在 If-Match 请求头中，他人已修改则返回 409")
    agency_id: int
    number: str
    applicant_type: ApplicantType
    applicant_name: str
    contact: str
    id_number: str
    channel: Channel
    content: str
    note: str
    received_on: date
    status: RequestStatus
    due_on: date | None
    due_provisional: bool
    waiting_due_on: date | None
    extended_days: int
    outcome: Outcome | None
    decided_on: date | None
    replied_on: date | None


class RequestDetail(RequestOut):
    events: list[EventOut]
    deadline: DeadlineOut


class RequestPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[RequestOut]


RecordableEvent = Literal[
    "correction_notice", "correction_received", "extension", "consultation_start", "consultation_end",
    "fee_notice", "fee_paid", "reply_sent",
]


class EventIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: RecordableEvent
    on: date
    days: int | None = Field(default=None, ge=1, le=60,
                             description="延期：延长的工作日数（1–20）；补正通知：补正期限（工作日，可不填）")
    note: str | None = Field(default=None, max_length=2000)


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    outcome: Outcome = Field(description="表三的结果行（契约键），每件申请只计一行")
    on: date
    note: str | None = Field(default=None, max_length=2000)


class AppealOut(_Out):
    id: int
    agency_id: int
    request_id: int | None
    kind: AppealKind
    filed_on: date
    result: AppealResult
    concluded_on: date | None
    note: str


class ConcludeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    result: AppealResult
    concluded_on: date | None = None
    note: str | None = Field(default=None, max_length=2000)


class DocumentOut(_Out):
    id: int
    agency_id: int
    title: str
    doc_number: str
    kind: DocumentKind
    issued_on: date
    repealed_on: date | None


class RepealIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    on: date


FigureKey = Literal[FIGURE_KEYS]  # type: ignore[valid-type]


class FigureIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    agency_id: int
    year: int = Field(ge=1991, le=2199)
    key: FigureKey
    value: Decimal = Field(ge=0, max_digits=14, decimal_places=4)
    source: str = Field(default="", max_length=500)


class FigureOut(_Out):
    agency_id: int
    year: int
    key: str
    value: Decimal
    source: str


class NarrativeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    sections: dict[int, str] = Field(description="部分编号 1–6 → 正文")


class AnnualOut(BaseModel):
    agency_id: int
    year: int
    summary: bool
    tables: dict[str, Any] = Field(description="契约键下的表二、表三、表四")
    narrative: dict[int, str]
    findings: list[dict[str, Any]]


class AuditOut(BaseModel):
    report: dict[str, Any] = Field(description="契约 JSON（gongkai/report@1）")
    findings: list[dict[str, Any]]
