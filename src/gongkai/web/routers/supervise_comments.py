"""Supervisors' remarks on a subordinate agency's requests: they read the ledger and comment; the
agency's clerk sees the remarks on the request page (loaded into it, like the case file)."""

from __future__ import annotations

from typing import Annotated

import sqlalchemy as sa
from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import RedirectResponse, Response

from gongkai.errors import LedgerError, NotFound
from gongkai.ledger import Request as LedgerRequest
from gongkai.ledger import Role
from gongkai.ledger.trail import record_change
from gongkai.supervise.records import LedgerComment
from gongkai.web.deps import CurrentUser, PostedForm, SessionDep, VisibleAgencies, csrf_protect
from gongkai.web.templating import flash, render

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)

MAX_COMMENT = 2000


def _request(session: SessionDep, request_id: int, visible: frozenset[int]) -> LedgerRequest:
    found = session.get(LedgerRequest, request_id)
    if found is None or found.agency_id not in visible:
        raise NotFound("未找到该申请")
    return found


@router.get("/supervise/comments")
def comments(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies,
             request_id: Annotated[int, Query()]) -> Response:
    req = _request(session, request_id, visible)
    rows = session.scalars(sa.select(LedgerComment).where(LedgerComment.request_id == req.id)
                           .order_by(LedgerComment.id)).all()
    can_comment = user.role in (Role.SUPERVISOR, Role.ADMIN)
    template = "supervise/_comments.html" if request.headers.get("hx-request") else "supervise/comments.html"
    return render(request, template, req=req, comments=rows, can_comment=can_comment, max_chars=MAX_COMMENT)


@router.post("/supervise/comments")
def add_comment(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies,
                form: PostedForm) -> Response:
    try:
        request_id = int(str(form.get("request_id", "")))
    except ValueError as exc:
        raise NotFound("未找到该申请") from exc
    req = _request(session, request_id, visible)
    back = f"/requests/{req.id}#supervision-comments"
    if user.role not in (Role.SUPERVISOR, Role.ADMIN):
        raise NotFound("未找到该页面")
    text = str(form.get("text", "")).strip()
    try:
        if not text:
            raise LedgerError("意见不能为空")
        if len(text) > MAX_COMMENT:
            raise LedgerError(f"意见过长（最多 {MAX_COMMENT} 字）")
    except LedgerError as exc:
        flash(request, str(exc), "error")
        return RedirectResponse(back, status_code=303)
    comment = LedgerComment(agency_id=req.agency_id, request_id=req.id, author=user.display_name or user.username,
                            text=text)
    session.add(comment)
    session.flush()
    record_change(session=session, actor=user, entity="ledger_comment", entity_id=comment.id, action="create",
                  after={"request_id": req.id, "text": text})
    flash(request, "已添加监督意见")
    return RedirectResponse(back, status_code=303)
