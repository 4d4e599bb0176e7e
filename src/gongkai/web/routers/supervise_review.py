"""Collecting reports (files, zips, URLs), confirming fuzzy matches, and reviewing a submission.

Every state change posts the review's version as the page showed it; a page that is out of date
gets 409 "已被他人修改，请刷新后重试" instead of overwriting someone else's decision.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

import sqlalchemy as sa
from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from gongkai.errors import InvalidTransition, LedgerError, NotFound
from gongkai.settings import Settings
from gongkai.supervise import workflow
from gongkai.supervise.collect import Collection, Origin, add_zip
from gongkai.supervise.records import (
    SOURCE_LABELS,
    STATE_LABELS,
    VERDICT_LABELS,
    PendingFile,
    Review,
    Submission,
    SubmissionFinding,
    SubmissionSource,
    Verdict,
)
from gongkai.supervise.season import BatchLine, confirm_pending, take_collection
from gongkai.web.deps import (
    CurrentUser,
    PostedForm,
    SessionDep,
    SettingsDep,
    Today,
    VisibleAgencies,
    csrf_protect,
)
from gongkai.web.routers.upload import safe_name
from gongkai.web.supervision import RegionView, excerpt, locate, region_view, scoped_submission, source_text
from gongkai.web.templating import flash, render

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)

RegionQuery = Annotated[int | None, Query()]
YearQuery = Annotated[int | None, Query(ge=1991, le=2199)]
BATCH_LIMIT = 200 * 1024 * 1024
MAX_URLS = 300
CONTEXT_LINES = 6


# --- collecting -----------------------------------------------------------------------------------


@router.get("/supervise/collect")
def collect_page(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies, today: Today,
                 region: RegionQuery = None, year: YearQuery = None) -> Response:
    view = region_view(session, user, visible, region, year, today)
    return render(request, "supervise/collect.html", view=view, lines=None)


def _view_then_release(session: SessionDep, user: CurrentUser, visible: frozenset[int], region: int | None,
                       year: int | None, today: Today) -> RegionView:
    """The region, then end the (read-only) transaction: a write session holds SQLite's write lock from
    its first statement, and reading or fetching a batch takes seconds to minutes."""
    view = region_view(session, user, visible, region, year, today)
    session.commit()
    return view


def _analyse_all(collection: Collection, settings: Settings) -> list[workflow.Analysis]:
    return [workflow.analyse(item.reader_name, item.data, settings) for item in collection.items]


@router.post("/supervise/collect")
async def collect_files(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies,
                        today: Today, settings: SettingsDep, files: Annotated[list[UploadFile], File()],
                        region: RegionQuery = None, year: YearQuery = None) -> Response:
    view = await run_in_threadpool(_view_then_release, session, user, visible, region, year, today)
    collection = Collection()
    total = 0
    for upload in files:
        name = safe_name(upload.filename)
        data = await upload.read(BATCH_LIMIT + 1)
        total += len(data)
        if total > BATCH_LIMIT:
            collection.fail(name, "本批文件总大小超过 200 MB，其余文件未收取")
            break
        if not data:
            continue
        if name.lower().endswith(".zip"):
            await run_in_threadpool(add_zip, collection, data, name, by=user.username)
        else:
            collection.add_bytes(name, data, origin=Origin.FILE, source=name, by=user.username)
    return await _take(request, session, user, view, collection, SubmissionSource.BATCH, settings)


@router.post("/supervise/collect/urls")
async def collect_urls(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies,
                       today: Today, settings: SettingsDep, urls: Annotated[str, Form(max_length=100_000)],
                       region: RegionQuery = None, year: YearQuery = None) -> Response:
    from gongkai.supervise.collect import collect_urls as fetch_all

    view = await run_in_threadpool(_view_then_release, session, user, visible, region, year, today)
    given = [u.strip() for u in urls.splitlines() if u.strip() and not u.strip().startswith("#")][:MAX_URLS]
    collection = await run_in_threadpool(lambda: fetch_all(given, by=user.username))
    return await _take(request, session, user, view, collection, SubmissionSource.URL, settings)


async def _take(request: Request, session: SessionDep, user: CurrentUser, view: RegionView, collection: Collection,
                source: SubmissionSource, settings: Settings) -> Response:
    analyses = await run_in_threadpool(_analyse_all, collection, settings)  # slow part: before any write

    def store() -> list[BatchLine]:
        return take_collection(session=session, root_id=view.root.id, year=view.year, collection=collection,
                               actor=user, source=source, analyses=analyses)

    lines = await run_in_threadpool(store)
    counts = {k: sum(1 for line in lines if line.outcome == k)
              for k in ("submitted", "same", "pending", "unmatched", "unreadable")}
    return render(request, "supervise/collect.html", view=view, lines=lines, counts=counts)


# --- fuzzy matches waiting for a decision ---------------------------------------------------------


@router.get("/supervise/pending")
def pending_page(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies, today: Today,
                 region: RegionQuery = None, year: YearQuery = None) -> Response:
    view = region_view(session, user, visible, region, year, today)
    pending = session.scalars(sa.select(PendingFile).where(PendingFile.region_id == view.root.id,
                                                           PendingFile.year == view.year).order_by(PendingFile.id)).all()
    from gongkai.supervise.season import members

    return render(request, "supervise/pending.html", view=view, pending=pending,
                  agencies=[(m.id, m.name) for m in members(session, view.root.id)])


@router.post("/supervise/pending/{pending_id}")
def pending_decide(request: Request, pending_id: int, user: CurrentUser, session: SessionDep,
                   visible: VisibleAgencies, settings: SettingsDep, form: PostedForm) -> Response:
    pending = session.get(PendingFile, pending_id)
    if pending is None or pending.region_id not in visible:
        raise NotFound("未找到该文件")
    back = f"/supervise/pending?region={pending.region_id}&year={pending.year}"
    if form.get("action") == "discard":
        session.delete(pending)
        flash(request, f"已舍弃 {pending.file_name}")
        return RedirectResponse(back, status_code=303)
    try:
        agency_id = int(str(form.get("agency_id", "")))
    except ValueError:
        flash(request, "请选择该报告所属的机关", "error")
        return RedirectResponse(back, status_code=303)
    if agency_id not in visible:
        raise NotFound("未找到该机关")
    submission = confirm_pending(session=session, pending=pending, agency_id=agency_id, actor=user, settings=settings)
    flash(request, f"已确认：{submission.file_name} 为 {submission.agency.name} 的报告（第 {submission.version} 版）")
    return RedirectResponse(back, status_code=303)


# --- one submission -------------------------------------------------------------------------------


@router.get("/supervise/submissions/{submission_id}")
def submission_page(request: Request, submission_id: int, user: CurrentUser, session: SessionDep,
                    visible: VisibleAgencies, settings: SettingsDep,
                    finding: Annotated[int | None, Query()] = None) -> Response:
    submission = scoped_submission(session, submission_id, visible)
    review = workflow.ensure_review(session, submission.agency_id, submission.year)
    versions = session.scalars(sa.select(Submission).where(Submission.agency_id == submission.agency_id,
                                                           Submission.year == submission.year)
                               .order_by(Submission.version.desc())).all()
    verdicts = workflow.verdicts(session, submission.agency_id, submission.year)
    latest = versions[0]
    blocking = {f.id for f in workflow.blocking_findings(session, submission)}
    chosen = next((f for f in submission.findings if f.id == finding), None)
    excerpt = _excerpt(submission, chosen, settings) if chosen is not None else None
    from gongkai.supervise.records import ReviewState as RS

    return render(request, "supervise/submission.html", submission=submission, review=review, versions=versions,
                  latest=latest, verdicts=verdicts, blocking=blocking, chosen=chosen, excerpt=excerpt,
                  state_labels=STATE_LABELS, source_labels=SOURCE_LABELS, verdict_labels=VERDICT_LABELS,
                  supervisor=user.role.value in ("supervisor", "admin"), own=user.agency_id == submission.agency_id,
                  can_return=RS.RETURNED in workflow.ALLOWED[review.state],
                  can_accept=RS.ACCEPTED in workflow.ALLOWED[review.state],
                  can_publish=RS.PUBLISHED in workflow.ALLOWED[review.state])


def _excerpt(submission: Submission, finding: SubmissionFinding, settings: Settings) -> dict[str, object]:
    """The lines of the original around the finding's place, the printed span marked."""
    report = submission.report or {}
    place = (report.get("provenance") or {}).get(finding.where) if finding.where else None
    text = source_text(submission.file_name, submission.data, settings)
    if text is None:
        return {"lines": [], "place": place, "how": "", "note": "该格式无法逐行显示原文，请下载原件核对"}
    found = locate(report, finding.where, finding.message, text)
    if found is None:
        return {"lines": [], "place": place, "how": "", "note": "该问题涉及整份报告，没有具体位置"}
    start, end, how = found
    return {"lines": excerpt(text, start, end, CONTEXT_LINES), "place": place, "how": how, "note": ""}


