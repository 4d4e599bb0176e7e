"""OpenAPI docs at /api/docs with the Swagger UI files served locally (intranets have no CDN)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from gongkai.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/api/docs")
def api_docs(request: Request) -> Response:
    return render(request, "api_docs.html")
