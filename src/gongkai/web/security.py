"""Cookies, CSRF tokens, API tokens and response headers.

The session is Starlette's signed cookie (HttpOnly, SameSite=Lax). It is marked Secure whenever the
request itself came over https, so the same app works behind a TLS proxy (uvicorn --proxy-headers)
and on plain loopback for the demo. CSRF tokens are per session and compared in constant time.
Both the cookie and the signed API token carry the secret of a server-side session row
(``gongkai.ledger.sessions``): logout and token revocation end them on the server, not only in
the browser.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Any

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SESSION_COOKIE = "gongkai_session"
SESSION_MAX_AGE = 8 * 3600  # one working day
TOKEN_MAX_AGE = 12 * 3600
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)


def csrf_token(session: dict[str, Any]) -> str:
    """The session's CSRF token, created on first use."""
    token = session.get("csrf")
    if not isinstance(token, str) or len(token) < 32:
        token = secrets.token_urlsafe(32)
        session["csrf"] = token
    return token


def csrf_ok(session: dict[str, Any], presented: str | None) -> bool:
    expected = session.get("csrf")
    if not isinstance(expected, str) or not presented:
        return False
    return hmac.compare_digest(expected.encode(), presented.encode())


def login_session(session: dict[str, Any], user_id: int, secret: str) -> None:
    """Start a fresh session for ``user_id`` (``secret``: its server-side row); a new CSRF token
    defeats session fixation via the token."""
    session.clear()
    session["uid"] = user_id
    session["sid"] = secret
    session["csrf"] = secrets.token_urlsafe(32)


def logout_session(session: dict[str, Any]) -> None:
    session.clear()


class TokenSigner:
    """Issues and checks API bearer tokens: ``{"uid": id, "sid": secret}`` signed with the app's
    secret, expiring; the server-side row of ``sid`` must also be live (revocable)."""

    def __init__(self, secret: str, *, max_age: int = TOKEN_MAX_AGE) -> None:
        self._s = URLSafeTimedSerializer(secret, salt="gongkai-api-token")
        self.max_age = max_age

    def issue(self, user_id: int, secret: str) -> str:
        return self._s.dumps({"uid": user_id, "sid": secret})

    def verify(self, token: str) -> tuple[int, str] | None:
        try:
            data = self._s.loads(token, max_age=self.max_age)
        except (BadSignature, SignatureExpired):
            return None
        if not isinstance(data, dict):
            return None
        uid, sid = data.get("uid"), data.get("sid")
        return (uid, sid) if isinstance(uid, int) and isinstance(sid, str) else None


class SchemeAwareSessions:
    """Two SessionMiddleware instances, one Secure, chosen by the request's scheme."""

    def __init__(self, app: ASGIApp, *, secret_key: str) -> None:
        common: dict[str, Any] = {
            "secret_key": secret_key,
            "session_cookie": SESSION_COOKIE,
            "max_age": SESSION_MAX_AGE,
            "same_site": "lax",
        }
        self._plain = SessionMiddleware(app, https_only=False, **common)
        self._secure = SessionMiddleware(app, https_only=True, **common)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        secure = scope["type"] in ("http", "websocket") and scope.get("scheme") in ("https", "wss")
        await (self._secure if secure else self._plain)(scope, receive, send)


class SecurityHeaders:
    """Adds CSP, anti-framing and no-sniff headers to every HTTP response."""

    HEADERS: tuple[tuple[bytes, bytes], ...] = (
        (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"x-frame-options", b"DENY"),
        (b"referrer-policy", b"same-origin"),
    )

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in self.HEADERS if k not in present]
                if not scope["path"].startswith("/static/"):
                    headers += [(b"cache-control", b"no-store")] if b"cache-control" not in present else []
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
