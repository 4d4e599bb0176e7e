"""Engines schedule shards; they know nothing of reports or Parquet (style.md: a shard is a pure function).

An engine takes shards and calls back with each ``ShardResult`` in the driver, in completion order.
Both engines share the recovery rule of ``recovery.py``: a shard lost with a worker is retried; a
shard lost twice is split into single files; a single file lost twice is recorded as unreadable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

from gongkai.corpus.shard import Shard, ShardResult

OnResult = Callable[[ShardResult], None]


class Engine(Protocol):
    name: str
    #: Whether the workers see the driver's files at the same paths (one machine): then each shard
    #: writes its own Parquet files (``Shard.out``) instead of sending its tables to the driver.
    shares_disk: bool

    def run(self, shards: Iterable[Shard], on_result: OnResult) -> None: ...


def make_engine(name: str, *, workers: int | None = None, scheduler: str | None = None) -> Engine:
    """The engine called ``name`` (``local`` or ``dask``); imported only when chosen."""
    if name == "local":
        from gongkai.corpus.engines.local import LocalEngine

        return LocalEngine(workers=workers)
    if name == "dask":
        from gongkai.corpus.engines.dask import DaskEngine

        return DaskEngine(workers=workers, scheduler=scheduler)
    raise ValueError(name)
