"""Writing an output file the user named: all or nothing, and a failure is one Chinese sentence.

Exports and bulletins are written beside the target under a hidden temporary name and renamed into
place, so a failed or interrupted export never leaves a half-written file that looks complete (a
CSV cut after its header, an xlsx Excel cannot open). ``OSError`` becomes a ``RenderError`` naming
the file and the reason in Chinese ("所在目录不存在", "没有写入权限"…), never ``strerror`` in English.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from gongkai.errors import RenderError

T = TypeVar("T")

_REASONS = {
    errno.ENOENT: ("所在目录不存在", "its folder does not exist"),
    errno.ENOTDIR: ("路径中有一段不是目录", "a part of the path is not a folder"),
    errno.EACCES: ("没有写入权限", "permission denied"),
    errno.EPERM: ("没有写入权限", "permission denied"),
    errno.EISDIR: ("这是一个目录，请给出文件名", "it is a folder; give a file name"),
    errno.ENOSPC: ("磁盘空间不足", "no space left on the device"),
    errno.EROFS: ("文件系统只读", "read-only file system"),
    errno.ENAMETOOLONG: ("文件名太长", "file name too long"),
}


def shown_path(path: str | os.PathLike[str]) -> str:
    """A path as output shows it (tables, JSON, Parquet): always valid Unicode.

    A file name that is not UTF-8 on disk (a zip made on Chinese Windows, unpacked on Linux)
    reaches Python with surrogate escapes, which neither JSON output, Arrow nor a terminal takes.
    Each such name is read as GB18030, what it nearly always is; UTF-8 parts of the path stay as
    they are. Open the file with the original string, never with this one.
    """
    text = os.fspath(path)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    parts = []
    for part in text.encode("utf-8", "surrogateescape").split(b"/"):
        try:
            parts.append(part.decode("utf-8"))
        except UnicodeDecodeError:
            parts.append(part.decode("gb18030", "replace"))
    return "/".join(parts)


def os_reason(exc: OSError) -> tuple[str, str]:
    """(Chinese, English) reason for an ``OSError`` while writing."""
    return _REASONS.get(exc.errno or 0, (f"系统错误 {exc.errno}：{exc.strerror or exc}",
                                         str(exc.strerror or exc)))


def write_error(target: Path, exc: OSError) -> RenderError:
    zh, en = os_reason(exc)
    return RenderError(f"无法写入文件（{zh}）", path=str(target), message_en=f"cannot write the file: {en}")


def write_atomically(target: Path, write: Callable[[Path], T]) -> T:
    """Call ``write(tmp)`` and rename ``tmp`` to ``target``; nothing is left at ``target`` on failure."""
    if target.is_dir():
        raise write_error(target, IsADirectoryError(errno.EISDIR, "Is a directory"))
    tmp = target.with_name(f".{target.name}.part")
    try:
        tmp.open("wb").close()  # fail here, before a writer (openpyxl) has half-built anything
    except OSError as exc:
        raise write_error(target, exc) from exc
    try:
        result = write(tmp)
        os.replace(tmp, target)
    except OSError as exc:
        _remove(tmp)
        raise write_error(target, exc) from exc
    except BaseException:
        _remove(tmp)
        raise
    return result


def write_bytes(target: Path, data: bytes) -> None:
    write_atomically(target, lambda tmp: tmp.write_bytes(data))


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
