"""Bytes → text for text-like inputs (plain text, Markdown, HTML), naming the file on failure.

Order: BOM, then an encoding the document declares (HTML meta / XML prolog), then strict UTF-8,
then GB18030 (a superset of GBK and GB2312, the usual encodings of Chinese government pages),
then charset-normalizer's best guess. Text that decodes only into control characters is binary.
"""

from __future__ import annotations

import codecs
import re

from gongkai.errors import EncodingError, Unreadable

_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030"}


def looks_binary(data: bytes) -> bool:
    """True for inputs that are clearly not text: NUL bytes or mostly control characters."""
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample and not sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls / len(sample) > 0.05


def declared_encoding(data: bytes) -> str | None:
    head = data[:4096]
    lowered = head.lower()
    if b"charset" not in lowered and b"encoding" not in lowered:
        return None  # the case-insensitive pattern would try every position for nothing
    m = _DECLARED.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    name = _ALIASES.get(name, name)
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode ``data``; return (text, encoding). Raise an InputError naming ``path``."""
    if not data.strip():
        raise Unreadable("文件为空，没有可读取的内容", path=path, message_en="the file is empty")
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _strict(data, enc, path), enc
    if looks_binary(data):
        raise Unreadable("文件是二进制数据，不是文本、HTML、DOCX 或 PDF 报告", path=path,
                         message_en="the file is binary data, not a readable report")
    candidates = []
    declared = declared_encoding(data)
    if declared:
        candidates.append(declared)
    candidates += ["utf-8", "gb18030"]
    for enc in candidates:
        try:
            return data.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding), best.encoding
        except (UnicodeDecodeError, LookupError):
            pass
    raise EncodingError("无法识别文件的文字编码（试过 UTF-8、GB18030 等）", path=path,
                        message_en="cannot determine the text encoding (tried UTF-8, GB18030 and others)")


def _strict(data: bytes, enc: str, path: str) -> str:
    try:
        return data.decode(enc)
    except UnicodeDecodeError as exc:
        raise EncodingError(f"文件声明为 {enc} 编码，但第 {exc.start} 字节处无法解码", path=path,
                            message_en=f"declared {enc} but undecodable at byte {exc.start}") from exc
