"""Guards for container formats: a report file must never exhaust memory or reach outside itself.

A DOCX is a ZIP of XML parts, so a hostile file can be a zip bomb (a few KB that inflate to GBs),
carry paths like ``../../etc/passwd`` or declare XML entities (billion laughs, XXE). Every DOCX
byte we read passes through ``open_zip``/``read_member``/``parse_xml`` here, so the limits live in
one place and every refusal is an ``InputError`` naming the file.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from gongkai.errors import Unreadable, UnsafeArchive


@dataclass(frozen=True, slots=True)
class ZipLimits:
    max_members: int = 5000
    max_total_bytes: int = 200 * 1024 * 1024  # sum of declared uncompressed sizes
    max_member_bytes: int = 100 * 1024 * 1024
    max_ratio: float = 100.0  # uncompressed / compressed, checked for members over ``ratio_floor``
    ratio_floor: int = 1024 * 1024


DEFAULT_LIMITS = ZipLimits()

_DRIVE = re.compile(r"^[A-Za-z]:")
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)

if TYPE_CHECKING:
    from lxml import etree


@cache
def _parser() -> etree.XMLParser:
    """No DTD loading, no entity expansion, no network, libxml2's default depth/size limits.

    Built on first use: lxml loads only when a DOCX is read, not for every text report.
    """
    from lxml import etree

    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )


def _shown(name: str) -> str:
    """A member name as it can be shown in one line: control characters (a line break) escaped."""
    if name.isprintable():
        return name
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in name)


def _corrupt(path: str, detail: str) -> Unreadable:
    return Unreadable("文件已损坏或不完整", path=path, message_en=f"the file is damaged or truncated ({detail})")


def open_zip(data: bytes, path: str, limits: ZipLimits = DEFAULT_LIMITS) -> zipfile.ZipFile:
    """Open ``data`` as a ZIP after checking the central directory against ``limits``."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError) as exc:
        raise _corrupt(path, str(exc)) from exc
    infos = zf.infolist()
    if len(infos) > limits.max_members:
        raise UnsafeArchive(f"压缩包内文件过多（{len(infos)} 个，上限 {limits.max_members} 个）", path=path,
                            message_en=f"too many archive members ({len(infos)})")
    total = 0
    for info in infos:
        name = info.filename.replace("\\", "/")
        if name.startswith("/") or _DRIVE.match(name) or ".." in name.split("/"):
            raise UnsafeArchive(f"压缩包内含有不安全的路径：{_shown(info.filename)}", path=path,
                                message_en=f"unsafe member path {info.filename!r}")
        if info.flag_bits & 0x1:
            raise UnsafeArchive("文件已加密（受密码保护），无法读取", path=path,
                                message_en="the archive is encrypted")
        if info.file_size > limits.max_member_bytes:
            raise UnsafeArchive(f"压缩包内文件 {_shown(info.filename)} 解压后过大（{info.file_size} 字节）", path=path,
                                message_en=f"member {info.filename!r} inflates to {info.file_size} bytes")
        if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise UnsafeArchive(f"疑似压缩炸弹：{_shown(info.filename)} 的压缩比超过 {limits.max_ratio:.0f}:1", path=path,
                                message_en=f"zip bomb suspected: {info.filename!r} compression ratio too high")
        total += info.file_size
    if total > limits.max_total_bytes:
        raise UnsafeArchive(f"压缩包解压后总大小 {total / 1048576:.0f} MB 超过上限", path=path,
                            message_en=f"archive inflates to {total} bytes, over the limit")
    return zf


def read_member(zf: zipfile.ZipFile, name: str, path: str, limits: ZipLimits = DEFAULT_LIMITS) -> bytes:
    """Read one member, never more than its declared size (which ``open_zip`` has capped)."""
    try:
        info = zf.getinfo(name)
    except KeyError as exc:
        raise Unreadable(f"文件缺少 {_shown(name)} 部分，不是有效的 Word 文档", path=path,
                         message_en=f"missing part {name}") from exc
    try:
        with zf.open(info) as fh:
            out = fh.read(min(info.file_size, limits.max_member_bytes) + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError) as exc:
        raise _corrupt(path, f"{name}: {exc}") from exc
    if len(out) > info.file_size:
        raise UnsafeArchive(f"压缩包内文件 {_shown(name)} 的实际大小超过声明大小", path=path,
                            message_en=f"member {name!r} is larger than declared")
    return out


def parse_xml(data: bytes, path: str, part: str) -> etree._Element:
    """Parse one XML part, refusing DTDs and entity declarations outright (OOXML never has them)."""
    from lxml import etree

    if b"<!" in data and _DOCTYPE.search(data):  # "<!" is rare in OOXML: skip the regex scan
        raise _entities(path, part)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        detail = " ".join(str(exc.msg).split())
        raise Unreadable(f"{_shown(part)} 不是有效的 XML（{detail}）", path=path,
                         message_en=f"{_shown(part)} is not well-formed XML: {detail}") from exc
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise _entities(path, part)  # a DOCTYPE in a non-ASCII encoding that the byte scan missed
    return root


def _entities(path: str, part: str) -> UnsafeArchive:
    return UnsafeArchive(f"{_shown(part)} 含有 DOCTYPE/实体声明（可能是 XXE 或实体炸弹攻击），已拒绝读取", path=path,
                         message_en=f"{part} declares a DOCTYPE or entities (XXE / billion laughs)")
