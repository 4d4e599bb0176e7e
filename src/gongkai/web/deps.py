"""FastAPI dependencies as Annotated aliases: settings, one DB transaction per request, the user.

Pages and the API share the transaction (``SessionDep``: commit when the handler returns, roll back
when it raises). A page without a logged-in user raises ``LoginRequired`` (→ redirect to /login);
the API answers 401 instead. CSRF: every unsafe page request is checked by ``csrf_protect``, which
the page routers install as a router-wide dependency so no form can forget it.

Thread hops: FastAPI runs every sync dependency in the threadpool, one hop each (a GIL hand-over
to a pool thread and back, and more of them the more requests are in flight). A page took four.
Now the dependencies are ``async``: opening a session touches no connection, and the one piece
that reads the database (the user, with the agencies they may see) takes a single hop and gives
its connection back; the sync handler takes the other. Ending a session that only read is no I/O
on SQLite and one short round trip elsewhere, so it happens on the event loop; a session that
wrote commits in the threadpool.
"""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date
from typing import Annotated

import sqlalchemy as sa
from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session, joinedload, sessionmaker
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from gongkai.ledger import Role, User, visible_agency_ids
from gongkai.ledger.db import IMMEDIATE
from gongkai.ledger.models import AuthSession
from gongkai.ledger.sessions import SESSION, TOKEN, live_session
from gongkai.settings import Settings
from gongkai.web.security import CSRF_FIELD, CSRF_HEADER, TokenSigner, csrf_ok

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True, slots=True)
class Viewer:
    """What the page header shows of the user: plain values, still valid on an error page after rollback."""

    username: str
    display_name: str
    role: Role
    agency_name: str | None


class LoginRequired(Exception):
    """A page needs a logged-in user; the handler redirects to the login page."""


class CsrfFailed(Exception):
    """An unsafe request without the session's CSRF token."""


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


_WROTE = "gongkai.web.wrote"


def track_writes(factory: sessionmaker[Session]) -> None:
    """Mark every session of ``factory`` that flushed, so ``wrote`` knows its commit does I/O."""
    sa.event.listen(factory, "after_flush", _mark_written)


def _mark_written(session: Session, _context: object) -> None:
    session.info[_WROTE] = True


def wrote(session: Session) -> bool:
    return bool(session.info.get(_WROTE) or session.new or session.dirty or session.deleted)


def _end(session: Session, *, commit: bool) -> None:
    try:
        if commit:
            session.commit()
        else:
            session.rollback()
    finally:
        session.close()


async def get_db(request: Request) -> AsyncIterator[Session]:
    """One transaction per request; a request that may write (POST, PATCH, …) gets a session that
    takes the write lock before it reads (SQLite ``BEGIN IMMEDIATE``), so racing writers queue."""
    writes = request.method not in SAFE_METHODS
    factory = request.app.state.write_session_factory if writes else request.app.state.session_factory
    session: Session = factory()
    try:
        yield session
    except BaseException:
        _end(session, commit=False)  # here, not in a hop: a cancelled request must not leave it open
        raise
    if wrote(session):
        await run_in_threadpool(_end, session, commit=True)  # a commit that writes may wait on the disk
    else:
        _end(session, commit=True)


async def get_today(request: Request) -> date:
    today: date = request.app.state.today()
    return today


async def get_read_db(request: Request) -> AsyncIterator[Session]:
    """A session that does not take the write lock first, for handlers that mostly read and write
    only what cannot conflict (a login: checking a password takes 0.1 s, too long to hold the lock)."""
    session: Session = request.app.state.session_factory()
    try:
        yield session
    except BaseException:
        _end(session, commit=False)
        raise
    await run_in_threadpool(_end, session, commit=True)


def write_session(request: Request) -> Session:
    """A separate short write transaction (``with write_session(r) as s, s.begin(): ...``)."""
    session: Session = request.app.state.write_session_factory()
    return session


SettingsDep = Annotated[Settings, Depends(get_settings)]
SessionDep = Annotated[Session, Depends(get_db, scope="function")]
ReadSessionDep = Annotated[Session, Depends(get_read_db, scope="function")]
Today = Annotated[date, Depends(get_today)]


# The agency comes in the same query: every page header shows its name; the server-side session
# row too, so a logged-out (or revoked) cookie opens nothing.
_USER = sa.select(User).options(joinedload(User.agency)).join(AuthSession, AuthSession.user_id == User.id)


def _user_with_session(session: Session, uid: int, secret: str, kind: str) -> User | None:
    stmt = _USER.where(User.id == uid, live_session(secret, kind))
    return session.execute(stmt).unique().scalar_one_or_none()


