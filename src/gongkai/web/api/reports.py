"""Annual reports from the ledger (tables, audit, narrative, export) and auditing an uploaded file."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, HTTPException, Query, Request, UploadFile
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from gongkai.api import check
from gongkai.errors import InputError, NotFound, RenderError
from gongkai.ledger import Agency
from gongkai.web.annual import build_report, export_headers, section_texts
from gongkai.web.api.schemas import AnnualOut, AuditOut, NarrativeIn
from gongkai.web.deps import ApiAgencies, ApiUser, SessionDep, SettingsDep
from gongkai.web.narratives import save_sections
from gongkai.web.routers.upload import UploadRejected, audit_bytes, read_upload
from gongkai.writers.base import get_writer

router = APIRouter(tags=["年度报告 reports"])
Year = Annotated[int, Query(ge=1991, le=2199)]


def _agency(session: SessionDep, visible: frozenset[int], agency_id: int) -> Agency:
    agency = session.get(Agency, agency_id) if agency_id in visible else None
    if agency is None:
        raise NotFound("未找到该机关", message_en="agency not found")
    return agency


@router.get("/reports/{year}", response_model=AnnualOut, summary="由台账生成的年度报告表格、正文及审核结果")
def annual(request: Request, session: SessionDep, user: ApiUser, visible: ApiAgencies, year: int,
           agency_id: int, summary: bool = False) -> AnnualOut:
    agency = _agency(session, visible, agency_id)
    report = build_report(session, agency.id, year, summary)
    return AnnualOut(agency_id=agency.id, year=year, summary=summary, tables=report.to_json()["tables"],
                     narrative=section_texts(report), findings=[f.to_json() for f in check([report])])


@router.put("/reports/{year}/narrative", response_model=AnnualOut,
            summary="保存年度报告正文（部分编号 1–6；空字符串恢复自动生成的文字）")
def put_narrative(request: Request, session: SessionDep, user: ApiUser, visible: ApiAgencies, year: int,
                  agency_id: int, data: NarrativeIn, summary: bool = False) -> AnnualOut:
    agency = _agency(session, visible, agency_id)
    if any(n not in range(1, 7) for n in data.sections):
        raise HTTPException(422, detail="部分编号应为 1 至 6")
    save_sections(session, user, agency.id, year, summary, data.sections)
    return annual(request, session, user, visible, year, agency_id, summary)


@router.get("/reports/{year}/export", summary="导出年度报告（docx、pdf、html、md）",
            responses={200: {"content": {"application/octet-stream": {}}}})
def export(request: Request, session: SessionDep, user: ApiUser, visible: ApiAgencies, year: int, agency_id: int,
           format: Annotated[str, Query(max_length=10)] = "docx", summary: bool = False) -> Response:
    agency = _agency(session, visible, agency_id)
    report = build_report(session, agency.id, year, summary)
    try:
        writer = get_writer(format)
        data = writer.write(report)
    except RenderError as exc:
        raise HTTPException(422, detail=str(exc)) from exc
    return Response(data, media_type=writer.media_type, headers=export_headers(agency, year, summary, writer.extension))


@router.post("/audit", response_model=AuditOut, summary="上传已发布的报告文件，返回读取结果和审核发现")
async def audit_upload(user: ApiUser, settings: SettingsDep, file: Annotated[UploadFile, File()]) -> AuditOut:
    try:
        name, data = await read_upload(file)
        report, findings = await run_in_threadpool(audit_bytes, name, data, settings)
    except UploadRejected as exc:
        raise HTTPException(400, detail=exc.message) from exc
    except InputError as exc:
        raise HTTPException(422, detail=f"无法读取该文件：{exc.message}") from exc
    return AuditOut(report=report.to_json(provenance=False), findings=[f.to_json() for f in findings])
