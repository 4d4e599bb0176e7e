"""A brake on password guessing: five failures per name and address per 15 minutes.

The failures live in the database (``login_failures``), so every worker process of
``gongkai serve --workers N`` counts the same attempts; a guesser cannot spread tries over workers.
An admin unlocks an account by deleting its rows (``gongkai.ledger.admin.unlock``).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from gongkai.ledger.models import LoginFailure

WINDOW_SECONDS = 15 * 60
MAX_FAILURES = 5


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class LoginThrottle:
    def __init__(self, *, window: float = WINDOW_SECONDS, max_failures: int = MAX_FAILURES) -> None:
        self.window = window
        self.max_failures = max_failures

    def _where(self, username: str, address: str) -> sa.ColumnElement[bool]:
        return sa.and_(LoginFailure.username == username.lower()[:64], LoginFailure.address == address[:64])

    def blocked_for(self, session: Session, username: str, address: str) -> int:
        """Seconds until another attempt is allowed; 0 when allowed now."""
        now = _now()
        since = now - timedelta(seconds=self.window)
        recent = sa.select(sa.func.count(), sa.func.min(LoginFailure.at)).where(
            self._where(username, address), LoginFailure.at > since)
        count, oldest = session.execute(recent).one()
        if count < self.max_failures or oldest is None:
            return 0
        return int(self.window - (now - oldest).total_seconds()) + 1

    def failed(self, session: Session, username: str, address: str) -> None:
        now = _now()
        # rows older than the window count for nothing: drop this name's, so a guesser cannot grow the table
        session.execute(sa.delete(LoginFailure).where(LoginFailure.username == username.lower()[:64],
                                                      LoginFailure.at <= now - timedelta(seconds=self.window)))
        session.add(LoginFailure(username=username.lower()[:64], address=address[:64], at=now))

    def succeeded(self, session: Session, username: str, address: str) -> None:
        session.execute(sa.delete(LoginFailure).where(self._where(username, address)))


def blocked_message(seconds: int) -> str:
    minutes = max(1, (seconds + 59) // 60)
    return f"登录失败次数过多，请 {minutes} 分钟后再试"
