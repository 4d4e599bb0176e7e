"""Batch commands tune the garbage collector once; a single file leaves the process as it was."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gongkai.cli import inputs

from .helpers import run

_PROBE = """
import gc
from gongkai.runtime import YOUNG_THRESHOLD, tune_for_batch
before = gc.get_threshold()
tune_for_batch()
tune_for_batch()
print(before[0], gc.get_threshold()[0], gc.get_freeze_count() > 0, YOUNG_THRESHOLD)
"""


def test_tuning_raises_the_young_threshold_and_freezes_startup_objects() -> None:
    out = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["700", "10000", "True", "10000"]


@pytest.mark.parametrize(("count", "tuned"), [(1, False), (2, True)])
def test_cli_tunes_only_for_several_files(seed_paths: list[Path], monkeypatch: pytest.MonkeyPatch,
                                          count: int, tuned: bool) -> None:
    calls: list[bool] = []
    monkeypatch.setattr(inputs, "tune_for_batch", lambda: calls.append(True))
    result = run("parse", "--format", "json", *map(str, seed_paths[:count]))
    assert result.exit_code == 0, result.output
    assert calls == ([True] if tuned else [])
