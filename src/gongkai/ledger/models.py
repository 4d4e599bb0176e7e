"""The ledger's tables (SQLAlchemy 2, typed).

Invariants the annual tables rely on are CHECK constraints, not hopes: a request has an outcome
exactly when it has a decision date and a concluded status, and it is never decided before it
was received. That is what makes 本年新收 + 上年结转 = 办理结果总计 + 结转下年度 hold by construction.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from gongkai.ledger.enums import (
    OPEN_STATUSES,
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


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _enum(cls: type[StrEnum]) -> sa.Enum:
    """Store the enum's value (the contract key), as a plain string: portable and greppable."""
    return sa.Enum(
        cls,
        native_enum=False,
        create_constraint=False,
        length=32,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )


class Base(DeclarativeBase):
    pass


class Agency(Base):
    """An agency in the region tree; a county government is the parent of its departments."""

    __tablename__ = "agencies"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)
    level: Mapped[str | None] = mapped_column(sa.String(20))  # 省级 / 市级 / 县级 / 乡级
    kind: Mapped[AgencyKind] = mapped_column(_enum(AgencyKind))
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("agencies.id"), index=True)
    # a retired agency (merged, abolished) keeps its history and reports but takes no new requests
    retired: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    parent: Mapped[Agency | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Agency]] = relationship(back_populates="parent")


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(64), unique=True)
    display_name: Mapped[str] = mapped_column(sa.String(100), default="")
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[Role] = mapped_column(_enum(Role))
    # clerk: the agency worked for; supervisor: the root of the supervised region; admin: unused.
    agency_id: Mapped[int | None] = mapped_column(sa.ForeignKey("agencies.id"))
    active: Mapped[bool] = mapped_column(default=True)

    agency: Mapped[Agency | None] = relationship()


