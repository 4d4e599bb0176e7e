"""Bytes → text for text-like inputs (plain text, Markdown, HTML), naming the file on failure.

Order: BOM, UTF-16 without a BOM (recognised by its zero bytes), then an encoding the document
declares (HTML meta / XML prolog), then strict UTF-8, then GB18030 (a superset of GBK and GB2312,
the usual encodings of Chinese government pages), then charset-normalizer's best guess.

A file that is UTF-8 (or GB18030) except for a few bad bytes — one corrupted byte, a download cut
inside a character — is read with each bad sequence replaced by "�": refusing the whole report
for one byte helps nobody. Each replacement is recorded (``DecodeNote``) and the reader turns the
notes into one reading problem that says where (see ``collect_notes`` and ``DocumentReader``).
Text that decodes only into control characters is binary.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from gongkai.errors import EncodingError, Unreadable

_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030"}
#: A file is read with replacements when at most this share of its bytes is bad (else: wrong encoding).
MAX_BAD_SHARE = 0.001
#: ... and at most this many bad places, whatever the size.
MAX_BAD_PLACES = 64
_HANDLER = "gongkai.record"


@dataclass(frozen=True, slots=True)
class DecodeNote:
    """Bad bytes replaced while decoding one file: where they were, in bytes and in lines."""

    path: str
    encoding: str
    places: tuple[tuple[int, int], ...]  # (byte offset, line number) of the first few bad sequences
    count: int  # bad sequences in the whole file
    truncated: bool  # the file ends inside a character (a cut download)

    def message(self) -> str:
        shown = "、".join(f"第 {line} 行第 {offset} 字节" for offset, line in self.places[:5])
        more = f"等 {self.count} 处" if self.count > len(self.places[:5]) else ""
        tail = "；文件末尾的字符不完整，可能被截断" if self.truncated else ""
        return (f"文件有 {self.count} 处字节不是有效的 {self.encoding} 编码（{shown}{more}），"
                f"已替换为“�”后读取{tail}，请核对原文")

    def message_en(self) -> str:
        shown = ", ".join(f"line {line} (byte {offset})" for offset, line in self.places[:5])
        tail = "; the file ends inside a character (cut off?)" if self.truncated else ""
        return f"{self.count} invalid {self.encoding} byte sequence(s) replaced by U+FFFD at {shown}{tail}"


_NOTES: ContextVar[list[DecodeNote] | None] = ContextVar("gongkai_decode_notes", default=None)
_BAD: ContextVar[list[tuple[int, int]] | None] = ContextVar("gongkai_decode_bad", default=None)


def _record(exc: UnicodeError) -> tuple[str, int]:
    assert isinstance(exc, UnicodeDecodeError)
    bad = _BAD.get()
    if bad is not None:
        bad.append((exc.start, exc.end))
    return "\ufffd", exc.end


codecs.register_error(_HANDLER, _record)


@contextmanager
def collect_notes() -> Iterator[list[DecodeNote]]:
    """Collect the notes of every ``decode`` call inside the block (readers report them)."""
    notes: list[DecodeNote] = []
    token = _NOTES.set(notes)
    try:
        yield notes
    finally:
        _NOTES.reset(token)


def utf16_without_bom(sample: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when ``sample`` is UTF-16 text without a byte-order mark.

    Reports are full of digits, spaces and line breaks, which UTF-16 writes with a zero byte on
    one side of each pair (Chinese characters rarely have a zero byte): many more zeros on one
    side than on the other, and text without control characters once decoded, mean UTF-16.
    """
    sample = sample[:8192]
    sample = sample[: len(sample) - len(sample) % 2]
    pairs = len(sample) // 2
    if pairs < 8:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    for zeros, other, enc in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros >= pairs * 0.05 and other <= zeros * 0.25:  # "一" is U+4E00: some zeros on the other side
            text = sample.decode(enc, "replace")
            controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
            if controls + text.count("\ufffd") <= len(text) * 0.01:
                return enc
    return None


def looks_binary(data: bytes) -> bool:
    """True for inputs that are clearly not text: NUL bytes or mostly control characters."""
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample:
        return not sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and utf16_without_bom(sample) is None
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
            return _forced(data, enc, path), enc
    if b"\x00" in data[:8192] and (wide := utf16_without_bom(data)) is not None:
        return _forced(data, wide, path), wide
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
    for enc in dict.fromkeys([*candidates[:1], "utf-8", "gb18030"]):  # a few bad bytes in a known encoding
        text = _lenient(data, enc, path, force=False)
        if text is not None:
            return text, enc
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding), best.encoding
        except (UnicodeDecodeError, LookupError):
            pass
    raise EncodingError("无法识别文件的文字编码（试过 UTF-8、GB18030 等）", path=path,
                        message_en="cannot determine the text encoding (tried UTF-8, GB18030 and others)")


def _forced(data: bytes, enc: str, path: str) -> str:
    """The encoding is known (a BOM, UTF-16's zero bytes): a few bad bytes are replaced, more refuse."""
    text = _lenient(data, enc, path, force=False)
    if text is None:
        first = _first_bad(data, enc)
        raise EncodingError(f"文件声明为 {enc} 编码，但第 {first} 字节处起有多处无法解码", path=path,
                            message_en=f"declared {enc} but undecodable from byte {first}")
    return text


def _first_bad(data: bytes, enc: str) -> int:
    try:
        data.decode(enc)
    except UnicodeDecodeError as exc:
        return exc.start
    return 0


def _lenient(data: bytes, enc: str, path: str, *, force: bool) -> str | None:
    """Decode with bad sequences replaced and noted; unless ``force``, None when too many are bad."""
    bad: list[tuple[int, int]] = []
    token = _BAD.set(bad)
    try:
        text = data.decode(enc, _HANDLER)
    except LookupError:
        return None
    finally:
        _BAD.reset(token)
    if not bad:
        return text
    if not force and (len(bad) > MAX_BAD_PLACES or sum(e - s for s, e in bad) > len(data) * MAX_BAD_SHARE):
        return None
    _note(data, enc, path, bad)
    return text


def _note(data: bytes, enc: str, path: str, bad: list[tuple[int, int]]) -> None:
    notes = _NOTES.get()
    if notes is None:
        return
    newline = "\n".encode(enc.replace("-sig", "")) if enc.startswith("utf-16") else b"\n"
    if enc == "utf-16":  # with a BOM: the BOM says which byte order
        newline = "\n".encode("utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be")
    merged: list[tuple[int, int]] = []  # one place per damaged character, however many bytes
    for start, end in bad:
        if merged and start <= merged[-1][1] + 3:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    places = tuple((start, data.count(newline, 0, start) + 1) for start, _ in merged[:5])
    truncated = merged[-1][1] == len(data)
    name = {"utf-8-sig": "UTF-8", "utf-8": "UTF-8", "gb18030": "GB18030"}.get(enc, enc.upper())
    notes.append(DecodeNote(path, name, places, len(merged), truncated))
