"""The API's two ways in, declared in the OpenAPI document so the docs page can authorise.

Authentication itself is ``deps.api_user``; this dependency only names the schemes: FastAPI then
lists them under ``components.securitySchemes`` and marks every operation, and Swagger UI shows an
"Authorize" button that sends the bearer token (or the CSRF header of a browser session).
It reads nothing and refuses nothing.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

BEARER = HTTPBearer(
    scheme_name="bearer", bearerFormat="gongkai-token", auto_error=False,
    description="令牌：`POST /api/v1/token` 取得 `access_token`，以 `Authorization: Bearer <token>` 发送；"
                "不需要 CSRF 头。Token from POST /api/v1/token.",
)
CSRF = APIKeyHeader(
    name="X-CSRF-Token", scheme_name="session_csrf", auto_error=False,
    description="浏览器会话：登录后会话 Cookie 随请求发送，写操作（POST/PUT/PATCH/DELETE）还须带此请求头，"
                "其值为 `GET /api/v1/me` 的 `csrf_token`。Session cookie plus this header for writes.",
)


async def documented_auth(
    _bearer: Annotated[HTTPAuthorizationCredentials | None, Security(BEARER)],
    _csrf: Annotated[str | None, Security(CSRF)],
) -> None:
    """Declares the schemes; ``api_user`` does the checking."""
