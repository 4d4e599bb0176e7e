"""The one door through which a review's state changes, and the submissions that feed it.

``transition`` checks ``ALLOWED``, checks the version the caller saw, writes a ``ReviewEvent`` and
an audit row. Two supervisors who accept and return the same report at the same moment both read
version N; the first UPDATE ... WHERE version = N wins, the second matches no row and gets
``ReviewConflict`` (HTTP 409, "已被他人修改，请刷新后重试"). Acceptance is gated on the latest
submission's report errors that the supervisor has not dismissed; an override needs a reason,
which is kept on the event and the review.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from gongkai.errors import InputError, InvalidTransition, LedgerError
from gongkai.ledger.models import User
from gongkai.ledger.trail import actor_name, record_change
from gongkai.model.findings import Finding
from gongkai.settings import Settings
from gongkai.supervise.fingerprint import of_finding
from gongkai.supervise.records import (
    STATE_LABELS,
    FindingReview,
    Review,
    ReviewEvent,
    ReviewState,
    Submission,
    SubmissionFinding,
    SubmissionSource,
    Verdict,
)

S = ReviewState
CONFLICT = "已被他人修改，请刷新后重试"

ALLOWED: dict[ReviewState, frozenset[ReviewState]] = {
    S.NOT_SUBMITTED: frozenset({S.SUBMITTED}),
    S.SUBMITTED: frozenset({S.SUBMITTED, S.RETURNED, S.ACCEPTED}),  # SUBMITTED → SUBMITTED: a new version
    S.RETURNED: frozenset({S.SUBMITTED}),
    S.ACCEPTED: frozenset({S.PUBLISHED, S.RETURNED, S.SUBMITTED}),  # reopened, or corrected after acceptance
    S.PUBLISHED: frozenset({S.RETURNED, S.SUBMITTED}),
}


class ReviewConflict(InvalidTransition):
    """Someone else changed the review since the caller read it."""


class AcceptBlocked(InvalidTransition):
    """Report errors remain that nobody dismissed, and no override reason was given."""


def _busy(exc: OperationalError) -> bool:
    """SQLite refusing a second writer (its transaction read before the other one wrote): a lost race."""
    return "database is locked" in str(exc.orig)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


# --- reading a file -------------------------------------------------------------------------------


@dataclass(slots=True)
class Analysis:
    """What gongkai reads from a submitted file; made outside any transaction (it takes a while)."""

    report: dict[str, Any] | None
    findings: list[Finding] = field(default_factory=list)
    template: str | None = None
    agency: str | None = None
    year: int | None = None
    error: str = ""


def analyse(name: str, data: bytes, settings: Settings | None = None) -> Analysis:
    """Read and audit one file; an unreadable file is an Analysis with ``error``, never an exception."""
    from gongkai.api import check, read

    try:
        report = read(name, data=data, settings=settings)
    except InputError as exc:
        return Analysis(report=None, error=exc.message)
    findings = check([report], settings=settings)
    template = str(report.template) if report.template is not None else None
    return Analysis(report=report.to_json(), findings=findings, template=template, agency=report.agency,
                    year=report.year)


# --- reviews and their one door -------------------------------------------------------------------


def get_review(session: Session, agency_id: int, year: int) -> Review | None:
    return session.scalar(sa.select(Review).where(Review.agency_id == agency_id, Review.year == year))


def ensure_review(session: Session, agency_id: int, year: int) -> Review:
    """The review row of an agency-year, created (state 未提交) on first need."""
    review = get_review(session, agency_id, year)
    if review is not None:
        return review
    review = Review(agency_id=agency_id, year=year, state=S.NOT_SUBMITTED, comment="", published_url="",
                    override_reason="")
    session.add(review)
    try:
        session.flush()
    except (IntegrityError, OperationalError) as exc:  # created by someone else a moment ago
        if isinstance(exc, OperationalError) and not _busy(exc):
            raise
        raise ReviewConflict(CONFLICT, message_en="review created concurrently") from exc
    return review


def transition(
    *,
    session: Session,
    review: Review,
    to: ReviewState,
    actor: User | None,
    comment: str = "",
    due_on: date | None = None,
    submission_id: int | None = None,
    expected_version: int | None = None,
    changes: Mapping[str, Any] | None = None,
    at: datetime | None = None,
) -> ReviewEvent:
    """Move ``review`` to ``to`` or raise; ``expected_version`` is the version the caller's page showed.

    ``changes`` are other columns of the review set in the same UPDATE (a return's comment and due date);
    ``at`` is when it happened, if not now (files collected earlier, the demo's season).
    """
    current, review_id = ReviewState(review.state), review.id  # read now: after a failed flush nothing can be
    if expected_version is not None and expected_version != review.version:
        raise ReviewConflict(CONFLICT, message_en=f"review {review_id}: version {expected_version} is stale")
    if to not in ALLOWED[current]:
        raise InvalidTransition(
            f"{review.agency.name} {review.year}年度报告当前为「{STATE_LABELS[current]}」，不能变为「{STATE_LABELS[to]}」",
            message_en=f"review {review.id}: {current} → {to} is not allowed",
        )
    try:
        return _apply(session=session, review=review, current=current, to=to, actor=actor, comment=comment,
                      due_on=due_on, submission_id=submission_id, changes=changes, at=at or _now())
    except (StaleDataError, OperationalError) as exc:  # UPDATE ... WHERE version = N matched nothing
        if isinstance(exc, OperationalError) and not _busy(exc):
            raise
        raise ReviewConflict(CONFLICT, message_en=f"review {review_id} changed concurrently") from exc


def _apply(*, session: Session, review: Review, current: ReviewState, to: ReviewState, actor: User | None,
           comment: str, due_on: date | None, submission_id: int | None,
           changes: Mapping[str, Any] | None, at: datetime) -> ReviewEvent:
    """The writes of ``transition``; any flush in here (autoflush included) may find the row changed."""
    for name, value in (changes or {}).items():
        setattr(review, name, value)
    review.state = to
    review.updated_at = at
    event = ReviewEvent(actor=actor_name(actor), from_state=current, to_state=to, comment=comment, due_on=due_on,
                        submission_id=submission_id, at=at)
    review.events.append(event)
    session.add(event)
    record_change(session=session, actor=actor, entity="review", entity_id=review.id, action=f"state:{to.value}",
                  before={"state": current.value}, after={"state": to.value})
    session.flush()
    return event


# --- submissions ----------------------------------------------------------------------------------


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def latest_submission(session: Session, agency_id: int, year: int) -> Submission | None:
    return session.scalar(sa.select(Submission).where(Submission.agency_id == agency_id, Submission.year == year)
                          .order_by(Submission.version.desc()).limit(1))


@dataclass(frozen=True, slots=True)
class Submitted:
    submission: Submission
    created: bool  # False: the same bytes were already submitted for this agency-year


def submit(
    *,
    session: Session,
    agency_id: int,
    year: int,
    file_name: str,
    data: bytes,
    source: SubmissionSource,
    actor: User | None,
    analysis: Analysis,
    source_url: str = "",
    at: datetime | None = None,
) -> Submitted:
    """Store a new version (or find the identical one) and move the review to 已提交.

    ``at``: when the file was handed in, if not now (a batch collected earlier; the demo).
    """
    digest = sha256(data)
    same = session.scalar(sa.select(Submission).where(Submission.agency_id == agency_id, Submission.year == year,
                                                      Submission.sha256 == digest))
    if same is not None:
        return Submitted(same, created=False)
    review = ensure_review(session, agency_id, year)
    last = session.scalar(sa.select(sa.func.max(Submission.version))
                          .where(Submission.agency_id == agency_id, Submission.year == year))
    findings = analysis.findings
    submission = Submission(
        agency_id=agency_id, year=year, version=(last or 0) + 1, sha256=digest, file_name=file_name[:200],
        data=data, source=source, source_url=source_url[:500], submitted_by=actor_name(actor),
        submitted_at=at or _now(), report=analysis.report, read_error=analysis.error, template=analysis.template,
        errors=sum(1 for f in findings if f.is_report_error),
        warnings=sum(1 for f in findings if str(f.severity) == "warning" and str(f.kind) == "report"),
        reading=sum(1 for f in findings if str(f.kind) == "reading"),
    )
    submission.findings = [
        SubmissionFinding(position=i, rule=f.rule, severity=str(f.severity), kind=str(f.kind), where=f.where,
                          message=f.message, fingerprint=of_finding(f))
        for i, f in enumerate(findings)
    ]
    session.add(submission)
    try:
        session.flush()
    except (IntegrityError, OperationalError) as exc:  # another upload took this version number a moment ago
        if isinstance(exc, OperationalError) and not _busy(exc):
            raise
        raise ReviewConflict(CONFLICT, message_en="submission version taken concurrently") from exc
    first = review.first_submitted_at or submission.submitted_at
    transition(session=session, review=review, to=S.SUBMITTED, actor=actor, submission_id=submission.id,
               comment=f"第 {submission.version} 版：{submission.file_name}", changes={"first_submitted_at": first},
               at=submission.submitted_at)
    return Submitted(submission, created=True)


# --- findings and the gate ------------------------------------------------------------------------


def verdicts(session: Session, agency_id: int, year: int) -> dict[str, FindingReview]:
    rows = session.scalars(sa.select(FindingReview).where(FindingReview.agency_id == agency_id,
                                                          FindingReview.year == year))
    return {row.fingerprint: row for row in rows}


def set_verdict(*, session: Session, agency_id: int, year: int, fingerprint: str, verdict: Verdict, reason: str,
                actor: User | None) -> FindingReview:
    """Confirm or dismiss a finding of an agency-year; a dismissal needs a reason."""
    reason = reason.strip()
    if verdict is Verdict.DISMISSED and not reason:
        raise LedgerError("认定“不属问题”须填写理由")
    row = session.scalar(sa.select(FindingReview).where(
        FindingReview.agency_id == agency_id, FindingReview.year == year, FindingReview.fingerprint == fingerprint))
    before = {"verdict": row.verdict.value, "reason": row.reason} if row is not None else None
    if row is None:
        row = FindingReview(agency_id=agency_id, year=year, fingerprint=fingerprint, verdict=verdict, reason=reason,
                            by=actor_name(actor), at=_now())
        session.add(row)
    else:
        row.verdict, row.reason, row.by, row.at = verdict, reason, actor_name(actor), _now()
    session.flush()
    record_change(session=session, actor=actor, entity="finding_review", entity_id=row.id, action=verdict.value,
                  before=before, after={"verdict": verdict.value, "reason": reason})
    return row


def blocking_findings(session: Session, submission: Submission | None) -> list[SubmissionFinding]:
    """The submission's report errors that no supervisor dismissed: what stands between it and 已通过."""
    if submission is None:
        return []
    dismissed = {fp for fp, row in verdicts(session, submission.agency_id, submission.year).items()
                 if row.verdict is Verdict.DISMISSED}
    return [f for f in submission.findings if f.is_report_error and f.fingerprint not in dismissed]


# --- the supervisor's actions ---------------------------------------------------------------------


def return_for_correction(*, session: Session, review: Review, actor: User | None, comment: str, due_on: date | None,
                          expected_version: int | None, at: datetime | None = None) -> ReviewEvent:
    comment = comment.strip()
    if not comment:
        raise LedgerError("退回修改须填写意见，说明需要修改的内容")
    return transition(session=session, review=review, to=S.RETURNED, actor=actor, comment=comment, due_on=due_on,
                      expected_version=expected_version, changes={"comment": comment, "due_on": due_on}, at=at)


def accept(*, session: Session, review: Review, actor: User | None, expected_version: int | None,
           override_reason: str = "", at: datetime | None = None) -> ReviewEvent:
    latest = latest_submission(session, review.agency_id, review.year)
    blocking = blocking_findings(session, latest)
    override_reason = override_reason.strip()
    if blocking and not override_reason:
        raise AcceptBlocked(
            f"尚有 {len(blocking)} 个错误未处理（未认定为“不属问题”），不能通过；如确需通过，请填写理由",
            message_en=f"{len(blocking)} unresolved errors")
    comment = f"尚有 {len(blocking)} 个错误，经说明理由后通过：{override_reason}" if blocking else ""
    return transition(session=session, review=review, to=S.ACCEPTED, actor=actor, comment=comment,
                      submission_id=latest.id if latest else None, expected_version=expected_version,
                      changes={"override_reason": override_reason if blocking else ""}, at=at)


def record_published(*, session: Session, review: Review, actor: User | None, url: str,
                     expected_version: int | None, at: datetime | None = None) -> ReviewEvent:
    url = url.strip()
    if not url.startswith(("http://", "https://")):
        raise LedgerError("发布网址应以 http:// 或 https:// 开头")
    return transition(session=session, review=review, to=S.PUBLISHED, actor=actor, comment=url,
                      expected_version=expected_version, changes={"published_url": url[:500]}, at=at)
