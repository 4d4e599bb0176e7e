"""The Dask engine: the same shards on a LocalCluster of two worker processes, one killed mid-build."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from gongkai.corpus.build import build
from gongkai.corpus.engines import make_engine
from gongkai.errors import ConfigError

from .conftest import dataset

distributed = pytest.importorskip("distributed", reason="the dask engine needs gongkai[distributed] "
                                  "(scripts/setup.sh installs it)")


def test_a_dask_build_with_a_killed_worker_equals_the_local_build(reports_dir: Path, tmp_path: Path) -> None:
    engine = make_engine("dask", workers=2)
    killed: list[int] = []

    def kill_a_worker(result: object) -> None:
        if not killed:
            pids = sorted(engine.client.run(os.getpid).values())  # type: ignore[attr-defined]
            os.kill(pids[0], 9)
            killed.append(pids[0])

    out = tmp_path / "dask"
    summary = build([str(reports_dir)], out, engine, shard_size=1, on_shard=kill_a_worker)
    assert killed and summary.read == 9 and summary.failed == 1 and not summary.interrupted
    local = tmp_path / "local"
    build([str(reports_dir)], local, make_engine("local", workers=2), shard_size=4)
    assert dataset(out) == dataset(local)


def test_an_unreachable_scheduler_is_one_sentence(reports_dir: Path, tmp_path: Path) -> None:
    engine = make_engine("dask", scheduler="tcp://127.0.0.1:9")
    with pytest.raises(ConfigError, match=re.escape("无法连接 Dask 调度器 tcp://127.0.0.1:9")):
        build([str(reports_dir)], tmp_path / "x", engine)
