"""The supervision season's tables, on the ledger's Base so one migration chain covers both.

A submission is one file an agency (or its supervisor) handed in for a year; versions pile up and
none is ever overwritten. The review of an agency-year is one row whose ``state`` changes only
through ``gongkai.supervise.workflow.transition`` (an allowed-transitions table, an event row per
change) and whose ``version`` column makes two supervisors acting at once collide loudly instead
of silently overwriting each other. A supervisor's verdict on a finding is stored by the finding's
fingerprint for the agency-year, so it outlives the submission it was made on.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from gongkai.ledger.models import Agency, Base, _enum


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class ReviewState(StrEnum):
    NOT_SUBMITTED = "not_submitted"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    ACCEPTED = "accepted"
    PUBLISHED = "published"


class SubmissionSource(StrEnum):
    LEDGER = "ledger"  # the clerk's one click: the report the ledger produced
    UPLOAD = "upload"  # the agency uploaded its file
    BATCH = "batch"  # the supervisor uploaded many files (zip or folder)
    URL = "url"  # fetched from a report URL


class Verdict(StrEnum):
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"


STATE_LABELS: dict[ReviewState, str] = {
    ReviewState.NOT_SUBMITTED: "未提交",
    ReviewState.SUBMITTED: "已提交",
    ReviewState.RETURNED: "退回修改",
    ReviewState.ACCEPTED: "已通过",
    ReviewState.PUBLISHED: "已发布",
}
SOURCE_LABELS: dict[SubmissionSource, str] = {
    SubmissionSource.LEDGER: "台账一键报送",
    SubmissionSource.UPLOAD: "机关上传",
    SubmissionSource.BATCH: "监督人批量上传",
    SubmissionSource.URL: "网址抓取",
}
VERDICT_LABELS: dict[Verdict, str] = {Verdict.CONFIRMED: "确认问题", Verdict.DISMISSED: "不属问题"}


class SupervisedAgency(Base):
    """What supervision adds to a ledger agency; absent row = defaults (ledger user, deadline by kind)."""

    __tablename__ = "supervised_agencies"

    agency_id: Mapped[int] = mapped_column(sa.ForeignKey("agencies.id", ondelete="CASCADE"), primary_key=True,
                                           autoincrement=False)
    portal_url: Mapped[str] = mapped_column(sa.String(300), default="")
    # month and day of the year after the report year; None = the regulation's date for the kind
    deadline_month: Mapped[int | None] = mapped_column()
    deadline_day: Mapped[int | None] = mapped_column()
    publishes_only: Mapped[bool] = mapped_column(default=False)  # keeps no ledger in gongkai

    agency: Mapped[Agency] = relationship()


class Submission(Base):
    """One file handed in for an agency and year. The same bytes twice are one submission."""

    __tablename__ = "submissions"
    __table_args__ = (
        sa.UniqueConstraint("agency_id", "year", "version", name="uq_submissions_version"),
        sa.UniqueConstraint("agency_id", "year", "sha256", name="uq_submissions_sha256"),
        sa.Index("ix_submissions_year_agency", "year", "agency_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(sa.ForeignKey("agencies.id"))
    year: Mapped[int] = mapped_column()
    version: Mapped[int] = mapped_column()  # 1, 2, ... per agency-year
    sha256: Mapped[str] = mapped_column(sa.String(64))
    file_name: Mapped[str] = mapped_column(sa.String(200))
    data: Mapped[bytes] = mapped_column(sa.LargeBinary, deferred=True)
    source: Mapped[SubmissionSource] = mapped_column(_enum(SubmissionSource))
    source_url: Mapped[str] = mapped_column(sa.String(500), default="")
    submitted_by: Mapped[str] = mapped_column(sa.String(64))
    submitted_at: Mapped[datetime] = mapped_column(default=_now)
    # the parsed report (contract JSON) and the figures the board shows, kept so pages never re-read
    report: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON(none_as_null=True), deferred=True)
    read_error: Mapped[str] = mapped_column(sa.Text, default="")  # why the file could not be read at all
    template: Mapped[str | None] = mapped_column(sa.String(16))
    errors: Mapped[int] = mapped_column(default=0)  # report errors (kind "report", severity error)
    warnings: Mapped[int] = mapped_column(default=0)
    reading: Mapped[int] = mapped_column(default=0)  # findings of kind "reading"

    agency: Mapped[Agency] = relationship()
    findings: Mapped[list[SubmissionFinding]] = relationship(
        back_populates="submission", order_by="SubmissionFinding.position", cascade="all, delete-orphan")


class SubmissionFinding(Base):
    """An audit finding on one submission, with its fingerprint (``gongkai.supervise.fingerprint``)."""

    __tablename__ = "submission_findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(sa.ForeignKey("submissions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column()
    rule: Mapped[str] = mapped_column(sa.String(64))
    severity: Mapped[str] = mapped_column(sa.String(16))
    kind: Mapped[str] = mapped_column(sa.String(16))  # report | reading
    where: Mapped[str | None] = mapped_column(sa.String(200))
    message: Mapped[str] = mapped_column(sa.Text)
    fingerprint: Mapped[str] = mapped_column(sa.String(64))

    submission: Mapped[Submission] = relationship(back_populates="findings")

    @property
    def is_report_error(self) -> bool:
        return self.severity == "error" and self.kind == "report"


class FindingReview(Base):
    """The supervisor's verdict on a finding of an agency-year, kept across re-uploads."""

    __tablename__ = "finding_reviews"
    __table_args__ = (sa.UniqueConstraint("agency_id", "year", "fingerprint", name="uq_finding_reviews"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(sa.ForeignKey("agencies.id"))
    year: Mapped[int] = mapped_column()
    fingerprint: Mapped[str] = mapped_column(sa.String(64))
    verdict: Mapped[Verdict] = mapped_column(_enum(Verdict))
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    by: Mapped[str] = mapped_column(sa.String(64))
    at: Mapped[datetime] = mapped_column(default=_now)


class Review(Base):
    """The review of one agency's report for one year. ``state`` changes only through ``transition``.

    ``version`` is SQLAlchemy's version counter: every UPDATE says ``WHERE version = <read>``, so
    of two supervisors acting on the same row at once exactly one succeeds.
    """

    __tablename__ = "reviews"
    __table_args__ = (sa.UniqueConstraint("agency_id", "year", name="uq_reviews_agency_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(sa.ForeignKey("agencies.id"))
    year: Mapped[int] = mapped_column()
    state: Mapped[ReviewState] = mapped_column(_enum(ReviewState), default=ReviewState.NOT_SUBMITTED)
    version: Mapped[int] = mapped_column(default=1)
    first_submitted_at: Mapped[datetime | None] = mapped_column()
    comment: Mapped[str] = mapped_column(sa.Text, default="")  # the latest return's comment
    due_on: Mapped[date | None] = mapped_column(sa.Date)  # the latest return's due date
    published_url: Mapped[str] = mapped_column(sa.String(500), default="")
    override_reason: Mapped[str] = mapped_column(sa.Text, default="")  # accepted despite errors: why
    updated_at: Mapped[datetime] = mapped_column(default=_now, onupdate=_now)

    agency: Mapped[Agency] = relationship()
    events: Mapped[list[ReviewEvent]] = relationship(back_populates="review", order_by="ReviewEvent.id",
                                                     cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (declared by SQLAlchemy)


class ReviewEvent(Base):
    """One change of a review's state: who, when, from, to, and what was said."""

    __tablename__ = "review_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(sa.ForeignKey("reviews.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(default=_now)
    actor: Mapped[str] = mapped_column(sa.String(64))
    from_state: Mapped[ReviewState] = mapped_column(_enum(ReviewState))
    to_state: Mapped[ReviewState] = mapped_column(_enum(ReviewState))
    comment: Mapped[str] = mapped_column(sa.Text, default="")
    due_on: Mapped[date | None] = mapped_column(sa.Date)
    submission_id: Mapped[int | None] = mapped_column(sa.ForeignKey("submissions.id", ondelete="SET NULL"))

    review: Mapped[Review] = relationship(back_populates="events")


class PendingFile(Base):
    """A collected file whose agency is not settled: fuzzy candidates wait for the supervisor's choice.

    Never silently taken: a confirmation turns it into a ``Submission``; a rejection deletes it.
    """

    __tablename__ = "pending_files"
    __table_args__ = (sa.Index("ix_pending_files_region_year", "region_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(sa.ForeignKey("agencies.id"))  # the supervisor's region root
    year: Mapped[int] = mapped_column()
    file_name: Mapped[str] = mapped_column(sa.String(200))
    sha256: Mapped[str] = mapped_column(sa.String(64))
    data: Mapped[bytes] = mapped_column(sa.LargeBinary, deferred=True)
    source: Mapped[SubmissionSource] = mapped_column(_enum(SubmissionSource))
    source_url: Mapped[str] = mapped_column(sa.String(500), default="")
    uploaded_by: Mapped[str] = mapped_column(sa.String(64))
    uploaded_at: Mapped[datetime] = mapped_column(default=_now)
    printed_name: Mapped[str] = mapped_column(sa.String(200), default="")  # the agency name the report prints
    printed_year: Mapped[int | None] = mapped_column()
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    candidates: Mapped[list[Any]] = mapped_column(sa.JSON)  # [{"agency_id", "name", "score", "basis"}]


class LedgerComment(Base):
    """A supervisor's remark on a subordinate agency's ledger record (the supervisor reads, the agency
    changes): what "comments only" means for a region's office."""

    __tablename__ = "ledger_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(sa.ForeignKey("agencies.id"), index=True)
    request_id: Mapped[int | None] = mapped_column(sa.ForeignKey("requests.id", ondelete="CASCADE"), index=True)
    author: Mapped[str] = mapped_column(sa.String(64))
    at: Mapped[datetime] = mapped_column(default=_now)
    text: Mapped[str] = mapped_column(sa.Text)


class Bulletin(Base):
    """The 通报 text of a region-year as the supervisor edited it (absent = freshly generated)."""

    __tablename__ = "bulletins"
    __table_args__ = (sa.UniqueConstraint("agency_id", "year", name="uq_bulletins_agency_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(sa.ForeignKey("agencies.id"))  # the region's root
    year: Mapped[int] = mapped_column()
    title: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text)
    updated_by: Mapped[str] = mapped_column(sa.String(64))
    updated_at: Mapped[datetime] = mapped_column(default=_now, onupdate=_now)


class ScoringScheme(Base):
    """A region's scoring scheme as the supervisor edited it (JSON of ``gongkai.supervise.scoring``)."""

    __tablename__ = "scoring_schemes"

    agency_id: Mapped[int] = mapped_column(sa.ForeignKey("agencies.id"), primary_key=True, autoincrement=False)
    scheme: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    updated_by: Mapped[str] = mapped_column(sa.String(64))
    updated_at: Mapped[datetime] = mapped_column(default=_now, onupdate=_now)
