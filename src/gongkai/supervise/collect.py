"""Gathering report files: from paths, folders and zips, or fetched from a list of URLs.

Every file collected records who collected it, when and from where (``Collected``), because a
supervisor must be able to say which version an agency was judged on. The same bytes twice
(sha256) are one submission: the second arrival is listed as a duplicate, not read again.

Archives go through ``gongkai.readers.safety`` (zip bombs, ``../`` paths, encrypted members,
size caps); member names stored in GBK by Chinese Windows are decoded as such. URLs go through
``Fetcher`` (see ``fetch.py``): a polite client with a per-host rate limit, retries with backoff,
robots.txt, size and type limits, encoding detection and redirect-loop detection.

Interface (stable; the web stage uses it):

    collection = collect_paths(["reports.zip", "folder/"], by="张三")
    collection = collect_urls(["http://..."], by="张三", fetcher=Fetcher())
    collection.items: [Collected]; collection.duplicates: [Duplicate]; collection.errors: [CollectError]
    collection.add_bytes(name, data, origin=..., source=..., by=...)   # one upload
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path, PurePosixPath

from gongkai.errors import GongkaiError, TooLarge, Unreadable
from gongkai.readers.safety import DEFAULT_LIMITS, ZipLimits, open_zip, read_member
from gongkai.readers.suffixes import REPORT_SUFFIXES

#: Suffixes taken from folders and archives (as the CLI's directory expansion).
#: Formats agencies do send that cannot be read: named, so the agency is not silently "missing".
UNSUPPORTED: dict[str, str] = {
    ".doc": "旧版 Word（.doc）格式无法读取，请另存为 .docx 或 PDF 格式",
    ".wps": "WPS 文字（.wps）格式无法读取，请另存为 .docx 或 PDF 格式",
    ".rar": "RAR 压缩包无法读取，请改用 zip 格式",
    ".7z": "7z 压缩包无法读取，请改用 zip 格式",
}


class Origin(StrEnum):
    FILE = "file"  # a file given by path or uploaded
    FOLDER = "folder"  # found under a folder given
    ZIP = "zip"  # a member of an archive
    URL = "url"  # fetched from the web
    LEDGER = "ledger"  # produced by the agency's own ledger (web stage)


#: A region's zip holds hundreds of reports, PDFs of several MB among them: the per-document limits
#: of a DOCX (200 MB inflated in all) would refuse a real batch, so a batch archive gets its own.
BATCH_ZIP_LIMITS = ZipLimits(max_members=20_000, max_total_bytes=2 * 1024 * 1024 * 1024,
                             max_member_bytes=50 * 1024 * 1024, max_ratio=DEFAULT_LIMITS.max_ratio,
                             ratio_floor=DEFAULT_LIMITS.ratio_floor)


@dataclass(frozen=True, slots=True)
class CollectLimits:
    max_file_bytes: int = 50 * 1024 * 1024
    max_total_bytes: int = 2 * 1024 * 1024 * 1024
    zip: ZipLimits = BATCH_ZIP_LIMITS


@dataclass(frozen=True, slots=True)
class Collected:
    """One file as collected; ``name`` is how people see it (path, "a.zip!x/y.docx", or URL)."""

    name: str
    data: bytes = field(repr=False)
    sha256: str
    origin: Origin
    source: str  # the path, archive or URL given
    collected_by: str | None
    collected_at: datetime
    url: str | None = None  # the final URL, after redirects
    content_type: str | None = None
    encoding: str | None = None  # detected text encoding of a web page

    @property
    def reader_name(self) -> str:
        """A name whose suffix tells the reader the format (web pages often have none)."""
        if self.origin is Origin.URL and not PurePosixPath(self.name.split("?")[0]).suffix:
            kind = (self.content_type or "").split(";")[0].strip()
            return self.name + {"text/html": ".html", "application/pdf": ".pdf", "text/plain": ".txt"}.get(kind, "")
        return self.name


@dataclass(frozen=True, slots=True)
class Duplicate:
    name: str
    same_as: str  # the name of the first file with these bytes
    sha256: str


@dataclass(frozen=True, slots=True)
class CollectError:
    source: str
    message: str  # one Chinese sentence


@dataclass
class Collection:
    items: list[Collected] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    errors: list[CollectError] = field(default_factory=list)
    limits: CollectLimits = field(default_factory=CollectLimits)
    total_bytes: int = 0

    def __post_init__(self) -> None:
        self._by_sha: dict[str, Collected] = {item.sha256: item for item in self.items}

    def add_bytes(self, name: str, data: bytes, *, origin: Origin, source: str, by: str | None,
                  url: str | None = None, content_type: str | None = None, encoding: str | None = None,
                  at: datetime | None = None) -> Collected | None:
        """Add one file; return it, or None when it is a duplicate or over a limit (recorded)."""
        if len(data) > self.limits.max_file_bytes:
            self.errors.append(CollectError(name, f"文件大小 {len(data) / 1048576:.1f} MB 超过上限（"
                                                  f"{self.limits.max_file_bytes / 1048576:.0f} MB）"))
            return None
        if self.total_bytes + len(data) > self.limits.max_total_bytes:
            self.errors.append(CollectError(name, "本批文件总大小超过上限，其余文件未收取"))
            return None
        sha = hashlib.sha256(data).hexdigest()
        first = self._by_sha.get(sha)
        if first is not None:
            self.duplicates.append(Duplicate(name, first.name, sha))
            return None
        item = Collected(name, data, sha, origin, source, by, at or datetime.now(UTC), url, content_type, encoding)
        self.items.append(item)
        self._by_sha[sha] = item
        self.total_bytes += len(data)
        return item

    def fail(self, source: str, exc: GongkaiError | str) -> None:
        message = exc.message if isinstance(exc, GongkaiError) else exc
        self.errors.append(CollectError(source, message))


def shown_name(path: str | Path) -> str:
    """A path as printed, in JSON and on pages (GBK names on disk decoded, see ``shown_path``)."""
    from gongkai.writers.target import shown_path

    return shown_path(path)


def _os_reason(exc: OSError) -> str:
    """Why a file could not be read, in Chinese (``strerror`` is English)."""
    import errno

    from gongkai.writers.target import os_reason

    return "文件已不存在" if exc.errno == errno.ENOENT else os_reason(exc)[0]


def collect_paths(paths: Iterable[str | Path], *, by: str | None = None,
                  limits: CollectLimits | None = None, collection: Collection | None = None) -> Collection:
    """Files, folders (recursively, report suffixes, hidden entries skipped) and .zip archives."""
    out = collection if collection is not None else Collection(limits=limits or CollectLimits())
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file()
                           and p.suffix.lower() in (*REPORT_SUFFIXES, ".zip", *UNSUPPORTED)
                           and not any(part.startswith((".", "__MACOSX")) for part in p.relative_to(path).parts))
            if not found:
                out.fail(shown_name(path), "目录中没有报告文件")
            for p in found:
                _add_file(out, p, Origin.FOLDER, shown_name(path), by)
        elif path.is_file():
            _add_file(out, path, Origin.FILE, shown_name(path), by)
        else:
            out.fail(shown_name(path), "文件或目录不存在")
    return out


def _add_file(out: Collection, path: Path, origin: Origin, source: str, by: str | None) -> None:
    name = shown_name(path)
    if path.suffix.lower() in UNSUPPORTED:
        out.fail(name, UNSUPPORTED[path.suffix.lower()])
        return
    try:
        size = path.stat().st_size
    except OSError as exc:  # gone between listing the folder and reading it
        out.fail(name, f"无法打开文件（{_os_reason(exc)}）")
        return
    if path.suffix.lower() == ".zip":
        if size > out.limits.max_total_bytes:
            out.fail(name, "压缩包过大")
            return
        try:
            add_zip(out, path.read_bytes(), name, by=by)
        except OSError as exc:
            out.fail(name, f"无法打开文件（{_os_reason(exc)}）")
        return
    if size > out.limits.max_file_bytes:
        out.fail(name, f"文件大小 {size / 1048576:.1f} MB 超过上限（{out.limits.max_file_bytes / 1048576:.0f} MB）")
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        out.fail(name, f"无法打开文件（{_os_reason(exc)}）")
        return
    out.add_bytes(name, data, origin=origin, source=source, by=by)


def add_zip(out: Collection, data: bytes, name: str, *, by: str | None) -> None:
    """Every report file inside one archive (nested archives are refused, not opened)."""
    try:
        zf = open_zip(data, name, out.limits.zip)
    except GongkaiError as exc:
        out.fail(name, exc)
        return
    with zf:
        members = [i for i in zf.infolist() if not i.is_dir()]
        taken = 0
        for info in members:
            member = member_name(info.filename, info.flag_bits)
            parts = PurePosixPath(member).parts
            if any(p.startswith((".", "__MACOSX")) for p in parts):
                continue
            suffix = PurePosixPath(member).suffix.lower()
            shown = f"{name}!{member}"
            if suffix == ".zip":
                out.fail(shown, "压缩包内还有压缩包，未展开；请解压后再上传")
                continue
            if suffix in UNSUPPORTED:
                out.fail(shown, UNSUPPORTED[suffix])
                continue
            if suffix not in REPORT_SUFFIXES:
                continue
            try:
                raw = read_member(zf, info.filename, name, out.limits.zip)
            except GongkaiError as exc:
                out.fail(shown, exc)
                continue
            taken += 1
            out.add_bytes(shown, raw, origin=Origin.ZIP, source=name, by=by)
        if not taken and not any(e.source.startswith(name) for e in out.errors):
            out.fail(name, "压缩包中没有报告文件")


def member_name(filename: str, flag_bits: int) -> str:
    """A member's name as its author saw it: without the UTF-8 flag, zipfile decoded it as cp437,
    but Chinese Windows stores GBK there."""
    name = filename.replace("\\", "/")
    if flag_bits & 0x800:
        return name
    try:
        return name.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return name


def collect_urls(urls: Iterable[str], *, by: str | None = None, fetcher: object | None = None,
                 limits: CollectLimits | None = None, collection: Collection | None = None) -> Collection:
    """Fetch each URL politely (``Fetcher``); a URL that fails is an error entry, never an abort."""
    from gongkai.readers.fetch import Fetcher

    out = collection if collection is not None else Collection(limits=limits or CollectLimits())
    client = fetcher if isinstance(fetcher, Fetcher) else Fetcher()
    try:
        for url in urls:
            url = url.strip()
            if not url or url.startswith("#"):
                continue
            try:
                page = client.fetch(url)
            except (Unreadable, TooLarge) as exc:
                out.fail(url, exc)
                continue
            out.add_bytes(url, page.data, origin=Origin.URL, source=url, by=by, url=page.url,
                          content_type=page.content_type, encoding=page.encoding)
    finally:
        if fetcher is None:
            client.close()
    return out
