"""A small in-process brake on password guessing: five failures per name and address per 15 minutes."""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque

WINDOW_SECONDS = 15 * 60
MAX_FAILURES = 5


class LoginThrottle:
    def __init__(self, *, window: float = WINDOW_SECONDS, max_failures: int = MAX_FAILURES) -> None:
        self.window = window
        self.max_failures = max_failures
        self._failures: dict[tuple[str, str], deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, str], now: float) -> deque[float]:
        times = self._failures[key]
        while times and now - times[0] > self.window:
            times.popleft()
        return times

    def blocked_for(self, username: str, address: str) -> int:
        """Seconds until another attempt is allowed; 0 when allowed now."""
        now = time.monotonic()
        with self._lock:
            times = self._recent((username.lower(), address), now)
            if len(times) < self.max_failures:
                return 0
            return int(self.window - (now - times[0])) + 1

    def failed(self, username: str, address: str) -> None:
        with self._lock:
            self._failures[(username.lower(), address)].append(time.monotonic())

    def succeeded(self, username: str, address: str) -> None:
        with self._lock:
            self._failures.pop((username.lower(), address), None)


def blocked_message(seconds: int) -> str:
    minutes = max(1, (seconds + 59) // 60)
    return f"登录失败次数过多，请 {minutes} 分钟后再试"
