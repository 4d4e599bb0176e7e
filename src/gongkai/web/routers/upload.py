"""Upload a published report file and see what gongkai reads from it and what the audit finds."""

from __future__ import annotations

from pathlib import PurePath
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Request, UploadFile
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from gongkai.api import check, read
from gongkai.errors import InputError
from gongkai.model.findings import Finding
from gongkai.model.provenance import TEXT_UNREAD_CODES
from gongkai.model.report import Report
from gongkai.settings import Settings
from gongkai.web.deps import CurrentUser, SettingsDep, csrf_protect
from gongkai.web.limits import UPLOAD_LIMIT, UPLOAD_SUFFIXES
from gongkai.web.tableview import report_tables
from gongkai.web.templating import render

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)


class UploadRejected(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def safe_name(filename: str | None) -> str:
    """The bare file name (browsers on Windows may send a full path)."""
    name = PurePath((filename or "").replace("\\", "/")).name.strip()
    return name[:200] or "upload"


async def read_upload(file: UploadFile) -> tuple[str, bytes]:
    name = safe_name(file.filename)
    suffix = PurePath(name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise UploadRejected(f"不支持的文件类型“{suffix or '无扩展名'}”；请上传 {'、'.join(UPLOAD_SUFFIXES)} 文件")
    data = await file.read(UPLOAD_LIMIT + 1)
    if len(data) > UPLOAD_LIMIT:
        raise UploadRejected("文件超过 20 MB，无法处理")
    if not data:
        raise UploadRejected(f"{name} 是空文件")
    return name, data


def audit_bytes(name: str, data: bytes, settings: Settings) -> tuple[Report, list[Finding]]:
    """Read and audit; ``InputError`` propagates with a one-sentence Chinese message."""
    report = read(name, data=data, settings=settings)
    return report, check([report], settings=settings)


@router.get("/reports/upload")
def upload_page(request: Request, user: CurrentUser) -> Response:
    return render(request, "reports/upload.html", result=None, error=None, limit_mb=UPLOAD_LIMIT // (1024 * 1024),
                  suffixes=UPLOAD_SUFFIXES)


@router.post("/reports/upload")
async def upload(request: Request, user: CurrentUser, settings: SettingsDep,
                 file: Annotated[UploadFile, File()]) -> Response:
    context: dict[str, Any] = {"limit_mb": UPLOAD_LIMIT // (1024 * 1024), "suffixes": UPLOAD_SUFFIXES}
    try:
        name, data = await read_upload(file)
    except UploadRejected as exc:
        return render(request, "reports/upload.html", status_code=400, result=None, error=exc.message, **context)
    try:
        report, findings = await run_in_threadpool(audit_bytes, name, data, settings)
    except InputError as exc:
        return render(request, "reports/upload.html", status_code=422, result=None,
                      error=f"无法读取该文件：{exc.message}", **context)
    # A file none of whose text was read (a scan without OCR) has no tables to show, only why.
    unread = any(p.code in TEXT_UNREAD_CODES for p in report.problems)
    return render(request, "reports/upload.html", result=report, file_name=name, findings=findings,
                  tables=[] if unread else report_tables(report), error=None, **context)