class Request(Base):
    """One 政府信息公开申请. ``status`` changes only through ``transitions.transition``."""

    __tablename__ = "requests"
    __table_args__ = (
        sa.UniqueConstraint("agency_id", "number", name="uq_requests_agency_number"),
        sa.CheckConstraint(
            "(outcome IS NULL AND decided_on IS NULL) OR (outcome IS NOT NULL AND decided_on IS NOT NULL)",
            name="ck_requests_outcome_decided",
        ),
        sa.CheckConstraint(
            "(status IN ('decided', 'closed')) = (outcome IS NOT NULL)", name="ck_requests_status_outcome"
        ),
        sa.CheckConstraint("decided_on IS NULL OR decided_on >= received_on", name="ck_requests_decided_after"),
        sa.CheckConstraint(
            "replied_on IS NULL OR (decided_on IS NOT NULL AND replied_on >= decided_on)",
            name="ck_requests_replied_after",
        ),
        sa.Index("ix_requests_agency_received", "agency_id", "received_on"),
        # covers the annual-table GROUP BY: read in index order, no table lookups, no sort
        sa.Index("ix_requests_tables", "agency_id", "applicant_type", "outcome", "received_on", "decided_on"),
        sa.Index("ix_requests_agency_status_due", "agency_id", "status", "due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(sa.ForeignKey("agencies.id"))
    number: Mapped[str] = mapped_column(sa.String(40))  # 登记编号, e.g. 2025-0007
    applicant_type: Mapped[ApplicantType] = mapped_column(_enum(ApplicantType))
    applicant_name: Mapped[str] = mapped_column(sa.String(200))
    contact: Mapped[str] = mapped_column(sa.String(200), default="")
    id_number: Mapped[str] = mapped_column(sa.String(64), default="")
    channel: Mapped[Channel] = mapped_column(_enum(Channel))
    content: Mapped[str] = mapped_column(sa.Text)
    note: Mapped[str] = mapped_column(sa.Text, default="")
    received_on: Mapped[date] = mapped_column(sa.Date)
    status: Mapped[RequestStatus] = mapped_column(_enum(RequestStatus), default=RequestStatus.RECEIVED)
    due_on: Mapped[date | None] = mapped_column(sa.Date)
    due_provisional: Mapped[bool] = mapped_column(default=False)
    waiting_due_on: Mapped[date | None] = mapped_column(sa.Date)
    extended_days: Mapped[int] = mapped_column(default=0)
    outcome: Mapped[Outcome | None] = mapped_column(_enum(Outcome))
    decided_on: Mapped[date | None] = mapped_column(sa.Date)
    replied_on: Mapped[date | None] = mapped_column(sa.Date)
    created_at: Mapped[datetime] = mapped_column(default=_now)
    updated_at: Mapped[datetime] = mapped_column(default=_now, onupdate=_now)
    # optimistic locking: every UPDATE says "WHERE version = <the version I read>", so a change made
    # racing another clerk's matches no row and is refused. The ledger bumps it once per change
    # (``requests._changing``), however many flushes the change takes.
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": version, "version_id_generator": False}

    agency: Mapped[Agency] = relationship()
    events: Mapped[list[RequestEvent]] = relationship(
        back_populates="request", order_by="(RequestEvent.on, RequestEvent.id)", cascade="all, delete-orphan"
    )

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class RequestEvent(Base):
    """Something that happened to a request; status changes carry ``from_status``/``to_status``."""

    __tablename__ = "request_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(sa.ForeignKey("requests.id", ondelete="CASCADE"), index=True)
    kind: Mapped[EventKind] = mapped_column(_enum(EventKind))
    on: Mapped[date] = mapped_column("happened_on", sa.Date)  # the day it happened (the clock uses it)
    at: Mapped[datetime] = mapped_column(default=_now)  # when it was recorded
    actor: Mapped[str] = mapped_column(sa.String(64))
    note: Mapped[str] = mapped_column(sa.Text, default="")
    days: Mapped[int | None] = mapped_column()  # extension: working days added
    outcome: Mapped[Outcome | None] = mapped_column(_enum(Outcome))
    from_status: Mapped[RequestStatus | None] = mapped_column(_enum(RequestStatus))
    to_status: Mapped[RequestStatus | None] = mapped_column(_enum(RequestStatus))
    # struck out (recorded by mistake, or a withdrawn decision/reply): kept in the timeline, ignored
    # by the clock, the date checks and the tables
    removed_at: Mapped[datetime | None] = mapped_column()
    removed_by: Mapped[str | None] = mapped_column(sa.String(64))
    removed_reason: Mapped[str | None] = mapped_column(sa.Text)

    request: Mapped[Request] = relationship(back_populates="events")


class Appeal(Base):
    """A 行政复议 or 行政诉讼 about disclosure, counted in section 四."""

    __tablename__ = "appeals"
    __table_args__ = (
        sa.CheckConstraint(
            "(result = 'pending' AND concluded_on IS NULL) OR (result <> 'pending' AND concluded_on IS NOT NULL)",
            name="ck_appeals_result_concluded",
        ),
        sa.CheckConstraint("concluded_on IS NULL OR concluded_on >= filed_on", name="ck_appeals_concluded_after"),
        sa.Index("ix_appeals_agency_filed", "agency_id", "filed_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(sa.ForeignKey("agencies.id"))
    request_id: Mapped[int | None] = mapped_column(sa.ForeignKey("requests.id", ondelete="SET NULL"))
    kind: Mapped[AppealKind] = mapped_column(_enum(AppealKind))
    filed_on: Mapped[date] = mapped_column(sa.Date)
    result: Mapped[AppealResult] = mapped_column(_enum(AppealResult), default=AppealResult.PENDING)
    concluded_on: Mapped[date | None] = mapped_column(sa.Date)
    note: Mapped[str] = mapped_column(sa.Text, default="")

    agency: Mapped[Agency] = relationship()
    request: Mapped[Request | None] = relationship()


class NormativeDocument(Base):
    """A 规章 or 行政规范性文件 the agency issued; section 二's first block is computed from these."""

    __tablename__ = "normative_documents"
    __table_args__ = (
        sa.CheckConstraint("repealed_on IS NULL OR repealed_on >= issued_on", name="ck_documents_repealed_after"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(sa.ForeignKey("agencies.id"), index=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    doc_number: Mapped[str] = mapped_column(sa.String(100), default="")  # 文号
    kind: Mapped[DocumentKind] = mapped_column(_enum(DocumentKind))
    issued_on: Mapped[date] = mapped_column(sa.Date)
    repealed_on: Mapped[date | None] = mapped_column(sa.Date)

    agency: Mapped[Agency] = relationship()


class AnnualFigure(Base):
    """A section 二 cell entered by hand for a year (许可/处罚/强制 decisions, fees in 万元)."""

    __tablename__ = "annual_figures"
    __table_args__ = (sa.UniqueConstraint("agency_id", "year", "key", name="uq_annual_figures"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(sa.ForeignKey("agencies.id"))
    year: Mapped[int] = mapped_column()
    key: Mapped[str] = mapped_column(sa.String(64))
    value: Mapped[Decimal] = mapped_column(sa.Numeric(14, 4))
    source: Mapped[str] = mapped_column(sa.Text, default="")


class AuditLog(Base):
    """Every change to ledger data: who, when, what, and the record before and after."""

    __tablename__ = "audit_log"
    __table_args__ = (sa.Index("ix_audit_log_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=_now)
    actor: Mapped[str] = mapped_column(sa.String(64))
    entity: Mapped[str] = mapped_column(sa.String(40))
    entity_id: Mapped[int | None] = mapped_column()
    action: Mapped[str] = mapped_column(sa.String(40))
    before: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)


class HolidayYear(Base):
    """An official holiday arrangement loaded by an admin for a year chinese-calendar lacks."""

    __tablename__ = "holiday_years"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    holidays: Mapped[list[str]] = mapped_column(sa.JSON)  # ISO dates off work
    workdays: Mapped[list[str]] = mapped_column(sa.JSON)  # ISO dates of 调休 make-up workdays
    names: Mapped[dict[str, str]] = mapped_column(sa.JSON)  # ISO date → holiday name
    source: Mapped[str] = mapped_column(sa.Text, default="")
    loaded_at: Mapped[datetime] = mapped_column(default=_now)


class ReportNarrative(Base):
    """One section (1–6) of an annual report's text as edited by the clerk; absent = generated text.

    ``summary`` separates a region's 汇总 report from the agency's own report of the same year.
    """

    __tablename__ = "report_narratives"
    __table_args__ = (
        sa.UniqueConstraint("agency_id", "year", "summary", "section", name="uq_report_narratives"),
        sa.CheckConstraint("section BETWEEN 1 AND 6", name="ck_report_narratives_section"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(sa.ForeignKey("agencies.id"))
    year: Mapped[int] = mapped_column()
    summary: Mapped[bool] = mapped_column(default=False)
    section: Mapped[int] = mapped_column()
    text: Mapped[str] = mapped_column(sa.Text)
    updated_at: Mapped[datetime] = mapped_column(default=_now, onupdate=_now)
    updated_by: Mapped[str] = mapped_column(sa.String(64))


class Attachment(Base):
    """A file kept with a request (scanned application, reply letter, 送达回执).

    The bytes live outside the web root under ``stored_name`` (a random name, never the user's);
    ``filename`` is only what the download offers.
    """

    __tablename__ = "attachments"
    __table_args__ = (sa.UniqueConstraint("stored_name", name="uq_attachments_stored_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(sa.ForeignKey("requests.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(32))
    filename: Mapped[str] = mapped_column(sa.String(200))
    stored_name: Mapped[str] = mapped_column(sa.String(80))
    media_type: Mapped[str] = mapped_column(sa.String(100))
    size: Mapped[int] = mapped_column()
    sha256: Mapped[str] = mapped_column(sa.String(64))
    uploaded_at: Mapped[datetime] = mapped_column(default=_now)
    uploaded_by: Mapped[str] = mapped_column(sa.String(64))


class ReportMeta(Base):
    """What an annual report carries besides its text: the 成文日期 printed under the signature."""

    __tablename__ = "report_meta"
    __table_args__ = (sa.UniqueConstraint("agency_id", "year", "summary", name="uq_report_meta"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(sa.ForeignKey("agencies.id"))
    year: Mapped[int] = mapped_column()
    summary: Mapped[bool] = mapped_column(default=False)
    published_on: Mapped[date | None] = mapped_column(sa.Date)
    updated_at: Mapped[datetime] = mapped_column(default=_now, onupdate=_now)
    updated_by: Mapped[str] = mapped_column(sa.String(64))


class RequestCounter(Base):
    """The last 登记编号 handed out per agency and year; allocated by one atomic UPDATE … RETURNING."""

    __tablename__ = "request_counters"

    agency_id: Mapped[int] = mapped_column(sa.ForeignKey("agencies.id", ondelete="CASCADE"), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column()


class LoginFailure(Base):
    """A failed login: the brake counts these, so every worker process sees the same count."""

    __tablename__ = "login_failures"
    __table_args__ = (sa.Index("ix_login_failures_username_at", "username", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(64))  # lower-cased
    address: Mapped[str] = mapped_column(sa.String(64))
    at: Mapped[datetime] = mapped_column(default=_now)


class AuthSession(Base):
    """A browser session or an API token, kept on the server so logout and revocation end it.

    ``id`` is the random secret the cookie (or the signed token) carries; ``kind`` is "session" or
    "token".
    """

    __tablename__ = "auth_sessions"

    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(16))
    created_at: Mapped[datetime] = mapped_column(default=_now)
    expires_at: Mapped[datetime] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column()
    label: Mapped[str] = mapped_column(sa.String(100), default="", server_default="")
