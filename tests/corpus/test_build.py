"""``corpus build``: every file a row, resumable, nothing lost to a bad file, a crash or a killed worker."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from gongkai import api
from gongkai.corpus.build import build
from gongkai.corpus.engines import make_engine
from gongkai.corpus.engines.local import LocalEngine
from gongkai.corpus.query import run
from gongkai.corpus.rows import report_id
from gongkai.corpus.shard import Item, Shard, run_shard
from gongkai.corpus.store import MANIFEST

from .conftest import dataset


def _build(src: Path, out: Path, **kw: object) -> object:
    engine = kw.pop("engine", None) or make_engine("local", workers=2)
    return build([str(src)], out, engine, shard_size=kw.pop("shard_size", 3), **kw)  # type: ignore[arg-type]


def test_every_file_is_a_row_and_every_cell_is_in_long_form(reports_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "ds"
    summary = _build(reports_dir, out)
    assert (summary.files, summary.read, summary.failed, summary.skipped) == (9, 9, 1, 0)  # type: ignore[attr-defined]
    rows = run(out, "SELECT path, status, year, agency FROM reports ORDER BY path").rows
    assert [(Path(p).name, s, y) for p, s, y, _ in rows] == [
        ("broken.docx", "unreadable", 0),
        ("huaian-city-2024.txt", "ok", 2024),
        ("pingtan-2023.txt", "ok", 2023),
        ("000_11de511653868c0f.txt", "ok", 2023),
        ("001_9e58b98aa5ba2831.txt", "ok", 2023),
        ("002_fdae73c5d0e03e9f.txt", "ok", 2023),
        ("003_ab0ddd5dad9ab753.txt", "ok", 2022),
        ("004_c64f7a519d6f195b.txt", "ok", 2023),
        ("shanghai-office-2019.html", "ok", 2019),
    ]
    (error,) = run(out, "SELECT error FROM reports WHERE status = 'unreadable'").rows[0]
    assert error.startswith(str(reports_dir / "broken.docx")) and "\n" not in error
    # Hive partitions by year: a query over one year reads one folder.
    assert sorted(p.name for p in (out / "cells").iterdir()) == ["year=2019", "year=2022", "year=2023", "year=2024"]
    seed = reports_dir / "seeds" / "002_fdae73c5d0e03e9f.txt"
    report = api.read(seed)
    rid = report_id(str(seed), report.source.sha256 or "")
    got = dict(run(out, f"SELECT key, value FROM cells WHERE report_id = '{rid}'").rows)
    assert got == {k: (None if v is None else float(v)) for k, v in report.cells().items()}
    findings = run(out, f"SELECT rule, severity, kind, \"where\" FROM findings WHERE report_id = '{rid}' "
                        "ORDER BY rule, \"where\"").rows
    assert findings == sorted((f.rule, str(f.severity), str(f.kind), f.where) for f in api.check([report]))
    (line,) = run(out, f"SELECT line FROM cells WHERE report_id = '{rid}' AND key = 'requests.received.total'").rows[0]
    assert line == report.provenance["requests.received.total"].line
    sections = run(out, f"SELECT number, title FROM sections WHERE report_id = '{rid}' ORDER BY position").rows
    assert sections == [(s.number, s.title) for s in report.sections]
    # pingtan's glued section 二 cell is a reading problem, not the agency's error
    kinds = run(out, "SELECT f.kind, f.severity FROM findings f JOIN reports r USING (report_id) "
                     "WHERE r.path LIKE '%pingtan%' AND f.rule = 'structure.cells'").rows
    assert kinds == [("reading", "warning")]


def test_a_rerun_reads_nothing_unchanged_redoes_a_changed_file_and_drops_a_removed_one(
        reports_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "ds"
    _build(reports_dir, out)
    again = _build(reports_dir, out)
    assert (again.read, again.skipped) == (0, 9)  # type: ignore[attr-defined]

    changed = reports_dir / "seeds" / "000_11de511653868c0f.txt"
    text = changed.read_text(encoding="utf-8").replace("繁峙县平型关镇人民政府", "繁峙县平型关镇人民政府办公室", 1)
    changed.write_text(text, encoding="utf-8")
    os.utime(changed, ns=(1, 1_700_000_000_000_000_000))
    (reports_dir / "pingtan-2023.txt").unlink()
    third = _build(reports_dir, out)
    assert (third.read, third.changed, third.removed, third.skipped) == (1, 1, 1, 7)  # type: ignore[attr-defined]
    paths = [Path(p).name for (p,) in run(out, "SELECT path FROM reports ORDER BY path").rows]
    assert "pingtan-2023.txt" not in paths and paths.count("000_11de511653868c0f.txt") == 1
    assert run(out, "SELECT count(*) FROM cells c LEFT JOIN reports r USING (report_id) WHERE r.path IS NULL").rows \
        == [(0,)]  # no orphaned rows of the old or removed versions
    fresh = tmp_path / "fresh"
    _build(reports_dir, fresh)
    assert dataset(out) == dataset(fresh)


def test_an_interrupted_build_keeps_finished_shards_and_resumes_to_the_same_dataset(
        reports_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "ds"
    seen: list[str] = []

    def stop_after_two(result: object) -> None:
        seen.append(result.id)  # type: ignore[attr-defined]
        if len(seen) == 2:
            raise KeyboardInterrupt

    first = _build(reports_dir, out, on_shard=stop_after_two)
    assert first.interrupted and first.shards == 2  # type: ignore[attr-defined]
    assert len((out / MANIFEST).read_text(encoding="utf-8").splitlines()) == 2
    second = _build(reports_dir, out)
    assert second.read == 9 - first.read and not second.interrupted  # type: ignore[attr-defined]
    fresh = tmp_path / "fresh"
    _build(reports_dir, fresh)
    assert dataset(out) == dataset(fresh)


def test_workers_that_write_their_own_shards_build_the_dataset_the_driver_would(
        reports_dir: Path, tmp_path: Path) -> None:
    """The local engine's workers stage each shard's Parquet files themselves (``Shard.out``);
    an engine whose workers cannot see the disk sends the tables to the driver instead."""
    by_workers = tmp_path / "workers"
    _build(reports_dir, by_workers)
    remote = LocalEngine(workers=2)
    remote.shares_disk = False  # as a remote Dask cluster: the driver writes
    by_driver = tmp_path / "driver"
    _build(reports_dir, by_driver, engine=remote)
    assert dataset(by_workers) == dataset(by_driver)
    assert not list(by_workers.rglob("*.tmp"))


def test_a_shard_staged_by_a_worker_that_died_is_invisible_and_done_again(
        reports_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "ds"
    _build(reports_dir, out)
    fresh = dataset(out)
    # A worker that staged a shard and died before the driver recorded it: its files keep their
    # temporary names, which no query reads, and the next run (which redoes the shard) replaces.
    items = tuple(Item(str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(reports_dir.glob("*.txt")))
    staged = run_shard(Shard("s-orphan", items, out=str(out)))
    assert staged.outputs and not staged.tables
    assert all((out / rel).with_name(f".{Path(rel).name}.tmp").exists() for rel in staged.outputs)
    assert not any((out / rel).exists() for rel in staged.outputs)
    assert dataset(out) == fresh


def test_a_manifest_line_cut_by_a_crash_is_done_again(reports_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "ds"
    _build(reports_dir, out)
    manifest = out / MANIFEST
    lines = manifest.read_text(encoding="utf-8").splitlines(keepends=True)
    manifest.write_text("".join(lines[:-1]) + lines[-1][:-20], encoding="utf-8")  # the last shard half-recorded
    lost = len(json.loads(lines[-1])["files"])
    again = _build(reports_dir, out)
    assert again.read == lost  # type: ignore[attr-defined]
    fresh = tmp_path / "fresh"
    _build(reports_dir, fresh)
    assert dataset(out) == dataset(fresh)


def test_a_killed_worker_loses_nothing(reports_dir: Path, tmp_path: Path) -> None:
    engine = LocalEngine(workers=2)
    killed: list[int] = []

    def kill_one(result: object) -> None:
        if not killed:
            pid = engine.worker_pids()[0]
            os.kill(pid, 9)
            killed.append(pid)

    out = tmp_path / "ds"
    summary = _build(reports_dir, out, engine=engine, shard_size=1, on_shard=kill_one)
    assert killed and summary.read == 9 and not summary.interrupted  # type: ignore[attr-defined]
    fresh = tmp_path / "fresh"
    _build(reports_dir, fresh)
    assert dataset(out) == dataset(fresh)


def test_a_file_that_hangs_is_stopped_and_recorded(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    shutil.copy(Path(__file__).parents[1] / "data" / "seeds" / "002_fdae73c5d0e03e9f.txt", good)
    hang = tmp_path / "hang.txt"
    hang.write_text("hang", encoding="utf-8")
    real = api.read_bytes

    def read_bytes(data: bytes, path: str, readers: object) -> object:
        if path.endswith("hang.txt"):
            while True:  # a reader stuck in a loop
                pass
        return real(data, path, readers)  # type: ignore[arg-type]

    monkeypatch.setattr(api, "read_bytes", read_bytes)
    items = tuple(Item(str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in (hang, good))
    result = run_shard(Shard("s", items, read_timeout=0.5))
    reports = result.tables["reports"].to_pylist()
    assert [(Path(r["path"]).name, r["status"]) for r in reports] == [("hang.txt", "unreadable"), ("good.txt", "ok")]
    assert reports[0]["error"].startswith(f"{hang}：读取超过 0.5 秒仍未完成，已停止")
    assert result.failures == 1


def test_a_reader_crash_is_an_unreadable_row(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    shutil.copy(Path(__file__).parents[1] / "data" / "seeds" / "002_fdae73c5d0e03e9f.txt", path)

    def boom(*args: object, **kw: object) -> object:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(api, "check", boom)
    result = run_shard(Shard("s", (Item(str(path), path.stat().st_size, 1),)))
    (row,) = result.tables["reports"].to_pylist()
    assert (row["status"], row["error"]) == ("unreadable", f"{path}：读取失败（ZeroDivisionError: division by zero）")


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc to find the worker processes")
def test_workers_of_a_killed_driver_exit_and_the_next_run_resumes(reports_dir: Path, tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    for i in range(12):  # enough work that the driver is killed mid-build
        shutil.copytree(reports_dir / "seeds", reports_dir / f"copy{i}")
    out = tmp_path / "ds"
    gongkai = str(Path(sys.executable).with_name("gongkai"))
    proc = subprocess.Popen([gongkai, "corpus", "build", str(reports_dir), "--out", str(out), "-w", "2",
                             "--shard-size", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    workers: list[int] = []
    while time.monotonic() < deadline and proc.poll() is None:
        workers = [c for c in _children(proc.pid) if "spawn_main" in Path(f"/proc/{c}/cmdline").read_text()
                   .replace("\0", " ")] if _alive(proc.pid) else []
        if len(workers) == 2 and (out / MANIFEST).exists() and (out / MANIFEST).stat().st_size > 0:  # a shard is done
            break
        time.sleep(0.2)
    assert proc.poll() is None and len(workers) == 2, "the build ended before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 60  # a worker notices within a second; the machine may be busy
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.5)
    assert not any(_alive(w) for w in workers), "orphaned workers kept running"
    summary = _build(reports_dir, out)
    assert summary.skipped > 0 and summary.skipped + summary.read == 69  # type: ignore[attr-defined]


def test_a_file_that_is_not_a_report_is_an_unreadable_row_saying_so(tmp_path: Path) -> None:
    """A README, a notice or an index page in a folder of reports is not counted as a report with
    every section missing."""
    from gongkai.corpus.shard import NOT_A_REPORT

    good = tmp_path / "good.txt"
    shutil.copy(Path(__file__).parents[1] / "data" / "seeds" / "002_fdae73c5d0e03e9f.txt", good)
    readme = tmp_path / "README.md"
    readme.write_text("# 数据说明\n\n本目录收录各乡镇2023年度报告，由县政务公开办整理。\n", encoding="utf-8")
    items = tuple(Item(str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in (readme, good))
    result = run_shard(Shard("s", items))
    reports = result.tables["reports"].to_pylist()
    assert [(Path(r["path"]).name, r["status"]) for r in reports] == [("README.md", "unreadable"), ("good.txt", "ok")]
    assert reports[0]["error"] == f"{readme}：{NOT_A_REPORT}"
    assert result.failures == 1
