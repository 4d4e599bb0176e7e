"""How failures look: pages get a Chinese page, the API gets ``{"detail": ...}``.

Another agency's object is reported exactly like a missing one (404), so ids leak nothing.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, RedirectResponse, Response

from gongkai.errors import ConcurrentChange, InvalidTransition, LedgerError, NotFound, PermissionDenied
from gongkai.web.deps import CsrfFailed, LoginRequired
from gongkai.web.forms import error_message, field_errors
from gongkai.web.labels import FIELD_LABELS
from gongkai.web.templating import render

NOT_FOUND = "未找到该记录，或您无权查看"
CSRF_FAILED = "页面已过期或请求来源不明（CSRF 校验失败），请刷新页面后重试"


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def problem(request: Request, status: int, message: str, **extra: Any) -> Response:
    if is_api(request):
        return JSONResponse({"detail": message, **extra}, status_code=status)
    return render(request, "error.html", status_code=status, status=status, message=message)


async def _login_required(request: Request, exc: Exception) -> Response:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    if request.headers.get("hx-request"):
        return Response(status_code=401, headers={"HX-Redirect": "/login"})
    return RedirectResponse(f"/login?next={quote(target)}", status_code=303)


async def _csrf_failed(request: Request, exc: Exception) -> Response:
    return problem(request, 403, CSRF_FAILED)


async def _not_found(request: Request, exc: Exception) -> Response:
    return problem(request, 404, NOT_FOUND)


async def _invalid_transition(request: Request, exc: Exception) -> Response:
    return problem(request, 409, str(exc))


async def _conflict(request: Request, exc: Exception) -> Response:
    """A change made from a stale state (another clerk was quicker): 409, nothing changed."""
    return problem(request, 409, ConcurrentChange.MESSAGE)


async def _busy(request: Request, exc: Exception) -> Response:
    """The database stayed locked beyond the busy timeout: a clear retry message, not a bare 500."""
    if "locked" in str(exc) or "could not serialize" in str(exc) or "deadlock" in str(exc):
        return problem(request, 503, "系统繁忙，请稍后重试")
    raise exc


async def _ledger_error(request: Request, exc: Exception) -> Response:
    return problem(request, 400, str(exc))


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    messages = {404: "页面不存在", 405: "不支持该请求方法", 401: "需要登录", 403: "无权执行该操作"}
    message = exc.detail if isinstance(exc.detail, str) and exc.detail not in ("Not Found", "Method Not Allowed") else messages.get(exc.status_code, "请求无法处理")
    response = problem(request, exc.status_code, message)
    for key, value in (exc.headers or {}).items():
        response.headers[key] = value
    return response


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    if is_api(request):
        return JSONResponse({"detail": "请求数据不正确", "errors": _jsonable(exc.errors())}, status_code=422)
    fields = field_errors(exc)  # type: ignore[arg-type]
    detail = "；".join(f"{k}：{v}" for k, v in fields.items())
    return problem(request, 400, f"提交的数据不正确（{detail}）")


def _jsonable(errors: Any) -> list[dict[str, Any]]:
    """Each error with its message in Chinese (``msg``), the field's name in words, and pydantic's own
    English text (``msg_en``) for developers."""
    out = []
    for e in errors:
        loc = [p for p in e.get("loc", ()) if p != "body"]
        name = str(loc[-1]) if loc and not isinstance(loc[-1], int) else ""
        out.append({"loc": list(e.get("loc", ())), "field": FIELD_LABELS.get(name, name),
                    "msg": error_message(e), "msg_en": e.get("msg", ""), "type": e.get("type", "")})
    return out


def install(app: FastAPI) -> None:
    app.add_exception_handler(LoginRequired, _login_required)
    app.add_exception_handler(CsrfFailed, _csrf_failed)
    app.add_exception_handler(NotFound, _not_found)
    app.add_exception_handler(PermissionDenied, _not_found)
    app.add_exception_handler(InvalidTransition, _invalid_transition)
    app.add_exception_handler(ConcurrentChange, _conflict)
    app.add_exception_handler(StaleDataError, _conflict)
    app.add_exception_handler(OperationalError, _busy)
    app.add_exception_handler(LedgerError, _ledger_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