@router.get("/supervise/submissions/{submission_id}/original")
def submission_original(submission_id: int, user: CurrentUser, session: SessionDep, visible: VisibleAgencies) -> Response:
    from gongkai.web.annual import content_disposition

    submission = scoped_submission(session, submission_id, visible)
    return Response(submission.data, media_type="application/octet-stream",
                    headers={"Content-Disposition": content_disposition(submission.file_name,
                                                                        f"submission-{submission.id}.bin")})


@router.post("/supervise/findings/{finding_id}")
def finding_verdict(request: Request, finding_id: int, user: CurrentUser, session: SessionDep,
                    visible: VisibleAgencies, form: PostedForm) -> Response:
    finding = session.get(SubmissionFinding, finding_id)
    if finding is None or finding.submission.agency_id not in visible or user.role.value == "clerk":
        raise NotFound("未找到该问题")
    submission = finding.submission
    back = f"/supervise/submissions/{submission.id}#f{finding.id}"
    try:
        verdict = Verdict(str(form.get("verdict", "")))
        workflow.set_verdict(session=session, agency_id=submission.agency_id, year=submission.year,
                             fingerprint=finding.fingerprint, verdict=verdict, reason=str(form.get("reason", "")),
                             actor=user)
    except ValueError:
        flash(request, "请选择“确认问题”或“不属问题”", "error")
        return RedirectResponse(back, status_code=303)
    except LedgerError as exc:
        session.rollback()
        flash(request, str(exc), "error")
        return RedirectResponse(back, status_code=303)
    flash(request, f"已标记为“{VERDICT_LABELS[verdict]}”：{finding.message[:40]}")
    return RedirectResponse(back, status_code=303)


