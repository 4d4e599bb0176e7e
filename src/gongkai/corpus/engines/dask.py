"""The same shards as tasks on a Dask distributed cluster (``gongkai[distributed]``).

With ``--scheduler tcp://host:8786`` the build uses that cluster; without, a ``LocalCluster`` of
worker processes on this machine. What travels to the workers is the ``Shard`` (file paths and
limits) and the function ``gongkai.corpus.shard.run_shard``: gongkai must be installed on every
worker, and the paths must be readable there (a shared filesystem). What comes back is the
shard's Arrow tables, written by the driver, so the dataset is the same as the local engine's.
Dask reschedules the tasks of a lost worker itself; a task that keeps killing workers
(``KilledWorker``) goes through the same ``Recovery`` as in the local engine.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import Any

from gongkai.corpus.engines import OnResult
from gongkai.corpus.engines.recovery import Recovery
from gongkai.corpus.shard import Shard, run_shard
from gongkai.errors import ConfigError


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise ConfigError(
            "使用 dask 引擎需要安装可选组件：pip install 'gongkai[distributed]'",
            message_en="the dask engine needs the optional extra: pip install 'gongkai[distributed]'",
        ) from exc
    return distributed


class DaskEngine:
    name = "dask"

    def __init__(self, workers: int | None = None, scheduler: str | None = None) -> None:
        self.workers = workers
        self.scheduler = scheduler
        self.client: Any = None
        # A LocalCluster's workers are processes on this machine; a remote cluster's may not see
        # the output folder, so their tables travel back to the driver, which writes them.
        self.shares_disk = scheduler is None

    def _connect(self) -> tuple[Any, Any]:
        distributed = _distributed()
        if self.scheduler:
            try:
                return distributed.Client(self.scheduler, timeout="30s"), None
            except OSError as exc:
                raise ConfigError(f"无法连接 Dask 调度器 {self.scheduler}（{exc}）",
                                  message_en=f"cannot reach the Dask scheduler {self.scheduler}: {exc}") from exc
        cluster = distributed.LocalCluster(
            n_workers=self.workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
            dashboard_address=None, silence_logs=40,
        )
        return distributed.Client(cluster), cluster

    def run(self, shards: Iterable[Shard], on_result: OnResult) -> None:
        distributed = _distributed()
        client, cluster = self._connect()
        self.client = client
        try:
            width = 4 * max(1, len(client.scheduler_info().get("workers", {})) or (self.workers or 1))
            recovery = Recovery()
            todo: Iterator[Shard] = iter(shards)
            retry: list[Shard] = []
            pending: dict[Any, Shard] = {}
            queue = distributed.as_completed()

            def submit(shard: Shard) -> None:
                future = client.submit(run_shard, shard, key=f"gongkai-shard-{shard.id}", pure=False)
                pending[future] = shard
                queue.add(future)

            def refill() -> None:
                while len(pending) < width:
                    shard = retry.pop() if retry else next(todo, None)
                    if shard is None:
                        return
                    submit(shard)

            refill()
            while pending:
                future = next(queue)
                shard = pending.pop(future)
                try:
                    result = future.result()
                except Exception as exc:  # KilledWorker, a lost worker's data, a cancelled task
                    again, given_up = recovery.lost(shard, type(exc).__name__)
                    retry += again
                    if given_up is not None:
                        on_result(given_up)
                else:
                    on_result(result)
                finally:
                    future.release()
                refill()
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
