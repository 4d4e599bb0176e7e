"""The user's own account: change one's password (every role)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from starlette.responses import RedirectResponse, Response

from gongkai.errors import LedgerError
from gongkai.ledger.admin import MIN_PASSWORD, change_own_password
from gongkai.web.deps import CurrentUser, PostedForm, SessionDep, csrf_protect
from gongkai.web.forms import FieldErrors
from gongkai.web.templating import flash, render

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)


def _page(request: Request, errors: FieldErrors | None = None, status_code: int = 200) -> Response:
    return render(request, "account.html", status_code=status_code, errors=errors or {}, min_password=MIN_PASSWORD)


@router.get("/account")
def account_page(request: Request, user: CurrentUser) -> Response:
    return _page(request)


@router.post("/account/password")
def change_password(request: Request, user: CurrentUser, session: SessionDep, form: PostedForm) -> Response:
    current, new, again = (str(form.get(k, "")) for k in ("current", "new", "again"))
    if new != again:
        return _page(request, {"again": "两次输入的新密码不一致"}, 400)
    sid = request.session.get("sid")
    try:
        change_own_password(session=session, user=user, current=current, new=new,
                            keep_secret=sid if isinstance(sid, str) else None)
    except LedgerError as exc:
        session.rollback()
        field = "current" if "当前密码" in str(exc) else "new"
        return _page(request, {field: str(exc)}, 400)
    flash(request, "密码已修改；您在其他设备上的登录已失效")
    return RedirectResponse("/account", status_code=303)
