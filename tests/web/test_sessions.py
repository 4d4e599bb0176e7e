"""Sessions live on the server: logout and token revocation end them for every copy of the
cookie or token; the login brake is shared by every worker process (one database)."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from gongkai.settings import Settings
from gongkai.web import create_app
from gongkai.web.security import SESSION_COOKIE

from .conftest import PASSWORD, TODAY, Browser


def test_a_copied_cookie_is_worthless_after_logout(clerk_a: Browser, app: FastAPI) -> None:
    stolen = clerk_a.cookies.get(SESSION_COOKIE)
    assert stolen
    with TestClient(app) as thief:
        thief.cookies.set(SESSION_COOKIE, stolen)
        assert thief.get("/", follow_redirects=False).status_code == 200  # the same session, before logout
        clerk_a.page("/")
        assert clerk_a.submit("/logout").status_code == 303
        response = thief.get("/", follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/login")
        assert thief.get("/api/v1/me").status_code == 401


def test_a_revoked_token_is_refused_and_others_stay(app: FastAPI) -> None:
    with TestClient(app) as client:
        tokens = [client.post("/api/v1/token", json={"username": "clerk_a", "password": PASSWORD}).json()
                  ["access_token"] for _ in range(3)]
        auth = [{"Authorization": f"Bearer {t}"} for t in tokens]
        assert [client.get("/api/v1/me", headers=h).status_code for h in auth] == [200, 200, 200]
        assert client.delete("/api/v1/token", headers=auth[0]).status_code == 204
        refused = client.get("/api/v1/me", headers=auth[0])
        assert refused.status_code == 401 and refused.json()["detail"] == "令牌无效、已过期或已被撤销"
        assert client.get("/api/v1/me", headers=auth[1]).status_code == 200
        assert client.delete("/api/v1/tokens", headers=auth[1]).status_code == 204
        assert [client.get("/api/v1/me", headers=h).status_code for h in auth] == [401, 401, 401]


def test_the_login_brake_is_shared_by_two_worker_processes(database_url: str) -> None:
    """Two app instances on one database stand for two uvicorn workers: failures add up."""
    settings = Settings(database_url=database_url, secret_key="test-secret-key-0123456789abcdef")
    workers = [create_app(settings=settings, today=lambda: TODAY) for _ in range(2)]
    clients = [TestClient(w) for w in workers]
    for i in range(5):
        response = clients[i % 2].post("/api/v1/token", json={"username": "clerk_b", "password": "wrong-one"})
        assert response.status_code == 401
    for client in clients:
        blocked = client.post("/api/v1/token", json={"username": "clerk_b", "password": PASSWORD})
        assert blocked.status_code == 429 and "登录失败次数过多" in blocked.json()["detail"]
    for client in clients:
        client.close()
