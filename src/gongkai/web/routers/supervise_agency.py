"""The agency's side of the season: hand in the report (one click from the ledger, or a file) and see
what the supervisor said. A clerk sees only their own agency's review, its comments and findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

import sqlalchemy as sa
from fastapi import APIRouter, Depends, File, Query, Request, UploadFile
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from gongkai.errors import GongkaiError, NotFound
from gongkai.ledger import Agency, Role, User
from gongkai.supervise import workflow
from gongkai.supervise.ledger_report import ledger_submission
from gongkai.supervise.records import STATE_LABELS, Review, ReviewState, Submission, SubmissionSource
from gongkai.supervise.season import season_year
from gongkai.web.deps import CurrentUser, SessionDep, SettingsDep, Today, VisibleAgencies, csrf_protect
from gongkai.web.routers.upload import UploadRejected, read_upload
from gongkai.web.scope import pick_agency
from gongkai.web.templating import flash, render

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)

YearQuery = Annotated[int | None, Query(ge=1991, le=2199)]


@dataclass(frozen=True, slots=True)
class Notice:
    """What a clerk's dashboard says about the agency's annual report for the year."""

    year: int
    state: ReviewState
    comment: str
    due_on: date | None
    deadline: date

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]


def clerk_notice(session: Session, user: User, today: date) -> Notice | None:
    """The season's line on a clerk's dashboard (None for other roles): a report sent back for
    correction comes first, whatever its year; otherwise the state of this season's report."""
    if user.role is not Role.CLERK or user.agency_id is None:
        return None
    from gongkai.supervise.season import member

    returned = session.execute(sa.select(Review.year, Review.state, Review.comment, Review.due_on)
                               .where(Review.agency_id == user.agency_id, Review.state == ReviewState.RETURNED)
                               .order_by(Review.year.desc()).limit(1)).first()
    year = returned[0] if returned else season_year(today)
    row = returned or session.execute(sa.select(Review.year, Review.state, Review.comment, Review.due_on)
                                      .where(Review.agency_id == user.agency_id, Review.year == year)).first()
    own = member(session, user.agency_id)
    deadline = own.due(year) if own else date(year + 1, 1, 31)
    if row is None:
        return Notice(year, ReviewState.NOT_SUBMITTED, "", None, deadline)
    return Notice(year, ReviewState(row[1]), row[2] or "", row[3], deadline)


def _agency(user: User, visible: frozenset[int], session: Session) -> Agency:
    if user.role is not Role.CLERK:
        raise NotFound("“年度报告报送”供机关经办人使用；监督人请使用“报告审查”")
    agency = session.get(Agency, pick_agency(user, visible, None))
    assert agency is not None
    return agency


@router.get("/my-report")
def my_report(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies, today: Today,
              year: YearQuery = None) -> Response:
    agency = _agency(user, visible, session)
    year = year or season_year(today)
    review = workflow.get_review(session, agency.id, year)
    versions = session.scalars(sa.select(Submission).where(Submission.agency_id == agency.id, Submission.year == year)
                               .order_by(Submission.version.desc())).all()
    from gongkai.supervise.season import member

    own = member(session, agency.id)
    return render(request, "supervise/my_report.html", agency=agency, year=year, review=review, versions=versions,
                  state_labels=STATE_LABELS, deadline=own.due(year) if own else None, today=today,
                  keeps_ledger=not (own and own.publishes_only),
                  years=list(range(season_year(today), season_year(today) - 5, -1)),
                  can_submit=review is None or ReviewState.SUBMITTED in workflow.ALLOWED[review.state])


@router.post("/my-report/ledger")
def submit_from_ledger(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies,
                       today: Today, year: YearQuery = None) -> Response:
    agency = _agency(user, visible, session)
    year = year or season_year(today)
    from gongkai.supervise.season import member

    own = member(session, agency.id)
    if own is not None and own.publishes_only:
        flash(request, "本机关登记为“仅发布”，不在本系统记台账；请上传已发布的报告文件", "error")
        return RedirectResponse(f"/my-report?year={year}", status_code=303)
    try:
        data, name, analysis = ledger_submission(session, agency.id, year)
    except GongkaiError as exc:
        flash(request, f"无法生成年度报告：{exc}", "error")
        return RedirectResponse(f"/my-report?year={year}", status_code=303)
    done = workflow.submit(session=session, agency_id=agency.id, year=year, file_name=name, data=data,
                           source=SubmissionSource.LEDGER, actor=user, analysis=analysis)
    flash(request, f"已报送台账生成的{year}年度报告（第 {done.submission.version} 版）" if done.created
          else "台账生成的报告与已报送的版本相同，无需重复报送")
    return RedirectResponse(f"/my-report?year={year}", status_code=303)


@router.post("/my-report/upload")
async def submit_upload(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies,
                        today: Today, settings: SettingsDep, file: Annotated[UploadFile, File()],
                        year: YearQuery = None) -> Response:
    agency = await run_in_threadpool(_agency, user, visible, session)
    await run_in_threadpool(session.commit)  # no write lock held while the file is read (seconds)
    year = year or season_year(today)
    try:
        name, data = await read_upload(file)
    except UploadRejected as exc:
        flash(request, exc.message, "error")
        return RedirectResponse(f"/my-report?year={year}", status_code=303)
    analysis = await run_in_threadpool(workflow.analyse, name, data, settings)
    if analysis.error:
        flash(request, f"无法读取 {name}：{analysis.error}", "error")
        return RedirectResponse(f"/my-report?year={year}", status_code=303)
    if analysis.year is not None and analysis.year != year:
        flash(request, f"{name} 是 {analysis.year} 年度的报告，不是 {year} 年度的；请确认后重新上传", "error")
        return RedirectResponse(f"/my-report?year={year}", status_code=303)

    def store() -> workflow.Submitted:
        return workflow.submit(session=session, agency_id=agency.id, year=year, file_name=name, data=data,
                               source=SubmissionSource.UPLOAD, actor=user, analysis=analysis)

    done = await run_in_threadpool(store)
    flash(request, f"已提交 {name}（第 {done.submission.version} 版）" if done.created
          else f"{name} 与已提交的版本相同，未重复提交")
    return RedirectResponse(f"/my-report?year={year}", status_code=303)