def _version(form: PostedForm) -> int | None:
    try:
        return int(str(form.get("version", "")))
    except ValueError:
        return None


def _review(session: SessionDep, review_id: int, visible: frozenset[int], user: CurrentUser) -> Review:
    review = session.get(Review, review_id)
    if review is None or review.agency_id not in visible or user.role.value == "clerk":
        raise NotFound("未找到该审查记录")
    return review


def _back(session: SessionDep, review: Review) -> str:
    latest = workflow.latest_submission(session, review.agency_id, review.year)
    return f"/supervise/submissions/{latest.id}" if latest else f"/supervise?year={review.year}"


@router.post("/supervise/reviews/{review_id}/return")
def review_return(request: Request, review_id: int, user: CurrentUser, session: SessionDep, visible: VisibleAgencies,
                  form: PostedForm) -> Response:
    review = _review(session, review_id, visible, user)
    due_text = str(form.get("due_on", "")).strip()
    try:
        due_on = date.fromisoformat(due_text) if due_text else None
    except ValueError:
        flash(request, "修改期限的日期格式不正确，应为“年-月-日”", "error")
        return RedirectResponse(_back(session, review), status_code=303)
    try:
        workflow.return_for_correction(session=session, review=review, actor=user, comment=str(form.get("comment", "")),
                                       due_on=due_on, expected_version=_version(form))
    except workflow.ReviewConflict:
        raise
    except (InvalidTransition, LedgerError) as exc:
        session.rollback()
        flash(request, str(exc), "error")
        return RedirectResponse(_back(session, review), status_code=303)
    flash(request, f"已退回 {review.agency.name} 修改" + (f"，限 {due_on.isoformat()} 前改正" if due_on else ""))
    return RedirectResponse(_back(session, review), status_code=303)


@router.post("/supervise/reviews/{review_id}/accept")
def review_accept(request: Request, review_id: int, user: CurrentUser, session: SessionDep, visible: VisibleAgencies,
                  form: PostedForm) -> Response:
    review = _review(session, review_id, visible, user)
    try:
        workflow.accept(session=session, review=review, actor=user, expected_version=_version(form),
                        override_reason=str(form.get("override_reason", "")))
    except workflow.ReviewConflict:
        raise
    except (InvalidTransition, LedgerError) as exc:
        session.rollback()
        flash(request, str(exc), "error")
        return RedirectResponse(_back(session, review), status_code=303)
    flash(request, f"{review.agency.name} {review.year}年度报告已审查通过")
    return RedirectResponse(_back(session, review), status_code=303)


@router.post("/supervise/reviews/{review_id}/publish")
def review_publish(request: Request, review_id: int, user: CurrentUser, session: SessionDep, visible: VisibleAgencies,
                   form: PostedForm) -> Response:
    review = _review(session, review_id, visible, user)
    try:
        workflow.record_published(session=session, review=review, actor=user, url=str(form.get("url", "")),
                                  expected_version=_version(form))
    except workflow.ReviewConflict:
        raise
    except (InvalidTransition, LedgerError) as exc:
        session.rollback()
        flash(request, str(exc), "error")
        return RedirectResponse(_back(session, review), status_code=303)
    flash(request, "已记录发布网址")
    return RedirectResponse(_back(session, review), status_code=303)
