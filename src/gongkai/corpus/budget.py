"""A time budget for one file, in whatever thread the shard runs.

A corpus shard runs in a process-pool worker (main thread) or in a Dask worker's task thread, so
``signal.alarm`` alone will not do. The budget is enforced by a watchdog timer that raises
``FileTimeout`` inside the reading thread (``PyThreadState_SetAsyncExc``): the exception arrives at
the next bytecode boundary, which is enough for the readers (pure Python loops around short regex
and parser calls). A reader stuck inside one C call (which the readers' own size bounds are there
to prevent) is stopped by the engine instead: the local engine's worker process is replaced and
the shard retried file by file (``engines/local.py``).
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class FileTimeout(Exception):
    """The file took longer than its budget; it is recorded as unreadable, the shard goes on."""


def _raise_in(thread_id: int) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(FileTimeout))


def _clear(thread_id: int) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), None)


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise ``FileTimeout`` in this thread if the block runs longer than ``seconds`` (0: no limit)."""
    if seconds <= 0:
        yield
        return
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def fire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                _raise_in(target)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["done"] = True
            timer.cancel()
            if state["fired"]:
                _clear(target)  # the exception may still be pending if the block ended meanwhile
