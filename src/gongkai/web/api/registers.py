"""Appeals, the normative-document register and the per-year figures of section 二."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from gongkai.errors import NotFound
from gongkai.ledger import (
    Appeal,
    AppealIn,
    DocumentIn,
    NormativeDocument,
    create_appeal,
    create_document,
    get_request,
    list_annual_figures,
    list_appeals,
    list_documents,
    repeal_document,
    set_annual_figure,
    update_appeal,
)
from gongkai.web.api.schemas import AppealOut, ConcludeIn, DocumentOut, FigureIn, FigureOut, RepealIn
from gongkai.web.deps import ApiAgencies, ApiUser, SessionDep
from gongkai.web.scope import scoped_get

router = APIRouter()
YearQuery = Annotated[int | None, Query(ge=1991, le=2199)]


@router.get("/appeals", response_model=list[AppealOut], tags=["复议诉讼 appeals"], summary="列出复议和诉讼案件")
def appeals(session: SessionDep, user: ApiUser, visible: ApiAgencies, year: YearQuery = None) -> list[AppealOut]:
    return [AppealOut.model_validate(a) for a in list_appeals(session=session, agency_ids=visible, year=year)]


@router.post("/appeals", response_model=AppealOut, status_code=201, tags=["复议诉讼 appeals"], summary="登记案件")
def add_appeal(session: SessionDep, user: ApiUser, data: AppealIn) -> AppealOut:
    if data.request_id is not None:
        found = get_request(session=session, user=user, request_id=data.request_id)
        if found.agency_id != data.agency_id:
            raise NotFound("关联的申请不属于该机关", message_en="request belongs to another agency")
    return AppealOut.model_validate(create_appeal(session=session, actor=user, data=data))


@router.post("/appeals/{appeal_id}/conclude", response_model=AppealOut, tags=["复议诉讼 appeals"],
             summary="登记审结结果")
def conclude(session: SessionDep, user: ApiUser, visible: ApiAgencies, appeal_id: int, data: ConcludeIn) -> AppealOut:
    appeal = scoped_get(session, Appeal, appeal_id, visible)
    return AppealOut.model_validate(update_appeal(session=session, actor=user, appeal=appeal, result=data.result,
                                                  concluded_on=data.concluded_on, note=data.note))


@router.get("/documents", response_model=list[DocumentOut], tags=["规范性文件 documents"], summary="规章和规范性文件目录")
def documents(session: SessionDep, user: ApiUser, visible: ApiAgencies) -> list[DocumentOut]:
    return [DocumentOut.model_validate(d) for d in list_documents(session=session, agency_ids=visible)]


@router.post("/documents", response_model=DocumentOut, status_code=201, tags=["规范性文件 documents"], summary="登记文件")
def add_document(session: SessionDep, user: ApiUser, data: DocumentIn) -> DocumentOut:
    return DocumentOut.model_validate(create_document(session=session, actor=user, data=data))


@router.post("/documents/{document_id}/repeal", response_model=DocumentOut, tags=["规范性文件 documents"],
             summary="登记废止")
def repeal(session: SessionDep, user: ApiUser, visible: ApiAgencies, document_id: int, data: RepealIn) -> DocumentOut:
    document = scoped_get(session, NormativeDocument, document_id, visible)
    return DocumentOut.model_validate(repeal_document(session=session, actor=user, document=document, on=data.on))


@router.get("/figures", response_model=list[FigureOut], tags=["年度数据 figures"], summary="某机关某年的手工填报数据")
def figures(session: SessionDep, user: ApiUser, visible: ApiAgencies, agency_id: int,
            year: Annotated[int, Query(ge=1991, le=2199)]) -> list[FigureOut]:
    if agency_id not in visible:
        raise NotFound("未找到该机关", message_en="agency not found")
    return [FigureOut.model_validate(f) for f in list_annual_figures(session=session, agency_id=agency_id, year=year)]


@router.put("/figures", response_model=FigureOut, tags=["年度数据 figures"], summary="填报或修改一项数据")
def put_figure(session: SessionDep, user: ApiUser, data: FigureIn) -> FigureOut:
    return FigureOut.model_validate(set_annual_figure(session=session, actor=user, agency_id=data.agency_id,
                                                      year=data.year, key=data.key, value=data.value,
                                                      source=data.source))
