"""Server-side login sessions and API tokens: logging out and revoking really end them.

The cookie (or the signed bearer token) carries a random secret; the table keeps only its SHA-256,
so a copy of the database opens no session. A session is valid while its row exists, is not
revoked and has not expired; disabling a user or resetting a password calls ``revoke_all``.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from gongkai.ledger.models import AuthSession

SESSION = "session"
TOKEN = "token"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def session_key(secret: str) -> str:
    """The row id of the session a secret opens (its SHA-256)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def start_session(*, session: Session, user_id: int, kind: str, max_age: int, label: str = "") -> str:
    """Record a new session (or token) for the user; returns the secret to hand to the client."""
    secret = secrets.token_urlsafe(32)
    now = _now()
    # the user's sessions that ended long ago are of no use to anyone: keep the table small
    session.execute(sa.delete(AuthSession).where(
        AuthSession.user_id == user_id,
        sa.or_(AuthSession.expires_at < now - timedelta(days=30), AuthSession.revoked_at < now - timedelta(days=30))))
    session.add(AuthSession(id=session_key(secret), user_id=user_id, kind=kind, created_at=now,
                            expires_at=now + timedelta(seconds=max_age), label=label[:100]))
    return secret


def live_session(secret: str, kind: str) -> sa.ColumnElement[bool]:
    """The WHERE clause "this secret's session is live", to join with the user in one query."""
    return sa.and_(AuthSession.id == session_key(secret), AuthSession.kind == kind, AuthSession.revoked_at.is_(None),
                   AuthSession.expires_at > _now())


def end_session(*, session: Session, secret: str) -> bool:
    """Revoke one session or token; False when it was not live."""
    result = session.execute(sa.update(AuthSession).where(AuthSession.id == session_key(secret),
                                                          AuthSession.revoked_at.is_(None))
                             .values(revoked_at=_now()))
    return bool(result.rowcount)  # type: ignore[attr-defined]


def revoke_all(*, session: Session, user_id: int, kind: str | None = None) -> int:
    """End every live session and/or token of a user (disabled account, new password, lost token)."""
    stmt = sa.update(AuthSession).where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
    if kind is not None:
        stmt = stmt.where(AuthSession.kind == kind)
    return int(session.execute(stmt.values(revoked_at=_now())).rowcount)  # type: ignore[attr-defined]


def purge_expired(*, session: Session, older_than_days: int = 30) -> int:
    """Delete rows expired (or revoked) long ago; they only matter while they could be presented."""
    cutoff = _now() - timedelta(days=older_than_days)
    stmt = sa.delete(AuthSession).where(sa.or_(AuthSession.expires_at < cutoff, AuthSession.revoked_at < cutoff))
    return int(session.execute(stmt).rowcount)  # type: ignore[attr-defined]
