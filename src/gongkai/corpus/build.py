"""``gongkai corpus build``: plan what changed since the last build, run the shards, record each one.

The plan compares each input's size and modification time with the manifest: unchanged files are
skipped without being read (a rerun over 100,000 files costs their ``stat`` calls), changed files
are read again and their old rows dropped, files no longer among the sources are dropped. Only
the manifest decides what is done, never the engine (style.md).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from gongkai.corpus import DEFAULT_SHARD_SIZE
from gongkai.corpus.downloads import fetch_all
from gongkai.corpus.engines import Engine
from gongkai.corpus.rows import Rows, add_unreadable, report_id
from gongkai.corpus.shard import Item, Shard, ShardResult
from gongkai.corpus.sources import expand_sources
from gongkai.corpus.store import MANIFEST, Manifest, build_lock, commit_shard, drop_rows, write_shard
from gongkai.errors import GongkaiError


class BuildError(GongkaiError):
    """The dataset folder cannot be used (it is a file, or cannot be created)."""


@dataclass(slots=True)
class Plan:
    todo: list[Item]
    skipped: int
    drop: dict[str, list[str]]  # shard → paths whose rows go (changed or removed inputs)
    removed: int
    changed: int
    problems: list[str] = field(default_factory=list)  # sources that named nothing


@dataclass(slots=True)
class Summary:
    files: int = 0  # inputs considered
    read: int = 0  # read in this run
    skipped: int = 0  # unchanged since the last build
    failed: int = 0  # unreadable (in this run)
    removed: int = 0
    changed: int = 0
    shards: int = 0
    interrupted: bool = False
    problems: list[str] = field(default_factory=list)


def _stat(path: str) -> Item:
    try:
        st = os.stat(path)
    except OSError:
        return Item(path, 0, 0)  # the shard records why it cannot be read
    return Item(path, st.st_size, st.st_mtime_ns)


def _unfetched(items: list[Item], errors: dict[str, str]) -> ShardResult:
    """Rows for URLs that could not be fetched, recorded like any unreadable file."""
    rows = Rows()
    for item in items:
        add_unreadable(rows, path=item.path, sha256=None, size=None, error=errors[item.path], url=item.url)
    digest = hashlib.blake2b("\n".join(i.path for i in items).encode("utf-8", "surrogateescape"),
                             digest_size=8).hexdigest()
    return ShardResult(f"u-{digest}", rows.tables(), [(i, "", report_id(i.path, "")) for i in items], len(items))


def plan(items: Sequence[Item], manifest: Manifest) -> Plan:
    todo: list[Item] = []
    drop: dict[str, list[str]] = {}
    skipped = changed = 0
    seen: set[str] = set()
    for item in items:
        seen.add(item.path)
        entry = manifest.entries.get(item.path)
        if entry is not None and (entry.size, entry.mtime_ns) == (item.size, item.mtime_ns) and item.mtime_ns:
            skipped += 1
            continue
        if entry is not None:
            changed += 1
            drop.setdefault(entry.shard, []).append(item.path)
        todo.append(item)
    removed = 0
    for path, entry in manifest.entries.items():
        if path not in seen:
            removed += 1
            drop.setdefault(entry.shard, []).append(path)
    return Plan(todo, skipped, drop, removed, changed)


def shards_of(items: Sequence[Item], size: int, *, read_timeout: float | None = None,
              max_input_bytes: int | None = None, signatures: bool = True,
              out: str | None = None) -> Iterator[Shard]:
    for start in range(0, len(items), size):
        chunk = tuple(items[start : start + size])
        digest = hashlib.blake2b(digest_size=8)
        for item in chunk:
            digest.update(f"{item.path}\0{item.size}\0{item.mtime_ns}\n".encode("utf-8", "surrogateescape"))
        yield Shard(f"s-{digest.hexdigest()}", chunk, read_timeout, max_input_bytes, signatures, out)


def build(sources: Iterable[str], out: Path, engine: Engine, *, shard_size: int = DEFAULT_SHARD_SIZE,
          read_timeout: float | None = None, max_input_bytes: int | None = None,
          on_plan: Callable[[Plan], None] | None = None,
          on_shard: Callable[[ShardResult], None] | None = None, fetcher: object | None = None) -> Summary:
    """Build or update the dataset under ``out``; Ctrl-C keeps every finished shard.

    ``read_timeout`` and ``max_input_bytes`` default to the settings (GONGKAI_READ_TIMEOUT,
    GONGKAI_MAX_INPUT_BYTES) as the workers see them.
    """
    _prepare(out)
    with build_lock(out):
        (out / MANIFEST).touch()  # even a build of nothing leaves a dataset a query can open (empty)
        return _build(sources, out, engine, shard_size=shard_size, read_timeout=read_timeout,
                      max_input_bytes=max_input_bytes, on_plan=on_plan, on_shard=on_shard, fetcher=fetcher)


def _prepare(out: Path) -> None:
    """The output folder exists and is a folder, or one sentence says why not."""
    if out.exists() and not out.is_dir():
        raise BuildError("这是一个文件，不是数据集目录；请用 --out 指定一个目录", path=str(out),
                         message_en="this is a file, not a dataset folder; give a folder with --out")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from gongkai.writers.target import os_reason

        zh, en = os_reason(exc)
        raise BuildError(f"无法创建数据集目录（{zh}）", path=str(out),
                         message_en=f"cannot create the dataset folder: {en}") from exc


def _build(sources: Iterable[str], out: Path, engine: Engine, *, shard_size: int, read_timeout: float | None,
           max_input_bytes: int | None, on_plan: Callable[[Plan], None] | None,
           on_shard: Callable[[ShardResult], None] | None, fetcher: object | None) -> Summary:
    paths, urls, problems = expand_sources(sources)
    items = [_stat(p) for p in paths]
    unfetched: dict[str, str] = {}  # URL → why it could not be fetched (tried again next run)
    for fetched in fetch_all(urls, out, fetcher=fetcher) if urls else []:
        if fetched.path is None:
            unfetched[fetched.url] = fetched.error or fetched.url
            items.append(Item(fetched.url, 0, 0, fetched.url))
        else:
            items.append(replace(_stat(fetched.path), url=fetched.url))
    manifest = Manifest.load(out)
    work = plan(items, manifest)
    work.problems = problems
    summary = Summary(files=len(items), skipped=work.skipped, removed=work.removed, changed=work.changed,
                      problems=problems)
    if on_plan is not None:
        on_plan(work)
    for shard_id, dropped in work.drop.items():
        ids = {manifest.entries[p].report_id for p in dropped if p in manifest.entries}
        drop_rows(out, manifest.shard_files.get(shard_id, []), ids)
        manifest.append({"op": "drop", "shard": shard_id, "paths": dropped})

    def done(result: ShardResult) -> None:
        if result.outputs is not None:  # staged by the worker (``Shard.out``)
            commit_shard(out, result.outputs)
            outputs = result.outputs
        else:
            outputs = write_shard(out, result.id, result.tables)
        files = [[item.path, item.size, item.mtime_ns, sha, rid] for item, sha, rid in result.done]
        manifest.append({"shard": result.id, "outputs": outputs, "files": files})
        summary.read += len(result.done)
        summary.failed += result.failures
        summary.shards += 1
        if on_shard is not None:
            on_shard(result)

    todo = [item for item in work.todo if item.path not in unfetched]
    if len(todo) < len(work.todo):
        done(_unfetched([item for item in work.todo if item.path in unfetched], unfetched))
    shards = shards_of(todo, shard_size, read_timeout=read_timeout, max_input_bytes=max_input_bytes,
                       out=str(out.resolve()) if getattr(engine, "shares_disk", False) else None)
    try:
        engine.run(shards, done)
    except KeyboardInterrupt:
        summary.interrupted = True
    return summary
