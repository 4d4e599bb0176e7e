"""Requests, their events and decisions, and corrections.

Concurrency: every response carries the request's ``version`` (also as ``ETag: "<version>"``).
A change may send ``If-Match: "<version>"``; when the request has changed since, the answer is
409 "该申请已被他人修改，请刷新后重试" and nothing is changed. Without If-Match the change is still
made against the committed state (row lock), so two racing changes cannot both land.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from gongkai.ledger import (
    EventKind,
    RequestIn,
    RequestStatus,
    RequestUpdate,
    correct_event,
    count_requests,
    create_request,
    decide,
    explain_due,
    get_request,
    list_requests,
    record_event,
    remove_event,
    reopen,
    send_reply,
    update_request,
    withdraw_reply,
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

IfMatch = Annotated[str | None, Header(description='版本号，如 "3"（见响应的 version 字段或 ETag）；不一致时返回 409')]


class ReasonIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: str = Field(min_length=1, max_length=500, description="撤回、更正或删除的理由（记入修改记录）")


class EventFixIn(ReasonIn):
    on: date
    days: int | None = Field(default=None, ge=1, le=60)
    note: str | None = Field(default=None, max_length=2000)


def expected(if_match: str | None) -> int | None:
    if if_match is None:
        return None
    raw = if_match.strip().removeprefix("W/").strip('"')
    if not raw.isdigit():
        raise HTTPException(400, detail='If-Match 应为版本号，如 "3"')
    return int(raw)


def detail(session: SessionDep, found: LedgerRequest, today: Today, response: Response | None = None) -> RequestDetail:
    deadline = explain_due(session=session, request=found, today=today)
    out = RequestOut.model_validate(found).model_dump()
    if response is not None:
        response.headers["ETag"] = f'"{found.version}"'
    return RequestDetail(
        **out,
        events=[EventOut.model_validate(e) for e in found.events],
        deadline=DeadlineOut.model_validate(deadline),
    )


def _locked(session: SessionDep, user: ApiUser, request_id: int) -> LedgerRequest:
    return get_request(session=session, user=user, request_id=request_id, for_update=True)


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
def create(session: SessionDep, user: ApiUser, data: RequestIn, today: Today, response: Response) -> RequestDetail:
    return detail(session, create_request(session=session, actor=user, data=data, today=today), today, response)


@router.get("/{request_id}", response_model=RequestDetail, summary="申请详情、办理过程和答复期限说明")
def read(session: SessionDep, user: ApiUser, request_id: int, today: Today, response: Response) -> RequestDetail:
    return detail(session, get_request(session=session, user=user, request_id=request_id), today, response)


@router.patch("/{request_id}", response_model=RequestDetail, summary="修改登记信息（只改给出的字段）")
def patch(session: SessionDep, user: ApiUser, request_id: int, data: RequestUpdate, today: Today,
          response: Response, if_match: IfMatch = None) -> RequestDetail:
    found = _locked(session, user, request_id)
    update_request(session=session, actor=user, request=found, data=data, today=today,
                   expected_version=expected(if_match))
    return detail(session, found, today, response)


@router.post("/{request_id}/events", response_model=RequestDetail, status_code=201, summary="记录办理环节")
def add_event(session: SessionDep, user: ApiUser, request_id: int, data: EventIn, today: Today,
              response: Response, if_match: IfMatch = None) -> RequestDetail:
    found = _locked(session, user, request_id)
    kind = EventKind(data.kind)
    if kind == EventKind.REPLY_SENT:
        send_reply(session=session, actor=user, request=found, on=data.on, note=data.note, today=today,
                   expected_version=expected(if_match))
    else:
        record_event(session=session, actor=user, request=found, kind=kind, on=data.on, note=data.note,
                     days=data.days, today=today, expected_version=expected(if_match))
    return detail(session, found, today, response)


@router.post("/{request_id}/decision", response_model=RequestDetail, summary="作出办理决定（表三的一个结果行）")
def add_decision(session: SessionDep, user: ApiUser, request_id: int, data: DecisionIn, today: Today,
                 response: Response, if_match: IfMatch = None) -> RequestDetail:
    found = _locked(session, user, request_id)
    decide(session=session, actor=user, request=found, outcome=data.outcome, on=data.on, note=data.note,
           today=today, expected_version=expected(if_match))
    return detail(session, found, today, response)


@router.post("/{request_id}/reopen", response_model=RequestDetail,
             summary="撤回决定，重新办理（仅“已决定待答复”；已办结的请先撤回答复送达记录）")
def reopen_(session: SessionDep, user: ApiUser, request_id: int, today: Today, response: Response,
            data: ReasonIn | None = None, if_match: IfMatch = None) -> RequestDetail:
    found = _locked(session, user, request_id)
    reopen(session=session, actor=user, request=found, note=data.reason if data else None, today=today,
           expected_version=expected(if_match))
    return detail(session, found, today, response)


@router.post("/{request_id}/reply/withdraw", response_model=RequestDetail, summary="撤回答复送达记录（已办结 → 已决定）")
def withdraw_reply_(session: SessionDep, user: ApiUser, request_id: int, data: ReasonIn, today: Today,
                    response: Response, if_match: IfMatch = None) -> RequestDetail:
    found = _locked(session, user, request_id)
    withdraw_reply(session=session, actor=user, request=found, reason=data.reason, today=today,
                   expected_version=expected(if_match))
    return detail(session, found, today, response)


@router.put("/{request_id}/events/{event_id}", response_model=RequestDetail, summary="更正办理环节的日期或天数")
def fix_event(session: SessionDep, user: ApiUser, request_id: int, event_id: int, data: EventFixIn, today: Today,
              response: Response, if_match: IfMatch = None) -> RequestDetail:
    found = _locked(session, user, request_id)
    correct_event(session=session, actor=user, request=found, event_id=event_id, on=data.on, days=data.days,
                  note=data.note, reason=data.reason, today=today, expected_version=expected(if_match))
    return detail(session, found, today, response)


@router.delete("/{request_id}/events/{event_id}", response_model=RequestDetail,
               summary="删除误录的最近一个办理环节（保留记录并标明已删除）")
def delete_event(session: SessionDep, user: ApiUser, request_id: int, event_id: int, data: ReasonIn, today: Today,
                 response: Response, if_match: IfMatch = None) -> RequestDetail:
    found = _locked(session, user, request_id)
    remove_event(session=session, actor=user, request=found, event_id=event_id, reason=data.reason, today=today,
                 expected_version=expected(if_match))
    return detail(session, found, today, response)
