"""What to do with a shard whose worker died: retry, split into single files, then give up on the file.

A worker can die for reasons that have nothing to do with the shard (the OOM killer, a node lost
from the cluster), so a lost shard is first simply retried. A shard lost twice probably holds a
file that kills its reader; it is split so that the other files are read, and a single file lost
twice is recorded as unreadable with a sentence saying so.
"""

from __future__ import annotations

from dataclasses import replace

from gongkai.corpus.rows import Rows, add_unreadable, display_path, report_id
from gongkai.corpus.shard import Shard, ShardResult

MAX_LOSSES = 2


class Recovery:
    def __init__(self) -> None:
        self._losses: dict[str, int] = {}

    def lost(self, shard: Shard, reason: str) -> tuple[list[Shard], ShardResult | None]:
        """Shards to run again, and a result to record when the shard is one file given up on."""
        n = self._losses[shard.id] = self._losses.get(shard.id, 0) + 1
        if n < MAX_LOSSES:
            return [shard], None
        if len(shard.items) > 1:
            return [replace(shard, id=f"{shard.id}-{i}", items=(item,)) for i, item in enumerate(shard.items)], None
        (item,) = shard.items
        rows = Rows()
        error = f"{display_path(item.path)}：读取时工作进程意外退出（{reason}），已跳过"
        add_unreadable(rows, path=item.path, sha256=None, size=item.size, error=error)
        result = ShardResult(shard.id, rows.tables(), [(item, "", report_id(item.path, ""))], failures=1)
        return [], result
