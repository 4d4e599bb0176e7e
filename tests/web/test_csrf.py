"""CSRF: every unsafe page route refuses a request without the session's token; the API wants the header."""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.routing import APIRoute

from gongkai.web.routers import ROUTERS

from .conftest import Browser, Region

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def page_routes(app: FastAPI) -> list[tuple[str, str]]:
    """Every unsafe method of every page router the app serves (all of gongkai.web.routers.ROUTERS)."""
    out = []
    for router in ROUTERS:
        for route in router.routes:
            if isinstance(route, APIRoute):
                out.extend((method, route.path) for method in sorted(route.methods & UNSAFE))
    return out


def concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


def test_there_are_form_routes_to_protect(app: FastAPI) -> None:
    paths = {path for _, path in page_routes(app)}
    assert {"/login", "/logout", "/requests/new", "/requests/{request_id}/decision", "/reports/upload",
            "/reports/narrative", "/appeals", "/documents", "/figures"} <= paths


def test_every_unsafe_page_route_refuses_a_missing_token(app: FastAPI, clerk_a: Browser, register) -> None:  # type: ignore[no-untyped-def]
    register(clerk_a)  # so that /requests/1 exists and a 404 cannot hide a missing check
    for method, path in page_routes(app):
        response = clerk_a.request(method, concrete(path), data={"x": "1"}, follow_redirects=False)
        assert response.status_code == 403, (method, path, response.status_code)
        assert "CSRF" in response.text


def test_a_wrong_token_is_refused(clerk_a: Browser) -> None:
    clerk_a.page("/requests/new")
    response = clerk_a.post("/requests/new", data={"csrf_token": "x" * 43, "applicant_name": "李四"},
                            follow_redirects=False)
    assert response.status_code == 403


def test_a_token_from_another_session_is_refused(clerk_a: Browser, make_client) -> None:  # type: ignore[no-untyped-def]
    other = make_client("clerk_a")
    clerk_a.page("/requests/new")
    other.page("/requests/new")
    assert other.csrf != clerk_a.csrf
    response = clerk_a.post("/logout", data={"csrf_token": other.csrf}, follow_redirects=False)
    assert response.status_code == 403


def test_login_form_needs_the_token_too(anonymous: Browser) -> None:
    anonymous.page("/login")
    response = anonymous.post("/login", data={"username": "clerk_a", "password": "x"}, follow_redirects=False)
    assert response.status_code == 403


def test_the_htmx_header_is_accepted(clerk_a: Browser, region: Region) -> None:
    clerk_a.page("/reports?year=2025")
    response = clerk_a.post("/reports/narrative", data={"agency_id": str(region.education), "year": "2025",
                                                        "section_5": "加强培训。"},
                            headers={"X-CSRF-Token": clerk_a.csrf, "HX-Request": "true"})
    assert response.status_code == 200
    assert "已保存年度报告正文（1 个部分有修改）" in response.text


def test_api_write_with_the_session_cookie_needs_the_csrf_header(clerk_a: Browser, region: Region) -> None:
    body = {"agency_id": region.education, "applicant_type": "enterprise", "applicant_name": "某公司",
            "channel": "letter", "content": "申请公开某项目环评报告", "received_on": "2025-06-02"}
    refused = clerk_a.post("/api/v1/requests", json=body)
    assert refused.status_code == 403
    assert refused.json()["detail"] == "缺少或错误的 X-CSRF-Token 请求头"
    token = clerk_a.get("/api/v1/me").json()["csrf_token"]
    assert token == clerk_a.csrf
    accepted = clerk_a.post("/api/v1/requests", json=body, headers={"X-CSRF-Token": token})
    assert accepted.status_code == 201, accepted.text


def test_reading_needs_no_token(clerk_a: Browser) -> None:
    assert clerk_a.get("/requests?q=x").status_code == 200
    assert clerk_a.get("/api/v1/requests").status_code == 200
