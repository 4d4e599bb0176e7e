"""Request body limits, enforced before any form or file is parsed.

A declared Content-Length over the limit is refused at once; a chunked body is counted as it
arrives and refused when it crosses the limit. Only the upload routes accept large bodies.
"""

from __future__ import annotations

import json
import re

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gongkai.readers.suffixes import REPORT_SUFFIXES

UPLOAD_LIMIT = 20 * 1024 * 1024  # a published report file
UPLOAD_PATHS = ("/reports/upload", "/api/v1/audit")
DEFAULT_LIMIT = 2 * 1024 * 1024  # forms and JSON: narratives are the largest
MULTIPART_OVERHEAD = 64 * 1024
UPLOAD_SUFFIXES = REPORT_SUFFIXES

TOO_LARGE = "上传内容过大：报告文件不能超过 20 MB，其他请求不能超过 2 MB"


#: Other routes taking files of up to 20 MB: a request's attachments, a ledger workbook.
UPLOAD_PATTERN = re.compile(r"/requests/\d+/attachments|/ledger/import")


def limit_for(path: str) -> int:
    if path in UPLOAD_PATHS or UPLOAD_PATTERN.fullmatch(path):
        return UPLOAD_LIMIT + MULTIPART_OVERHEAD
    return DEFAULT_LIMIT


class BodySizeLimit:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = limit_for(scope["path"])
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None:
            try:
                too_large = int(declared) > limit
            except ValueError:
                too_large = True
            if too_large:
                await _refuse(scope, send)
                return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise HTTPException(status_code=413, detail=TOO_LARGE)
            return message

        await self.app(scope, counted, send)


async def _refuse(scope: Scope, send: Send) -> None:
    api = scope["path"].startswith("/api/")
    if api:
        body = json.dumps({"detail": TOO_LARGE}, ensure_ascii=False).encode()
        media = b"application/json"
    else:
        body = f'<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>413</title><p>{TOO_LARGE}。<a href="/">返回</a></p></html>'.encode()
        media = b"text/html; charset=utf-8"
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", media), (b"content-length", str(len(body)).encode()), (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
