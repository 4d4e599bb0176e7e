"""Choosing the reader for an input and guarding what every reader gets: size, type, emptiness."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from gongkai.errors import TooLarge, Unreadable
from gongkai.model.report import Report
from gongkai.readers.base import Reader


def load_bytes(path: str | Path, max_bytes: int) -> bytes:
    """Read a file's bytes, refusing directories, missing files and inputs over ``max_bytes``."""
    p = Path(path)
    if p.is_dir():
        raise Unreadable("这是一个目录，不是报告文件", path=str(path), message_en="this is a directory, not a report file")
    if not p.exists():
        raise Unreadable("文件不存在", path=str(path), message_en="no such file")
    size = p.stat().st_size
    if size > max_bytes:
        raise TooLarge(
            f"文件大小 {size / 1048576:.1f} MB 超过上限 {max_bytes / 1048576:.0f} MB",
            path=str(path),
            message_en=f"file is {size} bytes, over the {max_bytes}-byte limit",
        )
    try:
        return p.read_bytes()
    except OSError as exc:
        raise Unreadable(f"无法打开文件（{exc.strerror}）", path=str(path), message_en=str(exc)) from exc


def pick_reader(data: bytes, path: str, readers: Sequence[Reader]) -> Reader:
    if not data.strip():
        raise Unreadable("文件为空，没有可读取的内容", path=path, message_en="the file is empty")
    head = data[:65536]
    suffix = Path(path).suffix.lower()
    best: tuple[float, int, Reader] | None = None
    for order, reader in enumerate(readers):
        score = reader.sniff(head, path)
        if suffix and suffix in reader.extensions:
            score += 0.05
        if score > 0 and (best is None or score > best[0]):
            best = (score, -order, reader)
    if best is None:
        raise Unreadable("无法识别文件格式，不是文本、Markdown、HTML、DOCX、PDF 或 YAML 报告", path=path,
                         message_en="unrecognised format: not text, Markdown, HTML, DOCX, PDF or YAML")
    return best[2]


def read_bytes(data: bytes, path: str, readers: Sequence[Reader]) -> Report:
    """Read one input with the best-suited reader; the Report's source gets path and sha256."""
    reader = pick_reader(data, path, readers)
    report = reader.read(data, path)
    report.source.path = path
    report.source.sha256 = hashlib.sha256(data).hexdigest()
    return report
