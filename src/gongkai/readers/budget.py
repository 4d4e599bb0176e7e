"""A time budget for one read: past it, the file is reported unreadable and the batch goes on.

Readers are linear in their input, but a reader bug, a pathological PDF or a file near the size
cap must not stop a supervisor's upload page or a corpus build. ``time_budget`` interrupts the
block it guards and raises ``ReadTimeout`` (an ``Unreadable``: one sentence naming the file).

How the block is interrupted, and why:

* In the main thread on POSIX (the CLI, each worker process of a corpus build): a ``SIGALRM``
  timer. The signal handler runs between any two Python instructions and inside the regular
  expression engine (which checks for signals), so it also stops a runaway pattern; it costs two
  system calls per read. An outer ``SIGALRM`` timer already running (a test runner's timeout, a
  caller's own budget) is left alone: the watchdog below is used instead.
* In other threads (a web server's thread pool) and on Windows, which have no per-thread signals:
  a watchdog thread raises the exception inside the reading thread through CPython's
  ``PyThreadState_SetAsyncExc``. It interrupts Python code but not a long call inside a C library.
* Threads cannot be killed, and a C call that never returns to Python (a native PDF library stuck
  in a loop) defeats both; only a process can be stopped from outside. A caller that must survive
  that runs reads in worker processes and ends the process (``concurrent.futures`` with a timeout),
  as the corpus engines do. The CLI does not: a process per file would cost more start-up time
  than most reads take.

The interruption is a ``BaseException`` inside the block, so a reader's ``except Exception`` cannot
swallow it, and it is repeated every half second until the block has ended.

Some work is slow by nature, not by fault: OCR of one scanned page takes tens of seconds. A reader
that starts such work calls ``allow(seconds)``, which lengthens the budget of the read in progress
in this thread (``OCR_SECONDS_PER_PAGE`` per page), so a ten-page scan is not cut off by a budget
sized for text while a runaway text reader still is.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from types import TracebackType
from typing import Any

from gongkai.errors import ReadTimeout

#: After the budget has run out, the interruption is repeated this often until the block ends.
REPEAT_SECONDS = 0.5
#: What one scanned page may add to a read's budget (RapidOCR on one core: 25–70 s a page).
OCR_SECONDS_PER_PAGE = 90.0

_local = threading.local()  # the extension hook of the budget running in this thread, if any


def allow(seconds: float) -> None:
    """Lengthen the time budget of the read running in this thread by ``seconds`` (no budget: nothing)."""
    extend = getattr(_local, "extend", None)
    if extend is not None and seconds > 0:
        extend(seconds)


class _Expired(BaseException):
    """Raised inside the guarded block; turned into ``ReadTimeout`` at its edge."""


class time_budget:  # lower case: used as a function, ``with time_budget(seconds, path):``
    """Raise ``ReadTimeout`` naming ``path`` when the block runs longer than ``seconds`` (0: no limit).

    A class, not a generator context manager: it guards every read, and the alarm path (the CLI,
    a corpus worker) then costs two timer calls and two handler swaps, nothing more.
    """

    __slots__ = ("_guard", "_outer", "_previous", "path", "seconds")

    def __init__(self, seconds: float, path: str) -> None:
        self.seconds = seconds
        self.path = path
        self._guard: AbstractContextManager[None] | None = None
        self._previous: Any = None
        self._outer: Callable[[float], None] | None = None

    def __enter__(self) -> None:
        seconds = self.seconds
        if not seconds or seconds <= 0:
            return
        if _alarm_available():
            self._outer = getattr(_local, "extend", None)
            _local.extend = _extend_alarm
            self._previous = _set_handler(_SIGALRM, _raise_expired)
            try:  # the timer last, so that nothing is left to set up when it goes off
                signal.setitimer(_ITIMER_REAL, seconds, REPEAT_SECONDS)
            except _Expired:  # a budget so short that it ran out before the block began
                self.__exit__(_Expired, None, None)  # stops the timer, raises ReadTimeout
        else:
            self._guard = _watchdog(seconds)
            self._guard.__enter__()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> bool:
        seconds = self.seconds
        if not seconds or seconds <= 0:
            return False
        guard = self._guard
        if guard is None:
            try:
                signal.setitimer(_ITIMER_REAL, 0)
            except _Expired:  # the budget ran out just as the block ended
                kind = _Expired
                signal.setitimer(_ITIMER_REAL, 0)
            _local.extend = self._outer
            _set_handler(_SIGALRM, self._previous)
        else:
            self._guard = None
            try:
                guard.__exit__(kind, exc, tb)
            except _Expired:  # the interruption landed while the watchdog was being stopped
                kind = _Expired
        if kind is not None and issubclass(kind, _Expired):
            raise ReadTimeout(
                f"读取超过 {seconds:g} 秒仍未完成，已停止（文件可能异常；可用 GONGKAI_READ_TIMEOUT 调整时限）",
                path=self.path,
                message_en=f"reading took longer than {seconds:g} s and was stopped (GONGKAI_READ_TIMEOUT)",
            ) from None
        return False


try:  # the C function behind ``signal.signal``, without its enum conversions (two thirds of a read's budget cost)
    from _signal import signal as _set_handler
except ImportError:  # another Python implementation
    _set_handler = signal.signal
_SIGALRM = getattr(signal, "SIGALRM", None)
_ITIMER_REAL = getattr(signal, "ITIMER_REAL", None)


def _alarm_available() -> bool:
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return False
    delay, _interval = signal.getitimer(signal.ITIMER_REAL)
    return delay == 0  # someone else's timer is running: do not steal it


def _raise_expired(_signum: int, _frame: object) -> None:
    raise _Expired


def _extend_alarm(more: float) -> None:
    """``allow`` under the alarm: the timer, not this function, holds the deadline."""
    remaining, _ = signal.getitimer(signal.ITIMER_REAL)
    if remaining > 0:
        signal.setitimer(signal.ITIMER_REAL, remaining + more, REPEAT_SECONDS)


def _inject(thread_id: int, exc: type[BaseException] | None) -> None:
    """Raise ``exc`` in the thread at its next Python instruction (None clears a pending one)."""
    import ctypes

    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc else None)


@contextmanager
def _watchdog(seconds: float) -> Iterator[None]:
    target = threading.get_ident()
    done = threading.Event()
    lock = threading.Lock()
    fired = False
    deadline = time.monotonic() + seconds

    def extend(more: float) -> None:
        nonlocal deadline
        with lock:
            if not fired:
                deadline += more

    def watch() -> None:
        nonlocal fired
        while not done.wait(max(0.0, deadline - time.monotonic()) if not fired else REPEAT_SECONDS):
            with lock:
                if done.is_set():
                    return
                if not fired and time.monotonic() < deadline:
                    continue  # extended meanwhile
                _inject(target, _Expired)
                fired = True

    watcher = threading.Thread(target=watch, name="gongkai-read-budget", daemon=True)
    outer = getattr(_local, "extend", None)
    _local.extend = extend
    watcher.start()
    try:
        yield
    finally:
        _local.extend = outer
        with lock:
            done.set()
            if fired:
                _inject(target, None)  # one raised after the block's last instruction: drop it
