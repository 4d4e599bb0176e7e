"""Admin pages: users, agencies, the audit log, locked accounts — and nobody else may open them."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from gongkai.ledger import Agency, AuditLog, User, session_factory
from gongkai.ledger.models import LoginFailure

from .conftest import PASSWORD, Browser, Region


@pytest.fixture
def admin(make_client: Callable[[str | None], Browser]) -> Browser:
    return make_client("admin")


def login(client: Browser, username: str, password: str):  # type: ignore[no-untyped-def]
    client.page("/login")
    return client.submit("/login", {"username": username, "password": password, "next": "/"})


@pytest.mark.parametrize("path", ["/admin/users", "/admin/agencies", "/admin/audit", "/admin/holidays"])
def test_admin_pages_are_404_for_everyone_else(path: str, clerk_a: Browser, supervisor: Browser) -> None:
    assert clerk_a.get(path).status_code == 404
    assert supervisor.get(path).status_code == 404
    clerk_a.page("/")
    assert clerk_a.submit("/admin/users", {"username": "x", "password": "long-enough-1", "role": "admin"}).status_code == 404


def test_admin_creates_a_clerk_who_logs_in_and_sees_only_their_agency(
        admin: Browser, make_client: Callable[[str | None], Browser], region: Region, app: FastAPI) -> None:
    page = admin.page("/admin/users")
    assert "新建用户" in page and "clerk_a" in page
    response = admin.submit("/admin/users", {"username": "new_clerk", "display_name": "李四", "role": "clerk",
                                             "agency_id": str(region.health), "password": "first-pass-123"})
    assert response.status_code == 303, response.text[:2000]
    assert "已创建用户 new_clerk（经办人）" in admin.page("/admin/users")
    fresh = make_client(None)
    assert login(fresh, "new_clerk", "first-pass-123").status_code == 303
    home = fresh.page("/")
    assert "李四（经办人 · 示范县卫生健康委员会）" in home
    with session_factory(app.state.engine)() as session:
        row = session.scalars(select(AuditLog).where(AuditLog.entity == "user", AuditLog.action == "create")
                              .order_by(AuditLog.id.desc())).first()
        assert row is not None and row.actor == "admin" and row.after is not None
        assert row.after["username"] == "new_clerk" and "password_hash" not in row.after


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"username": "", "role": "clerk", "agency_id": "2", "password": "long-enough-1"}, "username", "此项必填"),
    ({"username": "a b", "role": "clerk", "agency_id": "2", "password": "long-enough-1"}, "username", "不能含空格"),
    ({"username": "zz", "role": "clerk", "agency_id": "", "password": "long-enough-1"}, "agency_id", "请选择所属机关"),
    ({"username": "zz", "role": "clerk", "agency_id": "2", "password": "short"}, "password", "密码至少需要 8 个字符"),
    ({"username": "zz", "role": "boss", "agency_id": "2", "password": "long-enough-1"}, "role", "请从列表中选择一项"),
])
def test_a_bad_new_user_form_says_what_is_wrong_next_to_the_field(admin: Browser, fields: dict[str, str],
                                                                  field: str, message: str) -> None:
    admin.page("/admin/users")
    response = admin.submit("/admin/users", fields)
    assert response.status_code == 400
    assert re.search(rf'id="e-{field}" role="alert">[^<]*{re.escape(message)}', response.text), response.text[-3000:]


def test_duplicate_username_is_refused(admin: Browser, region: Region) -> None:
    admin.page("/admin/users")
    response = admin.submit("/admin/users", {"username": "clerk_a", "role": "clerk", "agency_id": str(region.health),
                                             "password": "long-enough-1"})
    assert response.status_code == 400 and "用户名「clerk_a」已被使用" in response.text


def user_id(app: FastAPI, username: str) -> int:
    with session_factory(app.state.engine)() as session:
        found = session.scalar(select(User.id).where(User.username == username))
        assert found is not None
        return found


def test_disable_ends_the_users_session_and_login(admin: Browser, clerk_a: Browser, app: FastAPI,
                                                  make_client: Callable[[str | None], Browser]) -> None:
    uid = user_id(app, "clerk_a")
    admin.page("/admin/users")
    assert admin.submit(f"/admin/users/{uid}", {"action": "disable"}).status_code == 303
    assert "已停用用户 clerk_a" in admin.page("/admin/users")
    assert clerk_a.get("/", follow_redirects=False).status_code == 303  # back to the login page
    assert login(make_client(None), "clerk_a", PASSWORD).status_code != 303
    admin.page("/admin/users")
    assert admin.submit(f"/admin/users/{uid}", {"action": "enable"}).status_code == 303
    assert login(make_client(None), "clerk_a", PASSWORD).status_code == 303


def test_admin_cannot_disable_or_demote_themselves(admin: Browser, app: FastAPI, region: Region) -> None:
    uid = user_id(app, "admin")
    admin.page("/admin/users")
    admin.submit(f"/admin/users/{uid}", {"action": "disable"})
    assert "不能停用自己的账号" in admin.page("/admin/users")
    admin.submit(f"/admin/users/{uid}", {"action": "save", "role": "clerk", "agency_id": str(region.health)})
    assert "取消自己的管理员角色" in admin.page("/admin/users")


def test_role_and_agency_change_moves_what_the_user_sees(admin: Browser, app: FastAPI, region: Region,
                                                        clerk_a: Browser, clerk_b: Browser, register) -> None:  # type: ignore[no-untyped-def]
    rid = register(clerk_a)
    assert clerk_b.get(f"/requests/{rid}").status_code == 404
    uid = user_id(app, "clerk_b")
    admin.page("/admin/users")
    response = admin.submit(f"/admin/users/{uid}", {"action": "save", "role": "clerk", "agency_id": str(region.education),
                                                    "display_name": "王五"})
    assert response.status_code == 303
    assert "已保存用户 clerk_b" in admin.page("/admin/users")
    assert clerk_b.get(f"/requests/{rid}").status_code == 200  # visibility follows the new agency at once
    assert "王五（经办人 · 示范县教育局）" in clerk_b.page("/")


def test_reset_password_and_change_it_back(admin: Browser, app: FastAPI, clerk_b: Browser,
                                          make_client: Callable[[str | None], Browser]) -> None:
    assert clerk_b.get("/", follow_redirects=False).status_code == 200
    uid = user_id(app, "clerk_b")
    admin.page("/admin/users")
    admin.submit(f"/admin/users/{uid}", {"action": "password", "password": "short"})
    assert "密码至少需要 8 个字符" in admin.page("/admin/users")
    admin.submit(f"/admin/users/{uid}", {"action": "password", "password": "temporary-987"})
    assert "已重设 clerk_b 的密码" in admin.page("/admin/users")
    assert clerk_b.get("/", follow_redirects=False).status_code == 303  # their open session has ended
    client = make_client(None)
    assert login(client, "clerk_b", PASSWORD).status_code != 303
    assert login(client, "clerk_b", "temporary-987").status_code == 303


def test_locked_account_is_listed_and_unlocked(admin: Browser, app: FastAPI) -> None:
    now = datetime.now(UTC).replace(tzinfo=None)
    with session_factory(app.state.engine)() as session:
        session.add_all([LoginFailure(username="clerk_b", address="10.0.0.9", at=now) for _ in range(5)])
        session.add_all([LoginFailure(username="clerk_a", address="10.0.0.9", at=now) for _ in range(2)])
        session.commit()
    page = admin.page("/admin/users")
    assert "登录被锁定的账号（1）" in page and '<input type="hidden" name="username" value="clerk_b">' in page
    assert admin.submit("/admin/unlock", {"username": "clerk_b"}).status_code == 303
    page = admin.page("/admin/users")
    assert "已解除 clerk_b 的登录锁定（清除 5 次失败记录）" in page and "登录被锁定的账号" not in page
    with session_factory(app.state.engine)() as session:
        assert session.scalar(select(func.count()).select_from(LoginFailure)) == 2


def test_agency_tree_add_rename_move_retire(admin: Browser, app: FastAPI, region: Region) -> None:
    page = admin.page("/admin/agencies")
    assert "示范县人民政府" in page and 'class="depth-1"' in page
    response = admin.submit("/admin/agencies", {"name": "示范县司法局", "kind": "department",
                                                "parent_id": str(region.county)})
    assert response.status_code == 303
    assert "已添加机关「示范县司法局」" in admin.page("/admin/agencies")
    with session_factory(app.state.engine)() as session:
        new = session.scalar(select(Agency).where(Agency.name == "示范县司法局"))
        assert new is not None and new.parent_id == region.county
        new_id = new.id
    admin.submit(f"/admin/agencies/{new_id}", {"action": "rename", "name": "示范县教育局"})
    assert "机关「示范县教育局」已存在" in admin.page("/admin/agencies")
    admin.submit(f"/admin/agencies/{new_id}", {"action": "rename", "name": "示范县司法行政局"})
    assert "已改名为「示范县司法行政局」" in admin.page("/admin/agencies")
    admin.submit(f"/admin/agencies/{region.county}", {"action": "move", "parent_id": str(region.education)})
    assert "不能把「示范县人民政府」移到它自己或它的下级机关「示范县教育局」之下" in admin.page("/admin/agencies")
    admin.submit(f"/admin/agencies/{new_id}", {"action": "move", "parent_id": str(region.other_county)})
    admin.submit(f"/admin/agencies/{region.education}", {"action": "retire"})
    assert "还有 1 个启用的用户" in admin.page("/admin/agencies")
    admin.submit(f"/admin/agencies/{new_id}", {"action": "retire"})
    page = admin.page("/admin/agencies")
    assert "已撤销「示范县司法行政局」" in page
    with session_factory(app.state.engine)() as session:
        moved = session.get(Agency, new_id)
        assert moved is not None and moved.parent_id == region.other_county and moved.retired
        actions = list(session.scalars(select(AuditLog.action).where(AuditLog.entity == "agency",
                                                                     AuditLog.entity_id == new_id).order_by(AuditLog.id)))
    assert actions == ["create", "rename", "move", "retire"]


def test_a_retired_agency_gets_no_new_users(admin: Browser, app: FastAPI, region: Region) -> None:
    admin.page("/admin/agencies")
    admin.submit("/admin/agencies", {"name": "旧机关", "kind": "department"})
    with session_factory(app.state.engine)() as session:
        old = session.scalar(select(Agency.id).where(Agency.name == "旧机关"))
    admin.submit(f"/admin/agencies/{old}", {"action": "retire"})
    admin.page("/admin/users")
    response = admin.submit("/admin/users", {"username": "late", "role": "clerk", "agency_id": str(old),
                                             "password": "long-enough-1"})
    assert response.status_code == 400 and "已撤销" in response.text


def test_audit_log_viewer_filters(admin: Browser, clerk_a: Browser, register) -> None:  # type: ignore[no-untyped-def]
    register(clerk_a)
    page = admin.page("/admin/audit")
    assert "共 " in page and "<td>clerk_a</td>" in page
    only = admin.page("/admin/audit?who=clerk_a&entity=request")
    assert re.search(r"共 1 条", only), only
    assert "<td>admin</td>" not in only
    none = admin.page("/admin/audit?who=nobody")
    assert "共 0 条" in none and "没有符合条件的记录" in none
    bad = admin.page("/admin/audit?since=2025-13-01")
    assert "日期格式不正确" in bad
    future = admin.page("/admin/audit?since=2999-01-01")
    assert "共 0 条" in future


def test_a_real_lockout_is_lifted_by_the_admin(admin: Browser, make_client: Callable[[str | None], Browser]) -> None:
    guesser = make_client(None)
    for _ in range(5):
        assert login(guesser, "clerk_b", "wrong-password").status_code != 303
    blocked = login(guesser, "clerk_b", PASSWORD)
    assert blocked.status_code != 303 and "登录失败次数过多" in blocked.text
    page = admin.page("/admin/users")
    assert '<input type="hidden" name="username" value="clerk_b">' in page
    admin.submit("/admin/unlock", {"username": "clerk_b"})
    assert login(guesser, "clerk_b", PASSWORD).status_code == 303
