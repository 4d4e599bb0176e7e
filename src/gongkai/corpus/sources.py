"""What ``corpus build SRC...`` reads: files, folders (recursively) and manifests (one path per line).

A manifest is a file ending in ``.lst``, ``.list`` or ``.manifest``; relative paths in it are
relative to the manifest's folder, blank lines and lines starting with ``#`` are skipped. A line
that is an http(s) URL is fetched once by the driver (``downloads.py``) into the dataset's
``_downloads`` folder, and read from there on every rerun.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from gongkai.readers.suffixes import REPORT_SUFFIXES

MANIFEST_SUFFIXES: tuple[str, ...] = (".lst", ".list", ".manifest")


def _folder(root: Path) -> list[str]:
    found = [
        p for p in root.rglob("*")
        if p.suffix.lower() in REPORT_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
        and p.is_file()
    ]
    return [str(p) for p in sorted(found, key=lambda p: p.relative_to(root).parts)]


def _manifest(path: Path, problems: list[str], urls: list[str]) -> list[str]:
    out: list[str] = []
    try:
        data = path.read_bytes()
    except OSError as exc:
        from gongkai.writers.target import os_reason

        problems.append(f"{path}：清单文件无法读取（{os_reason(exc)[0]}）")
        return out
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")  # a list saved by Notepad on Chinese Windows
        except UnicodeDecodeError:
            problems.append(f"{path}：清单文件既不是 UTF-8 也不是 GBK 编码的文本，无法读取")
            return out
    lines = text.splitlines()
    for number, line in enumerate(lines, 1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        if entry.lower().startswith(("http://", "https://")):
            urls.append(entry)
            continue
        if "://" in entry:
            problems.append(f"{path} 第 {number} 行：只能读取 http/https 网址（{entry}）")
            continue
        target = Path(entry)
        out.append(os.path.abspath(target if target.is_absolute() else path.parent / target))
    return out


def expand_sources(sources: Iterable[str]) -> tuple[list[str], list[str], list[str]]:
    """Every input path and URL once (first occurrence wins), and a sentence for each source naming nothing."""
    paths: list[str] = []
    urls: list[str] = []
    problems: list[str] = []
    for source in sources:
        # absolute, so the dataset (paths, report ids, what a rerun skips) does not depend on the
        # folder the command was started in; symlinks are kept as given
        source = source if "://" in source else os.path.abspath(source)
        p = Path(source)
        if p.is_dir():
            found = _folder(p)
            if not found:
                problems.append(f"{source}：目录中没有报告文件（{' '.join(REPORT_SUFFIXES)}）")
            paths += found
        elif p.suffix.lower() in MANIFEST_SUFFIXES and p.is_file():
            paths += _manifest(p, problems, urls)
        else:
            paths.append(source)  # a missing file is read, and recorded as unreadable with its sentence
    return list(dict.fromkeys(paths)), list(dict.fromkeys(urls)), problems
