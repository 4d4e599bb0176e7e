"""Login, logout, session cookies, login throttling and security headers."""

from __future__ import annotations

import pytest
from fastapi import FastAPI

from gongkai.settings import Settings
from gongkai.web import create_app
from gongkai.web.security import SESSION_COOKIE

from .conftest import PASSWORD, Browser


def test_login_page_is_chinese_and_carries_a_csrf_field(anonymous: Browser) -> None:
    html = anonymous.page("/login")
    assert '<html lang="zh-CN">' in html
    assert "用户名" in html and "密码" in html
    assert anonymous.csrf


def test_pages_need_login_and_come_back_after_it(anonymous: Browser) -> None:
    response = anonymous.get("/requests?q=%E5%BC%A0", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/requests%3Fq%3D%25E5%25BC%25A0"
    anonymous.page("/login?next=/requests")
    response = anonymous.submit("/login", {"username": "clerk_a", "password": PASSWORD, "next": "/requests"})
    assert response.status_code == 303
    assert response.headers["location"] == "/requests"


def test_wrong_password_is_refused_in_chinese(anonymous: Browser) -> None:
    anonymous.page("/login")
    response = anonymous.submit("/login", {"username": "clerk_a", "password": "wrong-password"})
    assert response.status_code == 400
    assert "用户名或密码错误" in response.text
    assert anonymous.get("/", follow_redirects=False).status_code == 303


def test_unknown_user_gets_the_same_answer(anonymous: Browser) -> None:
    anonymous.page("/login")
    response = anonymous.submit("/login", {"username": "nobody", "password": PASSWORD})
    assert response.status_code == 400
    assert "用户名或密码错误" in response.text


def test_login_redirect_stays_on_site(anonymous: Browser) -> None:
    anonymous.page("/login")
    for target in ("//evil.example/x", "https://evil.example/", "\\\\evil"):
        response = anonymous.submit("/login", {"username": "clerk_a", "password": PASSWORD, "next": target})
        assert response.headers["location"] == "/"
        anonymous.page("/")


def test_five_failures_block_further_attempts(anonymous: Browser) -> None:
    anonymous.page("/login")
    for _ in range(5):
        assert anonymous.submit("/login", {"username": "clerk_b", "password": "nope-nope"}).status_code == 400
    response = anonymous.submit("/login", {"username": "clerk_b", "password": PASSWORD})
    assert response.status_code == 429
    assert "登录失败次数过多" in response.text


def test_logout_ends_the_session(clerk_a: Browser) -> None:
    clerk_a.page("/")
    response = clerk_a.submit("/logout")
    assert response.status_code == 303
    assert response.headers["location"] == "/login"
    assert clerk_a.get("/", follow_redirects=False).status_code == 303


def test_session_cookie_is_httponly_and_samesite_lax_and_not_secure_on_http(anonymous: Browser) -> None:
    cookie = anonymous.get("/login").headers["set-cookie"]
    assert cookie.startswith(f"{SESSION_COOKIE}=")
    flags = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert "httponly" in flags
    assert "samesite=lax" in flags
    assert "secure" not in flags


def test_session_cookie_is_secure_over_https(app: FastAPI) -> None:
    with Browser(app, base_url="https://testserver") as client:
        cookie = client.get("/login").headers["set-cookie"]
    assert "secure" in {part.strip().lower() for part in cookie.split(";")[1:]}


def test_security_headers_on_every_page(anonymous: Browser) -> None:
    headers = anonymous.get("/login").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["cache-control"] == "no-store"


def test_pages_have_no_inline_scripts_or_styles(clerk_a: Browser) -> None:
    """The CSP forbids them; an inline one would silently not run."""
    for url in ("/", "/requests", "/requests/new", "/appeals", "/documents", "/figures", "/reports?year=2025",
                "/reports/upload", "/api/docs"):
        html = clerk_a.page(url)
        assert "<script>" not in html and "style=" not in html and "<style" not in html, url


@pytest.mark.parametrize("secret", [Settings.model_fields["secret_key"].default, "", "short"])
def test_a_default_or_weak_secret_is_never_used_to_sign_cookies(database_url: str, secret: str) -> None:
    app = create_app(settings=Settings(database_url=database_url, secret_key=secret))
    assert app.state.settings.secret_key != secret
    assert len(app.state.settings.secret_key) >= 32


def test_a_forged_cookie_is_ignored(anonymous: Browser) -> None:
    anonymous.cookies.set(SESSION_COOKIE, "eyJ1aWQiOiAxfQ==.forged.signature")
    assert anonymous.get("/", follow_redirects=False).status_code == 303


def test_passwords_are_stored_as_argon2_hashes(app: FastAPI) -> None:
    from sqlalchemy import select

    from gongkai.ledger import User

    with app.state.session_factory() as session:
        hashes = session.scalars(select(User.password_hash)).all()
    assert hashes and all(h.startswith("$argon2id$") for h in hashes)
    assert not any(PASSWORD in h for h in hashes)
