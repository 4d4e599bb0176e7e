"""The app factory: settings → database → middleware → routers. No module-level app, no globals.

``create_app`` is what ``gongkai serve`` and the tests call; everything the handlers need hangs off
``app.state`` (settings, session factory, templates, token signer, clock).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from gongkai import __version__
from gongkai.ledger import china_today, make_engine, session_factory, write_session_factory
from gongkai.runtime import tune_for_batch
from gongkai.settings import Settings, get_settings
from gongkai.web import api, errors, routers
from gongkai.web.deps import track_writes
from gongkai.web.limits import BodySizeLimit
from gongkai.web.security import SchemeAwareSessions, SecurityHeaders, TokenSigner
from gongkai.web.supervision import ledger_read_only, ledger_routers
from gongkai.web.templating import make_templates
from gongkai.web.throttle import LoginThrottle

STATIC_DIR = Path(__file__).parent / "static"
DEFAULT_SECRET = Settings.model_fields["secret_key"].default
MIN_SECRET = 16
log = logging.getLogger("gongkai.web")

API_DESCRIPTION = """\
政府信息公开台账 JSON 接口（JSON API of the disclosure-request ledger）。

**认证 / Authentication** — 两种方式任选其一：

1. 浏览器会话：先在 `/login` 登录；会话 Cookie 随请求发送。此时所有写操作（POST/PUT/PATCH/DELETE）
   必须带请求头 `X-CSRF-Token`，其值见 `GET /api/v1/me` 的 `csrf_token` 字段。
2. 令牌：`POST /api/v1/token`，正文 `{"username": "...", "password": "..."}`（或使用 HTTP Basic 认证），
   返回 `access_token`；之后每个请求带 `Authorization: Bearer <token>`，有效期 12 小时，无需 CSRF 头。

经办人只能看到和修改本机关的数据，监督人只能看到本区域的数据；越权访问一律返回 404。
"""


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    if app.state.freeze_gc:
        # In a server process everything loaded so far (SQLAlchemy, pydantic, templates, the calendar)
        # lives as long as the process; keeping it out of the collector's full passes saves ms per page.
        # A page makes thousands of short-lived objects that die by reference counting; a young pass
        # every 10,000 allocations instead of 700 takes about 2 % off a dashboard's CPU.
        tune_for_batch()
    yield
    app.state.engine.dispose()


def create_app(
    *,
    settings: Settings | None = None,
    database_url: str | None = None,
    today: Callable[[], date] = china_today,
    freeze_gc: bool = False,
) -> FastAPI:
    """Build the web app. ``database_url`` overrides the settings; the schema must be migrated.

    ``freeze_gc`` is for server processes (``gongkai serve``): see ``_lifespan``.
    """
    settings = settings or get_settings()
    if database_url is not None:
        settings = settings.model_copy(update={"database_url": database_url})
    if settings.secret_key == DEFAULT_SECRET or len(settings.secret_key) < MIN_SECRET:
        # A published default (or a guessable key) would let anyone forge a session cookie.
        settings = settings.model_copy(update={"secret_key": secrets.token_urlsafe(32)})
        log.warning("GONGKAI_SECRET_KEY is unset or too short; using a random key (sessions end on restart)")
    engine = make_engine(settings.database_url)

    app = FastAPI(
        title="gongkai 政府信息公开台账",
        version=__version__,
        description=API_DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=_lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = session_factory(engine)
    track_writes(app.state.session_factory)
    # unsafe methods (forms, API changes) take the write lock before they read: see ledger/db.py
    app.state.write_session_factory = write_session_factory(engine)
    track_writes(app.state.write_session_factory)
    app.state.templates = make_templates()
    app.state.token_signer = TokenSigner(settings.secret_key)
    app.state.today = today
    app.state.login_throttle = LoginThrottle()
    app.state.freeze_gc = freeze_gc

    # Outermost first on the way in: headers, body size, then the session cookie.
    app.add_middleware(SchemeAwareSessions, secret_key=settings.secret_key)
    app.add_middleware(BodySizeLimit)
    app.add_middleware(SecurityHeaders)

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    errors.install(app)
    read_only = ledger_routers()  # a supervisor reads the region's ledgers, changes none (settings)
    for router in routers.ROUTERS:
        app.include_router(router, dependencies=[Depends(ledger_read_only)] if router in read_only else None)
    app.include_router(api.router)
    return app


def server_app() -> FastAPI:
    """The factory uvicorn workers call (``gongkai serve --workers N``): settings from the environment."""
    return create_app(freeze_gc=True)
