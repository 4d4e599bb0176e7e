"""Login and logout. A successful login starts a fresh session (new CSRF token)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from starlette.responses import RedirectResponse, Response

from gongkai.ledger import authenticate
from gongkai.web.deps import SessionDep, csrf_protect
from gongkai.web.security import login_session, logout_session
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


@router.get("/login")
def login_page(request: Request, next: str = "/") -> Response:
    if isinstance(request.session.get("uid"), int):
        return RedirectResponse(safe_next(next), status_code=303)
    return render(request, "login.html", next=safe_next(next), username="", error=None)


@router.post("/login")
def login(
    request: Request,
    session: SessionDep,
    username: Annotated[str, Form(max_length=64)] = "",
    password: Annotated[str, Form(max_length=256)] = "",
    next: Annotated[str, Form(max_length=500)] = "/",
) -> Response:
    username = username.strip()
    address = client_address(request)
    brake = throttle(request)
    wait = brake.blocked_for(username, address)
    if wait:
        return render(request, "login.html", status_code=429, next=safe_next(next), username=username,
                      error=blocked_message(wait))
    user = authenticate(session=session, username=username, password=password) if username and password else None
    if user is None or not user.active:
        brake.failed(username, address)
        return render(request, "login.html", status_code=400, next=safe_next(next), username=username,
                      error="用户名或密码错误")
    brake.succeeded(username, address)
    login_session(request.session, user.id)
    flash(request, f"欢迎，{user.display_name or user.username}")
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request) -> Response:
    logout_session(request.session)
    flash(request, "您已安全退出")
    return RedirectResponse("/login", status_code=303)
