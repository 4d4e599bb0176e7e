"""The admin's holiday page and API: upload a year's arrangement, provisional deadlines resolve."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from fastapi import FastAPI
from sqlalchemy import select

from gongkai.ledger import AuditLog, HolidayYear, Request, session_factory
from gongkai.settings import Settings
from gongkai.web import create_app

from .conftest import PASSWORD, Browser, register_request

FILE_2027 = """\
year: 2027
source: 国务院办公厅关于2027年部分节假日安排的通知
holidays:
  - {name: 元旦, start: 2027-01-01, end: 2027-01-03}
  - {name: 春节, start: 2027-02-06, end: 2027-02-12}
workdays:
  - {date: 2027-02-20, name: 春节}
""".encode()


@pytest.fixture
def december_app(database_url: str) -> FastAPI:
    """Mid-December 2026: a request received now has its deadline in 2027, which the calendar lacks."""
    return create_app(settings=Settings(database_url=database_url, secret_key="k" * 32),
                      today=lambda: date(2026, 12, 15))


@pytest.fixture
def login(december_app: FastAPI) -> Iterator[object]:
    clients: list[Browser] = []

    def make(username: str) -> Browser:
        client = Browser(december_app)
        client.__enter__()
        clients.append(client)
        client.page("/login")
        assert client.submit("/login", {"username": username, "password": PASSWORD}).status_code == 303
        client.page("/")
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


def _due(app: FastAPI, request_id: int) -> tuple[date | None, bool]:
    with session_factory(app.state.engine)() as session:
        request = session.get(Request, request_id)
        assert request is not None
        return request.due_on, request.due_provisional


def test_admin_uploads_a_year_and_provisional_deadlines_become_final(december_app: FastAPI, login) -> None:  # type: ignore[no-untyped-def]
    clerk = login("clerk_a")
    rid = register_request(clerk, received_on="2026-12-14")
    assert _due(december_app, rid) == (date(2027, 1, 11), True)  # weekends only

    admin = login("admin")
    home = admin.page("/")
    assert '<a href="/admin">系统管理</a>' in home
    page = admin.page("/admin/holidays")
    assert '<a href="/admin/holidays" class="on" aria-current="page">节假日安排</a>' in page
    assert "内置日历已包含的年度：2004–2026" in page  # chinese-calendar as installed
    assert "尚未导入任何年度" in page
    assert "期限仍为暂定的未办结申请（1）" in page and f'<a href="/requests/{rid}">' in page
    response = admin.post("/admin/holidays", data={"csrf_token": admin.csrf},
                          files={"file": ("2027年节假日.yaml", FILE_2027, "application/x-yaml")},
                          follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/admin/holidays"
    page = admin.page("/admin/holidays")
    assert "已导入 2027 年节假日安排（10 天假期、1 天调休上班），重新计算了 1 件未办结申请的答复期限" in page
    assert "<td>2027</td><td>10</td><td>1</td><td>国务院办公厅关于2027年部分节假日安排的通知</td>" in page
    assert "期限仍为暂定的未办结申请（0）" in page and "没有期限暂定的未办结申请" in page

    assert _due(december_app, rid) == (date(2027, 1, 12), False)  # 01-01 is 元旦 now
    request_page = clerk.page(f"/requests/{rid}")
    assert '<span class="badge provisional"' not in request_page
    with session_factory(december_app.state.engine)() as session:
        audit = session.scalars(select(AuditLog).where(AuditLog.entity == "holiday_year")).all()
        assert [(a.actor, a.action, a.entity_id) for a in audit] == [("admin", "load", 2027)]


@pytest.mark.parametrize("username", ["clerk_a", "supervisor"])
def test_others_get_404_on_the_page_and_403_from_the_api(december_app: FastAPI, login, username: str) -> None:  # type: ignore[no-untyped-def]
    client = login(username)
    assert "/admin/holidays" not in client.page("/")
    assert client.get("/admin/holidays").status_code == 404
    response = client.post("/admin/holidays", data={"csrf_token": client.csrf},
                           files={"file": ("2027.yaml", FILE_2027, "application/x-yaml")}, follow_redirects=False)
    assert response.status_code == 404
    token = client.post("/api/v1/token", json={"username": username, "password": PASSWORD}).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/holidays", headers=headers).status_code == 403
    response = client.post("/api/v1/holidays", headers=headers, files={"file": ("2027.yaml", FILE_2027)})
    assert response.status_code == 403
    assert response.json() == {"detail": "只有管理员可以查看和导入节假日安排"}
    with session_factory(december_app.state.engine)() as session:
        assert session.scalars(select(HolidayYear)).all() == []


def test_upload_needs_the_csrf_token(december_app: FastAPI, login) -> None:  # type: ignore[no-untyped-def]
    admin = login("admin")
    admin.page("/admin/holidays")
    response = admin.post("/admin/holidays", files={"file": ("2027.yaml", FILE_2027)}, follow_redirects=False)
    assert response.status_code == 403
    assert "CSRF 校验失败" in response.text


@pytest.mark.parametrize(("name", "data", "message"), [
    ("2027.txt", FILE_2027, "不支持的文件类型“.txt”；节假日安排文件应为 .yaml、.yml、.json 文件"),
    ("2027.yaml", b"", "2027.yaml 是空文件"),
    ("2027.yaml", b"#" * (64 * 1024 + 1), "2027.yaml 超过 64 KB，不像是节假日安排文件"),
    ("2027.yaml", b"year: [2027", "2027.yaml：节假日安排文件不是有效的 YAML 或 JSON"),
    ("2027.json", "\ufeff".encode() + b'{"year": 2027, "holidays": []}', "2027.json：节假日安排文件无效：holidays 为空"),
    ("2027.yaml", b"year: 2027\nholidays:\n  - {name: x, start: 2028-01-01}\n",
     "2027.yaml：节假日安排文件无效：假期开始日期 2028-01-01 不在 2027 年内"),
    ("2027.yaml", b"year: 2027\nholidays:\n  - {start: 2027-01-01}\nworkdays: [2027-01-04]\n",
     "2027.yaml：节假日安排文件无效：调休上班日 2027-01-04 是工作日（星期一），应为周六或周日"),
])
def test_a_bad_file_gets_a_clear_chinese_error(december_app: FastAPI, login, name: str, data: bytes,  # type: ignore[no-untyped-def]
                                               message: str) -> None:
    admin = login("admin")
    admin.page("/admin/holidays")
    response = admin.post("/admin/holidays", data={"csrf_token": admin.csrf}, files={"file": (name, data)},
                          follow_redirects=False)
    assert response.status_code == 400
    assert f'<div class="flash error" role="alert">{message}' in response.text
    with session_factory(december_app.state.engine)() as session:
        assert session.scalars(select(HolidayYear)).all() == []


def test_the_api_lists_and_loads(december_app: FastAPI, login) -> None:  # type: ignore[no-untyped-def]
    clerk = login("clerk_a")
    rid = register_request(clerk, received_on="2026-12-14")
    api = Browser(december_app)
    token = api.post("/api/v1/token", json={"username": "admin", "password": PASSWORD}).json()["access_token"]
    api.headers["Authorization"] = f"Bearer {token}"
    listed = api.get("/api/v1/holidays").json()
    assert listed["years"] == []
    assert [(p["id"], p["due_on"]) for p in listed["provisional"]] == [(rid, "2027-01-11")]
    bad = api.post("/api/v1/holidays", files={"file": ("2027.yaml", b"year: 1999\nholidays: []\n")})
    assert bad.status_code == 400
    assert bad.json()["detail"] == "2027.yaml：节假日安排文件无效：year 应为 2000 到 2100 之间的年份"
    loaded = api.post("/api/v1/holidays", files={"file": ("2027.yaml", FILE_2027)})
    assert loaded.status_code == 201
    assert loaded.json() == {"year": 2027, "holidays": 10, "workdays": 1, "recomputed": 1}
    listed = api.get("/api/v1/holidays").json()
    assert [y["year"] for y in listed["years"]] == [2027] and listed["provisional"] == []
    assert "/api/v1/holidays" in api.get("/api/openapi.json").json()["paths"]


def test_a_year_loaded_through_another_worker_shows_on_the_next_page(december_app: FastAPI, database_url: str,  # type: ignore[no-untyped-def]
                                                                      login) -> None:
    """``gongkai serve --workers 2``: each process keeps its calendar; the admin's upload goes to the other."""
    clerk = login("clerk_a")
    rid = register_request(clerk, received_on="2026-12-14")
    page = clerk.page(f"/requests/{rid}")
    assert '<span class="badge provisional">暂定</span>' in page and "2027-01-11" in page

    other_worker = create_app(settings=Settings(database_url=database_url, secret_key="k" * 32),
                              today=lambda: date(2026, 12, 15))
    with Browser(other_worker) as admin:
        admin.page("/login")
        assert admin.submit("/login", {"username": "admin", "password": PASSWORD}).status_code == 303
        admin.page("/admin/holidays")
        response = admin.post("/admin/holidays", data={"csrf_token": admin.csrf},
                              files={"file": ("2027.yaml", FILE_2027, "application/x-yaml")}, follow_redirects=False)
        assert response.status_code == 303

    page = clerk.page(f"/requests/{rid}")
    assert '<span class="badge provisional">' not in page
    assert "2027-01-12" in page and "元旦" in page  # the explanation walks the loaded year
