"""Processes on this machine, one per core: the default engine, needing nothing beyond the standard library.

Workers are started with ``spawn`` (no locks inherited from the driver's progress thread) and
keep their imports for the whole build. At most two shards per worker are in flight, so the
driver's memory does not grow with the corpus. A worker that dies (killed, out of memory, a
segfault in a parser) breaks the pool: the pool is replaced and the shards in flight go through
``Recovery``. A shard that outlives its budget (files × per-file time limit, plus slack) is
treated the same way, which stops a file stuck inside one C call.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from gongkai.corpus.engines import OnResult
from gongkai.corpus.engines.recovery import Recovery
from gongkai.corpus.shard import Shard, run_shard

SLACK_SECONDS = 30.0


def _warm(driver: int) -> None:
    """Import the read path once per worker, before the first shard; die with the driver.

    ``driver`` is the driver's pid, passed in rather than read here: a driver killed while this
    worker was still importing would otherwise be mistaken for init, the worker's new parent.
    """
    threading.Thread(target=_exit_with_parent, args=(driver,), daemon=True).start()
    import gongkai.api  # noqa: F401
    from gongkai.runtime import tune_for_batch

    tune_for_batch()


def _exit_with_parent(parent: int) -> None:
    """A driver killed with SIGKILL cannot stop its pool: without this its workers would run on,
    orphaned, holding the terminal's pipes. When the parent is gone the worker is re-parented."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _default_timeout() -> float:
    from gongkai.settings import get_settings

    return get_settings().read_timeout


class LocalEngine:
    name = "local"
    shares_disk = True

    def __init__(self, workers: int | None = None) -> None:
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.pool: ProcessPoolExecutor | None = None

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"), initializer=_warm,
                                   initargs=(os.getpid(),))

    def worker_pids(self) -> list[int]:
        """The pool's processes (tests kill one to show a build survives it)."""
        processes = getattr(self.pool, "_processes", None) or {}
        return list(processes)

    def run(self, shards: Iterable[Shard], on_result: OnResult) -> None:
        todo: Iterator[Shard] = iter(shards)
        retry: list[Shard] = []
        recovery = Recovery()
        running: dict[Future[object], tuple[Shard, float]] = {}
        self.pool = self._new_pool()
        try:
            while True:
                while len(running) < 2 * self.workers:
                    shard = retry.pop() if retry else next(todo, None)
                    if shard is None:
                        break
                    running[self.pool.submit(run_shard, shard)] = (shard, time.monotonic())
                if not running:
                    return
                done, _ = wait(running, timeout=1.0, return_when=FIRST_COMPLETED)
                broken = False
                for future in done:
                    shard, _ = running.pop(future)
                    try:
                        result = future.result()
                    except Exception as exc:  # the worker died (BrokenProcessPool) or the result was lost
                        broken = broken or isinstance(exc, BrokenProcessPool)
                        again, given_up = recovery.lost(shard, "工作进程终止" if broken else type(exc).__name__)
                        retry += again
                        if given_up is not None:
                            on_result(given_up)
                    else:
                        on_result(result)  # type: ignore[arg-type]
                if not broken and self._overdue(running):
                    self._kill_workers()  # the pool breaks; the shards in flight are recovered below
                    broken = True
                    self._drain(running, recovery, retry, on_result, "超过时限")
                if broken:
                    self._drain(running, recovery, retry, on_result, "工作进程终止")
                    self.pool.shutdown(wait=False, cancel_futures=True)
                    self.pool = self._new_pool()
        finally:
            if self.pool is not None:
                self.pool.shutdown(wait=True, cancel_futures=True)

    def _overdue(self, running: dict[Future[object], tuple[Shard, float]]) -> bool:
        now = time.monotonic()
        for shard, started in running.values():
            timeout = shard.read_timeout if shard.read_timeout is not None else _default_timeout()
            if timeout > 0 and now - started > timeout * len(shard.items) + SLACK_SECONDS:
                return True
        return False

    def _kill_workers(self) -> None:
        for pid in self.worker_pids():
            with contextlib.suppress(OSError):
                os.kill(pid, 9)

    def _drain(self, running: dict[Future[object], tuple[Shard, float]], recovery: Recovery, retry: list[Shard],
               on_result: OnResult, reason: str) -> None:
        """Every shard still in flight when the pool broke: a finished one is kept, the rest recovered."""
        for future, (shard, _) in list(running.items()):
            del running[future]
            try:
                result = future.result(timeout=5)
            except Exception:
                again, given_up = recovery.lost(shard, reason)
                retry += again
                if given_up is not None:
                    on_result(given_up)
            else:
                on_result(result)  # type: ignore[arg-type]
