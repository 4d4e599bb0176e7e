"""Supervision records: the published report is the one accepted, and every copy says the same.

Evaluators note reports changed after publication and different copies on different platforms
(the portal, the 政务公开专栏, the office's compilation). These rules judge ``SubmissionRecord``s
(``Rule.record``), run by ``engine.run_records``.
"""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.audit import labels as L
from gongkai.audit.rule import Context, Hit, Rule
from gongkai.model.findings import Severity

_SHOW = 6  # differing cells named in one message


def _changed(ctx: Context) -> Iterator[Hit]:
    record = ctx.record
    if record is None or not record.accepted_hash or not record.published_hash:
        return
    if record.accepted_hash.lower() != record.published_hash.lower():
        yield Hit(
            "published_file",
            f"“{record.source}”现发布的文件与审核通过时的文件不一致（文件校验值不同），报告在通过审核后被改动",
            f"the file published at {record.source} is not the file accepted (hashes differ): "
            "the report changed after acceptance",
        )


def _divergent(ctx: Context) -> Iterator[Hit]:
    record = ctx.record
    if record is None:
        return
    for other in ctx.copies:
        if other.source == record.source:
            continue
        skip = record.unread | other.unread
        differing = [
            key
            for key, value in record.cells.items()
            if key not in skip
            and value is not None
            and other.cells.get(key) is not None
            and other.cells[key] != value
        ]
        if not differing:
            continue
        names_zh = "；".join(
            f"{L.cell_label(k)[0]} 本件 {L.num(record.cells[k])}、另一件 {L.num(other.cells[k])}"  # type: ignore[arg-type]
            for k in differing[:_SHOW]
        )
        more = f"等 {len(differing)} 处" if len(differing) > _SHOW else f"共 {len(differing)} 处"
        yield Hit(
            differing[0],
            f"同一年度报告的两个版本数值不同：“{record.source}”与“{other.source}”——{names_zh}（{more}）",
            f"two copies of the {record.year} report differ: {record.source} and {other.source}, "
            f"in {len(differing)} cells ({', '.join(differing[:_SHOW])})",
        )


RULES: list[Rule] = [
    Rule(
        "publish.changed",
        Severity.ERROR,
        "现发布的报告文件与督查机构审核通过时的文件不一致（通过审核后被改动）。",
        "The published report file differs from the file the supervising office accepted (changed after acceptance).",
        _changed,
        reads=("record.accepted_hash", "record.published_hash"),
        record=True,
    ),
    Rule(
        "publish.divergent",
        Severity.WARNING,
        "同一机关同一年度报告在不同平台发布的版本表格数值不同（未读出的单元格不比较）。",
        "Two copies of one agency's report for one year (e.g. on different platforms) give different cell values "
        "(cells not read are not compared).",
        _divergent,
        reads=("record.cells", "record.unread"),
        record=True,
    ),
]