def _session_user(request: Request, session: Session) -> User | None:
    uid, secret = request.session.get("uid"), request.session.get("sid")
    if not isinstance(uid, int) or not isinstance(secret, str):
        if uid is not None:
            request.session.clear()
        return None
    user = _user_with_session(session, uid, secret, SESSION)
    if user is None or not user.active:
        request.session.clear()
        return None
    return user


def _reading(session: Session) -> None:
    """The user lookup only reads: it need not queue for the write lock (the handler's transaction,
    which comes after ``_release``, does)."""
    session.connection(execution_options={IMMEDIATE: False})


def _page_user(request: Request, session: Session) -> User | None:
    _reading(session)
    user = _session_user(request, session)
    if user is not None:
        request.state.viewer = Viewer(user.username, user.display_name, user.role,
                                      user.agency.name if user.agency else None)
        request.state.visible = visible_agency_ids(session=session, user=user)  # in this hop, not another
    _release(session)
    return user


def _release(session: Session) -> None:
    """Give the connection back before leaving the thread (nothing was written: the commit only ends
    the read). A request waiting for its next hop then holds no connection, so a busy pool and a
    full threadpool cannot wait on each other; the loaded user stays usable (expire_on_commit=False)."""
    session.commit()


async def current_user(request: Request, session: SessionDep) -> User:
    user = await run_in_threadpool(_page_user, request, session)
    if user is None:
        raise LoginRequired()
    return user


CurrentUser = Annotated[User, Depends(current_user)]


async def visible_agencies(request: Request, user: CurrentUser) -> frozenset[int]:
    """The agencies the user may see (clerk: own; supervisor: region; admin: all)."""
    visible: frozenset[int] = request.state.visible
    return visible


VisibleAgencies = Annotated[frozenset[int], Depends(visible_agencies)]


async def csrf_protect(request: Request) -> None:
    """Unsafe page requests carry the session's token in the form (or the htmx header)."""
    if request.method in SAFE_METHODS:
        return
    token = request.headers.get(CSRF_HEADER)
    if token is None:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get(CSRF_FIELD)
            token = value if isinstance(value, str) else None
    if not csrf_ok(request.session, token):
        raise CsrfFailed()


async def posted_form(request: Request) -> FormData:
    """The submitted form (parsed once; Starlette caches it for the CSRF check and the handler)."""
    return await request.form()


PostedForm = Annotated[FormData, Depends(posted_form)]


def _unauthorized(message: str = "需要登录：请使用会话 Cookie 或 Bearer 令牌") -> HTTPException:
    return HTTPException(status_code=401, detail=message, headers={"WWW-Authenticate": 'Bearer realm="gongkai"'})


def _api_user(request: Request, session: Session) -> User:
    _reading(session)
    auth = request.headers.get("authorization", "")
    if auth[:7].lower() == "bearer ":
        signer: TokenSigner = request.app.state.token_signer
        claims = signer.verify(auth[7:].strip())
        user = _user_with_session(session, claims[0], claims[1], TOKEN) if claims is not None else None
        if user is None or not user.active:
            raise _unauthorized("令牌无效、已过期或已被撤销")
    elif auth:
        raise _unauthorized("不支持的认证方式；请使用 Bearer 令牌")
    else:
        user = _session_user(request, session)
        if user is None:
            raise _unauthorized()
        if request.method not in SAFE_METHODS and not csrf_ok(request.session, request.headers.get(CSRF_HEADER)):
            raise HTTPException(status_code=403, detail="缺少或错误的 X-CSRF-Token 请求头")
    request.state.visible = visible_agency_ids(session=session, user=user)  # in this hop, not another
    _release(session)
    return user


async def api_user(request: Request, session: SessionDep) -> User:
    """Bearer token (no CSRF needed: not sent by browsers on their own) or session cookie + X-CSRF-Token."""
    return await run_in_threadpool(_api_user, request, session)


ApiUser = Annotated[User, Depends(api_user)]


async def api_visible_agencies(request: Request, user: ApiUser) -> frozenset[int]:
    visible: frozenset[int] = request.state.visible
    return visible


ApiAgencies = Annotated[frozenset[int], Depends(api_visible_agencies)]


def basic_credentials(header: str) -> tuple[str, str] | None:
    """Decode an HTTP Basic header value (used only by the token endpoint)."""
    if header[:6].lower() != "basic ":
        return None
    try:
        raw = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None
    username, sep, password = raw.partition(":")
    return (username, password) if sep else None
