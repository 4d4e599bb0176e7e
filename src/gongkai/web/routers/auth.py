"""Login and logout. A successful login starts a fresh server-side session (new CSRF token);
logout revokes it on the server, so a copied cookie is worthless afterwards.

Checking a password takes argon2's time, so it runs in a read transaction; the few writes (the
failure count shared by all workers, the new session row) go in a short write transaction after it.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from sqlalchemy.orm import Session
from starlette.responses import RedirectResponse, Response

from gongkai.ledger import User, authenticate
from gongkai.ledger.sessions import SESSION, end_session, start_session
from gongkai.web.deps import ReadSessionDep, csrf_protect, write_session
from gongkai.web.security import SESSION_MAX_AGE, login_session, logout_session
from gongkai.web.templating import flash, render
from gongkai.web.throttle import LoginThrottle, blocked_message

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)


def safe_next(target: str | None) -> str:
    """Only same-site paths: "/requests/3", never "//evil.example" or "https://…"."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def throttle(request: Request) -> LoginThrottle:
    found: LoginThrottle = request.app.state.login_throttle
    return found


def client_address(request: Request) -> str:
    return request.client.host if request.client else "-"


def check_login(request: Request, session: Session, username: str, password: str) -> tuple[User | None, int]:
    """(the user or None, seconds to wait): the one login check of the pages and the token endpoint."""
    brake, address = throttle(request), client_address(request)
    wait = brake.blocked_for(session, username, address)
    if wait:
        return None, wait
    user = authenticate(session=session, username=username, password=password) if username and password else None
    ok = user is not None and user.active
    session.commit()  # end the read before writing
    with write_session(request) as writer, writer.begin():
        if ok:
            brake.succeeded(writer, username, address)
        else:
            brake.failed(writer, username, address)
    return (user if ok else None), 0


@router.get("/login")
def login_page(request: Request, next: str = "/") -> Response:
    if isinstance(request.session.get("uid"), int) and isinstance(request.session.get("sid"), str):
        return RedirectResponse(safe_next(next), status_code=303)
    return render(request, "login.html", next=safe_next(next), username="", error=None)


@router.post("/login")
def login(
    request: Request,
    session: ReadSessionDep,
    username: Annotated[str, Form(max_length=64)] = "",
    password: Annotated[str, Form(max_length=256)] = "",
    next: Annotated[str, Form(max_length=500)] = "/",
) -> Response:
    username = username.strip()
    user, wait = check_login(request, session, username, password)
    if wait:
        return render(request, "login.html", status_code=429, next=safe_next(next), username=username,
                      error=blocked_message(wait))
    if user is None:
        return render(request, "login.html", status_code=400, next=safe_next(next), username=username,
                      error="用户名或密码错误")
    with write_session(request) as writer, writer.begin():
        secret = start_session(session=writer, user_id=user.id, kind=SESSION, max_age=SESSION_MAX_AGE,
                               label=request.headers.get("user-agent", "")[:100])
    login_session(request.session, user.id, secret)
    flash(request, f"欢迎，{user.display_name or user.username}")
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request) -> Response:
    secret = request.session.get("sid")
    if isinstance(secret, str):
        with write_session(request) as writer, writer.begin():
            end_session(session=writer, secret=secret)
    logout_session(request.session)
    flash(request, "您已安全退出")
    return RedirectResponse("/login", status_code=303)
