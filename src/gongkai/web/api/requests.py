"""Requests, their events and decisions."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from gongkai.ledger import (
    EventKind,
    RequestIn,
    RequestStatus,
    RequestUpdate,
    count_requests,
    create_request,
    decide,
    explain_due,
    get_request,
    list_requests,
    record_event,
    reopen,
    send_reply,
    update_request,
)
from gongkai.ledger import Request as LedgerRequest
from gongkai.web.api.schemas import (
    DeadlineOut,
    DecisionIn,
    EventIn,
    EventOut,
    RequestDetail,
    RequestOut,
    RequestPage,
)
from gongkai.web.deps import ApiAgencies, ApiUser, SessionDep, Today

router = APIRouter(prefix="/requests", tags=["申请 requests"])


def detail(session: SessionDep, found: LedgerRequest, today: Today) -> RequestDetail:
    deadline = explain_due(session=session, request=found, today=today)
    out = RequestOut.model_validate(found).model_dump()
    return RequestDetail(
        **out,
        events=[EventOut.model_validate(e) for e in found.events],
        deadline=DeadlineOut.model_validate(deadline),
    )


@router.get("", response_model=RequestPage, summary="列出和搜索申请")
def list_(session: SessionDep, user: ApiUser, visible: ApiAgencies,
          q: Annotated[str | None, Query(max_length=100, description="编号、申请人或内容")] = None,
          status: RequestStatus | None = None, year: Annotated[int | None, Query(ge=1991, le=2199)] = None,
          open_only: bool = False, limit: Annotated[int, Query(ge=1, le=500)] = 100,
          offset: Annotated[int, Query(ge=0)] = 0) -> RequestPage:
    filters: dict[str, Any] = {"agency_ids": visible, "status": status, "year": year, "open_only": open_only, "search": q or None}
    rows = list_requests(session=session, limit=limit, offset=offset, **filters)
    return RequestPage(total=count_requests(session=session, **filters), limit=limit, offset=offset,
                       items=[RequestOut.model_validate(r) for r in rows])


@router.post("", response_model=RequestDetail, status_code=201, summary="登记申请")
def create(session: SessionDep, user: ApiUser, data: RequestIn, today: Today) -> RequestDetail:
    return detail(session, create_request(session=session, actor=user, data=data, today=today), today)


@router.get("/{request_id}", response_model=RequestDetail, summary="申请详情、办理过程和答复期限说明")
def read(session: SessionDep, user: ApiUser, request_id: int, today: Today) -> RequestDetail:
    return detail(session, get_request(session=session, user=user, request_id=request_id), today)


@router.patch("/{request_id}", response_model=RequestDetail, summary="修改登记信息（只改给出的字段）")
def patch(session: SessionDep, user: ApiUser, request_id: int, data: RequestUpdate, today: Today) -> RequestDetail:
    found = get_request(session=session, user=user, request_id=request_id)
    return detail(session, update_request(session=session, actor=user, request=found, data=data, today=today), today)


@router.post("/{request_id}/events", response_model=RequestDetail, status_code=201, summary="记录办理环节")
def add_event(session: SessionDep, user: ApiUser, request_id: int, data: EventIn, today: Today) -> RequestDetail:
    found = get_request(session=session, user=user, request_id=request_id)
    kind = EventKind(data.kind)
    if kind == EventKind.REPLY_SENT:
        send_reply(session=session, actor=user, request=found, on=data.on, note=data.note, today=today)
    else:
        record_event(session=session, actor=user, request=found, kind=kind, on=data.on, note=data.note,
                     days=data.days, today=today)
    return detail(session, found, today)


@router.post("/{request_id}/decision", response_model=RequestDetail, summary="作出办理决定（表三的一个结果行）")
def add_decision(session: SessionDep, user: ApiUser, request_id: int, data: DecisionIn, today: Today) -> RequestDetail:
    found = get_request(session=session, user=user, request_id=request_id)
    return detail(session, decide(session=session, actor=user, request=found, outcome=data.outcome, on=data.on,
                                  note=data.note, today=today), today)


@router.post("/{request_id}/reopen", response_model=RequestDetail, summary="撤回决定，重新办理")
def reopen_(request: Request, session: SessionDep, user: ApiUser, request_id: int, today: Today) -> RequestDetail:
    found = get_request(session=session, user=user, request_id=request_id)
    return detail(session, reopen(session=session, actor=user, request=found, today=today), today)
