"""The dataset on disk: Parquet files partitioned by year, and the manifest that makes builds resumable.

Layout under ``DIR``::

    reports/year=2023/<shard>.parquet      (one file per table, year and shard)
    cells/year=2023/<shard>.parquet
    …
    _manifest.jsonl                        (one line per finished shard or compaction)

A shard's files are written under a temporary name and renamed into place; only then is the
shard's line appended to the manifest (flushed and fsynced). A crash therefore loses at most the
shards in flight: a shard without a manifest line is simply done again, and its files (same
names) are overwritten. Files whose rows are no longer wanted (the input changed or was removed)
are rewritten without them ("compaction"), again through a temporary file and a manifest line.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from gongkai.corpus.rows import SCHEMAS, TABLES
from gongkai.errors import GongkaiError


class DatasetBusy(GongkaiError):
    """Another build is writing the same dataset."""


@contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """Hold the dataset's write lock for one build; a second build at once is refused, not interleaved.

    Two builds into one folder would write the same shard files under the same temporary names and
    append to one manifest. ``flock`` is released by the kernel when the holder exits however it
    exits (Ctrl-C, kill -9), so a crashed build never leaves a stale lock behind. Readers (queries,
    exports) do not take it: they only see files already renamed into place.
    """
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks here; one build at a time is then the user's care
        yield
        return
    fd = os.open(root / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            who = f"（进程 {holder}）" if holder.isdigit() else ""
            raise DatasetBusy(f"另一个 gongkai corpus build{who}正在写入这个数据集，请等它结束后再运行",
                              path=str(root),
                              message_en="another gongkai corpus build is writing this dataset; "
                                         "run again when it has finished") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)  # closing releases the lock

MANIFEST = "_manifest.jsonl"
LOCK = "_build.lock"
COMPRESSION = "zstd"


@dataclass(slots=True)
class Entry:
    """A file the dataset holds rows for."""

    path: str
    size: int
    mtime_ns: int
    sha256: str
    report_id: str
    shard: str


@dataclass(slots=True)
class Manifest:
    """What the dataset holds, replayed from ``_manifest.jsonl``: path → entry, shard → its files."""

    root: Path
    entries: dict[str, Entry] = field(default_factory=dict)
    shard_files: dict[str, list[str]] = field(default_factory=dict)  # shard → relative Parquet paths

    @classmethod
    def load(cls, root: Path) -> Manifest:
        manifest = cls(root)
        path = root / MANIFEST
        if not path.exists():
            return manifest
        with path.open(encoding="utf-8", errors="surrogateescape") as fh:  # file names as on disk
            for line in fh:
                if not line.endswith("\n"):
                    break  # a line cut by a crash: the shard it describes is done again
                record = json.loads(line)
                manifest._apply(record)
        return manifest

    def _apply(self, record: dict[str, object]) -> None:
        shard = str(record["shard"])
        if record.get("op") == "drop":
            for path in record.get("paths", []):  # type: ignore[union-attr]
                entry = self.entries.get(str(path))
                if entry is not None and entry.shard == shard:
                    del self.entries[str(path)]
            return
        self.shard_files[shard] = [str(f) for f in record.get("outputs", [])]  # type: ignore[union-attr]
        for path, size, mtime_ns, sha256, rid in record.get("files", []):  # type: ignore[union-attr,misc]
            self.entries[path] = Entry(path, size, mtime_ns, sha256, rid, shard)

    def append(self, record: dict[str, object]) -> None:
        """Record a finished shard or compaction durably, then apply it."""
        line = json.dumps(record, ensure_ascii=False) + "\n"
        # a file name that is not UTF-8 on disk keeps its bytes, so the next run finds the same file
        with (self.root / MANIFEST).open("a", encoding="utf-8", errors="surrogateescape") as fh:
            fh.write(line)
            fh.flush()
            os.fsync(fh.fileno())
        self._apply(record)


def _atomic_write(table: pa.Table, target: Path) -> None:
    _write_staged(table, target)
    os.replace(_staged(target), target)


def _staged(target: Path) -> Path:
    """Where ``target`` is written before it is renamed into place (never matched by ``*.parquet``)."""
    return target.with_name(f".{target.name}.tmp")


def _write_staged(table: pa.Table, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, _staged(target), compression=COMPRESSION)


def stage_shard(root: Path, shard_id: str, tables: dict[str, pa.Table]) -> list[str]:
    """Write a shard's tables under temporary names, one file per table and year; returns the
    final paths relative to ``root``. ``commit_shard`` renames them into place: a worker that
    writes its own shard and dies before the driver has recorded it leaves only temporary files,
    which no query reads and the shard's next run overwrites."""
    written: list[str] = []
    for name in TABLES:
        table = tables[name]
        if table.num_rows == 0:
            continue
        years = pc.unique(table["year"]).to_pylist()
        for year in sorted(years):
            part = table.filter(pc.equal(table["year"], year)).drop_columns(["year"])
            rel = f"{name}/year={year}/{shard_id}.parquet"
            _write_staged(part, root / rel)
            written.append(rel)
    return written


def commit_shard(root: Path, written: list[str]) -> None:
    """Rename a staged shard's files into place (the driver, just before the manifest line)."""
    for rel in written:
        target = root / rel
        os.replace(_staged(target), target)


def write_shard(root: Path, shard_id: str, tables: dict[str, pa.Table]) -> list[str]:
    """Write a shard's tables, one file per table and year; returns their paths relative to ``root``."""
    written = stage_shard(root, shard_id, tables)
    commit_shard(root, written)
    return written


def drop_rows(root: Path, files: Iterable[str], report_ids: set[str]) -> None:
    """Rewrite ``files`` without the rows of ``report_ids`` (a file left empty is removed)."""
    wanted = pa.array(sorted(report_ids), pa.string())
    for rel in files:
        target = root / rel
        if not target.exists():
            continue
        table = pq.read_table(target)
        keep = table.filter(pc.invert(pc.is_in(table["report_id"], value_set=wanted)))
        if keep.num_rows == table.num_rows:
            continue
        if keep.num_rows == 0:
            target.unlink()
        else:
            _atomic_write(keep, target)


def empty_schema(name: str) -> pa.Schema:
    """A table's schema as stored (the year lives in the folder name)."""
    schema = SCHEMAS[name]
    return schema.remove(schema.get_field_index("year"))
