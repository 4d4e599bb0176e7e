"""Choosing the reader for an input and guarding what every reader gets: size, type, emptiness."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Sequence
from pathlib import Path

from gongkai.errors import TooLarge, Unreadable
from gongkai.model.report import Report
from gongkai.readers.base import Reader


def load_bytes(path: str | Path, max_bytes: int) -> bytes:
    """Read a regular file's bytes, refusing anything else at once, and never more than ``max_bytes``.

    The file is opened without blocking and checked on the open descriptor: a named pipe would
    otherwise wait for a writer forever, and a device such as /dev/zero would grow memory without
    end. Reading stops one byte past the cap, so a file that grows while read is refused too.
    """
    name = str(path)
    try:
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise _open_error(exc, name) from exc
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        if stat.S_ISDIR(info.st_mode):
            raise Unreadable("这是一个目录，不是报告文件", path=name, message_en="this is a directory, not a report file")
        kind_zh, kind_en = _special_kind(info.st_mode)
        raise Unreadable(f"这是{kind_zh}，不是普通文件，无法作为报告读取", path=name,
                         message_en=f"this is {kind_en}, not a regular file")
    try:  # plain reads on the descriptor: a file object per report would cost more than the read
        if info.st_size > max_bytes:
            raise _too_large(name, info.st_size, max_bytes)
        try:
            data = _read_at_most(fd, max_bytes + 1, info.st_size + 1)
        except OSError as exc:
            raise _open_error(exc, name) from exc
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise _too_large(name, len(data), max_bytes)
    return data


def _read_at_most(fd: int, limit: int, first: int) -> bytes:
    """At most ``limit`` bytes; the first read asks for ``first`` (the size the file reports, plus
    one byte to see its end), later ones for a MiB at a time (a file that grows, a /proc file)."""
    chunks: list[bytes] = []
    left = limit
    ask = first
    while left > 0:
        chunk = os.read(fd, min(left, max(ask, 1)))
        ask = 1 << 20
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _too_large(name: str, size: int, max_bytes: int) -> TooLarge:
    return TooLarge(
        f"文件大小 {size / 1048576:.1f} MB 超过上限 {max_bytes / 1048576:.0f} MB（可用 GONGKAI_MAX_INPUT_BYTES 调整）",
        path=name,
        message_en=f"file is {size} bytes, over the {max_bytes}-byte limit (GONGKAI_MAX_INPUT_BYTES)",
    )


def _special_kind(mode: int) -> tuple[str, str]:
    if stat.S_ISFIFO(mode):
        return "命名管道（FIFO）", "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备文件", "a device"
    if stat.S_ISSOCK(mode):
        return "套接字", "a socket"
    return "特殊文件", "a special file"


_OPEN_ERRORS: dict[int, tuple[str, str]] = {
    errno.ENOENT: ("文件不存在", "no such file"),
    errno.ELOOP: ("符号链接形成循环（或层级过多），找不到实际文件", "symbolic link loop (or too many levels of links)"),
    errno.EACCES: ("没有读取该文件的权限", "permission denied"),
    errno.EPERM: ("没有读取该文件的权限", "permission denied"),
    errno.EISDIR: ("这是一个目录，不是报告文件", "this is a directory, not a report file"),
    errno.ENOTDIR: ("路径中有一部分不是目录，文件不存在", "a part of the path is not a directory"),
    errno.ENAMETOOLONG: ("文件名过长", "file name too long"),
    errno.ENXIO: ("这是没有写入方的命名管道或设备，不是普通文件", "a pipe or device with no writer, not a regular file"),
}


def _open_error(exc: OSError, name: str) -> Unreadable:
    if exc.errno == errno.ENOENT and os.path.islink(name):
        return Unreadable("符号链接指向的文件不存在", path=name, message_en="dangling symbolic link")
    zh, en = _OPEN_ERRORS.get(exc.errno or 0, (f"无法打开文件（{exc.strerror or exc}）", str(exc)))
    return Unreadable(zh, path=name, message_en=en)


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
