"""Admin pages: users, the agency tree, the audit log, locked accounts, holiday years.

Anyone else gets the 404 every page gives for what they may not see. The ledger functions
(``gongkai.ledger.admin``) check the role again and write the audit rows; these handlers only
turn forms into calls and errors into messages next to the form.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy.orm import Session
from starlette.responses import RedirectResponse, Response

from gongkai.errors import LedgerError, NotFound
from gongkai.ledger import AgencyKind, Role, User, create_agency, create_user, label
from gongkai.ledger.admin import (
    agency_tree,
    audit_entities,
    check_password,
    list_users,
    locked_accounts,
    move_agency,
    rename_agency,
    reset_password,
    retire_agency,
    search_audit_log,
    unlock,
    update_user,
)
from gongkai.web.deps import CurrentUser, PostedForm, SessionDep, csrf_protect
from gongkai.web.forms import FieldErrors, FormInvalid, parse_date, parse_int
from gongkai.web.holidays import is_admin
from gongkai.web.labels import FIELD_LABELS, audit_action
from gongkai.web.templating import flash, render

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)
AUDIT_PAGE = 50
ENTITY_LABELS = {"request": "申请", "appeal": "复议诉讼", "document": "规范性文件", "annual_figure": "年度数据",
                 "narrative": "年度报告正文", "report": "年度报告", "user": "用户", "agency": "机关",
                 "holiday_year": "节假日安排", "attachment": "附件", "registry": "监督名录", "review": "报告审查",
                 "finding_review": "问题复核"}


def _admin(user: User) -> None:
    if not is_admin(user):
        raise NotFound("未找到该页面", message_en="admin page")


def _choices(session: Session, *, include_retired: bool = False) -> list[tuple[str, str]]:
    return [(str(a.id), "　" * depth + a.name + ("（已撤销）" if a.retired else ""))
            for depth, a in agency_tree(session=session) if include_retired or not a.retired]


def _role_choices() -> list[tuple[str, str]]:
    return [(str(r), label(r)) for r in Role]


@router.get("/admin")
def admin_home(user: CurrentUser) -> Response:
    _admin(user)
    return RedirectResponse("/admin/users", status_code=303)


# --- users ---------------------------------------------------------------------------------------


def _users_page(request: Request, session: Session, user: User, *, values: dict[str, str] | None = None,
                errors: FieldErrors | None = None, status_code: int = 200) -> Response:
    users = list_users(session=session, actor=user)
    return render(request, "admin/users.html", status_code=status_code, users=users,
                  agency_choices=_choices(session), role_choices=_role_choices(),
                  locked=locked_accounts(session=session, actor=user),
                  values=values or {"role": "clerk"}, errors=errors or {})


@router.get("/admin/users")
def users_page(request: Request, user: CurrentUser, session: SessionDep) -> Response:
    _admin(user)
    return _users_page(request, session, user)


@router.post("/admin/users")
def add_user(request: Request, user: CurrentUser, session: SessionDep, form: PostedForm) -> Response:
    _admin(user)
    values = {k: str(form.get(k, "")).strip() for k in ("username", "display_name", "role", "agency_id")}
    password = str(form.get("password", ""))
    errors: FieldErrors = {}
    if not values["username"]:
        errors["username"] = "此项必填"
    elif len(values["username"]) > 64 or not values["username"].isprintable() or " " in values["username"]:
        errors["username"] = "用户名最多 64 个字符，不能含空格"
    if values["role"] not in Role.__members__.values():
        errors["role"] = "请从列表中选择一项"
    try:
        check_password(password)
    except LedgerError as exc:
        errors["password"] = str(exc)
    try:
        agency_id = parse_int(values["agency_id"], "agency_id", required=values["role"] != Role.ADMIN)
    except FormInvalid:
        errors["agency_id"] = "请选择所属机关"
        agency_id = None
    if errors:
        return _users_page(request, session, user, values=values, errors=errors, status_code=400)
    try:
        created = create_user(session=session, username=values["username"], password=password,
                              role=Role(values["role"]), agency_id=None if values["role"] == Role.ADMIN else agency_id,
                              display_name=values["display_name"], actor=user)
    except LedgerError as exc:
        session.rollback()
        return _users_page(request, session, user, values=values, errors={"__all__": str(exc)}, status_code=400)
    flash(request, f"已创建用户 {created.username}（{label(created.role)}），请把初始密码告知本人并提醒其登录后修改")
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/admin/users/{user_id}")
def change_user(request: Request, user_id: int, user: CurrentUser, session: SessionDep, form: PostedForm) -> Response:
    _admin(user)
    action = str(form.get("action", ""))
    try:
        if action == "save":
            role = str(form.get("role", ""))
            if role not in Role.__members__.values():
                raise LedgerError("请选择角色")
            agency_id = parse_int(str(form.get("agency_id", "")), "agency_id", required=False)
            changed = update_user(session=session, actor=user, user_id=user_id, role=Role(role), agency_id=agency_id,
                                  display_name=str(form.get("display_name", "")))
            message = f"已保存用户 {changed.username}"
        elif action in ("disable", "enable"):
            changed = update_user(session=session, actor=user, user_id=user_id, active=action == "enable")
            message = f"已{'启用' if changed.active else '停用'}用户 {changed.username}"
        elif action == "password":
            changed = reset_password(session=session, actor=user, user_id=user_id,
                                     password=str(form.get("password", "")))
            message = f"已重设 {changed.username} 的密码，其所有登录已失效"
        else:
            raise LedgerError("未知的操作")
    except (LedgerError, FormInvalid) as exc:
        session.rollback()
        flash(request, str(exc) if isinstance(exc, LedgerError) else "所属机关不正确", "error")
        return RedirectResponse(f"/admin/users#u{user_id}", status_code=303)
    flash(request, message)
    return RedirectResponse(f"/admin/users#u{user_id}", status_code=303)


@router.post("/admin/unlock")
def unlock_account(request: Request, user: CurrentUser, session: SessionDep, form: PostedForm) -> Response:
    _admin(user)
    name = str(form.get("username", "")).strip()
    count = unlock(session=session, actor=user, username=name)
    flash(request, f"已解除 {name} 的登录锁定（清除 {count} 次失败记录）")
    return RedirectResponse("/admin/users", status_code=303)


# --- agencies ------------------------------------------------------------------------------------


def _agencies_page(request: Request, session: Session, *, values: dict[str, str] | None = None,
                   errors: FieldErrors | None = None, status_code: int = 200) -> Response:
    return render(request, "admin/agencies.html", status_code=status_code, tree=agency_tree(session=session),
                  parent_choices=_choices(session), kind_choices=[(str(k), label(k)) for k in AgencyKind],
                  values=values or {"kind": "department"}, errors=errors or {})


@router.get("/admin/agencies")
def agencies_page(request: Request, user: CurrentUser, session: SessionDep) -> Response:
    _admin(user)
    return _agencies_page(request, session)


@router.post("/admin/agencies")
def add_agency(request: Request, user: CurrentUser, session: SessionDep, form: PostedForm) -> Response:
    _admin(user)
    values = {k: str(form.get(k, "")).strip() for k in ("name", "kind", "parent_id", "level")}
    errors: FieldErrors = {}
    if not values["name"]:
        errors["name"] = "此项必填"
    elif len(values["name"]) > 200:
        errors["name"] = "过长，最多 200 个字"
    if values["kind"] not in AgencyKind.__members__.values():
        errors["kind"] = "请从列表中选择一项"
    try:
        parent_id = parse_int(values["parent_id"], "parent_id", required=False)
    except FormInvalid:
        errors["parent_id"] = "请从列表中选择一项"
        parent_id = None
    if errors:
        return _agencies_page(request, session, values=values, errors=errors, status_code=400)
    try:
        created = create_agency(session=session, name=values["name"], kind=AgencyKind(values["kind"]),
                                level=values["level"][:20] or None, parent_id=parent_id, actor=user)
    except LedgerError as exc:
        session.rollback()
        return _agencies_page(request, session, values=values, errors={"__all__": str(exc)}, status_code=400)
    flash(request, f"已添加机关「{created.name}」")
    return RedirectResponse("/admin/agencies", status_code=303)


@router.post("/admin/agencies/{agency_id}")
def change_agency(request: Request, agency_id: int, user: CurrentUser, session: SessionDep,
                  form: PostedForm) -> Response:
    _admin(user)
    action = str(form.get("action", ""))
    try:
        if action == "rename":
            agency = rename_agency(session=session, actor=user, agency_id=agency_id, name=str(form.get("name", "")))
            message = f"已改名为「{agency.name}」"
        elif action == "move":
            parent_id = parse_int(str(form.get("parent_id", "")), "parent_id", required=False)
            agency = move_agency(session=session, actor=user, agency_id=agency_id, parent_id=parent_id)
            message = f"已移动「{agency.name}」"
        elif action in ("retire", "restore"):
            agency = retire_agency(session=session, actor=user, agency_id=agency_id, retired=action == "retire")
            message = f"已{'撤销' if agency.retired else '恢复'}「{agency.name}」"
        else:
            raise LedgerError("未知的操作")
    except (LedgerError, FormInvalid) as exc:
        session.rollback()
        flash(request, str(exc) if isinstance(exc, LedgerError) else "上级机关不正确", "error")
        return RedirectResponse(f"/admin/agencies#a{agency_id}", status_code=303)
    flash(request, message)
    return RedirectResponse(f"/admin/agencies#a{agency_id}", status_code=303)


# --- audit log -----------------------------------------------------------------------------------


@router.get("/admin/audit")
def audit_page(request: Request, user: CurrentUser, session: SessionDep,
               entity: Annotated[str, Query(max_length=40)] = "", who: Annotated[str, Query(max_length=64)] = "",
               action: Annotated[str, Query(max_length=40)] = "", since: Annotated[str, Query(max_length=10)] = "",
               until: Annotated[str, Query(max_length=10)] = "", entity_id: Annotated[str, Query(max_length=12)] = "",
               page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> Response:
    _admin(user)
    errors: FieldErrors = {}
    bounds: dict[str, date | None] = {}
    for name, raw in (("since", since), ("until", until)):
        try:
            bounds[name] = parse_date(raw, name, required=False)
        except FormInvalid as exc:
            errors.update(exc.errors)
            bounds[name] = None
    start = datetime.combine(bounds["since"], time()) if bounds["since"] else None
    end = datetime.combine(bounds["until"] + timedelta(days=1), time()) if bounds["until"] else None
    filters: dict[str, Any] = {"entity": entity or None, "username": who or None, "action": action or None,
                               "since": start, "until": end,
                               "entity_id": int(entity_id) if entity_id.strip().isdigit() else None}
    total, rows = search_audit_log(session=session, actor=user, limit=AUDIT_PAGE, offset=(page - 1) * AUDIT_PAGE,
                                   **filters)
    return render(request, "admin/audit.html", rows=rows, total=total, page=page,
                  pages=max(1, -(-total // AUDIT_PAGE)), errors=errors,
                  values={"entity": entity, "who": who, "action": action, "since": since, "until": until,
                          "entity_id": entity_id},
                  entities=[(e, ENTITY_LABELS.get(e, e)) for e in audit_entities(session=session)],
                  entity_labels=ENTITY_LABELS, action_text=audit_action,
                  field_text=lambda key: FIELD_LABELS.get(key, key),
                  query=urlencode({k: v for k, v in (("entity", entity), ("who", who), ("action", action),
                                                     ("since", since), ("until", until), ("entity_id", entity_id))
                                   if v}))
